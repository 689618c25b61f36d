// The deadline sweep (run by the pg-boss job every few minutes, and directly by tests): system flag events
// on open dossiers whose appointment, step or consultation deadline is near or past.
import type { AppContext } from '../../platform/context.js';
import { processById } from '../workflow/workflow.service.js';
import { decide, evolve, systemActor, type DecideContext, type DossierEvent, type DossierState } from '../workflow/state-machine.js';
import { calendarFor, configBase, decideContext, type CalendarFns } from './decide-context.js';
import { projectionOf } from './projection.js';
import * as repo from './dossiers.repo.js';

const SWEEP_ACTIONS = [
  'mark_due_soon',
  'mark_overdue',
  'mark_step_due_soon',
  'mark_step_overdue',
  'mark_consultation_due_soon',
  'mark_consultation_overdue',
] as const;

export interface SweepResult {
  checked: number;
  /** Dossier appointment (dueAt) flags. */
  dueSoon: number;
  overdue: number;
  /** Current step (stepDueAt) flags. */
  stepDueSoon: number;
  stepOverdue: number;
  /** Open consultation flags (events; one event may flag several consultations). */
  consultationDueSoon: number;
  consultationOverdue: number;
}

/**
 * Appends system flag events to open dossiers: the appointment (`mark_due_soon` / `mark_overdue`), the
 * current step's due instant (`mark_step_due_soon` / `mark_step_overdue`) and open consultations
 * (`mark_consultation_due_soon` / `mark_consultation_overdue`). decide() decides (clock stopped, already
 * flagged, not due → nothing), so repeated sweeps add nothing; no flag moves a deadline. A pure pre-check
 * on the candidate's stored state skips dossiers with nothing to flag; the others get one short
 * transaction each, with the row locked and the decision taken again on the locked state.
 */
export async function sweepDeadlines(ctx: AppContext, now: Date): Promise<SweepResult> {
  const horizon = new Date(now.getTime() + 60 * 86_400_000);
  const candidates = await repo.sweepCandidates(ctx.db, horizon);
  const cals = new Map<string, CalendarFns>();
  const counts: SweepResult = { checked: candidates.length, dueSoon: 0, overdue: 0, stepDueSoon: 0, stepOverdue: 0, consultationDueSoon: 0, consultationOverdue: 0 };
  for (const c of candidates) {
    let cal = cals.get(c.receiving_agency_id);
    if (!cal) {
      cal = await calendarFor(ctx, c.receiving_agency_id, now);
      cals.set(c.receiving_agency_id, cal);
    }
    // cheap pre-check outside any transaction: nothing to flag yet
    const proc = await processById(ctx.db, c.process_id);
    if (flagEvents(c.state, decideContext(now, cal, proc, configBase(ctx))).events.length === 0) continue;
    count(counts, await flagLocked(ctx, c.id, cal, now));
  }
  return counts;
}

/** The flag events decide() allows on `state`, each applied before the next is decided. */
function flagEvents(state: DossierState, dctx: DecideContext): { events: DossierEvent[]; state: DossierState } {
  const system = systemActor();
  const events: DossierEvent[] = [];
  for (const action of SWEEP_ACTIONS) {
    const r = decide(state, { action, actor: system, expectedVersion: state.version }, dctx);
    if (!r.ok) continue;
    events.push(...r.events);
    state = r.events.reduce(evolve, state);
  }
  return { events, state };
}

/** One short transaction: lock the dossier, decide again on the locked state, store the flags. */
function flagLocked(ctx: AppContext, id: string, calendar: CalendarFns, now: Date): Promise<DossierEvent[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockById(trx, id);
    const process = await processById(trx, row.process_id);
    const dctx = decideContext(now, calendar, process, configBase(ctx));
    const { events, state } = flagEvents(row.state, dctx);
    if (events.length === 0) return [] as DossierEvent[];
    await repo.insertEvents(trx, events, calendar.version);
    await repo.updateProjection(trx, row.id, projectionOf(state, process, dctx), { calendarVersion: calendar.version });
    return events;
  });
}

const COUNTER_OF: Record<(typeof SWEEP_ACTIONS)[number], Exclude<keyof SweepResult, 'checked'>> = {
  mark_due_soon: 'dueSoon',
  mark_overdue: 'overdue',
  mark_step_due_soon: 'stepDueSoon',
  mark_step_overdue: 'stepOverdue',
  mark_consultation_due_soon: 'consultationDueSoon',
  mark_consultation_overdue: 'consultationOverdue',
};

function count(counts: SweepResult, events: DossierEvent[]): void {
  for (const e of events) {
    const key = COUNTER_OF[e.action as (typeof SWEEP_ACTIONS)[number]];
    if (key) counts[key]++;
  }
}
