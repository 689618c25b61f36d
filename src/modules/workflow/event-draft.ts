// What the per-action deciders share: the Draft of an event (what an action changes), entering a step
// (location and step clock), hand-overs between parties, the suspension that ends, and turning a Draft
// into the event (toEvent).
import { classify, fullConfig, hoursBetween, iso, openSuspension, stepDueFrom, toDate } from './deadlines.js';
import { asObject, optString, reqString, type Raw } from './payload.js';
import type { ProcessStep } from './process.js';
import type {
  Actor,
  ActorInfo,
  ClockChange,
  Command,
  DecideContext,
  DossierEvent,
  DossierState,
  Handover,
  HandoverParty,
  InternalState,
} from './types.js';


/** What an action changes; the rest of the event is filled in by toEvent(). */
export interface Draft {
  toState: InternalState;
  stepKey?: string | null;
  agencyId?: string;
  assigneeId?: string | null;
  payload?: Raw;
  handover?: Handover | null;
  clock?: ClockChange | null;
}

/** The agency where `step` runs for this dossier (receiving centre, competent agency, return point or a fixed one). */
export function agencyOf(step: ProcessStep, s: DossierState): string {
  const a = step.agency;
  if (a === 'receiving_centre') return s.receivingAgencyId;
  if (a === 'competent_agency') return s.competentAgencyId;
  if (a === 'return_point') return s.returnAgencyId;
  return a.agencyId;
}

export function stateAtStep(step: ProcessStep, ctx: DecideContext): InternalState {
  return ctx.process.steps[0]?.key === step.key ? 'accepted' : 'processing';
}

/** Location and step clock when the dossier enters `step` now. */
export function enter(step: ProcessStep, s: DossierState, ctx: DecideContext, assigneeId: string | null, budget = step.budgetHours) {
  return {
    stepKey: step.key,
    agencyId: agencyOf(step, s),
    assigneeId,
    clock: { stepEnteredAt: iso(ctx.now), stepDueAt: iso(stepDueFrom(ctx.now, budget, ctx)) },
  };
}

export function party(agencyId: string | null, stepKey: string | null, userId: string | null): HandoverParty {
  return { agencyId, stepKey, userId };
}

export function handover(from: HandoverParty, to: HandoverParty, dueAt: string | null, ctx: DecideContext): Handover {
  const c = classify(ctx.now, dueAt, ctx, fullConfig(ctx.config).earlyMarginHours);
  return { from, to, at: iso(ctx.now), dueAt, ...c };
}

/** Hand-over from the current step (the actor finishes it) to `to`. */
export function handoverFromStep(s: DossierState, actor: Actor, to: HandoverParty, ctx: DecideContext): Handover {
  return handover(party(s.currentAgencyId, s.stepKey, actor.userId), to, s.stepDueAt, ctx);
}

export function optUser(p: Raw): string | null {
  return optString(p, 'assigneeId');
}


/** Shifts the step's due instant by the working hours of the suspension that ends now. */
export function resumeClock(s: DossierState, kind: 'supplement' | 'payment', ctx: DecideContext): { stepDueAt?: string | null; suspendedHours: number } {
  const open = openSuspension(s);
  if (!open || open.kind !== kind) return { suspendedHours: 0 };
  const suspendedHours = hoursBetween(ctx, open.start, ctx.now);
  const stepDueAt = s.stepDueAt === null ? null : iso(ctx.addWorkingHours(toDate(s.stepDueAt), suspendedHours));
  return { stepDueAt, suspendedHours };
}

export type Build = (s: DossierState, cmd: Command, ctx: DecideContext) => Draft | null;

export const reason = (cmd: Command): Raw => ({ reason: reqString(asObject(cmd.payload), 'reason') });
export const optReason = (cmd: Command): Raw => ({ reason: optString(asObject(cmd.payload), 'reason') });

export function actorInfo(a: Actor): ActorInfo {
  const info: ActorInfo = { userId: a.userId, roles: [...a.roles], agencyId: a.agencyId };
  if (a.system) info.system = true;
  if (a.citizen) info.citizen = true;
  return info;
}

export function toEvent(s: DossierState, cmd: Command, d: Draft, ctx: DecideContext): DossierEvent {
  return {
    dossierId: s.dossierId,
    version: s.version + 1,
    action: cmd.action,
    fromState: s.state,
    toState: d.toState,
    fromStepKey: s.stepKey,
    stepKey: d.stepKey !== undefined ? d.stepKey : s.stepKey,
    agencyId: d.agencyId ?? s.currentAgencyId,
    assigneeId: d.assigneeId !== undefined ? d.assigneeId : s.assigneeId,
    at: iso(ctx.now),
    actor: actorInfo(cmd.actor),
    note: cmd.note?.trim() || null,
    payload: d.payload ?? {},
    handover: d.handover ?? null,
    clock: d.clock ?? null,
  };
}
