// evolve: the dossier state is a left fold of its events. Each event carries everything needed to apply it
// (decide computed the deadlines and classifications), so replaying an old log never needs the calendar
// or the current rules.

import type { ActionName } from './actions.js';
import type {
  Channel,
  Classification,
  Consultation,
  DossierEvent,
  DossierState,
  FeeRequestLine,
  ResultDocument,
  TransferLeg,
} from './types.js';

type Reducer = (s: DossierState, e: DossierEvent) => DossierState;

const str = (e: DossierEvent, k: string): string | null => (typeof e.payload[k] === 'string' ? (e.payload[k] as string) : null);

function closeOpenSuspension(s: DossierState, at: string, kind?: 'supplement' | 'payment'): DossierState['suspensions'] {
  return s.suspensions.map((x) => (x.end === null && (kind === undefined || x.kind === kind) ? { ...x, end: at } : x));
}

function resultFrom(e: DossierEvent, outcome: 'approved' | 'rejected'): DossierState['result'] {
  return {
    outcome,
    documents: (e.payload.documents as ResultDocument[] | undefined) ?? [],
    reason: str(e, 'reason'),
    recordedAt: e.at,
    recordedBy: e.actor.userId,
  };
}

const same: Reducer = (s) => s;

/** Effects specific to each action, applied after the common fields (applyCommon). */
const REDUCERS: Record<ActionName, Reducer> = {
  accept: (s, e) => ({
    ...s,
    code: str(e, 'code') ?? s.code,
    appointments: [...s.appointments, { at: e.at, reason: 'accept', previousDueAt: null, dueAt: e.clock!.dueAt! }],
  }),
  request_completion: (s) => ({ ...s, completionRequests: s.completionRequests + 1 }),
  resubmit: same,
  refuse: (s, e) => ({ ...s, finishedAt: s.finishedAt ?? e.at }),
  claim: same,
  assign: same,
  forward: same,
  send_back: same,
  approve: (s, e) => ({ ...s, approval: { by: e.actor.userId, at: e.at } }),
  request_supplement: (s, e) => {
    const supplementRequests = s.supplementRequests + 1;
    return {
      ...s,
      supplementRequests,
      lateForIndicators: s.lateForIndicators || supplementRequests > 1,
      pausedFrom: e.fromState,
      suspensions: [...s.suspensions, { kind: 'supplement', start: e.at, end: null, stepKey: e.fromStepKey }],
    };
  },
  receive_supplement: (s, e) => ({
    ...s,
    pausedFrom: null,
    suspensions: closeOpenSuspension(s, e.at, 'supplement'),
    appointments: [
      ...s.appointments,
      { at: e.at, reason: 'supplement', previousDueAt: e.clock!.previousDueAt ?? null, dueAt: e.clock!.dueAt! },
    ],
    dueSoon: false,
    overdue: false,
  }),
  request_payment: (s, e) => ({
    ...s,
    pausedFrom: e.fromState,
    payments: [
      ...s.payments,
      {
        requestedAt: e.at,
        amount: typeof e.payload.amount === 'number' ? e.payload.amount : null,
        ...(Array.isArray(e.payload.lines) ? { lines: e.payload.lines as FeeRequestLine[] } : {}),
        paidAt: null,
        receiptNumber: null,
        method: null,
      },
    ],
    suspensions: e.payload.suspendsClock
      ? [...s.suspensions, { kind: 'payment', start: e.at, end: null, stepKey: e.fromStepKey }]
      : s.suspensions,
  }),
  confirm_payment: (s, e) => ({
    ...s,
    pausedFrom: null,
    suspensions: closeOpenSuspension(s, e.at, 'payment'),
    payments: s.payments.map((p, i) =>
      i === s.payments.length - 1
        ? {
            ...p,
            paidAt: e.at,
            amount: typeof e.payload.amount === 'number' ? e.payload.amount : p.amount,
            receiptNumber: str(e, 'receiptNumber'),
            method: str(e, 'method'),
          }
        : p,
    ),
  }),
  consult: (s, e) => ({
    ...s,
    openConsultations: [
      ...s.openConsultations,
      {
        id: str(e, 'consultationId')!,
        agencyId: str(e, 'agencyId')!,
        stepKey: e.fromStepKey,
        requestedBy: e.actor.userId,
        requestedAt: e.at,
        dueAt: str(e, 'dueAt')!,
        question: str(e, 'question'),
        answeredAt: null,
        answeredBy: null,
        answer: null,
        classification: null,
      },
    ],
  }),
  answer_consultation: (s, e) => {
    const id = str(e, 'consultationId');
    const open = s.openConsultations.find((c) => c.id === id)!;
    const closed: Consultation = {
      ...open,
      answeredAt: e.at,
      answeredBy: e.actor.userId,
      answer: str(e, 'answer'),
      classification: (e.payload.classification as Classification | undefined) ?? null,
    };
    return {
      ...s,
      openConsultations: s.openConsultations.filter((c) => c.id !== id),
      closedConsultations: [...s.closedConsultations, closed],
    };
  },
  transfer: (s, e) => {
    const leg: TransferLeg = {
      id: str(e, 'transferId')!,
      fromAgencyId: e.handover!.from.agencyId!,
      fromStepKey: e.fromStepKey,
      toAgencyId: e.agencyId,
      sentAt: e.at,
      dueAt: str(e, 'dueAt'),
      stepRemainingHours: (e.payload.stepRemainingHours as number | undefined) ?? 0,
      returnedAt: null,
      classification: null,
      result: null,
    };
    return { ...s, transfers: [...s.transfers, leg] };
  },
  return_transfer: (s, e) => ({
    ...s,
    transfers: s.transfers.map((t) =>
      t.id === str(e, 'transferId')
        ? {
            ...t,
            returnedAt: e.at,
            classification: e.handover?.classification ?? null,
            result: (e.payload.result as ResultDocument[] | undefined) ?? null,
          }
        : t,
    ),
  }),
  reject: (s, e) => ({ ...s, result: resultFrom(e, 'rejected'), finishedAt: e.at }),
  record_result: (s, e) => ({ ...s, result: resultFrom(e, 'approved'), finishedAt: e.at }),
  return_result: (s, e) => ({
    ...s,
    returned: {
      method: e.payload.method as 'counter' | 'post' | 'online',
      trackingNumber: str(e, 'trackingNumber'),
      recipient: str(e, 'recipient'),
      returnedAt: e.at,
      returnedBy: e.actor.userId,
    },
  }),
  request_withdrawal: (s, e) => ({ ...s, withdrawalFrom: e.fromState }),
  cancel_withdrawal: (s) => ({ ...s, withdrawalFrom: null }),
  stop: (s, e) => ({ ...s, suspensions: closeOpenSuspension(s, e.at), finishedAt: s.finishedAt ?? e.at }),
  apologize: (s, e) => ({
    ...s,
    apologies: s.apologies + 1,
    lateForIndicators: true,
    appointments: [
      ...s.appointments,
      { at: e.at, reason: 'apology', previousDueAt: e.clock!.previousDueAt ?? null, dueAt: e.clock!.dueAt! },
    ],
    dueSoon: false,
    overdue: false,
  }),
  mark_due_soon: (s) => ({ ...s, dueSoon: true }),
  mark_overdue: (s) => ({ ...s, overdue: true }),
  mark_step_due_soon: (s, e) => ({ ...s, stepDueSoonFor: str(e, 'stepDueAt') }),
  mark_step_overdue: (s, e) => ({ ...s, stepOverdueFor: str(e, 'stepDueAt') }),
  mark_consultation_due_soon: (s, e) => flagConsultations(s, e, 'dueSoonFlagged'),
  mark_consultation_overdue: (s, e) => flagConsultations(s, e, 'overdueFlagged'),
};

function flagConsultations(s: DossierState, e: DossierEvent, flag: 'dueSoonFlagged' | 'overdueFlagged'): DossierState {
  const ids = Array.isArray(e.payload.consultationIds) ? (e.payload.consultationIds as string[]) : [];
  return { ...s, openConsultations: s.openConsultations.map((c) => (ids.includes(c.id) ? { ...c, [flag]: true } : c)) };
}

/** Fields every event sets: version, state, step, holder, assignee, clock values, step trail. */
function applyCommon(s: DossierState, e: DossierEvent): DossierState {
  const c = e.clock ?? {};
  const next: DossierState = {
    ...s,
    version: e.version,
    state: e.toState,
    stepKey: e.stepKey,
    currentAgencyId: e.agencyId,
    assigneeId: e.assigneeId,
    updatedAt: e.at,
    acceptedAt: c.acceptedAt ?? s.acceptedAt,
    clockStartAt: c.clockStartAt ?? s.clockStartAt,
    dueAt: c.dueAt ?? s.dueAt,
    originalDueAt: c.originalDueAt ?? s.originalDueAt,
    stepEnteredAt: c.stepEnteredAt !== undefined ? c.stepEnteredAt : s.stepEnteredAt,
    stepDueAt: c.stepDueAt !== undefined ? c.stepDueAt : s.stepDueAt,
  };
  if (e.stepKey !== null && !next.visitedSteps.includes(e.stepKey)) {
    next.visitedSteps = [...next.visitedSteps, e.stepKey];
  }
  const from = e.handover?.from;
  if (from?.stepKey && from.userId && !e.actor.system && !e.actor.citizen) {
    next.stepHandlers = { ...next.stepHandlers, [from.stepKey]: from.userId };
  }
  return next;
}

function createFromReceive(e: DossierEvent): DossierState {
  const p = e.payload;
  const c = e.clock ?? {};
  return {
    dossierId: e.dossierId,
    code: typeof p.code === 'string' ? p.code : null,
    channel: p.channel as Channel,
    version: e.version,
    state: e.toState,
    stepKey: e.stepKey,
    assigneeId: e.assigneeId,
    currentAgencyId: e.agencyId,
    receivingAgencyId: p.receivingAgencyId as string,
    competentAgencyId: p.competentAgencyId as string,
    returnAgencyId: p.returnAgencyId as string,
    submittedAt: p.submittedAt as string,
    acceptedAt: c.acceptedAt ?? null,
    clockStartAt: c.clockStartAt ?? null,
    dueAt: c.dueAt ?? null,
    originalDueAt: c.originalDueAt ?? null,
    stepEnteredAt: c.stepEnteredAt ?? null,
    stepDueAt: c.stepDueAt ?? null,
    appointments: c.dueAt ? [{ at: e.at, reason: 'accept', previousDueAt: null, dueAt: c.dueAt }] : [],
    suspensions: [],
    completionRequests: 0,
    supplementRequests: 0,
    apologies: 0,
    lateForIndicators: false,
    pausedFrom: null,
    withdrawalFrom: null,
    visitedSteps: e.stepKey ? [e.stepKey] : [],
    stepHandlers: {},
    transfers: [],
    openConsultations: [],
    closedConsultations: [],
    payments: [],
    approval: null,
    result: null,
    finishedAt: null,
    returned: null,
    dueSoon: false,
    overdue: false,
    updatedAt: e.at,
  };
}

/**
 * Applies one event. `evolve(null, receiveEvent)` creates the dossier. Throws on a malformed log
 * (an event that is not the next version, or a second creation event): the log is the truth and a gap
 * must never be papered over.
 */
export function evolve(state: DossierState | null, event: DossierEvent): DossierState {
  if (state === null) {
    if (event.action !== 'receive' || event.version !== 1) {
      throw new Error(`the first event must be 'receive' with version 1, got '${event.action}' v${event.version}`);
    }
    return createFromReceive(event);
  }
  if (event.action === 'receive') throw new Error(`dossier ${state.dossierId} already exists`);
  if (event.version !== state.version + 1) {
    throw new Error(`event version ${event.version} does not follow state version ${state.version}`);
  }
  return REDUCERS[event.action](applyCommon(state, event), event);
}

/** Folds a whole event log (in version order) into the state. */
export function fold(events: readonly DossierEvent[]): DossierState | null {
  return events.reduce<DossierState | null>((s, e) => evolve(s, e), null);
}
