// The pure form builders: what form 01 reads from the filing and how it words it, the notices 02–05, the
// control slip's receivers (form 06) and the register rows (form 07).
import { describe, expect, it } from 'vitest';
import { deliveryPlaceText, feesText, legalTimeText, receiptFacts, receiptQr, receiptVars } from './form-01-receipt.js';
import { dossierVars } from './dossier-vars.js';
import { apologyVars, lastEvent, refusalVars, stopVars } from './notice-forms.js';
import { receiverOf } from './form-06-control-slip.js';
import { registerRow, type RegisterEntry } from './form-07-register.js';
import type { DossierEvent } from '../../workflow/types.js';

const event = (over: Partial<DossierEvent>): DossierEvent =>
  ({
    dossierId: 'd1', version: 1, action: 'receive', fromState: null, toState: 'accepted', fromStepKey: null, stepKey: 's1', agencyId: 'a1',
    assigneeId: null, at: '2026-03-02T02:00:00.000Z', actor: { userId: 'u1', roles: [], agencyId: 'a1' }, note: null, payload: {}, handover: null, clock: null,
    ...over,
  }) as DossierEvent;

describe('form 01: receipt', () => {
  it('lists the components handed in, digitised when a file is linked, reused from a file or the citizen store', () => {
    const facts = receiptFacts(
      {
        components: [
          { name: 'Tờ khai', form: 'original', fileId: 'f1' },
          { name: 'CCCD', fileId: 'f2' },
          { name: 'Không nộp', provided: false },
          { name: 'Giấy cũ', reusedFrom: 'X' },
        ],
      },
      [{ id: 'f1' }, { id: 'f2', from_citizen_store: true }],
    );
    expect(facts.components).toEqual([
      { name: 'Tờ khai', form: 'original', copies: 1, digitised: true, reused: false },
      { name: 'CCCD', form: 'copy', copies: 1, digitised: true, reused: true },
      { name: 'Giấy cũ', form: 'copy', copies: 1, digitised: false, reused: true },
    ]);
    expect(facts.delivery).toEqual({ method: 'counter' });
    expect(facts.legalTime).toEqual({ hours: null, sameDay: false });
  });

  it('words the legal time, fees and delivery place', () => {
    expect(legalTimeText({ hours: 20, sameDay: false })).toBe('2.5 ngày làm việc');
    expect(legalTimeText({ hours: 20, sameDay: true })).toBe('Trong ngày làm việc');
    expect(legalTimeText({ hours: null, sameDay: false })).toBe('');
    expect(feesText([])).toBe('Không');
    expect(feesText([{ name: 'Phí, lệ phí', amountVnd: 50000 }, { name: 'Lệ phí cấp bản sao', amountVnd: 0 }, { text: 'Theo quy định' }])).toBe(
      '50.000 đồng; Lệ phí cấp bản sao: Miễn phí; Theo quy định',
    );
    expect(deliveryPlaceText({ method: 'post' }, 'TTHCC', '1 Lê Lợi')).toBe('Qua dịch vụ bưu chính công ích, địa chỉ: 1 Lê Lợi');
    expect(deliveryPlaceText({ method: 'counter' }, 'TTHCC', '')).toBe('Bộ phận tiếp nhận và trả kết quả – TTHCC');
  });

  it('numbers the dossier in the register book from 1 and puts the secret in the QR only when given', () => {
    const vars = receiptVars({
      facts: receiptFacts({}, []),
      acceptedAt: '2026-03-02T02:00:00.000Z',
      dueAt: null,
      place: 'P',
      applicantAddress: '',
      registerBook: '2026',
      registerSeq: 0,
      officerName: 'A',
    });
    expect(vars).toMatchObject({ sets: '01', registerSeq: '1', registerBook: '2026', fees: 'Không', appointmentAt: '' });
    expect(receiptQr('https://x', 'H1.2', null).url).toBe('https://x/tra-cuu?code=H1.2');
    expect(receiptQr('https://x', 'H1.2', 's e').url).toBe('https://x/tra-cuu?code=H1.2&secret=s%20e');
  });

  it('common variables: the applicant, the representative, the received date', () => {
    const vars = dossierVars(
      {
        code: null, procedureName: 'P', procedureCode: '1.1', applicantName: 'Nguyễn A', acceptedAt: null, submittedAt: '2026-03-02T02:00:00.000Z',
        applicant: { idNumber: '001', representative: { fullName: 'B' } }, agencies: { receiving: { name: 'R' } },
      },
      'addr',
    );
    expect(vars).toMatchObject({ code: '', receivingAgency: 'R', competentAgency: '', receivedDate: '02/03/2026', applicantId: '001', repName: 'B', applicantAddress: 'addr' });
  });
});

describe('forms 02–05: notices', () => {
  it('reads the last matching event and its payload', () => {
    const events = [event({ version: 1, action: 'refuse', payload: { reason: 'a' } }), event({ version: 2, action: 'reject', payload: { reason: 'b' } })];
    const e = lastEvent(events, ['refuse', 'reject'])!;
    expect(refusalVars(e, 'X', { receivingAgency: 'R', competentAgency: 'C' })).toMatchObject({ reason: 'b', refusingAgency: 'C', officerName: 'X' });
    expect(refusalVars(events[0]!, 'X', { receivingAgency: 'R', competentAgency: 'C' }).refusingAgency).toBe('Bộ phận tiếp nhận và trả kết quả R');
    expect(apologyVars(event({ action: 'apologize', payload: { reason: 'r' } }), 'H', { originalDueAt: null, dueAt: null })).toMatchObject({ previousDue: '', newDue: '', headName: 'H' });
    const stop = event({ action: 'stop', payload: { reason: 'own' } });
    expect(stopVars(stop, event({ action: 'request_withdrawal', payload: { reason: 'citizen' } }), 'O').reason).toBe('citizen');
    expect(stopVars(stop, undefined, 'O').reason).toBe('own');
  });
});

describe('form 06: control slip', () => {
  it('a hand-over to a pool is received by whoever claims or is assigned it next', () => {
    const row = { version: 3, receiver: { userId: null } } as never;
    expect(receiverOf(row, [event({ version: 4, action: 'claim', actor: { userId: 'u9', roles: [], agencyId: 'a' } })])).toBe('u9');
    expect(receiverOf(row, [event({ version: 4, action: 'assign', payload: { userId: 'u7' } })])).toBe('u7');
    expect(receiverOf(row, [event({ version: 2, action: 'claim' })])).toBeNull();
  });
});

describe('form 07: register', () => {
  it('one row per dossier: lead agencies with the transfers, delivery label, overdue note', () => {
    const entry: RegisterEntry = {
      code: 'H1', procedureName: 'P', applicantName: 'A', applicant: { address: { line: '1 Lê Lợi' }, phone: '09' }, filing: { delivery: { method: 'post' } },
      competentAgency: { name: 'C' }, acceptedAt: '2026-03-02T02:00:00.000Z', dueAt: null, returnedAt: null, overdue: true,
      state: { visitedSteps: ['s1'], stepEnteredAt: null, transfers: [{ toAgencyId: 't1', sentAt: '2026-03-03T02:00:00.000Z' }] as never, result: null },
    };
    expect(registerRow(entry, (id) => (id === 't1' ? 'T' : undefined))).toMatchObject({
      code: 'H1', contact: '1 Lê Lợi; 09', leadAgency: 'C; T', receivedAt: '02/03/2026 09:00', transferredAt: '03/03/2026 09:00', delivery: 'Bưu chính', note: 'Quá hạn',
    });
  });
});
