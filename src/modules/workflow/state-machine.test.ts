import { describe, expect, it } from 'vitest';
import { ACTION_NAMES } from './actions.js';
import { defaultProcess, type ProcessDefinition } from './process.js';
import {
  INTERNAL_STATES,
  NATIONAL_STATUS,
  TRANSITIONS,
  allowedActions,
  decide,
  evolve,
  execute,
  fold,
  nationalStatus,
  PAYMENT_METHODS,
  receive,
  type Actor,
  type DecideResult,
} from './state-machine.js';
import { A, AGENCY, CENTRE, DOC, OTHER, Sim, T0, makeCtx } from '../../../test/workflow/simulator.js';

const H = 3_600_000;
const iso = (s: string) => new Date(s).toISOString();

function expectFail(r: DecideResult, code: string) {
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.code).toBe(code);
    expect(r.messageVi.length).toBeGreaterThan(0);
    expect(r.messageEn.length).toBeGreaterThan(0);
  }
  return r;
}

// Default process, 40 h: reception 4, handling 24, approval 6, issue 2, return 4.
const inPerson = (config = {}) => Sim.start({ config });
const online = (config = {}) => Sim.start({ input: { channel: 2 }, config });
const atHandling = (config = {}) => {
  const s = inPerson(config);
  s.advance(1).do('forward', A.reception);
  return s;
};
const claimedHandling = (config = {}) => {
  const s = atHandling(config);
  s.do('claim', A.handler);
  return s;
};
const atApproval = (config = {}) => {
  const s = claimedHandling(config);
  s.advance(4).do('forward', A.handler);
  return s;
};
const atIssue = (config = {}) => {
  const s = atApproval(config);
  s.advance(1).do('approve', A.leader);
  return s;
};
const resultReady = (config = {}) => {
  const s = atIssue(config);
  s.advance(1).do('record_result', A.clerk, { documents: [DOC] });
  return s;
};

describe('national status mapping', () => {
  it('maps every internal state to one of the 10 national statuses', () => {
    expect(Object.keys(NATIONAL_STATUS).sort()).toEqual([...INTERNAL_STATES].sort());
    expect(NATIONAL_STATUS).toEqual({
      registered: 1, needs_completion: 1, accepted: 2, refused: 3, processing: 4, transferred: 4,
      awaiting_supplement: 5, awaiting_payment: 6, withdrawal_requested: 7, stopped: 8, result_ready: 9, returned: 10,
    });
    expect(nationalStatus('returned')).toBe(10);
  });
  it('every action has a transition and only known states', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTION_NAMES].sort());
    for (const t of Object.values(TRANSITIONS)) for (const f of t.from) expect(INTERNAL_STATES).toContain(f);
  });
});

describe('receive (creation event)', () => {
  it('in person: accepted at the reception step, clock started, deadlines set', () => {
    const s = inPerson();
    const st = s.state;
    expect(st.version).toBe(1);
    expect(st.state).toBe('accepted');
    expect(nationalStatus(st)).toBe(2);
    expect(st.stepKey).toBe('reception');
    expect(st.assigneeId).toBe('u-rec');
    expect(st.currentAgencyId).toBe(CENTRE);
    expect(st.receivingAgencyId).toBe(CENTRE);
    expect(st.competentAgencyId).toBe(AGENCY);
    expect(st.returnAgencyId).toBe(CENTRE);
    expect(st.acceptedAt).toBe(T0.toISOString());
    expect(st.clockStartAt).toBe(T0.toISOString());
    expect(st.dueAt).toBe(iso('2026-03-09T09:00:00Z'));
    expect(st.originalDueAt).toBe(st.dueAt);
    expect(st.stepDueAt).toBe(iso('2026-03-02T13:00:00Z'));
    expect(st.appointments).toHaveLength(1);
    expect(s.events[0]!.action).toBe('receive');
    expect(s.events[0]!.fromState).toBeNull();
  });

  it('online: registered in the reception pool, no clock', () => {
    const st = online().state;
    expect(st.state).toBe('registered');
    expect(nationalStatus(st)).toBe(1);
    expect(st.assigneeId).toBeNull();
    expect(st.clockStartAt).toBeNull();
    expect(st.dueAt).toBeNull();
    expect(st.channel).toBe(2);
  });

  it('postal defaults to accepted; a postal package may also be registered first', () => {
    expect(Sim.start({ input: { channel: 3 } }).state.state).toBe('accepted');
    expect(Sim.start({ input: { channel: 3, outcome: 'registered' }, actor: A.reception }).state.state).toBe('registered');
  });

  it('normalises the clock start outside working hours (Saturday → Monday 08:00)', () => {
    const st = Sim.start({ now: new Date('2026-03-07T10:00:00Z') }).state;
    expect(st.acceptedAt).toBe(iso('2026-03-07T10:00:00Z'));
    expect(st.clockStartAt).toBe(iso('2026-03-09T08:00:00Z'));
    expect(st.dueAt).toBe(iso('2026-03-13T16:00:00Z')); // Mon 08:00 + 40 h = Fri closing
  });

  it('uses the caller-normalised clock start (15:00 cut-off) and refuses one before now', () => {
    const now = new Date('2026-03-02T15:30:00Z');
    const st = Sim.start({ now, input: { clockStartAt: new Date('2026-03-03T08:00:00Z') } }).state;
    expect(st.clockStartAt).toBe(iso('2026-03-03T08:00:00Z'));
    const ctx = makeCtx(now, defaultProcess(40));
    const r = receive({ dossierId: 'd', channel: 1, receivingAgencyId: CENTRE, competentAgencyId: AGENCY, clockStartAt: T0 }, A.reception, ctx);
    expectFail(r, 'INVALID_PAYLOAD');
  });

  it('keeps a separate return point (boundary-free reception)', () => {
    const st = Sim.start({ input: { returnAgencyId: 'centre-9' } }).state;
    expect(st.returnAgencyId).toBe('centre-9');
  });

  it('checks who receives and the input', () => {
    const ctx = makeCtx(T0, defaultProcess(40));
    const input = { dossierId: 'd', channel: 1 as const, receivingAgencyId: CENTRE, competentAgencyId: AGENCY };
    expectFail(receive(input, A.handler, ctx), 'FORBIDDEN');
    expectFail(receive(input, A.citizen, ctx), 'FORBIDDEN');
    expectFail(receive({ ...input, receivingAgencyId: 'centre-2' }, A.reception, ctx), 'FORBIDDEN');
    expect(receive({ ...input, channel: 2 }, A.citizen, ctx).ok).toBe(true);
    expect(receive({ ...input, channel: 2 }, A.system, ctx).ok).toBe(true);
    expectFail(receive({ ...input, channel: 4 as never }, A.reception, ctx), 'INVALID_PAYLOAD');
    expectFail(receive({ ...input, dossierId: '' }, A.reception, ctx), 'INVALID_PAYLOAD');
    expectFail(receive(input, A.reception, makeCtx(T0, { steps: [], legalLimitHours: 8 })), 'PROCESS_MISMATCH');
  });
});

describe('general guards', () => {
  it('STALE_VERSION carries the allowed actions', () => {
    const s = inPerson();
    const r = decide(s.state, { action: 'forward', actor: A.reception, expectedVersion: 0 }, s.ctx);
    expectFail(r, 'STALE_VERSION');
    if (!r.ok) expect(r.allowed).toContain('forward');
  });

  it('UNKNOWN_ACTION', () => {
    const s = inPerson();
    expectFail(decide(s.state, { action: 'fly' as never, actor: A.reception, expectedVersion: 1 }, s.ctx), 'UNKNOWN_ACTION');
  });

  it('ACTION_NOT_ALLOWED lists what is allowed instead', () => {
    const s = inPerson();
    const r = expectFail(s.try('approve', A.leader), 'ACTION_NOT_ALLOWED');
    if (!r.ok) expect(r.allowed).toEqual(allowedActions(s.state, A.leader, s.ctx));
  });

  it('PROCESS_MISMATCH when the dossier sits at a step the process does not know', () => {
    const s = atHandling();
    const other: ProcessDefinition = { ...defaultProcess(40), steps: defaultProcess(40).steps.filter((x) => x.key !== 'handling') };
    const r = decide(s.state, { action: 'forward', actor: A.handler, expectedVersion: s.state.version }, makeCtx(s.now, other));
    expectFail(r, 'PROCESS_MISMATCH');
  });

  it('event fields: version, states, step, actor, note, time', () => {
    const s = inPerson();
    s.advance(1);
    const e = s.do('forward', A.reception, undefined, '  kèm phiếu kiểm soát  ')!;
    expect(e).toMatchObject({
      dossierId: 'd1', version: 2, action: 'forward', fromState: 'accepted', toState: 'processing',
      fromStepKey: 'reception', stepKey: 'handling', agencyId: AGENCY, assigneeId: null,
      at: iso('2026-03-02T10:00:00Z'), note: 'kèm phiếu kiểm soát',
      actor: { userId: 'u-rec', roles: ['reception'], agencyId: CENTRE },
    });
  });

  it('payload must be an object', () => {
    const s = atHandling();
    expectFail(s.try('forward', A.handler, 'handling'), 'INVALID_PAYLOAD');
  });

  it('execute returns the new state', () => {
    const s = inPerson();
    const r = execute(s.state, { action: 'forward', actor: A.reception, expectedVersion: 1 }, s.ctx);
    expect(r.ok && r.state.state).toBe('processing');
  });
});

describe('evolve', () => {
  it('rejects a malformed log', () => {
    const s = atHandling();
    expect(() => evolve(null, s.events[1]!)).toThrow();
    expect(() => evolve(s.state, s.events[0]!)).toThrow();
    expect(() => evolve(s.state, { ...s.events[1]!, version: 5 })).toThrow();
  });
  it('fold of the log equals the running state, also after JSON', () => {
    const s = resultReady();
    expect(fold(s.events)).toEqual(s.state);
    expect(fold(JSON.parse(JSON.stringify(s.events)))).toEqual(JSON.parse(JSON.stringify(s.state)));
    expect(fold([])).toBeNull();
  });
});

describe('accept / request_completion / resubmit / refuse (reception)', () => {
  it('accept: online dossier accepted, code issued, clock starts', () => {
    const s = online();
    s.advanceMs(2 * H);
    s.do('accept', A.reception, { code: '000.00.01.H22-260302-0001' });
    const st = s.state;
    expect(st.state).toBe('accepted');
    expect(nationalStatus(st)).toBe(2);
    expect(st.code).toBe('000.00.01.H22-260302-0001');
    expect(st.assigneeId).toBe('u-rec');
    expect(st.acceptedAt).toBe(iso('2026-03-02T11:00:00Z'));
    expect(st.clockStartAt).toBe(st.acceptedAt);
    expect(st.dueAt).toBe(iso('2026-03-09T11:00:00Z'));
    expect(st.originalDueAt).toBe(st.dueAt);
    expect(st.stepDueAt).toBe(iso('2026-03-02T15:00:00Z'));
  });

  it('accept: after hours the clock starts next working morning; caller may pass clockStartAt', () => {
    const s = online();
    s.now = new Date('2026-03-02T18:00:00Z');
    s.do('accept', A.reception);
    expect(s.state.clockStartAt).toBe(iso('2026-03-03T08:00:00Z'));
    const t = online();
    t.now = new Date('2026-03-02T15:10:00Z');
    t.do('accept', A.reception, { clockStartAt: '2026-03-03T08:00:00Z' });
    expect(t.state.clockStartAt).toBe(iso('2026-03-03T08:00:00Z'));
    const u = online();
    expectFail(u.try('accept', A.reception, { clockStartAt: '2026-03-01T08:00:00Z' }), 'INVALID_PAYLOAD');
    expectFail(u.try('accept', A.reception, { clockStartAt: 'tomorrow' }), 'INVALID_PAYLOAD');
  });

  it('accept: only the reception role of the receiving centre, only when registered', () => {
    const s = online();
    expectFail(s.try('accept', A.citizen), 'FORBIDDEN');
    expectFail(s.try('accept', A.handler), 'FORBIDDEN');
    expectFail(s.try('accept', { ...A.reception, agencyId: 'centre-2' }), 'FORBIDDEN');
    s.do('claim', A.reception2);
    expectFail(s.try('accept', A.reception), 'FORBIDDEN'); // claimed by a colleague
    s.do('accept', A.reception2);
    expectFail(s.try('accept', A.reception2), 'ACTION_NOT_ALLOWED');
  });

  it('request_completion (form 02) needs a reason; resubmit by the citizen', () => {
    const s = online();
    expectFail(s.try('request_completion', A.reception), 'INVALID_PAYLOAD');
    expectFail(s.try('request_completion', A.reception, { reason: 'x', items: [''] }), 'INVALID_PAYLOAD');
    s.do('request_completion', A.reception, { reason: 'Thiếu tờ khai', items: ['Tờ khai'] });
    expect(s.state.state).toBe('needs_completion');
    expect(nationalStatus(s.state)).toBe(1);
    expect(s.state.completionRequests).toBe(1);
    expect(s.state.code).toBeNull();
    expectFail(s.try('accept', A.reception), 'ACTION_NOT_ALLOWED');
    expectFail(s.try('resubmit', A.handler), 'FORBIDDEN');
    s.do('resubmit', A.citizen);
    expect(s.state.state).toBe('registered');
    s.do('request_completion', A.reception, { reason: 'Thiếu bản sao' });
    s.do('resubmit', A.reception); // the desk on the citizen's behalf
    expect(s.state.completionRequests).toBe(2);
  });

  it('refuse (form 03): from registered or needs_completion, reason required, terminal', () => {
    const s = online();
    expectFail(s.try('refuse', A.reception), 'INVALID_PAYLOAD');
    s.do('refuse', A.reception, { reason: 'Không thuộc thẩm quyền' });
    expect(s.state.state).toBe('refused');
    expect(nationalStatus(s.state)).toBe(3);
    expect(s.state.finishedAt).toBe(T0.toISOString());
    for (const a of Object.values(A)) expect(allowedActions(s.state, a, s.ctx)).toEqual([]);

    const t = online();
    t.do('request_completion', A.reception, { reason: 'x' });
    t.do('refuse', A.reception, { reason: 'Quá hạn hoàn thiện' });
    expect(t.state.state).toBe('refused');

    expectFail(inPerson().try('refuse', A.reception, { reason: 'x' }), 'ACTION_NOT_ALLOWED');
  });
});

describe('claim / assign', () => {
  it('claim takes the dossier from the role pool', () => {
    const s = atHandling();
    expect(s.state.assigneeId).toBeNull();
    expectFail(s.try('claim', A.clerk), 'FORBIDDEN');
    expectFail(s.try('claim', A.otherHandler), 'FORBIDDEN');
    s.do('claim', A.handler);
    expect(s.state.assigneeId).toBe('u-han');
    expectFail(s.try('claim', A.handler2), 'ACTION_NOT_ALLOWED');
    expectFail(s.try('forward', A.handler2), 'FORBIDDEN');
  });

  it('an unassigned step may be acted on directly by a role holder (implicit claim)', () => {
    const s = atHandling();
    s.do('forward', A.handler2);
    expect(s.state.stepHandlers.handling).toBe('u-han2');
  });

  it('assign by a leader of the holding agency', () => {
    const s = claimedHandling();
    expectFail(s.try('assign', A.handler, { userId: 'u-han2' }), 'FORBIDDEN');
    expectFail(s.try('assign', A.otherLeader, { userId: 'u-han2' }), 'FORBIDDEN');
    expectFail(s.try('assign', A.leader, {}), 'INVALID_PAYLOAD');
    expectFail(s.try('assign', A.leader, { userId: 'u-han' }), 'INVALID_PAYLOAD');
    s.do('assign', A.boss, { userId: 'u-han2' });
    expect(s.state.assigneeId).toBe('u-han2');
    expectFail(s.try('forward', A.handler), 'FORBIDDEN');
    s.do('forward', A.handler2);
  });

  it('steps with a unit require unit membership when the actor carries units', () => {
    const s = Sim.start({ process: defaultProcess(40, { handlerUnitId: 'phong-1' }) });
    s.do('forward', A.reception);
    expectFail(s.try('claim', { ...A.handler, unitIds: ['phong-2'] }), 'FORBIDDEN');
    s.do('claim', { ...A.handler, unitIds: ['phong-1'] });
  });
});

describe('forward / approve / send_back (hand-overs)', () => {
  it('forward: reception → handling in the competent agency, fresh step deadline, classified hand-over', () => {
    const s = inPerson();
    s.advance(1);
    const e = s.do('forward', A.reception)!;
    const st = s.state;
    expect(st.state).toBe('processing');
    expect(nationalStatus(st)).toBe(4);
    expect(st.stepKey).toBe('handling');
    expect(st.currentAgencyId).toBe(AGENCY);
    expect(st.assigneeId).toBeNull();
    expect(st.stepEnteredAt).toBe(iso('2026-03-02T10:00:00Z'));
    expect(st.stepDueAt).toBe(iso('2026-03-05T10:00:00Z')); // + 24 working hours
    expect(e.handover).toMatchObject({
      from: { agencyId: CENTRE, stepKey: 'reception', userId: 'u-rec' },
      to: { agencyId: AGENCY, stepKey: 'handling', userId: null },
      dueAt: iso('2026-03-02T13:00:00Z'),
      classification: 'early',
      marginHours: 3,
    });
  });

  it('classification: early (≥ 1 h to spare), on time (by the due instant), late (after it)', () => {
    const cls = (hours: number) => {
      const s = inPerson();
      s.advance(hours);
      return s.do('forward', A.reception)!.handover!.classification;
    };
    expect(cls(3)).toBe('early');
    expect(cls(3.5)).toBe('on_time');
    expect(cls(4)).toBe('on_time');
    expect(cls(4.25)).toBe('late');
    const s = inPerson({ earlyMarginHours: 0.25 });
    s.advance(3.5);
    expect(s.do('forward', A.reception)!.handover!.classification).toBe('early');
  });

  it('forward may name the next assignee; toStep must be a forward target', () => {
    const s = inPerson();
    expectFail(s.try('forward', A.reception, { toStep: 'return' }), 'INVALID_PAYLOAD');
    expectFail(s.try('forward', A.reception, { toStep: 'nope' }), 'INVALID_PAYLOAD');
    s.do('forward', A.reception, { toStep: 'handling', assigneeId: 'u-han2' });
    expect(s.state.assigneeId).toBe('u-han2');
  });

  it('forward is refused where the step does not offer it or has nowhere to go', () => {
    expectFail(atIssue().try('forward', A.clerk), 'ACTION_NOT_ALLOWED');
    const p = defaultProcess(40);
    p.steps[3]!.actions = ['record_result', 'send_back', 'forward'];
    const s = Sim.start({ process: p });
    s.do('forward', A.reception);
    s.do('forward', A.handler);
    s.do('approve', A.leader);
    const r = expectFail(s.try('forward', A.clerk), 'ACTION_NOT_ALLOWED'); // next is the final step: result first
    if (!r.ok) expect(r.allowed).toContain('record_result');
  });

  it('approve: leader approval moves to the clerk and is recorded', () => {
    const s = atApproval();
    expectFail(s.try('approve', A.handler), 'FORBIDDEN');
    expectFail(s.try('approve', A.otherLeader), 'FORBIDDEN');
    s.do('approve', A.leader);
    expect(s.state.stepKey).toBe('issue');
    expect(s.state.approval).toEqual({ by: 'u-lead', at: s.now.toISOString() });
    expectFail(claimedHandling().try('approve', A.handler), 'ACTION_NOT_ALLOWED');
  });

  it('send_back: to an earlier visited step, reason required, back to the official who did it', () => {
    const s = atApproval();
    expectFail(s.try('send_back', A.leader, { toStep: 'handling' }), 'INVALID_PAYLOAD');
    expectFail(s.try('send_back', A.leader, { toStep: 'issue', reason: 'x' }), 'INVALID_PAYLOAD');
    expectFail(s.try('send_back', A.leader, { toStep: 'approval', reason: 'x' }), 'INVALID_PAYLOAD');
    const e = s.do('send_back', A.leader, { toStep: 'handling', reason: 'Thiếu căn cứ' })!;
    expect(s.state.stepKey).toBe('handling');
    expect(s.state.state).toBe('processing');
    expect(s.state.assigneeId).toBe('u-han');
    expect(e.handover!.to).toMatchObject({ stepKey: 'handling', userId: 'u-han' });
    expect(e.payload.reason).toBe('Thiếu căn cứ');
    // approval was visited, but it lies ahead of handling: not a send-back target
    expectFail(s.try('send_back', A.handler, { toStep: 'approval', reason: 'x' }), 'INVALID_PAYLOAD');
  });

  it('send_back to reception: accepted at the centre again, with the receiving officer', () => {
    const s = claimedHandling();
    s.do('send_back', A.handler, { toStep: 'reception', reason: 'Sai thẩm quyền' });
    expect(s.state.state).toBe('accepted');
    expect(nationalStatus(s.state)).toBe(2);
    expect(s.state.currentAgencyId).toBe(CENTRE);
    expect(s.state.assigneeId).toBe('u-rec');
    s.do('forward', A.reception);
    expect(s.state.state).toBe('processing');
  });

  it('send_back is not offered at the reception step', () => {
    expectFail(inPerson().try('send_back', A.reception, { toStep: 'reception', reason: 'x' }), 'ACTION_NOT_ALLOWED');
  });
});

describe('request_supplement / receive_supplement (clock stops, legal clock restarts)', () => {
  it('request: status 5, clock suspended, reason required', () => {
    const s = claimedHandling();
    s.advance(2);
    expectFail(s.try('request_supplement', A.handler), 'INVALID_PAYLOAD');
    s.do('request_supplement', A.handler, { reason: 'Thiếu bản vẽ', items: ['Bản vẽ'] });
    const st = s.state;
    expect(st.state).toBe('awaiting_supplement');
    expect(nationalStatus(st)).toBe(5);
    expect(st.supplementRequests).toBe(1);
    expect(st.lateForIndicators).toBe(false);
    expect(st.pausedFrom).toBe('processing');
    expect(st.suspensions).toEqual([{ kind: 'supplement', start: s.now.toISOString(), end: null, stepKey: 'handling' }]);
    for (const a of ['forward', 'consult', 'transfer', 'record_result'] as const) expectFail(s.try(a, A.handler), 'ACTION_NOT_ALLOWED');
    s.advance(40);
    expectFail(s.try('mark_overdue', A.system), 'ACTION_NOT_ALLOWED');
  });

  it('receive: dueAt restarts from zero, originalDueAt kept, step deadline shifted by the wait', () => {
    const s = claimedHandling(); // at handling since Mon 10:00, step due Thu 10:00
    s.advance(2).do('request_supplement', A.handler, { reason: 'x' }); // Mon 12:00
    const before = { ...s.state };
    s.advance(20); // Wed 16:00 → suspended 20 working hours
    const e = s.do('receive_supplement', A.citizen)!;
    const st = s.state;
    expect(st.state).toBe('processing');
    expect(st.pausedFrom).toBeNull();
    expect(st.suspensions[0]!.end).toBe(s.now.toISOString());
    expect(st.originalDueAt).toBe(before.originalDueAt);
    expect(st.dueAt).toBe(iso('2026-03-11T16:00:00Z')); // Wed 16:00 + 40 h
    expect(e.clock).toMatchObject({ previousDueAt: before.dueAt, dueAt: st.dueAt });
    expect(e.payload.suspendedHours).toBe(20);
    expect(st.stepDueAt).toBe(iso('2026-03-09T14:00:00Z')); // Thu 10:00 + 20 h
    expect(st.appointments.map((a) => a.reason)).toEqual(['accept', 'supplement']);
    expect(st.appointments[1]!.previousDueAt).toBe(before.dueAt);
  });

  it('who receives: citizen, system, desk, or the step role; not others', () => {
    const mk = () => {
      const s = claimedHandling();
      s.do('request_supplement', A.handler, { reason: 'x' });
      return s;
    };
    for (const a of [A.citizen, A.system, A.reception, A.handler]) expect(mk().try('receive_supplement', a).ok).toBe(true);
    for (const a of [A.clerk, A.otherHandler, A.returner]) expectFail(mk().try('receive_supplement', a), 'FORBIDDEN');
  });

  it('limit: once by default (ND 118 Art. 11); configurable, and > 1 marks late', () => {
    const s = claimedHandling();
    s.do('request_supplement', A.handler, { reason: 'x' });
    s.do('receive_supplement', A.citizen);
    const r = expectFail(s.try('request_supplement', A.handler, { reason: 'y' }), 'LIMIT_REACHED');
    if (!r.ok) expect(r.allowed).not.toContain('request_supplement');

    const t = claimedHandling({ maxSupplementRequests: 2 });
    t.do('request_supplement', A.handler, { reason: 'x' });
    t.do('receive_supplement', A.citizen);
    expect(t.state.lateForIndicators).toBe(false);
    t.do('request_supplement', A.handler, { reason: 'y' });
    expect(t.state.supplementRequests).toBe(2);
    expect(t.state.lateForIndicators).toBe(true);
  });
});

describe('request_payment / confirm_payment', () => {
  it('at reception: status 6, clock suspended (default), resumes to where it was', () => {
    const s = inPerson();
    s.advance(1).do('request_payment', A.reception, { amount: 50000 });
    expect(s.state.state).toBe('awaiting_payment');
    expect(nationalStatus(s.state)).toBe(6);
    expect(s.state.suspensions).toHaveLength(1);
    expect(s.state.suspensions[0]!.kind).toBe('payment');
    const stepDue = s.state.stepDueAt!;
    expectFail(s.try('confirm_payment', A.handler), 'FORBIDDEN');
    s.advance(3).do('confirm_payment', A.system, { receiptNumber: 'BL-01', method: 'online' });
    expect(s.state.state).toBe('accepted');
    expect(s.state.suspensions[0]!.end).toBe(s.now.toISOString());
    expect(s.state.stepDueAt).toBe(new Date(new Date(stepDue).getTime() + 3 * H).toISOString());
    expect(s.state.payments).toEqual([
      { requestedAt: iso('2026-03-02T10:00:00Z'), amount: 50000, paidAt: s.now.toISOString(), receiptNumber: 'BL-01', method: 'online' },
    ]);
    expect(s.state.dueAt).toBe(s.state.originalDueAt); // payment never moves the appointment
  });

  it('suspendOnPayment=false keeps the clock running', () => {
    const s = inPerson({ suspendOnPayment: false });
    const stepDue = s.state.stepDueAt;
    s.do('request_payment', A.reception);
    expect(s.state.suspensions).toEqual([]);
    s.advance(2).do('confirm_payment', A.cashier);
    expect(s.state.stepDueAt).toBe(stepDue);
  });

  it('validates the amount; cashier/desk/system confirm', () => {
    const s = claimedHandling();
    expectFail(s.try('request_payment', A.handler, { amount: -1 }), 'INVALID_PAYLOAD');
    expectFail(s.try('request_payment', A.handler, { amount: '5' }), 'INVALID_PAYLOAD');
    s.do('request_payment', A.handler, { amount: 0 });
    expectFail(s.try('confirm_payment', A.otherHandler), 'FORBIDDEN');
    s.do('confirm_payment', A.reception);
    expect(s.state.state).toBe('processing');
  });

  it('method is one of cash, bank_transfer, pos, online (or absent); anything else is INVALID_PAYLOAD naming them', () => {
    for (const method of PAYMENT_METHODS) {
      const s = claimedHandling();
      s.do('request_payment', A.handler, { amount: 10000 });
      s.do('confirm_payment', A.cashier, { method });
      expect(s.state.payments[0]!.method).toBe(method);
    }
    const s = claimedHandling();
    s.do('request_payment', A.handler, { amount: 10000 });
    for (const method of ['Tiền mặt', 'CASH', 'card', 'online ', 42, {}]) {
      const r = expectFail(s.try('confirm_payment', A.cashier, { method }), 'INVALID_PAYLOAD');
      if (!r.ok) {
        expect(r.messageVi).toContain('cash (tiền mặt), bank_transfer (chuyển khoản), pos (thẻ/POS), online (thanh toán trực tuyến');
        expect(r.messageEn).toContain('method must be one of: cash (cash), bank_transfer (bank transfer), pos (card/POS), online (online payment');
      }
    }
    expect(s.state.state).toBe('awaiting_payment');
    s.do('confirm_payment', A.cashier, { method: null });
    expect(s.state.payments[0]!.method).toBeNull();
  });

  it('stored events with a free-text method (before the list) still replay', () => {
    const s = claimedHandling();
    s.do('request_payment', A.handler, { amount: 10000 });
    s.do('confirm_payment', A.cashier, { method: 'cash' });
    const old = s.events.map((e) => (e.action === 'confirm_payment' ? { ...e, payload: { ...e.payload, method: 'Chuyển khoản qua ngân hàng' } } : e));
    const st = fold(old)!;
    expect(st.payments[0]!.method).toBe('Chuyển khoản qua ngân hàng');
    expect(st.state).toBe(s.state.state);
    // and the next command decides on that state as usual
    expect(decide(st, { action: 'forward', actor: A.handler, expectedVersion: st.version, payload: {} }, s.ctx).ok).toBe(true);
  });

  it('fees on return: from result_ready and back', () => {
    const s = resultReady();
    s.do('request_payment', A.returner, { amount: 30000 });
    expect(s.state.state).toBe('awaiting_payment');
    expectFail(s.try('apologize', A.boss, { reason: 'x', newDueAt: '2026-04-01T09:00:00Z' }), 'ACTION_NOT_ALLOWED');
    expectFail(s.try('request_withdrawal', A.citizen), 'RESULT_ALREADY_ISSUED');
    s.do('confirm_payment', A.cashier);
    expect(s.state.state).toBe('result_ready');
  });
});

describe('consult / answer_consultation', () => {
  it('opens a sub-task with its own deadline; dossier stays processing', () => {
    const s = claimedHandling();
    expectFail(s.try('consult', A.handler, { agencyId: AGENCY, hours: 8 }), 'INVALID_PAYLOAD');
    expectFail(s.try('consult', A.handler, { agencyId: OTHER }), 'INVALID_PAYLOAD');
    expectFail(s.try('consult', A.handler, { agencyId: OTHER, hours: 0 }), 'INVALID_PAYLOAD');
    s.do('consult', A.handler, { agencyId: OTHER, hours: 8, question: 'Ý kiến về quy hoạch?' });
    expect(s.state.state).toBe('processing');
    expect(s.state.openConsultations).toHaveLength(1);
    const c = s.state.openConsultations[0]!;
    expect(c).toMatchObject({ agencyId: OTHER, stepKey: 'handling', requestedBy: 'u-han', question: 'Ý kiến về quy hoạch?' });
    expect(c.dueAt).toBe(new Date(s.now.getTime() + 24 * H).toISOString()); // Mon 10:00 + 8 h → Tue 10:00
  });

  it('answered by the consulted agency (or system), classified against its deadline', () => {
    const s = claimedHandling();
    s.do('consult', A.handler, { agencyId: OTHER, hours: 8 });
    expectFail(s.try('answer_consultation', A.leader), 'FORBIDDEN');
    expectFail(s.try('answer_consultation', A.otherHandler, { consultationId: 'zzz' }), 'INVALID_PAYLOAD');
    s.advance(9).do('answer_consultation', A.otherHandler, { answer: 'Đồng ý' });
    expect(s.state.openConsultations).toEqual([]);
    expect(s.state.closedConsultations[0]).toMatchObject({ answer: 'Đồng ý', answeredBy: 'u-oth', classification: 'late' });
    expectFail(s.try('answer_consultation', A.system), 'ACTION_NOT_ALLOWED');
    s.do('consult', A.handler, { agencyId: OTHER, hours: 8 });
    s.do('consult', A.handler, { agencyId: 'dept-3', hours: 8 });
    expectFail(s.try('answer_consultation', A.system), 'INVALID_PAYLOAD'); // two open: say which
    s.do('answer_consultation', A.system, { consultationId: s.state.openConsultations[1]!.id });
    expect(s.state.openConsultations.map((c) => c.agencyId)).toEqual([OTHER]);
  });
});

describe('transfer / return_transfer (liên thông)', () => {
  it('transfer hands the dossier to another agency; it comes back to the same step and official', () => {
    const s = claimedHandling(); // handling step due Thu 10:00
    s.advance(8);
    expectFail(s.try('transfer', A.handler, { agencyId: AGENCY }), 'INVALID_PAYLOAD');
    const e = s.do('transfer', A.handler, { agencyId: OTHER, hours: 16 })!;
    const st = s.state;
    expect(st.state).toBe('transferred');
    expect(nationalStatus(st)).toBe(4);
    expect(st.currentAgencyId).toBe(OTHER);
    expect(st.assigneeId).toBeNull();
    expect(st.stepKey).toBe('handling');
    expect(st.stepDueAt).toBe(st.transfers[0]!.dueAt);
    expect(st.transfers[0]).toMatchObject({ fromAgencyId: AGENCY, toAgencyId: OTHER, stepRemainingHours: 16, returnedAt: null });
    expect(e.handover!.to).toEqual({ agencyId: OTHER, stepKey: null, userId: null });

    expectFail(s.try('forward', A.handler), 'ACTION_NOT_ALLOWED');
    expectFail(s.try('return_transfer', A.handler), 'FORBIDDEN');
    expectFail(s.try('claim', A.handler), 'FORBIDDEN');
    s.do('claim', A.otherHandler);
    s.advance(10);
    const back = s.do('return_transfer', A.otherHandler, { result: [{ ...DOC, number: 'TB-1' }] })!;
    expect(s.state.state).toBe('processing');
    expect(s.state.currentAgencyId).toBe(AGENCY);
    expect(s.state.assigneeId).toBe('u-han');
    expect(s.state.stepDueAt).toBe(new Date(s.now.getTime() + 2 * 24 * H).toISOString()); // 16 h left → 2 days later
    expect(s.state.transfers[0]).toMatchObject({ returnedAt: s.now.toISOString(), classification: 'early' });
    expect(s.state.transfers[0]!.result![0]!.number).toBe('TB-1');
    expect(back.handover).toMatchObject({ from: { agencyId: OTHER, userId: 'u-oth' }, to: { agencyId: AGENCY, stepKey: 'handling' } });
    // a result from the other agency counts as issued: no withdrawal any more
    expectFail(s.try('request_withdrawal', A.citizen), 'RESULT_ALREADY_ISSUED');
  });

  it('without a leg deadline the return is unclassified; the system may return it', () => {
    const s = claimedHandling();
    s.do('transfer', A.handler, { agencyId: OTHER });
    expect(s.state.stepDueAt).toBeNull();
    const e = s.do('return_transfer', A.system)!;
    expect(e.handover!.classification).toBeNull();
    expect(s.state.transfers[0]!.result).toBeNull();
  });

  it('a late origin step comes back with no time left', () => {
    const s = claimedHandling();
    s.advance(30).do('transfer', A.handler, { agencyId: OTHER, hours: 4 });
    expect(s.state.transfers[0]!.stepRemainingHours).toBe(0);
    s.advance(1).do('return_transfer', A.otherHandler);
    expect(s.state.stepDueAt).toBe(s.now.toISOString());
  });
});

describe('reject / record_result / return_result', () => {
  it('reject after appraisal: reason required, result_ready with outcome rejected, at the return step', () => {
    const s = atApproval();
    expectFail(s.try('reject', A.leader), 'INVALID_PAYLOAD');
    const e = s.do('reject', A.leader, { reason: 'Không đủ điều kiện' })!;
    const st = s.state;
    expect(st.state).toBe('result_ready');
    expect(nationalStatus(st)).toBe(9);
    expect(st.result).toMatchObject({ outcome: 'rejected', reason: 'Không đủ điều kiện', documents: [], recordedBy: 'u-lead' });
    expect(st.finishedAt).toBe(s.now.toISOString());
    expect(st.stepKey).toBe('return');
    expect(st.currentAgencyId).toBe(CENTRE);
    expect(e.handover!.to).toMatchObject({ agencyId: CENTRE, stepKey: 'return' });
    s.do('return_result', A.returner, { method: 'counter' });
    expect(s.state.state).toBe('returned');
  });

  it('record_result: documents with number, date, signer; goes to the return point', () => {
    const s = atIssue();
    expectFail(s.try('record_result', A.clerk), 'INVALID_PAYLOAD');
    expectFail(s.try('record_result', A.clerk, { documents: [] }), 'INVALID_PAYLOAD');
    expectFail(s.try('record_result', A.clerk, { documents: [{ ...DOC, date: '2026-02-30' }] }), 'INVALID_PAYLOAD');
    expectFail(s.try('record_result', A.clerk, { documents: [{ ...DOC, signer: '' }] }), 'INVALID_PAYLOAD');
    expectFail(s.try('record_result', A.handler, { documents: [DOC] }), 'FORBIDDEN');
    s.do('record_result', A.clerk, { documents: [{ ...DOC, title: 'Giấy phép', fileId: 'f1' }] });
    const st = s.state;
    expect(st.state).toBe('result_ready');
    expect(st.result).toMatchObject({ outcome: 'approved', documents: [{ ...DOC, title: 'Giấy phép', fileId: 'f1' }] });
    expect(st.stepKey).toBe('return');
    expect(st.stepHandlers.issue).toBe('u-clerk');
  });

  it('record_result to a separate return point (boundary-free)', () => {
    const s = Sim.start({ input: { returnAgencyId: 'centre-9' } });
    s.do('forward', A.reception);
    s.do('forward', A.handler);
    s.do('approve', A.leader);
    s.do('record_result', A.clerk, { documents: [DOC] });
    expect(s.state.currentAgencyId).toBe('centre-9');
    expectFail(s.try('return_result', A.returner, { method: 'counter' }), 'FORBIDDEN');
    s.do('return_result', { ...A.returner, agencyId: 'centre-9' }, { method: 'counter' });
  });

  it('return_result: counter / post (tracking number) / online; terminal', () => {
    const s = resultReady();
    expectFail(s.try('return_result', A.returner), 'INVALID_PAYLOAD');
    expectFail(s.try('return_result', A.returner, { method: 'drone' }), 'INVALID_PAYLOAD');
    expectFail(s.try('return_result', A.returner, { method: 'post' }), 'INVALID_PAYLOAD');
    const e = s.do('return_result', A.returner, { method: 'post', trackingNumber: 'EB123456789VN' })!;
    expect(s.state.state).toBe('returned');
    expect(nationalStatus(s.state)).toBe(10);
    expect(s.state.returned).toMatchObject({ method: 'post', trackingNumber: 'EB123456789VN', returnedBy: 'u-ret' });
    expect(e.handover!.to).toMatchObject({ applicant: true });
    for (const a of ACTION_NAMES) for (const actor of Object.values(A)) expectFail(s.try(a, actor, {}), 'ACTION_NOT_ALLOWED');
  });

  it('a final step that records the result keeps the dossier there', () => {
    const p: ProcessDefinition = {
      legalLimitHours: 8,
      steps: [
        { key: 'desk', nameVi: 'TN', nameEn: 'R', role: 'reception', agency: 'receiving_centre', budgetHours: 8, actions: ['accept', 'record_result', 'return_result'], next: [] },
      ],
    };
    const s = Sim.start({ process: p });
    expectFail(s.try('record_result', A.reception, { documents: [DOC] }), 'ACTION_NOT_ALLOWED'); // accepted, not processing
    const q: ProcessDefinition = structuredClone(p);
    q.steps[0]!.next = ['out'];
    q.steps[0]!.actions = ['accept', 'forward'];
    q.steps.push({ key: 'out', nameVi: 'TKQ', nameEn: 'Out', role: 'reception', agency: 'receiving_centre', budgetHours: 0, actions: ['record_result', 'return_result'], next: [] });
    const t = Sim.start({ process: q });
    t.do('forward', A.reception);
    const e = t.do('record_result', A.reception, { documents: [DOC] })!;
    expect(e.handover).toBeNull();
    expect(t.state.stepKey).toBe('out');
    expect(t.state.state).toBe('result_ready');
    t.do('return_result', A.reception, { method: 'online' });
  });
});

describe('request_withdrawal / cancel_withdrawal / stop (form 05)', () => {
  it('citizen requests, the desk stops: 7 then 8, terminal', () => {
    const s = claimedHandling();
    expectFail(s.try('request_withdrawal', A.handler), 'FORBIDDEN');
    s.do('request_withdrawal', A.citizen, { reason: 'Không còn nhu cầu' });
    expect(s.state.state).toBe('withdrawal_requested');
    expect(nationalStatus(s.state)).toBe(7);
    expect(s.state.withdrawalFrom).toBe('processing');
    expectFail(s.try('forward', A.handler), 'ACTION_NOT_ALLOWED');
    expectFail(s.try('stop', A.handler), 'FORBIDDEN');
    expectFail(s.try('stop', A.returner), 'FORBIDDEN');
    s.do('stop', A.reception, { noticeNumber: '05/TB' });
    expect(s.state.state).toBe('stopped');
    expect(nationalStatus(s.state)).toBe(8);
    expect(s.state.finishedAt).toBe(s.now.toISOString());
    for (const actor of Object.values(A)) expect(allowedActions(s.state, actor, s.ctx)).toEqual([]);
  });

  it('cancel returns to where it was (also a pending supplement wait)', () => {
    const s = claimedHandling();
    s.do('request_supplement', A.handler, { reason: 'x' });
    s.do('request_withdrawal', A.reception);
    expect(s.state.withdrawalFrom).toBe('awaiting_supplement');
    s.do('cancel_withdrawal', A.citizen);
    expect(s.state.state).toBe('awaiting_supplement');
    expect(s.state.suspensions[0]!.end).toBeNull();
    s.do('request_withdrawal', A.citizen);
    s.advance(3).do('stop', A.reception);
    expect(s.state.suspensions[0]!.end).toBe(s.now.toISOString());
  });

  it('before acceptance, and not after the result', () => {
    const s = online();
    s.do('request_withdrawal', A.citizen);
    s.do('stop', A.reception);
    expect(s.state.state).toBe('stopped');
    expectFail(resultReady().try('request_withdrawal', A.citizen), 'ACTION_NOT_ALLOWED');
  });
});

describe('apologize (form 04)', () => {
  const later = '2026-03-12T09:00:00.000Z';
  it('moves the legal appointment once, keeps originalDueAt, marks late', () => {
    const s = claimedHandling();
    const original = s.state.originalDueAt;
    expectFail(s.try('apologize', A.handler, { reason: 'x', newDueAt: later }), 'FORBIDDEN');
    expectFail(s.try('apologize', A.otherLeader, { reason: 'x', newDueAt: later }), 'FORBIDDEN');
    expectFail(s.try('apologize', A.boss, { newDueAt: later }), 'INVALID_PAYLOAD');
    expectFail(s.try('apologize', A.boss, { reason: 'x', newDueAt: '2026-03-03T09:00:00Z' }), 'INVALID_PAYLOAD');
    expectFail(s.try('apologize', A.boss, { reason: 'x', newDueAt: '2026-03-12' }), 'INVALID_PAYLOAD');
    const e = s.do('apologize', A.boss, { reason: 'Chờ ý kiến Sở', newDueAt: later })!;
    expect(s.state.dueAt).toBe(later);
    expect(s.state.originalDueAt).toBe(original);
    expect(s.state.apologies).toBe(1);
    expect(s.state.lateForIndicators).toBe(true);
    expect(e.clock).toEqual({ dueAt: later, previousDueAt: original });
    expect(s.state.state).toBe('processing');
    expectFail(s.try('apologize', A.boss, { reason: 'y', newDueAt: '2026-03-20T09:00:00.000Z' }), 'LIMIT_REACHED');
  });

  it('only before the current due date (configurable lead time)', () => {
    const s = claimedHandling();
    s.now = new Date('2026-03-09T09:00:00Z'); // exactly the due instant
    expectFail(s.try('apologize', A.leader, { reason: 'x', newDueAt: later }), 'TOO_LATE');
    const t = claimedHandling({ apologyLeadHours: 8 });
    t.now = new Date('2026-03-06T10:00:00Z'); // 7 working hours before due
    expectFail(t.try('apologize', A.leader, { reason: 'x', newDueAt: later }), 'TOO_LATE');
    t.now = new Date('2026-03-06T08:00:00Z'); // 9 h before
    t.do('apologize', A.leader, { reason: 'x', newDueAt: later });
  });

  it('maxApologies is configurable; also while transferred', () => {
    const s = claimedHandling({ maxApologies: 2 });
    s.do('transfer', A.handler, { agencyId: OTHER });
    s.do('apologize', A.boss, { reason: 'x', newDueAt: later });
    s.do('apologize', A.boss, { reason: 'y', newDueAt: '2026-03-13T09:00:00.000Z' });
    expect(s.state.appointments.map((a) => a.reason)).toEqual(['accept', 'apology', 'apology']);
  });
});

describe('mark_due_soon / mark_overdue (system, idempotent)', () => {
  it('due soon within dueSoonHours of dueAt; repeated marking is a no-op', () => {
    const s = claimedHandling(); // due Mon 9 March 09:00
    expectFail(s.try('mark_due_soon', A.system), 'NOT_DUE');
    expectFail(s.try('mark_due_soon', A.leader), 'FORBIDDEN');
    s.now = new Date('2026-03-06T09:00:00Z'); // 8 working hours left
    s.do('mark_due_soon', A.system);
    expect(s.state.dueSoon).toBe(true);
    const v = s.state.version;
    const again = s.try('mark_due_soon', A.system);
    expect(again.ok && again.events).toEqual([]);
    expect(s.state.version).toBe(v);
  });

  it('overdue after dueAt; apology before it resets the flags', () => {
    const s = claimedHandling();
    s.now = new Date('2026-03-09T09:00:00Z');
    expectFail(s.try('mark_overdue', A.system), 'NOT_DUE');
    s.now = new Date('2026-03-09T09:01:00Z');
    s.do('mark_overdue', A.system);
    expect(s.state.overdue).toBe(true);
    expect(s.try('mark_overdue', A.system)).toEqual({ ok: true, events: [] });

    const t = claimedHandling();
    t.now = new Date('2026-03-06T12:00:00Z');
    t.do('mark_due_soon', A.system);
    t.do('apologize', A.boss, { reason: 'x', newDueAt: '2026-03-20T09:00:00.000Z' });
    expect(t.state.dueSoon).toBe(false);
  });

  it('not while the clock is stopped, nor after the result', () => {
    const s = claimedHandling();
    s.do('request_payment', A.handler);
    s.now = new Date('2026-03-10T09:00:00Z');
    expectFail(s.try('mark_overdue', A.system), 'CLOCK_STOPPED');
    const t = claimedHandling({ suspendOnPayment: false });
    t.do('request_payment', A.handler);
    t.now = new Date('2026-03-10T09:00:00Z');
    t.do('mark_overdue', A.system);
    expectFail(resultReady().try('mark_overdue', A.system), 'ACTION_NOT_ALLOWED');
  });

  it('a supplement restart clears the flags (new appointment)', () => {
    const s = claimedHandling();
    s.now = new Date('2026-03-06T12:00:00Z');
    s.do('mark_due_soon', A.system);
    s.do('request_supplement', A.handler, { reason: 'x' });
    s.do('receive_supplement', A.citizen);
    expect(s.state.dueSoon).toBe(false);
  });
});

describe('allowedActions', () => {
  it('per actor at each stage of the happy path', () => {
    const s = online();
    expect(allowedActions(s.state, A.reception, s.ctx)).toEqual(['accept', 'request_completion', 'refuse', 'claim', 'request_withdrawal']);
    expect(allowedActions(s.state, A.citizen, s.ctx)).toEqual(['request_withdrawal']);
    expect(allowedActions(s.state, A.handler, s.ctx)).toEqual([]);
    s.do('accept', A.reception);
    expect(allowedActions(s.state, A.reception, s.ctx)).toEqual(['forward', 'request_payment', 'request_withdrawal']);
    s.do('forward', A.reception);
    expect(allowedActions(s.state, A.handler, s.ctx)).toEqual([
      'forward', 'send_back', 'request_supplement', 'request_payment', 'consult', 'transfer', 'claim',
    ]);
    expect(allowedActions(s.state, A.leader, s.ctx)).toEqual(['assign', 'apologize']);
    expect(allowedActions(s.state, A.system, s.ctx)).toEqual(['request_withdrawal']);
  });

  it('matches decide: an action outside the list fails, one inside does not fail on permission', () => {
    const s = claimedHandling();
    const actors: Actor[] = Object.values(A);
    for (const actor of actors) {
      const allowed = allowedActions(s.state, actor, s.ctx);
      for (const action of ACTION_NAMES) {
        const r = decide(s.state, { action, actor, expectedVersion: s.state.version, payload: {} }, s.ctx);
        if (!allowed.includes(action)) expect(r.ok).toBe(false);
        else if (!r.ok) expect(r.code).toBe('INVALID_PAYLOAD');
      }
    }
  });
});
