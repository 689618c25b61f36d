// The dossier state machine, event-sourced: decide(state, command, ctx) checks a command and returns the
// events it causes; evolve(state, event) applies one event (evolve.ts). The state is the fold of its
// events. Pure: time, the working calendar, the process (pinned version) and the configuration come in
// through the context; nothing here reads a clock or a database.
//
// Guards run in this order, and the first failure is the answer:
// 1. the action exists; 2. expectedVersion = state.version (STALE_VERSION);
// 3. the state allows the action (TRANSITIONS; ACTION_NOT_ALLOWED) and, for step actions, the current step
//    offers it; 4. the actor may do it (FORBIDDEN); 5. limits and timing (LIMIT_REACHED, TOO_LATE, NOT_DUE,
//    CLOCK_STOPPED, RESULT_ALREADY_ISSUED); 6. the payload (INVALID_PAYLOAD).
// allowedActions() runs 3–5 for every action, so "allowed" never depends on a payload.
//
// This file is the entry point other code imports; the parts live beside it:
// transitions.ts (the table), who-may-act.ts (guard 4), action-limits.ts (guards 3–5, allowedActions),
// decide.ts (the dispatcher), decide-*.ts (one decider family per file), event-draft.ts (what deciders
// share), receive.ts (creation), national-status.ts, actors.ts.

export * from './types.js';
export { evolve, fold } from './evolve.js';
export { elapsedWorkingHours, indicatorColumns, indicatorTiming, clockRunning } from './deadlines.js';
export { NATIONAL_STATUS, NATIONAL_STATUS_LABELS, isTerminal, nationalStatus } from './national-status.js';
export { TRANSITIONS, type Transition, type TransitionTarget } from './transitions.js';
export type { Fail } from './decide-fail.js';
export { mayHoldStep } from './who-may-act.js';
export { allowedActions, consultationFlags, stepFlags } from './action-limits.js';
export { agencyOf } from './event-draft.js';
export { PAYMENT_METHODS, type PaymentMethod } from './decide-result-payment.js';
export { decide, execute } from './decide.js';
export { receive, type ReceiveInput } from './receive.js';
export { citizenActor, systemActor } from './actors.js';
