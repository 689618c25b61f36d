// Walks through the processes: every forward path of a process graph, and the side roads of the default
// process (completion, refusal, supplement, payment, consultation, transfer, send-back, rejection,
// withdrawal, apology).

import { describe, expect, it } from 'vitest';
import type { ActionName } from './actions.js';
import { controlSlipRows } from './control-slip.js';
import { defaultProcess, findStep, validateProcess, type ProcessDefinition, type ProcessStep } from './process.js';
import { fold, isTerminal, nationalStatus, type Actor } from './state-machine.js';
import { A, AGENCY, CENTRE, DOC, OTHER, Sim } from '../../../test/workflow/simulator.js';

function forwardPaths(def: ProcessDefinition): string[][] {
  const out: string[][] = [];
  const walk = (key: string, path: string[]) => {
    const step = findStep(def, key)!;
    const here = [...path, key];
    if (step.next.length === 0) out.push(here);
    for (const n of step.next) if (!here.includes(n)) walk(n, here);
  };
  walk(def.steps[0]!.key, []);
  return out;
}

function actorFor(step: ProcessStep): Actor {
  const a = step.agency;
  const agencyId =
    a === 'receiving_centre' || a === 'return_point' ? CENTRE : a === 'competent_agency' ? AGENCY : a.agencyId;
  return { userId: `u-${step.key}`, roles: [step.role], agencyId };
}

function moveAction(from: ProcessStep, to: ProcessStep): ActionName {
  if (to.next.length === 0 && !to.actions.includes('record_result')) return 'record_result';
  return from.actions.includes('approve') ? 'approve' : 'forward';
}

/** Runs one path: accepted at the counter, hand-over along the path, result returned. */
function runPath(def: ProcessDefinition, path: string[]): Sim {
  const s = Sim.start({ process: def, actor: actorFor(def.steps[0]!) });
  const statuses = [nationalStatus(s.state)];
  for (let i = 0; i + 1 < path.length; i++) {
    const from = findStep(def, path[i])!;
    const to = findStep(def, path[i + 1])!;
    s.advance(Math.min(from.budgetHours, 1));
    const action = moveAction(from, to);
    s.do(action, actorFor(from), action === 'record_result' ? { documents: [DOC], toStep: to.key } : { toStep: to.key });
    expect(s.state.stepKey).toBe(to.key);
    statuses.push(nationalStatus(s.state));
  }
  const last = findStep(def, path[path.length - 1])!;
  if (s.state.state === 'processing') s.do('record_result', actorFor(last), { documents: [DOC] });
  s.do('return_result', actorFor(last), { method: 'counter' });
  statuses.push(nationalStatus(s.state));
  expect(statuses[0]).toBe(2);
  expect(statuses.at(-2)).toBe(9);
  expect(statuses.at(-1)).toBe(10);
  expect(fold(s.events)).toEqual(s.state);
  return s;
}

const branched = (): ProcessDefinition => {
  const p = defaultProcess(40);
  const step = (over: Partial<ProcessStep> & { key: string }): ProcessStep => ({
    nameVi: over.key,
    nameEn: over.key,
    role: 'handler',
    agency: 'competent_agency',
    unitId: null,
    budgetHours: 0,
    actions: [],
    next: [],
    ...over,
  });
  p.steps[1]!.next = ['approval', 'director', 'site_check'];
  p.steps.push(
    step({ key: 'director', role: 'agency_leader', actions: ['approve', 'reject', 'send_back'], next: ['issue'] }),
    step({ key: 'site_check', role: 'handler', agency: { agencyId: OTHER }, actions: ['forward', 'send_back'], next: ['approval', 'handling'] }),
  );
  p.steps[3]!.next = ['return', 'post_out'];
  p.steps.push(step({ key: 'post_out', role: 'return_officer', agency: 'receiving_centre', actions: ['return_result'] }));
  return p;
};

describe('every forward path of a process', () => {
  it('default process: one path, five steps, four hand-overs plus the return', () => {
    const def = defaultProcess(40);
    const paths = forwardPaths(def);
    expect(paths).toEqual([['reception', 'handling', 'approval', 'issue', 'return']]);
    const s = runPath(def, paths[0]!);
    const rows = controlSlipRows(s.events);
    expect(rows.map((r) => [r.giver.stepKey, r.receiver.stepKey ?? 'applicant'])).toEqual([
      ['reception', 'handling'],
      ['handling', 'approval'],
      ['approval', 'issue'],
      ['issue', 'return'],
      ['return', 'applicant'],
    ]);
    expect(rows.every((r) => r.classification === 'early' || r.classification === 'on_time')).toBe(true);
  });

  it('a branched process: every path runs to the end', () => {
    const def = branched();
    expect(validateProcess(def)).toEqual([]);
    const paths = forwardPaths(def);
    expect(paths.length).toBe(6);
    for (const path of paths) runPath(def, path);
  });

  it('small limits (4 h, 8 h) and same-day (0 h) processes run end to end', () => {
    for (const L of [0, 4, 8]) {
      const def = defaultProcess(L);
      const s = runPath(def, forwardPaths(def)[0]!);
      expect(s.state.state).toBe('returned');
    }
    const sameDay = Sim.start({ process: defaultProcess(0) });
    expect(sameDay.state.dueAt).toBe('2026-03-02T16:00:00.000Z'); // end of the working day
    expect(sameDay.state.stepDueAt).toBe('2026-03-02T16:00:00.000Z');
  });
});

type Step = [ActionName, Actor, unknown?];

function run(steps: Step[], start: Sim = Sim.start(), hoursBetween = 1): Sim {
  for (const [action, actor, payload] of steps) {
    start.advance(hoursBetween);
    start.do(action, actor, payload);
  }
  return start;
}

const toHandling: Step[] = [['forward', A.reception], ['claim', A.handler]];
const toIssue: Step[] = [...toHandling, ['forward', A.handler], ['approve', A.leader]];
const finishAndReturn: Step[] = [
  ['record_result', A.clerk, { documents: [DOC] }],
  ['return_result', A.returner, { method: 'online' }],
];

describe('side roads of the default process', () => {
  const scenarios: Array<{ name: string; start?: () => Sim; steps: Step[]; final: string; statuses?: number[] }> = [
    {
      name: 'online: completion requested twice, then accepted and returned',
      start: () => Sim.start({ input: { channel: 2 } }),
      steps: [
        ['request_completion', A.reception, { reason: 'a' }],
        ['resubmit', A.citizen],
        ['request_completion', A.reception, { reason: 'b' }],
        ['resubmit', A.citizen],
        ['accept', A.reception, { code: 'X-260302-0001' }],
        ...toIssue,
        ...finishAndReturn,
      ],
      final: 'returned',
      statuses: [1, 1, 1, 1, 1, 2, 4, 4, 4, 4, 9, 10],
    },
    {
      name: 'online: refused after completion was not done',
      start: () => Sim.start({ input: { channel: 2 } }),
      steps: [['request_completion', A.reception, { reason: 'a' }], ['refuse', A.reception, { reason: 'b' }]],
      final: 'refused',
      statuses: [1, 1, 3],
    },
    {
      name: 'supplement during handling, then finished',
      steps: [
        ...toHandling,
        ['request_supplement', A.handler, { reason: 'x' }],
        ['receive_supplement', A.reception],
        ['forward', A.handler],
        ['approve', A.leader],
        ...finishAndReturn,
      ],
      final: 'returned',
      statuses: [2, 4, 4, 5, 4, 4, 4, 9, 10],
    },
    {
      name: 'fees on reception and on return',
      steps: [
        ['request_payment', A.reception, { amount: 100000 }],
        ['confirm_payment', A.system],
        ...toIssue,
        ['record_result', A.clerk, { documents: [DOC] }],
        ['request_payment', A.returner, { amount: 20000 }],
        ['confirm_payment', A.cashier],
        ['return_result', A.returner, { method: 'counter' }],
      ],
      final: 'returned',
      statuses: [2, 6, 2, 4, 4, 4, 4, 9, 6, 9, 10],
    },
    {
      name: 'consultation and inter-agency transfer during handling',
      steps: [
        ...toHandling,
        ['consult', A.handler, { agencyId: OTHER, hours: 8 }],
        ['answer_consultation', A.otherHandler],
        ['transfer', A.handler, { agencyId: OTHER, hours: 8 }],
        ['claim', A.otherHandler],
        ['return_transfer', A.otherHandler],
        ['forward', A.handler],
        ['approve', A.leader],
        ...finishAndReturn,
      ],
      final: 'returned',
    },
    {
      name: 'sent back from approval and from issue, then finished',
      steps: [
        ...toHandling,
        ['forward', A.handler],
        ['send_back', A.leader, { toStep: 'handling', reason: 'a' }],
        ['forward', A.handler],
        ['approve', A.leader],
        ['send_back', A.clerk, { toStep: 'approval', reason: 'b' }],
        ['approve', A.leader],
        ...finishAndReturn,
      ],
      final: 'returned',
    },
    {
      name: 'rejected after appraisal, refusal returned',
      steps: [...toHandling, ['forward', A.handler], ['reject', A.leader, { reason: 'Không đủ điều kiện' }], ['return_result', A.returner, { method: 'post', trackingNumber: 'EB1VN' }]],
      final: 'returned',
      statuses: [2, 4, 4, 4, 9, 10],
    },
    {
      name: 'late dossier: apology, then finished',
      steps: [...toHandling, ['apologize', A.boss, { reason: 'x', newDueAt: '2026-03-20T09:00:00.000Z' }], ['forward', A.handler], ['approve', A.leader], ...finishAndReturn],
      final: 'returned',
    },
    {
      name: 'withdrawal cancelled, then finished',
      steps: [...toHandling, ['request_withdrawal', A.citizen], ['cancel_withdrawal', A.citizen], ['forward', A.handler], ['approve', A.leader], ...finishAndReturn],
      final: 'returned',
    },
  ];

  for (const sc of scenarios) {
    it(sc.name, () => {
      const s = run(sc.steps, sc.start?.());
      expect(s.state.state).toBe(sc.final);
      expect(isTerminal(s.state)).toBe(true);
      if (sc.statuses) expect(s.events.map((e) => nationalStatus(e.toState))).toEqual(sc.statuses);
      expect(fold(s.events)).toEqual(s.state);
    });
  }

  // Withdrawal and stop from every stage where the dossier can be withdrawn.
  const stages: Array<[string, () => Sim]> = [
    ['registered', () => Sim.start({ input: { channel: 2 } })],
    ['needs_completion', () => run([['request_completion', A.reception, { reason: 'a' }]], Sim.start({ input: { channel: 2 } }))],
    ['accepted', () => Sim.start()],
    ['processing (handling)', () => run(toHandling)],
    ['processing (approval)', () => run([...toHandling, ['forward', A.handler]])],
    ['processing (issue)', () => run(toIssue)],
    ['awaiting_supplement', () => run([...toHandling, ['request_supplement', A.handler, { reason: 'x' }]])],
    ['awaiting_payment', () => run([...toHandling, ['request_payment', A.handler]])],
    ['transferred', () => run([...toHandling, ['transfer', A.handler, { agencyId: OTHER }]])],
  ];
  for (const [name, mk] of stages) {
    it(`withdrawal and stop from ${name}`, () => {
      const s = mk();
      const from = s.state.state;
      s.advance(1).do('request_withdrawal', A.citizen);
      expect(s.state.withdrawalFrom).toBe(from);
      s.advance(1).do('stop', A.reception, { reason: 'Theo đề nghị của công dân' });
      expect(s.state.state).toBe('stopped');
      expect(s.state.suspensions.every((x) => x.end !== null)).toBe(true);
    });
  }
});
