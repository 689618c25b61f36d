// Deadline arithmetic for the state machine. Pure: the working-time calendar comes in through the context.
//
// Two clocks (domain-vn §0.5):
// - legal appointment `dueAt`: clockStartAt + legal limit; restarts from zero when a requested supplement
//   is received; moved by an apology (form 04);
// - indicator clock `originalDueAt` (QĐ 766): the first appointment, never moved; the waiting time
//   (suspensions) is subtracted from the elapsed time, and a dossier with > 1 supplement request or an
//   apology is late whatever the times say.
//
// Step classification (form 06 "trước hạn / đúng hạn / quá hạn"), decided at each hand-over:
// - late: finished after the step's due instant;
// - early: finished at least `earlyMarginHours` (default 1) working hours before it;
// - on time: otherwise (by the due instant, with less than that to spare).
// Suspensions are excluded by shifting the step's due instant by the suspended working hours when the
// clock restarts (receive_supplement / confirm_payment).

import type { DecideContext, Classification, DossierState, Suspension, WorkflowConfig } from './types.js';
import { DEFAULT_WORKFLOW_CONFIG } from './types.js';

type Calendar = Pick<DecideContext, 'addWorkingHours' | 'workingHoursBetween'>;

export const iso = (d: Date): string => d.toISOString();
export const toDate = (s: string): Date => new Date(s);

export function fullConfig(config: WorkflowConfig): Required<WorkflowConfig> {
  return { ...DEFAULT_WORKFLOW_CONFIG, ...stripUndefined(config) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Working hours from a to b; 0 when b is not after a. */
export function hoursBetween(cal: Calendar, a: string | Date, b: string | Date): number {
  const da = typeof a === 'string' ? toDate(a) : a;
  const db = typeof b === 'string' ? toDate(b) : b;
  return db.getTime() > da.getTime() ? cal.workingHoursBetween(da, db) : 0;
}

/** Legal appointment for a clock starting at `start` (same-day processes end with the working day). */
export function appointmentFrom(start: Date, ctx: DecideContext): Date {
  const limit = ctx.process.legalLimitHours;
  if (limit === 0 && ctx.endOfWorkingDay) return ctx.endOfWorkingDay(start);
  return ctx.addWorkingHours(start, limit);
}

/** Due instant of a step entered at `enteredAt` with `budgetHours`. */
export function stepDueFrom(enteredAt: Date, budgetHours: number, ctx: DecideContext): Date {
  if (ctx.process.legalLimitHours === 0 && budgetHours === 0 && ctx.endOfWorkingDay) {
    return ctx.endOfWorkingDay(enteredAt);
  }
  return ctx.addWorkingHours(enteredAt, budgetHours);
}

export function classify(
  finishedAt: Date,
  dueAt: string | null,
  cal: Calendar,
  earlyMarginHours: number,
): { classification: Classification | null; marginHours: number | null } {
  if (dueAt === null) return { classification: null, marginHours: null };
  const due = toDate(dueAt);
  if (finishedAt.getTime() > due.getTime()) {
    return { classification: 'late', marginHours: -hoursBetween(cal, due, finishedAt) };
  }
  const margin = hoursBetween(cal, finishedAt, due);
  return { classification: margin >= earlyMarginHours ? 'early' : 'on_time', marginHours: margin };
}

export function openSuspension(state: Pick<DossierState, 'suspensions'>): Suspension | undefined {
  const last = state.suspensions[state.suspensions.length - 1];
  return last && last.end === null ? last : undefined;
}

/** Working hours of the suspensions that overlap [from, to] (an open suspension runs until `to`). */
export function suspendedHours(
  state: Pick<DossierState, 'suspensions'>,
  from: Date,
  to: Date,
  cal: Calendar,
): number {
  let total = 0;
  for (const s of state.suspensions) {
    const start = Math.max(toDate(s.start).getTime(), from.getTime());
    const end = Math.min(s.end === null ? to.getTime() : toDate(s.end).getTime(), to.getTime());
    if (end > start) total += cal.workingHoursBetween(new Date(start), new Date(end));
  }
  return total;
}

/** Working hours the legal clock has run from clockStartAt to `at`, suspensions excluded (0 if not started). */
export function elapsedWorkingHours(state: DossierState, at: Date, cal: Calendar): number {
  if (state.clockStartAt === null) return 0;
  const start = toDate(state.clockStartAt);
  if (at.getTime() <= start.getTime()) return 0;
  return hoursBetween(cal, start, at) - suspendedHours(state, start, at, cal);
}

/** True while the processing clock runs: accepted, no result yet, not terminal, not suspended. */
export function clockRunning(state: DossierState): boolean {
  return (
    state.clockStartAt !== null &&
    state.result === null &&
    !['refused', 'stopped', 'returned'].includes(state.state) &&
    openSuspension(state) === undefined
  );
}

export interface IndicatorTiming {
  /** End of processing used for the indicator (finishedAt, start of a pending supplement wait, or asOf). */
  endAt: string;
  elapsedHours: number;
  allowedHours: number;
  onTime: boolean;
}

/**
 * QĐ 766 indicator 2.1 for one dossier: on time ⇔ not flagged late (> 1 supplement request, apology)
 * and the elapsed working time without suspensions ≤ the time to the original appointment.
 * Null for dossiers that were never accepted.
 */
export function indicatorTiming(state: DossierState, cal: Calendar, asOf: Date): IndicatorTiming | null {
  if (state.clockStartAt === null || state.originalDueAt === null) return null;
  const pending = openSuspension(state);
  const end =
    state.finishedAt !== null
      ? toDate(state.finishedAt)
      : pending?.kind === 'supplement'
        ? toDate(pending.start)
        : asOf;
  const elapsedHours = elapsedWorkingHours(state, end, cal);
  const allowedHours = hoursBetween(cal, state.clockStartAt, state.originalDueAt);
  return {
    endAt: iso(end),
    elapsedHours,
    allowedHours,
    onTime: !state.lateForIndicators && elapsedHours <= allowedHours + 1e-9,
  };
}

/** The indicator clock as projection columns, so reports can aggregate in SQL (migration 0010). */
export interface IndicatorColumns {
  /** End of processing for the indicator once known: finishedAt, or the start of a pending supplement wait. */
  endAt: string | null;
  /** Outcome once `endAt` is known; null while processing. */
  onTime: boolean | null;
  /** While processing: first instant at which the dossier counts as late; null when not running. */
  lateFrom: string | null;
  /** Late whatever the times (> 1 supplement request, apology). */
  late: boolean;
}

/** One working second: `lateFrom` is the first instant strictly past the allowance. */
const ONE_SECOND_HOURS = 1 / 3600;

export function indicatorColumns(state: DossierState, cal: Calendar): IndicatorColumns {
  const none = { endAt: null, onTime: null, lateFrom: null, late: state.lateForIndicators };
  if (state.clockStartAt === null || state.originalDueAt === null) return none;
  const pending = openSuspension(state);
  const endAt = state.finishedAt ?? (pending?.kind === 'supplement' ? pending.start : null);
  if (endAt !== null) {
    const t = indicatorTiming(state, cal, toDate(endAt))!;
    return { ...none, endAt, onTime: t.onTime };
  }
  // awaiting payment: the wait is subtracted while it lasts, so the dossier cannot become late meanwhile
  if (pending !== undefined) return none;
  const start = toDate(state.clockStartAt);
  const allowed = hoursBetween(cal, start, state.originalDueAt);
  const suspended = state.suspensions.reduce((h, s) => h + (s.end === null ? 0 : hoursBetween(cal, s.start, s.end)), 0);
  return { ...none, lateFrom: iso(cal.addWorkingHours(start, allowed + suspended + ONE_SECOND_HOURS)) };
}
