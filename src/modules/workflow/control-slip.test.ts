import { describe, expect, it } from 'vitest';
import { buildControlSlip, controlSlipRows } from './control-slip.js';
import { A, AGENCY, CENTRE, DOC, OTHER, Sim } from '../../../test/workflow/simulator.js';

function fullRun(): Sim {
  const s = Sim.start({ input: { code: '000.00.01.H22-260302-0001' } });
  s.advance(1).do('forward', A.reception, undefined, 'Kèm 2 bộ hồ sơ');
  s.do('claim', A.handler);
  s.do('consult', A.handler, { agencyId: 'dept-3', hours: 8 });
  s.advance(4).do('transfer', A.handler, { agencyId: OTHER, hours: 8 });
  s.advance(9).do('return_transfer', A.otherHandler);
  s.advance(2).do('forward', A.handler);
  s.advance(1).do('send_back', A.leader, { toStep: 'handling', reason: 'Bổ sung căn cứ' });
  s.advance(1).do('forward', A.handler);
  s.advance(1).do('approve', A.leader);
  s.advance(3).do('record_result', A.clerk, { documents: [DOC] });
  s.advance(1).do('return_result', A.returner, { method: 'counter' });
  return s;
}

describe('control slip (form 06)', () => {
  it('one row per hand-over with giver, receiver, time, classification and note', () => {
    const s = fullRun();
    const rows = controlSlipRows(s.events, { process: s.process });
    expect(rows.map((r) => r.action)).toEqual([
      'forward', 'transfer', 'return_transfer', 'forward', 'send_back', 'forward', 'approve', 'record_result', 'return_result',
    ]);
    expect(rows.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows[0]).toMatchObject({
      giver: { agencyId: CENTRE, stepKey: 'reception', stepNameVi: 'Tiếp nhận hồ sơ', userId: 'u-rec', applicant: false },
      receiver: { agencyId: AGENCY, stepKey: 'handling', userId: null },
      at: '2026-03-02T10:00:00.000Z',
      dueAt: '2026-03-02T13:00:00.000Z',
      classification: 'early',
      classificationVi: 'Trước hạn',
      note: 'Kèm 2 bộ hồ sơ',
    });
    expect(rows[1]!.receiver).toMatchObject({ agencyId: OTHER, stepKey: null });
    expect(rows[2]!).toMatchObject({ giver: { agencyId: OTHER, userId: 'u-oth' }, classification: 'late', classificationVi: 'Quá hạn' });
    expect(rows[4]!.note).toBe('Bổ sung căn cứ');
    expect(rows[4]!.receiver.userId).toBe('u-han');
    expect(rows[7]!.receiver).toMatchObject({ agencyId: CENTRE, stepKey: 'return', stepNameVi: 'Trả kết quả' });
    expect(rows[8]!.receiver.applicant).toBe(true);
    for (const r of rows) expect(['early', 'on_time', 'late']).toContain(r.classification);
  });

  it('the header: code, handling agency, cooperating agencies', () => {
    const slip = buildControlSlip(fullRun().events);
    expect(slip.dossierId).toBe('d1');
    expect(slip.code).toBe('000.00.01.H22-260302-0001');
    expect(slip.handlingAgencyId).toBe(AGENCY);
    expect(slip.cooperatingAgencyIds).toEqual(['dept-3', OTHER]);
    expect(slip.rows).toHaveLength(9);
    expect(slip.rows[0]!.giver.stepNameVi).toBeNull(); // no process given → no names
  });

  it('uses the latest code (issued at acceptance) and tolerates unordered events', () => {
    const s = Sim.start({ input: { channel: 2 } });
    s.do('accept', A.reception, { code: 'X-260302-0007' });
    s.do('forward', A.reception);
    const slip = buildControlSlip([...s.events].reverse());
    expect(slip.code).toBe('X-260302-0007');
    expect(slip.rows.map((r) => r.version)).toEqual([3]);
  });

  it('empty log → empty slip', () => {
    expect(buildControlSlip([])).toEqual({ dossierId: null, code: null, handlingAgencyId: null, cooperatingAgencyIds: [], rows: [] });
  });

  it('a late step is marked "Quá hạn"', () => {
    const s = Sim.start();
    s.advance(6).do('forward', A.reception);
    expect(controlSlipRows(s.events)[0]).toMatchObject({ classification: 'late', classificationVi: 'Quá hạn' });
  });
});
