// Step and consultation deadline flags (system events of the deadline sweep): idempotent, never move a
// deadline, follow the current step.
import { describe, expect, it } from 'vitest';
import { consultationFlags, fold, stepFlags, type DecideResult } from './state-machine.js';
import { A, DOC, OTHER, Sim } from '../../../test/workflow/simulator.js';

function expectFail(r: DecideResult, code: string) {
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.code).toBe(code);
}

const clocks = (s: Sim) => ({ dueAt: s.state.dueAt, originalDueAt: s.state.originalDueAt, stepDueAt: s.state.stepDueAt, stepEnteredAt: s.state.stepEnteredAt });

// Default process, 40 h: reception 4, handling 24, approval 6, issue 2, return 4.
function claimedHandling(config = {}) {
  const s = Sim.start({ config });
  s.advance(1).do('forward', A.reception);
  s.do('claim', A.handler);
  return s;
}

describe('mark_step_due_soon / mark_step_overdue', () => {
  it('flag the current step once, without moving any deadline; a new step clears them', () => {
    const s = claimedHandling();
    expectFail(s.try('mark_step_due_soon', A.system), 'NOT_DUE');
    expectFail(s.try('mark_step_overdue', A.system), 'NOT_DUE');
    expectFail(s.try('mark_step_overdue', A.leader), 'FORBIDDEN');
    const before = clocks(s);
    const stepDue = new Date(s.state.stepDueAt!);
    s.now = new Date(stepDue.getTime() - 60 * 60_000); // 1 working hour left (default window 2 h)
    const e = s.do('mark_step_due_soon', A.system)!;
    expect(e.payload).toEqual({ stepKey: 'handling', stepDueAt: before.stepDueAt });
    expect(e.actor.system).toBe(true);
    expect(stepFlags(s.state)).toEqual({ dueSoon: true, overdue: false });
    expect(s.try('mark_step_due_soon', A.system)).toEqual({ ok: true, events: [] });
    s.now = new Date(stepDue.getTime() + 60_000);
    s.do('mark_step_overdue', A.system);
    expect(stepFlags(s.state)).toEqual({ dueSoon: true, overdue: true });
    const v = s.state.version;
    expect(s.try('mark_step_overdue', A.system)).toEqual({ ok: true, events: [] });
    expect(s.try('mark_step_due_soon', A.system)).toEqual({ ok: true, events: [] });
    expect(s.state.version).toBe(v);
    expect(clocks(s)).toEqual(before);
    expect(s.state.overdue).toBe(false); // the appointment is not overdue
    // next step: new stepDueAt, flags cleared
    s.do('forward', A.handler);
    expect(stepFlags(s.state)).toEqual({ dueSoon: false, overdue: false });
    expect(fold(s.events)).toEqual(s.state);
  });

  it('not while the clock is stopped (supplement), nor after the result', () => {
    const s = claimedHandling();
    s.do('request_supplement', A.handler, { reason: 'x' });
    s.now = new Date(new Date(s.state.stepDueAt!).getTime() + 86_400_000);
    expectFail(s.try('mark_step_overdue', A.system), 'ACTION_NOT_ALLOWED');
    const t = claimedHandling({ suspendOnPayment: true });
    t.do('request_payment', A.handler);
    t.now = new Date(new Date(t.state.stepDueAt!).getTime() + 86_400_000);
    expectFail(t.try('mark_step_overdue', A.system), 'CLOCK_STOPPED');
  });

  it('the window is configurable (stepDueSoonHours)', () => {
    const s = claimedHandling({ stepDueSoonHours: 30 });
    s.do('mark_step_due_soon', A.system);
    expect(stepFlags(s.state).dueSoon).toBe(true);
  });
});

describe('mark_consultation_due_soon / mark_consultation_overdue', () => {
  it('flag open consultations once; answering closes them; nothing moves', () => {
    const s = claimedHandling();
    s.do('consult', A.handler, { agencyId: OTHER, hours: 8 });
    const c = s.state.openConsultations[0]!;
    expectFail(s.try('mark_consultation_overdue', A.system), 'NOT_DUE');
    expectFail(s.try('mark_consultation_due_soon', A.system), 'NOT_DUE');
    const before = clocks(s);
    s.now = new Date(new Date(c.dueAt).getTime() - 30 * 60_000);
    expect(s.do('mark_consultation_due_soon', A.system)!.payload).toEqual({ consultationIds: [c.id] });
    expect(s.try('mark_consultation_due_soon', A.system)).toEqual({ ok: true, events: [] });
    s.now = new Date(new Date(c.dueAt).getTime() + 60_000);
    s.do('mark_consultation_overdue', A.system);
    expect(consultationFlags(s.state)).toEqual({ dueSoon: true, overdue: true });
    expect(s.try('mark_consultation_overdue', A.system)).toEqual({ ok: true, events: [] });
    expect(s.state.openConsultations[0]!.dueAt).toBe(c.dueAt);
    expect(clocks(s)).toEqual(before);
    s.do('answer_consultation', A.otherHandler, { answer: 'đồng ý' });
    expect(consultationFlags(s.state)).toEqual({ dueSoon: false, overdue: false });
    expect(s.state.closedConsultations[0]!.classification).toBe('late');
    expect(fold(s.events)).toEqual(s.state);
  });

  it('are not offered to officials and end with the dossier', () => {
    const s = claimedHandling();
    s.do('consult', A.handler, { agencyId: OTHER, hours: 1 });
    s.now = new Date(new Date(s.state.openConsultations[0]!.dueAt).getTime() + 60_000);
    expectFail(s.try('mark_consultation_overdue', A.handler), 'FORBIDDEN');
    s.do('forward', A.handler);
    s.do('claim', A.leader);
    s.do('approve', A.leader);
    s.do('claim', A.clerk);
    s.do('record_result', A.clerk, { documents: [DOC] });
    s.do('claim', A.returner);
    s.do('return_result', A.returner, { method: 'counter' });
    expectFail(s.try('mark_consultation_overdue', A.system), 'ACTION_NOT_ALLOWED');
  });
});
