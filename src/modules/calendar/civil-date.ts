/**
 * Civil (calendar) date helpers shared by the calendar modules.
 *
 * A local date is handled as an integer "day number": days since 1970-01-01
 * in the proleptic Gregorian calendar. Day numbers make date arithmetic
 * (adding days, weekdays, differences) exact integer arithmetic, with no
 * time zone or DST in sight. Conversion to and from 'YYYY-MM-DD' goes
 * through Date.UTC, which is only used as a pure Gregorian calculator here.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Thrown for a malformed or nonexistent 'YYYY-MM-DD' string. */
export class InvalidDateError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDateError';
  }
}

/** Day number of a Gregorian date (month 1–12); no validation. */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Parses a strict 'YYYY-MM-DD' string (rejects 2025-02-30 and similar). */
export function parseIsoDate(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new InvalidDateError(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dn = dayNumberFromParts(year, month, day);
  // Date.UTC silently rolls 2025-02-30 over to March; detect that by converting back.
  if (formatIsoDate(dn) !== iso) throw new InvalidDateError(`Nonexistent date ${iso}`);
  return dn;
}

/** 'YYYY-MM-DD' for a day number. */
export function formatIsoDate(dayNumber: number): string {
  const d = new Date(dayNumber * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  return ((((dayNumber + 4) % 7) + 7) % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/** Adds days to an ISO date. */
export function addDaysIso(iso: string, days: number): string {
  return formatIsoDate(parseIsoDate(iso) + days);
}

/** Weekday (0 = Sunday) of an ISO date. */
export function weekdayOfIso(iso: string): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  return weekdayOf(parseIsoDate(iso));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export { MS_PER_DAY };
