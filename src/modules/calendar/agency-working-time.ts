// Working-time arithmetic over an agency's timeline (pure: no I/O, no clock): effective-dated office hours
// (summer/winter schedules) are followed across their boundaries by running the plain working-time.ts
// functions segment by segment. The read API (calendar.service.ts) builds one with the cached calendars.
import {
  addWorkingMinutes,
  localDate,
  nextWorkingInstant as pureNextWorkingInstant,
  parseLocalDateTime,
  sameDayDue as pureSameDayDue,
  workingMinutesBetween,
  type Interval,
  type WorkingCalendar,
} from './working-time.js';
import { localMidnightMs, localYear, segmentIndexAt, type Segment } from './timeline.js';

/** Thrown by WorkingTime when an instant is outside the years it has loaded. */
export class CalendarRangeError extends RangeError {
  constructor(readonly year: number, readonly years: readonly [number, number]) {
    super(`Year ${year} is outside the loaded calendar years ${years[0]}–${years[1]}`);
    this.name = 'CalendarRangeError';
  }
}

/**
 * Synchronous working-time arithmetic for one agency at one calendar version, over a bounded range of
 * years; effective-dated office hours (summer/winter schedules) are followed across their boundaries.
 * Use it where a synchronous calendar is needed (the workflow's DecideContext); store `version` next to
 * every deadline computed with it. Methods throw CalendarRangeError outside `years`.
 */
export interface WorkingTime {
  readonly version: number;
  readonly agencyId: string | null;
  /** Gregorian years whose days off are loaded, inclusive. */
  readonly years: readonly [number, number];
  addWorkingHours(from: Date, hours: number, suspensions?: readonly Interval[]): Date;
  addWorkingMinutes(from: Date, minutes: number, suspensions?: readonly Interval[]): Date;
  /** Normalises `from` to the next working instant, then adds days × 8 working hours. */
  addWorkingDays(from: Date, days: number, suspensions?: readonly Interval[]): Date;
  /** Working hours in [a, b) (0 if b <= a), suspensions excluded. */
  workingHoursBetween(a: Date, b: Date, suspensions?: readonly Interval[]): number;
  nextWorkingInstant(t: Date): Date;
  /** End of the working day containing the next working instant at or after `t`. */
  endOfWorkingDay(t: Date): Date;
  /** Same-day procedures: due at the end of the start day if the clock starts by the cut-off, else the next. */
  sameDayDue(receivedAt: Date, cutoff?: string): Date;
  /** The plain calendar (office hours in force at `t`) for the pure functions of working-time.ts. */
  calendarAt(t: Date): WorkingCalendar;
}

const MINUTES_PER_DAY = 480;

export interface WorkingTimeParts {
  version: number;
  agencyId: string | null;
  segments: readonly Segment[];
  years: readonly [number, number];
  /** The plain calendar of one segment over `years` (the cache shares them between WorkingTimes). */
  calendarOf: (segment: Segment) => WorkingCalendar;
}

export function makeWorkingTime({ version, agencyId, segments, years, calendarOf }: WorkingTimeParts): WorkingTime {
  const [y0, y1] = years;
  const check = (t: Date): Date => {
    const y = localYear(t);
    if (y < y0 || y > y1) throw new CalendarRangeError(y, years);
    return t;
  };
  const indexAt = (ms: number): number => segmentIndexAt(segments, ms);
  const calAt = (i: number) => calendarOf(segments[i]);
  const boundaryAfter = (i: number) => (i + 1 < segments.length ? segments[i + 1].startMs : undefined);

  const nextWorking = (t: Date): Date => {
    check(t);
    let cur = t;
    for (;;) {
      const i = indexAt(cur.getTime());
      const r = pureNextWorkingInstant(calAt(i), cur);
      const b = boundaryAfter(i);
      if (b === undefined || r.getTime() < b) return check(r);
      cur = new Date(b);
    }
  };

  const addMinutes = (from: Date, minutes: number, susp?: readonly Interval[]): Date => {
    check(from);
    let cur = from;
    let remaining = minutes;
    for (;;) {
      const i = indexAt(cur.getTime());
      const cal = calAt(i);
      const r = addWorkingMinutes(cal, cur, remaining, susp);
      const b = boundaryAfter(i);
      if (b === undefined || r.getTime() <= b) return check(r);
      remaining -= workingMinutesBetween(cal, cur, new Date(b), susp);
      cur = new Date(b);
    }
  };

  const minutesBetween = (a: Date, b: Date, susp?: readonly Interval[]): number => {
    if (b.getTime() <= a.getTime()) return 0;
    check(a);
    check(new Date(b.getTime() - 1));
    let total = 0;
    for (let i = indexAt(a.getTime()); i < segments.length; i++) {
      const s = Math.max(a.getTime(), segments[i].startMs);
      const e = Math.min(b.getTime(), boundaryAfter(i) ?? Number.POSITIVE_INFINITY);
      if (s >= b.getTime()) break;
      if (e > s) total += workingMinutesBetween(calAt(i), new Date(s), new Date(e), susp);
    }
    return total;
  };

  const endOfDay = (t: Date): Date => {
    const start = nextWorking(t);
    return check(pureSameDayDue(calAt(indexAt(start.getTime())), start, '24:00'));
  };

  return {
    version,
    agencyId,
    years: [y0, y1],
    addWorkingMinutes: addMinutes,
    addWorkingHours: (from, hours, susp) => {
      if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number >= 0, got ${hours}`);
      return addMinutes(from, hours * 60, susp);
    },
    addWorkingDays: (from, days, susp) => {
      if (!Number.isFinite(days) || days < 0) throw new RangeError(`days must be a finite number >= 0, got ${days}`);
      return addMinutes(nextWorking(from), days * MINUTES_PER_DAY, susp);
    },
    workingHoursBetween: (a, b, susp) => minutesBetween(a, b, susp) / 60,
    nextWorkingInstant: nextWorking,
    endOfWorkingDay: endOfDay,
    sameDayDue: (receivedAt, cutoff = '15:00') => {
      const start = nextWorking(receivedAt);
      const cut = parseLocalDateTime(`${localDate(start)}T${cutoff}`);
      if (start.getTime() <= cut.getTime()) return endOfDay(start);
      return endOfDay(new Date(localMidnightMs(localDate(new Date(start.getTime() + 24 * 3_600_000)))));
    },
    calendarAt: (t) => calAt(indexAt(check(t).getTime())),
  };
}
