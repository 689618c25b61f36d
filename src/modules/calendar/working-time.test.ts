import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWorkingCalendar, daysOffForYears, generateStatutoryDaysOff, loadOfficialSchedule } from './holiday-rules.js';
import {
  DEFAULT_OFFICE_HOURS,
  NoWorkingTimeError,
  addWorkingDays,
  addWorkingHours,
  addWorkingMinutes,
  formatLocalDateTime,
  isWorkingDay,
  isWorkingInstant,
  localDate,
  nextWorkingInstant,
  parseLocalDateTime,
  sameDayDue,
  workingMinutesBetween,
  type Interval,
  type OfficeHours,
  type Session,
  type WorkingCalendar,
} from './working-time.js';

const OFFICIAL_URL = new URL('../../../reference-data/holidays/vn_official_days_off_2025_2026.json', import.meta.url);
const official = loadOfficialSchedule(JSON.parse(readFileSync(OFFICIAL_URL, 'utf8')));

/** The real calendar: official 2025–2026 schedule, statutory rules for 2024 and 2027. */
const cal = buildWorkingCalendar(daysOffForYears([2024, 2025, 2026, 2027], official));
/** Only Saturday/Sunday off: for cases where holidays would get in the way. */
const plain: WorkingCalendar = { hours: DEFAULT_OFFICE_HOURS, daysOff: new Set(), workingSwaps: new Set() };

const at = parseLocalDateTime;
const show = formatLocalDateTime;
const span = (start: string, end: string): Interval => ({ start: at(start), end: at(end) });

describe('local time helpers (UTC+7, no DST)', () => {
  it('parses and formats local date-times', () => {
    expect(at('2026-02-17T00:30').toISOString()).toBe('2026-02-16T17:30:00.000Z');
    expect(localDate(at('2026-02-17T00:30'))).toBe('2026-02-17');
    expect(localDate(new Date('2026-02-16T16:59:59.999Z'))).toBe('2026-02-16');
    expect(show(at('2026-07-01T13:05'))).toBe('2026-07-01T13:05');
    expect(show(at('2026-07-01T13:05:09'))).toBe('2026-07-01T13:05:09');
    expect(show(new Date(at('2026-07-01T13:05').getTime() + 1))).toBe('2026-07-01T13:05:00.001');
  });

  it('rejects malformed input', () => {
    expect(() => at('2026-02-17 08:00')).toThrow(RangeError);
    expect(() => at('2026-02-17T24:00')).toThrow(RangeError);
    expect(() => at('2026-02-30T08:00')).toThrow(RangeError);
    expect(() => localDate(new Date(Number.NaN))).toThrow(TypeError);
  });

  it('local dates are stable across the year (no DST)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), (ms) => {
        const t = new Date(ms - (ms % 60_000));
        return at(show(t)).getTime() === t.getTime();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('office hours and working instants', () => {
  it('default hours: Mon–Fri 07:30–11:30 and 13:00–17:00', () => {
    expect(DEFAULT_OFFICE_HOURS.weekly[1]).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(DEFAULT_OFFICE_HOURS.weekly[0]).toEqual([]);
    expect(DEFAULT_OFFICE_HOURS.weekly[6]).toEqual([]);
    expect(Object.isFrozen(DEFAULT_OFFICE_HOURS.weekly[1][0])).toBe(true);
  });

  it('session start is working, session end is not', () => {
    expect(isWorkingInstant(plain, at('2026-03-02T07:30'))).toBe(true);
    expect(isWorkingInstant(plain, at('2026-03-02T07:29'))).toBe(false);
    expect(isWorkingInstant(plain, at('2026-03-02T11:30'))).toBe(false);
    expect(isWorkingInstant(plain, at('2026-03-02T12:00'))).toBe(false);
    expect(isWorkingInstant(plain, at('2026-03-02T16:59'))).toBe(true);
    expect(isWorkingInstant(plain, at('2026-03-02T17:00'))).toBe(false);
    expect(isWorkingInstant(plain, at('2026-03-01T09:00'))).toBe(false); // Sunday
  });

  it('nextWorkingInstant', () => {
    expect(show(nextWorkingInstant(plain, at('2026-03-02T09:15')))).toBe('2026-03-02T09:15');
    expect(show(nextWorkingInstant(plain, at('2026-03-02T11:45')))).toBe('2026-03-02T13:00');
    expect(show(nextWorkingInstant(plain, at('2026-03-02T17:00')))).toBe('2026-03-03T07:30');
    expect(show(nextWorkingInstant(plain, at('2026-03-06T18:00')))).toBe('2026-03-09T07:30');
    expect(show(nextWorkingInstant(cal, at('2026-02-17T09:00')))).toBe('2026-02-23T07:30');
  });

  it('days off win over swaps, swaps use Monday sessions', () => {
    const c: WorkingCalendar = {
      hours: DEFAULT_OFFICE_HOURS,
      daysOff: new Set(['2026-03-07']),
      workingSwaps: new Set(['2026-03-07', '2026-03-14']),
    };
    expect(isWorkingDay(c, '2026-03-07')).toBe(false);
    expect(isWorkingDay(c, '2026-03-14')).toBe(true);
    expect(isWorkingInstant(c, at('2026-03-14T13:00'))).toBe(true);
    expect(isWorkingInstant(c, at('2026-03-14T12:00'))).toBe(false);
  });

  it('validates office hours', () => {
    const week = (sessions: Session[]): OfficeHours => ({ weekly: { 0: [], 1: sessions, 2: [], 3: [], 4: [], 5: [], 6: [] } });
    const calWith = (sessions: Session[]): WorkingCalendar => ({ ...plain, hours: week(sessions) });
    const t = at('2026-03-02T09:00');
    expect(() => isWorkingInstant(calWith([{ start: '12:00', end: '11:00' }]), t)).toThrow(/before end/);
    expect(() => isWorkingInstant(calWith([{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }]), t)).toThrow(/overlap/);
    expect(() => isWorkingInstant(calWith([{ start: '8:00', end: '12:00' }]), t)).toThrow(/invalid time/);
    expect(() => isWorkingInstant(calWith([{ start: '08:00', end: '24:01' }]), t)).toThrow(/invalid time/);
    // Touching sessions merge; 24:00 is a valid end.
    const c = calWith([{ start: '08:00', end: '12:00' }, { start: '12:00', end: '24:00' }]);
    expect(workingMinutesBetween(c, at('2026-03-02T00:00'), at('2026-03-03T00:00'))).toBe(16 * 60);
    expect(show(addWorkingMinutes(c, at('2026-03-02T23:00'), 60))).toBe('2026-03-03T00:00');
    expect(show(addWorkingMinutes(c, at('2026-03-03T00:00'), 0))).toBe('2026-03-03T00:00');
  });
});

describe('adding working time — hand-checked cases', () => {
  it('a deadline that ends at a session end stays there (17:00, 11:30), it does not roll over', () => {
    expect(show(addWorkingMinutes(plain, at('2026-03-02T11:00'), 30))).toBe('2026-03-02T11:30');
    expect(show(addWorkingMinutes(plain, at('2026-03-02T11:00'), 31))).toBe('2026-03-02T13:01');
    expect(show(addWorkingHours(plain, at('2026-03-02T13:00'), 4))).toBe('2026-03-02T17:00');
    expect(show(addWorkingDays(plain, at('2026-03-02T07:30'), 1))).toBe('2026-03-02T17:00');
  });

  it('0 minutes: stays in working time or at a session end, else moves to the next opening', () => {
    expect(show(addWorkingMinutes(plain, at('2026-03-02T09:00'), 0))).toBe('2026-03-02T09:00');
    expect(show(addWorkingMinutes(plain, at('2026-03-02T17:00'), 0))).toBe('2026-03-02T17:00');
    expect(show(addWorkingMinutes(plain, at('2026-03-02T17:01'), 0))).toBe('2026-03-03T07:30');
    expect(show(addWorkingDays(plain, at('2026-03-02T17:00'), 0))).toBe('2026-03-03T07:30');
  });

  it('receipt outside office hours: evening, lunch break (11:45), Sunday', () => {
    expect(show(addWorkingDays(plain, at('2026-03-02T18:30'), 1))).toBe('2026-03-03T17:00');
    expect(show(addWorkingHours(plain, at('2026-03-02T11:45'), 4))).toBe('2026-03-02T17:00');
    expect(show(addWorkingHours(plain, at('2026-03-02T11:45'), 5))).toBe('2026-03-03T08:30');
    expect(show(addWorkingDays(plain, at('2026-03-01T10:00'), 1))).toBe('2026-03-02T17:00');
    expect(show(addWorkingDays(plain, at('2026-03-02T09:00'), 1))).toBe('2026-03-03T09:00');
    expect(show(addWorkingDays(plain, at('2026-03-06T09:00'), 1))).toBe('2026-03-09T09:00');
  });

  it('Tết Bính Ngọ 2026 (official: 16–20/2 off, break 14–22/2)', () => {
    expect(show(addWorkingDays(cal, at('2026-02-13T16:00'), 1))).toBe('2026-02-23T16:00');
    expect(show(addWorkingDays(cal, at('2026-02-13T09:00'), 3))).toBe('2026-02-25T09:00');
    expect(workingMinutesBetween(cal, at('2026-02-13T17:00'), at('2026-02-23T07:30'))).toBe(0);
    expect(workingMinutesBetween(cal, at('2026-02-13T07:30'), at('2026-02-27T17:00'))).toBe(6 * 480);
  });

  it('Giỗ Tổ nghỉ bù (27/4) and 30/4–1/5 2026', () => {
    expect(show(addWorkingDays(cal, at('2026-04-29T10:00'), 1))).toBe('2026-05-04T10:00');
    expect(show(addWorkingDays(cal, at('2026-04-24T15:00'), 2))).toBe('2026-04-29T15:00');
    expect(isWorkingDay(cal, '2026-04-27')).toBe(false);
  });

  it('National Day 2026 with the swapped working Saturday 22/8 (31/8 off)', () => {
    expect(show(addWorkingDays(cal, at('2026-08-28T14:00'), 1))).toBe('2026-09-03T14:00');
    expect(isWorkingInstant(cal, at('2026-08-22T09:00'))).toBe(true);
    expect(show(addWorkingDays(cal, at('2026-08-21T16:00'), 1))).toBe('2026-08-22T16:00');
    // Without the swap (generator only) the same dossier is due on Monday 24/8.
    const statutory = buildWorkingCalendar(generateStatutoryDaysOff(2026));
    expect(show(addWorkingDays(statutory, at('2026-08-21T16:00'), 1))).toBe('2026-08-24T16:00');
  });

  it('2025 swap: Saturday 26/4 worked, Friday 2/5 off', () => {
    expect(show(addWorkingDays(cal, at('2025-04-25T09:00'), 1))).toBe('2025-04-26T09:00');
    expect(show(addWorkingDays(cal, at('2025-04-29T09:00'), 1))).toBe('2025-05-05T09:00');
  });

  it('a supplement suspension (chờ bổ sung) pushes the deadline and is not counted', () => {
    const from = at('2026-03-02T08:00');
    const susp = [span('2026-03-02T10:00', '2026-03-04T10:00')];
    const due = addWorkingDays(plain, from, 1, susp);
    expect(show(due)).toBe('2026-03-05T08:00');
    expect(workingMinutesBetween(plain, from, due, susp)).toBe(480);
    expect(workingMinutesBetween(plain, from, due)).toBe(480 + 2 * 480);
  });

  it('skips a multi-year suspension without tripping the no-working-time guard', () => {
    const susp = [span('2026-03-02T08:30', '2031-03-03T08:00')];
    expect(show(addWorkingMinutes(plain, at('2026-03-02T08:00'), 60, susp))).toBe('2031-03-03T08:30');
  });

  it('a long time limit is computed quickly (whole-day steps)', () => {
    const started = performance.now();
    const due = addWorkingDays(cal, at('2025-01-02T08:00'), 700);
    expect(localDate(due) > '2027-09-01').toBe(true);
    expect(workingMinutesBetween(cal, at('2025-01-02T08:00'), due)).toBe(700 * 480);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('minutesPerDay changes the length of a working day', () => {
    const short = { ...plain, minutesPerDay: 240 };
    expect(show(addWorkingDays(short, at('2026-03-02T07:30'), 1))).toBe('2026-03-02T11:30');
    expect(() => addWorkingDays({ ...plain, minutesPerDay: 0 }, at('2026-03-02T07:30'), 1)).toThrow(RangeError);
  });
});

describe('guards', () => {
  const empty: WorkingCalendar = {
    hours: { weekly: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] } },
    daysOff: new Set(),
    workingSwaps: new Set(),
  };

  it('a calendar without working time throws instead of looping forever', () => {
    expect(() => addWorkingMinutes(empty, at('2026-03-02T08:00'), 1)).toThrow(NoWorkingTimeError);
    expect(() => nextWorkingInstant(empty, at('2026-03-02T08:00'))).toThrow(NoWorkingTimeError);
    expect(() => sameDayDue(empty, at('2026-03-02T08:00'))).toThrow(NoWorkingTimeError);
    expect(workingMinutesBetween(empty, at('2026-03-02T08:00'), at('2036-03-02T08:00'))).toBe(0);
  });

  it('rejects negative or non-finite amounts, invalid dates and reversed suspensions', () => {
    const t = at('2026-03-02T08:00');
    expect(() => addWorkingMinutes(plain, t, -1)).toThrow(RangeError);
    expect(() => addWorkingDays(plain, t, Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingHours(plain, t, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addWorkingMinutes(plain, new Date('x'), 1)).toThrow(TypeError);
    expect(() => addWorkingMinutes(plain, t, 1, [span('2026-03-03T08:00', '2026-03-02T08:00')])).toThrow(RangeError);
    expect(workingMinutesBetween(plain, at('2026-03-03T08:00'), t)).toBe(0);
  });
});

describe('sameDayDue (trong ngày, 15:00 cut-off)', () => {
  const due = (received: string, cutoff?: string) => show(sameDayDue(cal, at(received), cutoff));

  it('before or at the cut-off: end of the same working day', () => {
    expect(due('2026-03-02T09:00')).toBe('2026-03-02T17:00');
    expect(due('2026-03-02T14:59')).toBe('2026-03-02T17:00');
    expect(due('2026-03-02T15:00')).toBe('2026-03-02T17:00');
    expect(due('2026-03-02T11:45')).toBe('2026-03-02T17:00'); // lunch: clock starts 13:00
    expect(due('2026-03-02T06:45')).toBe('2026-03-02T17:00'); // before opening: clock starts 07:30
  });

  it('after the cut-off or outside hours: end of the next working day', () => {
    expect(due('2026-03-02T15:01')).toBe('2026-03-03T17:00');
    expect(due('2026-03-02T17:30')).toBe('2026-03-03T17:00');
    expect(due('2026-03-01T10:00')).toBe('2026-03-02T17:00'); // Sunday
    expect(due('2026-03-06T16:00')).toBe('2026-03-09T17:00'); // Friday afternoon
  });

  it('holidays and swaps count: after 15:00 on the Friday before Tết, due the Monday after', () => {
    expect(due('2026-02-13T15:30')).toBe('2026-02-23T17:00');
    expect(due('2026-08-21T16:00')).toBe('2026-08-22T17:00'); // swapped working Saturday
  });

  it('the cut-off is configurable', () => {
    expect(due('2026-03-02T15:30', '16:00')).toBe('2026-03-02T17:00');
    expect(due('2026-03-02T16:01', '16:00')).toBe('2026-03-03T17:00');
    expect(() => due('2026-03-02T15:30', '3pm')).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------
// Properties

const LOW = at('2025-01-01T00:00').getTime();
const HIGH = at('2027-06-30T23:59').getTime();

const instantArb = fc.oneof(
  fc.integer({ min: LOW, max: HIGH }).map((ms) => new Date(ms - (ms % 60_000))),
  fc.integer({ min: LOW, max: HIGH }).map((ms) => new Date(ms)),
);

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const daySessionsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const sessions: Session[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) sessions.push({ start: clock(sorted[i]), end: clock(sorted[i + 1]) });
    return sessions;
  });

const dateInRangeArb = fc.integer({ min: 0, max: 900 }).map((d) => localDate(new Date(LOW + d * 86_400_000)));

/** Random calendars: odd weekly templates, random days off and swaps; at least one weekday has sessions. */
const randomCalendarArb: fc.Arbitrary<WorkingCalendar> = fc
  .record({
    week: fc.array(daySessionsArb, { minLength: 7, maxLength: 7 }),
    daysOff: fc.uniqueArray(dateInRangeArb, { maxLength: 60 }),
    swaps: fc.uniqueArray(dateInRangeArb, { maxLength: 10 }),
    minutesPerDay: fc.integer({ min: 60, max: 600 }),
  })
  .filter(({ week }) => week.some((d) => d.length > 0) && week[1].length > 0)
  .map(({ week, daysOff, swaps, minutesPerDay }) => ({
    hours: { weekly: { 0: week[0], 1: week[1], 2: week[2], 3: week[3], 4: week[4], 5: week[5], 6: week[6] } },
    daysOff: new Set(daysOff),
    workingSwaps: new Set(swaps),
    minutesPerDay,
  }));

const calendarArb = fc.oneof(fc.constant(cal), fc.constant(plain), randomCalendarArb);

const suspensionsArb = fc.array(
  fc
    .record({ start: fc.integer({ min: LOW, max: HIGH }), minutes: fc.integer({ min: 0, max: 10 * 1440 }) })
    .map(({ start, minutes }) => ({ start: new Date(start), end: new Date(start + minutes * 60_000) })),
  { maxLength: 4 },
);

const minutesArb = fc.integer({ min: 0, max: 15_000 });
const RUNS = { numRuns: 1000 };

describe('properties of working-time arithmetic', () => {
  it('monotone: m1 <= m2 ⇒ add(t, m1) <= add(t, m2)', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, minutesArb, (c, t, a, b) => {
        const [m1, m2] = a <= b ? [a, b] : [b, a];
        return addWorkingMinutes(c, t, m1).getTime() <= addWorkingMinutes(c, t, m2).getTime();
      }),
      RUNS,
    );
  });

  it('additive: add(add(t, a), b) == add(t, a + b)', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, minutesArb, suspensionsArb, (c, t, a, b, s) => {
        expect(addWorkingMinutes(c, addWorkingMinutes(c, t, a, s), b, s).getTime()).toBe(addWorkingMinutes(c, t, a + b, s).getTime());
      }),
      RUNS,
    );
  });

  it('elapsed(t, add(t, n)) == n', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, (c, t, n) => {
        expect(workingMinutesBetween(c, t, addWorkingMinutes(c, t, n))).toBe(n);
      }),
      RUNS,
    );
  });

  it('the result is always a working instant or the end of a session, never outside office hours', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, suspensionsArb, (c, t, n, s) => {
        const r = addWorkingMinutes(c, t, n, s);
        const atSessionEnd = !isWorkingInstant(c, r) && isWorkingInstant(c, new Date(r.getTime() - 1));
        const ok = isWorkingInstant(c, r) || atSessionEnd || (n === 0 && r.getTime() === t.getTime());
        expect(ok).toBe(true);
        if (n > 0) expect(isWorkingInstant(c, new Date(r.getTime() - 1))).toBe(true);
        expect(r.getTime()).toBeGreaterThanOrEqual(t.getTime());
      }),
      RUNS,
    );
  });

  it('suspensions only push later, and elapsed time excludes them', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, suspensionsArb, (c, t, n, s) => {
        const withSusp = addWorkingMinutes(c, t, n, s);
        expect(withSusp.getTime()).toBeGreaterThanOrEqual(addWorkingMinutes(c, t, n).getTime());
        expect(workingMinutesBetween(c, t, withSusp, s)).toBe(n);
        expect(workingMinutesBetween(c, t, withSusp, s)).toBeLessThanOrEqual(workingMinutesBetween(c, t, withSusp));
      }),
      RUNS,
    );
  });

  it('workingMinutesBetween is additive over consecutive ranges and 0 for reversed ranges', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, instantArb, suspensionsArb, (c, x, y, z, s) => {
        const [a, b, d] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        const sum = workingMinutesBetween(c, a, b, s) + workingMinutesBetween(c, b, d, s);
        expect(sum).toBeCloseTo(workingMinutesBetween(c, a, d, s), 6);
        expect(workingMinutesBetween(c, d, a, s)).toBe(0);
      }),
      RUNS,
    );
  });

  it('nextWorkingInstant is the first working instant at or after t', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (c, t) => {
        const n = nextWorkingInstant(c, t);
        expect(n.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(isWorkingInstant(c, n)).toBe(true);
        expect(workingMinutesBetween(c, t, n)).toBe(0);
        if (isWorkingInstant(c, t)) expect(n.getTime()).toBe(t.getTime());
      }),
      RUNS,
    );
  });

  it('addWorkingDays = normalise to the next working instant, then days × minutesPerDay; hours = 60 minutes', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 0, max: 30 }), (c, t, d) => {
        const perDay = c.minutesPerDay ?? 480;
        expect(addWorkingDays(c, t, d).getTime()).toBe(addWorkingMinutes(c, nextWorkingInstant(c, t), d * perDay).getTime());
        expect(addWorkingHours(c, t, d).getTime()).toBe(addWorkingMinutes(c, t, d * 60).getTime());
      }),
      RUNS,
    );
  });

  it('sameDayDue is the end of a working day, at or after the clock start, and at most two working days away', () => {
    fc.assert(
      fc.property(instantArb, (t) => {
        const d = sameDayDue(cal, t);
        const start = nextWorkingInstant(cal, t);
        expect(d.getTime()).toBeGreaterThan(start.getTime());
        expect(isWorkingInstant(cal, d)).toBe(false);
        expect(isWorkingInstant(cal, new Date(d.getTime() - 1))).toBe(true);
        expect(workingMinutesBetween(cal, start, d)).toBeLessThanOrEqual(2 * 480);
      }),
      RUNS,
    );
  });
});
