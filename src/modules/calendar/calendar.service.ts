// The working calendar other modules compute deadlines with (the read API): working-time arithmetic of an
// agency at the current or a given calendar version, cached (calendar-cache.ts). Deadlines are stored
// values: a change makes a new version, it never rewrites old ones, and the calendar of any older version
// can be rebuilt (`opts.version`). Admin changes live in their own files (holiday-edit.ts, year-confirm.ts,
// office-hours.ts), public conversions in calendar-public.ts.
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { WorkingCalendar } from './working-time.js';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from './calendar.schema.js';
import { calendarOf, loadYears, resolveVersion, timelineOf, versionData } from './calendar-cache.js';
import { CalendarRangeError, makeWorkingTime, type WorkingTime } from './agency-working-time.js';
import { localYear } from './timeline.js';
import { outOfRange, toCalendarError } from './calendar.errors.js';

export { VERSION_TTL_MS, clearCalendarCache, currentCalendarVersion } from './calendar-cache.js';
export { CalendarRangeError, type WorkingTime } from './agency-working-time.js';
export { statutoryDaysOff } from './statutory-days.js';

/** Years loaded around the instant asked for by getWorkingCalendar: [year - BEFORE, year + AFTER]. */
export const YEARS_BEFORE = 1;
export const YEARS_AFTER = 2;

const clampYear = (y: number) => Math.min(MAX_CALENDAR_YEAR, Math.max(MIN_CALENDAR_YEAR, y));

export interface CalendarOptions {
  /** Calendar version to use (default: the current one). Older versions rebuild the calendar as it was. */
  version?: number;
}

/**
 * The working-time arithmetic of an agency (null = the national default office hours) for the years
 * [years[0], years[1]] (default: the current year − 1 … + 2), at the current or a given calendar version.
 */
export async function getWorkingTime(
  ctx: AppContext,
  agencyId: string | null,
  opts: CalendarOptions & { years?: readonly [number, number] } = {},
): Promise<WorkingTime> {
  const version = await resolveVersion(ctx, opts.version);
  const d = versionData(ctx, version);
  const y = localYear(ctx.clock.now());
  const y0 = clampYear(opts.years?.[0] ?? y - YEARS_BEFORE);
  const y1 = clampYear(Math.max(y0, opts.years?.[1] ?? y + YEARS_AFTER));
  const [segments] = await Promise.all([timelineOf(ctx, d, agencyId), loadYears(ctx, d, y0, y1)]);
  const years: [number, number] = [y0, y1];
  return makeWorkingTime({ version, agencyId, segments, years, calendarOf: (seg) => calendarOf(d, seg, y0, y1) });
}

/**
 * The WorkingCalendar (pure, see working-time.ts) of an agency at instant `at` (default now): the office
 * hours in force at `at` (own, else inherited from the nearest ancestor, else the national default) and
 * the days off of the years around `at` (year − 1 … + 2). Store `version` next to a deadline computed
 * with it. Cached per (agency, version); an admin change makes a new version.
 */
export async function getWorkingCalendar(
  ctx: AppContext,
  agencyId?: string | null,
  at?: Date,
  opts: CalendarOptions = {},
): Promise<{ calendar: WorkingCalendar; version: number }> {
  const t = at ?? ctx.clock.now();
  if (!Number.isFinite(t.getTime())) throw new AppError(422, 'VALIDATION_FAILED');
  const y = localYear(t);
  if (y < MIN_CALENDAR_YEAR || y > MAX_CALENDAR_YEAR) throw outOfRange();
  const wt = await getWorkingTime(ctx, agencyId ?? null, { ...opts, years: [y - YEARS_BEFORE, y + YEARS_AFTER] });
  return { calendar: wt.calendarAt(t), version: wt.version };
}

/** Runs `fn` over a WorkingTime whose year range grows until the answer fits in it. */
async function withGrowingRange<T>(
  ctx: AppContext,
  agencyId: string | null,
  first: number,
  last: number,
  opts: CalendarOptions,
  fn: (wt: WorkingTime) => T,
): Promise<{ value: T; version: number }> {
  if (first < MIN_CALENDAR_YEAR || last > MAX_CALENDAR_YEAR) throw outOfRange();
  let y1 = Math.min(MAX_CALENDAR_YEAR, Math.max(last, first + YEARS_AFTER));
  let version = opts.version;
  for (;;) {
    const wt = await getWorkingTime(ctx, agencyId, { version, years: [first, y1] });
    version = wt.version; // stay on one version while the range grows
    try {
      return { value: fn(wt), version };
    } catch (err) {
      if (err instanceof CalendarRangeError && err.year > y1 && y1 < MAX_CALENDAR_YEAR) {
        y1 = Math.min(MAX_CALENDAR_YEAR, y1 + 5);
        continue;
      }
      throw toCalendarError(err);
    }
  }
}

/** `from` plus `hours` working hours in the agency's calendar (current version). */
export async function addWorkingHoursFor(ctx: AppContext, agencyId: string | null, from: Date, hours: number): Promise<Date> {
  return (await addWorkingHoursWithVersion(ctx, agencyId, from, hours)).value;
}

/** Working hours in [a, b) in the agency's calendar (current version); 0 if b <= a. */
export async function workingHoursBetweenFor(ctx: AppContext, agencyId: string | null, a: Date, b: Date): Promise<number> {
  if (!Number.isFinite(a.getTime()) || !Number.isFinite(b.getTime())) throw new AppError(422, 'VALIDATION_FAILED');
  if (b.getTime() <= a.getTime()) return 0;
  return (await withGrowingRange(ctx, agencyId, localYear(a), localYear(new Date(b.getTime() - 1)), {}, (wt) => wt.workingHoursBetween(a, b))).value;
}

/** addWorkingHoursFor that also tells which calendar version it used (store it with the deadline). */
export async function addWorkingHoursWithVersion(
  ctx: AppContext,
  agencyId: string | null,
  from: Date,
  hours: number,
  opts: CalendarOptions = {},
): Promise<{ value: Date; version: number }> {
  if (!Number.isFinite(from.getTime())) throw new AppError(422, 'VALIDATION_FAILED');
  const y = localYear(from);
  return withGrowingRange(ctx, agencyId, y, y, opts, (wt) => wt.addWorkingHours(from, hours));
}

/** `from` normalised to the next working instant plus `days` working days (8 h each), with the version used. */
export async function addWorkingDaysWithVersion(
  ctx: AppContext,
  agencyId: string | null,
  from: Date,
  days: number,
  opts: CalendarOptions = {},
): Promise<{ value: Date; version: number }> {
  if (!Number.isFinite(from.getTime())) throw new AppError(422, 'VALIDATION_FAILED');
  const y = localYear(from);
  return withGrowingRange(ctx, agencyId, y, y, opts, (wt) => wt.addWorkingDays(from, days));
}

