// Every procedure of the bundled national catalogue, and the 18 common ones of the shared sample, maps to
// valid portal payloads: a dossier of each (its catalogue components and fees, a life through supplement,
// payment, result and return) gives a DongBoHoSoMC after every event and a CapNhatTienDoHoSoMC for every
// progress event that the portal's own schema accepts (required fields, codes in range, dates
// yyyyMMddHHmmss). In-process loop over the catalogue rows read from a real database.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { CapNhatTienDoHoSoMC, DongBoHoSoMC } from '../../src/platform/ports/national-portal.js';
import { dongBoHoSo, portalDateTime, serviceFor, tienDoHoSo, type SyncDossier, type SyncNames } from '../../src/modules/portal-sync/dvcqg-mapping.js';
import type { DossierEvent, InternalState } from '../../src/modules/workflow/types.js';
import { startTestApp, type TestApp } from '../helpers.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => t?.close());

const T0 = Date.parse('2026-11-23T02:00:00Z');
const H = 3_600_000;
const names: SyncNames = { users: new Map([['u1', 'Trần Văn Bình']]), agencies: new Map([['a1', 'Sở Tư pháp']]) };

/** A life of a dossier: [action, from, to, payload, clock]. */
const LIFE: [string, InternalState | null, InternalState, Record<string, unknown>, Record<string, string> | null][] = [
  ['receive', null, 'accepted', {}, { acceptedAt: iso(0), dueAt: iso(240) }],
  ['forward', 'accepted', 'processing', {}, null],
  ['claim', 'processing', 'processing', {}, null],
  ['mark_due_soon', 'processing', 'processing', {}, null],
  ['request_supplement', 'processing', 'awaiting_supplement', { reason: 'Thiếu giấy tờ', items: ['Bản sao CCCD'] }, { previousDueAt: iso(240) }],
  ['receive_supplement', 'awaiting_supplement', 'processing', { suspendedHours: 48 }, { dueAt: iso(300) }],
  ['request_payment', 'processing', 'awaiting_payment', { amount: 100000 }, null],
  ['confirm_payment', 'awaiting_payment', 'processing', { amount: 100000, method: 'online' }, null],
  ['approve', 'processing', 'processing', {}, null],
  ['record_result', 'processing', 'result_ready', { documents: [{ number: '15/QĐ-STP', date: '2026-12-01', signer: 'Phạm Quốc Hưng', fileId: 'f1' }] }, null],
  ['return_result', 'result_ready', 'returned', { method: 'post', trackingNumber: 'EA123456789VN' }, null],
];
function iso(hours: number): string {
  return new Date(T0 + hours * H).toISOString();
}
const EVENTS: DossierEvent[] = LIFE.map(([action, fromState, toState, payload, clock], i) => ({
  dossierId: '00000000-0000-4000-8000-000000000001', version: i + 1, action: action as DossierEvent['action'], fromState, toState,
  fromStepKey: null, stepKey: 'handle', agencyId: 'a1', assigneeId: null, at: iso(i * 5), actor: { userId: 'u1', roles: ['handler'], agencyId: 'a1' },
  note: null, payload, handover: null, clock,
}));

interface CatalogRow { code: string; name: string; field: string | null; kinds: string[]; fees: any[]; components: string[] }

function dossierOf(p: CatalogRow): SyncDossier {
  const channel = p.kinds.includes('online') ? 2 : p.kinds.includes('postal') ? 3 : 1;
  return {
    code: 'H56.01-261123-0001', channel, procedureCode: p.code, procedureName: p.name, fieldCode: null, fieldName: p.field,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Bích Ngọc', idNumber: '038190012345', phone: '0912345678', email: 'ngoc@example.vn', address: { line: '12 Lê Lợi', communeCode: '14797' } },
    filing: { components: p.components.map((name, i) => ({ name, provided: true, form: i % 2 ? 'copy' : 'original', copies: 1, fileId: i === 0 ? 'f0' : undefined })), fees: p.fees, delivery: { method: 'post' } },
    receivingAgencyCode: '000.00.01.H56', competentAgencyCode: '000.00.02.H56', vneidVerified: channel === 2,
  };
}

/** Every payload of the dossier's life that fails the portal's schema, as "code@version: issue". */
function problemsOf(p: CatalogRow): string[] {
  const d = dossierOf(p);
  const out: string[] = [];
  for (let i = 0; i < EVENTS.length; i++) {
    const upTo = EVENTS.slice(0, i + 1);
    const service = serviceFor(upTo.at(-1)!);
    if (!service) continue;
    const r = DongBoHoSoMC.safeParse(dongBoHoSo(d, upTo, names));
    if (!r.success) out.push(`${p.code}@${i + 1} DongBo: ${r.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    if (service === 'CapNhatTienDoHoSoMC') {
      const q = CapNhatTienDoHoSoMC.safeParse(tienDoHoSo(d, upTo, names));
      if (!q.success) out.push(`${p.code}@${i + 1} TienDo: ${q.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    }
  }
  return out;
}

async function catalogue(): Promise<CatalogRow[]> {
  const r = await sql<CatalogRow>`
    SELECT p.code, v.name, v.field,
      COALESCE((SELECT array_agg(c.kind ORDER BY c.ordinal) FROM procedure_channels c WHERE c.version_id = v.id), '{}') AS kinds,
      COALESCE((SELECT jsonb_agg(f) FROM procedure_channels c, jsonb_array_elements(c.fees) f WHERE c.version_id = v.id), '[]') AS fees,
      COALESCE((SELECT array_agg(k.name ORDER BY k.ordinal) FROM procedure_components k WHERE k.version_id = v.id), '{}') AS components
    FROM procedures p JOIN procedure_versions v ON v.id = p.current_version_id ORDER BY p.code`.execute(t.ctx.db);
  return r.rows;
}

describe('DVCQG payloads for the whole catalogue', () => {
  it('every procedure of the bundled catalogue: every payload of a dossier\'s life passes the portal\'s schema', async () => {
    const rows = await catalogue();
    expect(rows.length).toBeGreaterThan(1000);
    const problems = rows.flatMap(problemsOf);
    expect(problems.slice(0, 10)).toEqual([]);
    // the fees of the catalogue reach DanhSachLePhi (some procedures charge)
    const charged = rows.filter((p) => dongBoHoSo(dossierOf(p), EVENTS, names).DanhSachLePhi.some((f) => f.Gia > 0));
    expect(charged.length).toBeGreaterThan(0);
  }, 300_000);

  it('the 18 common procedures of the shared sample: in the catalogue and mapped', async () => {
    const sample = JSON.parse(readFileSync('/work/shared/data/tthc/tthc_sample_18_common.json', 'utf8')) as { ma_thu_tuc: string; ten_thu_tuc: string; linh_vuc: string }[];
    expect(sample).toHaveLength(18);
    const byCode = new Map((await catalogue()).map((r) => [r.code, r]));
    expect(sample.filter((x) => byCode.has(x.ma_thu_tuc))).toHaveLength(18);
    for (const s of sample) {
      const row = byCode.get(s.ma_thu_tuc)!;
      expect(problemsOf(row)).toEqual([]);
      const last = dongBoHoSo(dossierOf(row), EVENTS, names);
      expect(last).toMatchObject({ MaTTHC: s.ma_thu_tuc, TrangThaiHoSo: 10, HinhThuc: 1, DuocThanhToanTrucTuyen: 2, NgayTiepNhan: '20261123090000' });
    }
  }, 120_000);

  it('the portal\'s statuses and dates: status 1–10 per event, Vietnam time, the order carried', () => {
    const d = dossierOf({ code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', kinds: ['in_person'], fees: [], components: ['Tờ khai'] });
    const statuses = EVENTS.map((_, i) => (serviceFor(EVENTS[i]!) ? dongBoHoSo(d, EVENTS.slice(0, i + 1), names).TrangThaiHoSo : null));
    expect(statuses).toEqual([2, 4, 4, null, 5, 4, 6, 4, 4, 9, 10]);
    expect(EVENTS.map((e) => serviceFor(e))).toEqual(['DongBoHoSoMC', 'DongBoHoSoMC', 'CapNhatTienDoHoSoMC', null, 'DongBoHoSoMC', 'DongBoHoSoMC', 'DongBoHoSoMC', 'DongBoHoSoMC', 'CapNhatTienDoHoSoMC', 'DongBoHoSoMC', 'DongBoHoSoMC']);
    expect(portalDateTime('2026-12-31T17:30:00Z')).toBe('20270101003000');
    const last = dongBoHoSo(d, EVENTS, names);
    expect(last.SoThuTuDongBo).toBe(11);
    expect(last.DanhSachHoSoBoSung).toEqual([{ NguoiYeuCauBoSung: 'Trần Văn Bình', NoiDungBoSung: 'Thiếu giấy tờ: Bản sao CCCD', NgayBoSung: portalDateTime(iso(20)), NgayHenTraTruoc: portalDateTime(iso(240)), NgayTiepNhanBoSung: portalDateTime(iso(25)), NgayHenTraMoi: portalDateTime(iso(300)) }]);
    expect(last.NgayHenTra).toBe(portalDateTime(iso(300)));
    expect(last.NgayTra).toBe(portalDateTime(iso(50)));
    expect(last.TaiLieuNop[0]).toMatchObject({ DuocSoHoa: 1, LoaiBan: 2 });
    expect(last.HoSoCoThanhPhanSoHoa).toBe(1);
  });
});
