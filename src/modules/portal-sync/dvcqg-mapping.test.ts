// DuocThanhToanTrucTuyen in the DongBoHoSoMC payload (pure): 0 unless the dossier's fees were paid online;
// 1 when the DVCQG payment platform settled them, 2 through the province's own gateway (VNPay, the simulated
// one) or an official recording "online" without a gateway; the fee lines' HinhThucThu follows.
import { describe, expect, it } from 'vitest';
import { DongBoHoSoMC } from '../../platform/ports/national-portal.js';
import { dongBoHoSo, paidOnlineFlag, type SyncDossier, type SyncNames } from './dvcqg-mapping.js';
import type { DossierEvent, InternalState } from '../workflow/types.js';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const names: SyncNames = { users: new Map([['u1', 'Trần Văn Bình']]), agencies: new Map([['a1', 'Sở Tư pháp']]) };
const iso = (h: number) => new Date(T0 + h * 3_600_000).toISOString();

function ev(version: number, action: string, fromState: InternalState | null, toState: InternalState, payload: Record<string, unknown> = {}): DossierEvent {
  return {
    dossierId: '00000000-0000-4000-8000-000000000001', version, action: action as DossierEvent['action'], fromState, toState,
    fromStepKey: null, stepKey: 'handle', agencyId: 'a1', assigneeId: null, at: iso(version), actor: { userId: 'u1', roles: ['handler'], agencyId: 'a1' },
    note: null, payload, handover: null, clock: version === 1 ? { acceptedAt: iso(0), dueAt: iso(240) } as DossierEvent['clock'] : null,
  };
}

const dossier: SyncDossier = {
  code: 'H56.01-261123-0001', channel: 2, procedureCode: '3.000333', procedureName: 'Cấp Phiếu Lý lịch tư pháp', fieldCode: null, fieldName: 'Lý lịch tư pháp',
  applicant: { kind: 'individual', fullName: 'Nguyễn Thị Bích Ngọc', idNumber: '038190012345' },
  filing: { components: [{ name: 'Tờ khai', provided: true }], fees: [{ name: 'Lệ phí cấp Phiếu lý lịch tư pháp', amountVnd: 200_000 }] },
  receivingAgencyCode: '000.00.01.H56', competentAgencyCode: '000.00.02.H56', vneidVerified: true,
};

/** The dossier's log up to a confirmation with this payload (null: the payment is still awaited). */
function life(confirm: Record<string, unknown> | null): DossierEvent[] {
  const out = [
    ev(1, 'receive', null, 'accepted'),
    ev(2, 'forward', 'accepted', 'processing'),
    ev(3, 'request_payment', 'processing', 'awaiting_payment', { amount: 200_000 }),
  ];
  if (confirm) out.push(ev(4, 'confirm_payment', 'awaiting_payment', 'processing', { amount: 200_000, ...confirm }));
  return out;
}

const payload = (events: DossierEvent[]) => DongBoHoSoMC.parse(dongBoHoSo(dossier, events, names));

describe('DuocThanhToanTrucTuyen', () => {
  it('1 when the DVCQG payment platform settled the fees', () => {
    const p = payload(life({ method: 'online', gateway: 'dvcqg', receiptNumber: 'BLDT-26-0000001' }));
    expect(p.DuocThanhToanTrucTuyen).toBe(1);
    expect(p.DanhSachLePhi).toEqual([{ TenPhiLePhi: 'Lệ phí cấp Phiếu lý lịch tư pháp', HinhThucThu: 2, Gia: 200_000, LoaiPhiLePhi: 2 }]);
  });

  it('2 through the province\'s own gateway, or an official recording "online" without naming it', () => {
    for (const gateway of ['vnpay', 'simulated', undefined]) {
      expect(payload(life({ method: 'online', ...(gateway ? { gateway } : {}) })).DuocThanhToanTrucTuyen, String(gateway)).toBe(2);
    }
  });

  it('0 when paid at the desk, not paid yet, or exempt', () => {
    for (const method of ['cash', 'bank_transfer', 'pos']) {
      const p = payload(life({ method }));
      expect(p.DuocThanhToanTrucTuyen, method).toBe(0);
      expect(p.DanhSachLePhi[0]!.HinhThucThu).toBe(1);
    }
    expect(payload(life(null)).DuocThanhToanTrucTuyen).toBe(0);
    expect(payload(life({ amount: 0 })).DuocThanhToanTrucTuyen).toBe(0);
  });

  it('a later online payment counts; the latest online confirmation names the gateway', () => {
    const events = [
      ...life({ method: 'cash' }),
      ev(5, 'request_payment', 'processing', 'awaiting_payment', { amount: 10_000 }),
      ev(6, 'confirm_payment', 'awaiting_payment', 'processing', { amount: 10_000, method: 'online', gateway: 'dvcqg' }),
      ev(7, 'forward', 'processing', 'processing'),
    ];
    expect(paidOnlineFlag(events)).toBe(1);
    expect(paidOnlineFlag(events.slice(0, 4))).toBe(0);
  });
});
