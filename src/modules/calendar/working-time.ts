/**
 * Working-time arithmetic in Vietnam local time (Asia/Ho_Chi_Minh).
 *
 * Vietnam is UTC+7 all year with no DST, so local time is plain offset
 * arithmetic on epoch milliseconds; no Intl or tz database in the hot path.
 *
 * Model: the working time of a calendar is the union of its sessions (buổi
 * làm việc) on working days, minus any suspensions (e.g. waiting for the
 * applicant's supplement — thời gian chờ bổ sung hồ sơ). Time limits
 * (thời hạn giải quyết) are counted in working minutes over that set, which
 * is how production systems store them (working hours, 8 per day) and why
 * Form 01 can print the appointment to the minute.
 *
 * Loops step over whole days, never minutes, and an unbounded search gives
 * up after MAX_IDLE_DAYS consecutive days without any session, so a
 * calendar with no working time throws instead of looping forever.
 */
import { MS_PER_DAY, formatIsoDate, parseIsoDate, weekdayOf } from './civil-date.js';

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A session of office hours, 'HH:MM' local time, start < end (end may be '24:00'). */
export interface Session {
  start: string;
  end: string;
}

/** Weekly template of sessions; 0 = Sunday. */
export interface OfficeHours {
  weekly: Record<Weekday, Session[]>;
}

export interface WorkingCalendar {
  hours: OfficeHours;
  /** Local dates that are not worked (holidays, nghỉ bù, nghỉ hoán đổi). Wins over workingSwaps. */
  daysOff: ReadonlySet<string>;
  /** Weekend local dates worked because of an official swap (làm bù); they use Monday's sessions. */
  workingSwaps: ReadonlySet<string>;
  /** Length of one "working day" for unit conversion; default 480 (8 working hours, local rules). */
  minutesPerDay?: number;
}

/** A half-open interval [start, end), e.g. a suspension of the clock. */
export interface Interval {
  start: Date;
  end: Date;
}

/** Thrown when a search finds no working time for MAX_IDLE_DAYS in a row. */
export class NoWorkingTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoWorkingTimeError';
  }
}

const TZ_OFFSET_MS = 7 * 3_600_000;
const MS_PER_MINUTE = 60_000;
const DEFAULT_MINUTES_PER_DAY = 480;
/** About three years: no real calendar has that long without a working session. */
export const MAX_IDLE_DAYS = 3 * 366;

const WEEKDAY_SESSIONS: Session[] = [
  { start: '07:30', end: '11:30' },
  { start: '13:00', end: '17:00' },
];

/** Mon–Fri 07:30–11:30 and 13:00–17:00 (8 hours); Saturday and Sunday off (QĐ 188/1999/QĐ-TTg: 40 h/week). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = deepFreeze({
  weekly: {
    0: [],
    1: WEEKDAY_SESSIONS.map((s) => ({ ...s })),
    2: WEEKDAY_SESSIONS.map((s) => ({ ...s })),
    3: WEEKDAY_SESSIONS.map((s) => ({ ...s })),
    4: WEEKDAY_SESSIONS.map((s) => ({ ...s })),
    5: WEEKDAY_SESSIONS.map((s) => ({ ...s })),
    6: [],
  },
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------------------
// Local time (UTC+7) helpers

/** Local day number (days since 1970-01-01, Vietnam time) of an instant in ms. */
function localDayOf(ms: number): number {
  return Math.floor((ms + TZ_OFFSET_MS) / MS_PER_DAY);
}

/** UTC ms of local midnight starting a local day. */
function localMidnight(dayNumber: number): number {
  return dayNumber * MS_PER_DAY - TZ_OFFSET_MS;
}

function toMs(t: Date, what: string): number {
  const ms = t instanceof Date ? t.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new TypeError(`${what} must be a valid Date`);
  return ms;
}

/** Local date 'YYYY-MM-DD' (Vietnam time) of an instant. */
export function localDate(t: Date): string {
  return formatIsoDate(localDayOf(toMs(t, 'localDate(t)')));
}

/** 00:00 Vietnam local time of a local calendar day 'YYYY-MM-DD'. */
export function localDayStart(day: string): Date {
  return new Date(localMidnight(parseIsoDate(day)));
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Parses a Vietnam local 'YYYY-MM-DDTHH:MM' (optionally ':SS') into an instant. */
export function parseLocalDateTime(text: string): Date {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) throw new RangeError(`Expected local time as YYYY-MM-DDTHH:MM, got ${JSON.stringify(text)}`);
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) throw new RangeError(`Invalid local time ${text}`);
  return new Date(localMidnight(parseIsoDate(m[1])) + ((hh * 60 + mm) * 60 + ss) * 1000);
}

/** Formats an instant as Vietnam local 'YYYY-MM-DDTHH:MM' (':SS' / '.mmm' appended only when non-zero). */
export function formatLocalDateTime(t: Date): string {
  const ms = toMs(t, 'formatLocalDateTime(t)');
  const day = localDayOf(ms);
  const inDay = ms - localMidnight(day);
  const hh = Math.floor(inDay / 3_600_000);
  const mm = Math.floor((inDay % 3_600_000) / MS_PER_MINUTE);
  const ss = Math.floor((inDay % MS_PER_MINUTE) / 1000);
  const milli = inDay % 1000;
  let text = `${formatIsoDate(day)}T${two(hh)}:${two(mm)}`;
  if (ss || milli) text += `:${two(ss)}`;
  if (milli) text += `.${String(milli).padStart(3, '0')}`;
  return text;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

// ---------------------------------------------------------------------------
// Office hours

/** Minutes since local midnight of 'HH:MM' (00:00–24:00). */
function parseClock(text: string, what: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) throw new RangeError(`${what}: invalid time ${JSON.stringify(text)}`);
  return minutes;
}

type ParsedWeek = readonly (readonly (readonly [number, number])[])[];

const parsedHoursCache = new WeakMap<OfficeHours, ParsedWeek>();

/** Validates and converts sessions to sorted [startMin, endMin] pairs; touching sessions are merged. */
function parseDaySessions(sessions: readonly Session[], weekday: number): [number, number][] {
  const parsed = sessions
    .map((s, i): [number, number] => {
      const where = `hours.weekly[${weekday}][${i}]`;
      const start = parseClock(s.start, where);
      const end = parseClock(s.end, where);
      if (start >= end) throw new RangeError(`${where}: start ${s.start} must be before end ${s.end}`);
      return [start, end];
    })
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of parsed) {
    const last = merged[merged.length - 1];
    if (last && start < last[1]) throw new RangeError(`hours.weekly[${weekday}]: sessions overlap`);
    if (last && start === last[1]) last[1] = end;
    else merged.push([start, end]);
  }
  return merged;
}

/** Parsed sessions per weekday, cached per OfficeHours object (treat OfficeHours as immutable). */
function parsedWeek(hours: OfficeHours): ParsedWeek {
  let week = parsedHoursCache.get(hours);
  if (!week) {
    week = ([0, 1, 2, 3, 4, 5, 6] as const).map((d) => parseDaySessions(hours.weekly[d] ?? [], d));
    parsedHoursCache.set(hours, week);
  }
  return week;
}

/**
 * Sessions of a local day in minutes. A day off is empty even if it is also
 * listed as a swap (the day-off table is the stronger statement); a swapped
 * weekend day works Monday's sessions.
 */
function daySessions(cal: WorkingCalendar, dayNumber: number): readonly (readonly [number, number])[] {
  const week = parsedWeek(cal.hours);
  if (cal.daysOff.size > 0 || cal.workingSwaps.size > 0) {
    const iso = formatIsoDate(dayNumber);
    if (cal.daysOff.has(iso)) return [];
    if (cal.workingSwaps.has(iso)) return week[1];
  }
  return week[weekdayOf(dayNumber)];
}

/** True if `dateIso` has at least one session in the calendar. */
export function isWorkingDay(cal: WorkingCalendar, dateIso: string): boolean {
  return daySessions(cal, parseIsoDate(dateIso)).length > 0;
}

function minutesPerDayOf(cal: WorkingCalendar): number {
  const m = cal.minutesPerDay ?? DEFAULT_MINUTES_PER_DAY;
  if (!Number.isFinite(m) || m <= 0) throw new RangeError(`minutesPerDay must be positive, got ${m}`);
  return m;
}

// ---------------------------------------------------------------------------
// Suspensions

type Span = readonly [number, number];

/** Sorted, merged, non-empty suspension spans in ms. */
function normaliseSuspensions(suspensions: readonly Interval[] | undefined): Span[] {
  if (!suspensions || suspensions.length === 0) return [];
  const spans = suspensions
    .map((s, i): [number, number] => {
      const start = toMs(s.start, `suspensions[${i}].start`);
      const end = toMs(s.end, `suspensions[${i}].end`);
      if (end < start) throw new RangeError(`suspensions[${i}] ends before it starts`);
      return [start, end];
    })
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Index of the first suspension whose end is after `ms` (binary search). */
function firstSuspensionEndingAfter(susp: readonly Span[], ms: number): number {
  let lo = 0;
  let hi = susp.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (susp[mid][1] <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [start, end) minus the suspensions, as ordered pieces. */
function subtractSuspensions(start: number, end: number, susp: readonly Span[]): Span[] {
  const pieces: Span[] = [];
  let cursor = start;
  for (let i = firstSuspensionEndingAfter(susp, start); i < susp.length && susp[i][0] < end; i++) {
    if (susp[i][0] > cursor) pieces.push([cursor, susp[i][0]]);
    cursor = Math.max(cursor, susp[i][1]);
  }
  if (cursor < end) pieces.push([cursor, end]);
  return pieces;
}

// ---------------------------------------------------------------------------
// Core scan over effective working intervals

/**
 * Yields the effective working intervals (sessions minus suspensions) that
 * end at or after `fromMs`, in order, clipped to start no earlier than
 * `fromMs`. An interval ending exactly at `fromMs` is yielded as the empty
 * [fromMs, fromMs] so callers can tell "at a session end" apart from "outside".
 * Starts a day early because a session ending at 24:00 ends at the next
 * day's 00:00. Stops before the first day starting at or after `untilMs`;
 * an unbounded scan throws NoWorkingTimeError after MAX_IDLE_DAYS
 * consecutive days without sessions.
 */
function* workingIntervals(
  cal: WorkingCalendar,
  fromMs: number,
  susp: readonly Span[],
  untilMs = Number.POSITIVE_INFINITY,
): Generator<Span> {
  let day = localDayOf(fromMs) - 1;
  let idleDays = 0;
  for (;;) {
    const dayStart = localMidnight(day);
    if (dayStart >= untilMs) return;
    const covering = susp[firstSuspensionEndingAfter(susp, dayStart)];
    if (covering && covering[0] <= dayStart && covering[1] >= dayStart + MS_PER_DAY) {
      // The whole day is suspended: jump to the day the suspension ends.
      day = localDayOf(covering[1]);
      idleDays = 0;
      continue;
    }
    const sessions = daySessions(cal, day);
    idleDays = sessions.length === 0 ? idleDays + 1 : 0;
    if (idleDays > MAX_IDLE_DAYS && untilMs === Number.POSITIVE_INFINITY) {
      throw new NoWorkingTimeError(
        `No working time in the ${MAX_IDLE_DAYS} days before ${formatIsoDate(day)}: check office hours and days off`,
      );
    }
    for (const [startMin, endMin] of sessions) {
      const start = dayStart + startMin * MS_PER_MINUTE;
      const end = dayStart + endMin * MS_PER_MINUTE;
      if (end < fromMs) continue;
      for (const [s, e] of subtractSuspensions(start, end, susp)) {
        if (e >= fromMs) yield [Math.max(s, fromMs), e];
      }
    }
    day++;
  }
}

function checkAmount(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number >= 0, got ${value}`);
}

// ---------------------------------------------------------------------------
// Public API

/** True if `t` lies inside a session [start, end) of a working day (a session end is not working). */
export function isWorkingInstant(cal: WorkingCalendar, t: Date): boolean {
  const ms = toMs(t, 't');
  const day = localDayOf(ms);
  const minute = (ms - localMidnight(day)) / MS_PER_MINUTE;
  return daySessions(cal, day).some(([s, e]) => minute >= s && minute < e);
}

/** `t` itself if it is inside a session, else the opening of the next session. */
export function nextWorkingInstant(cal: WorkingCalendar, t: Date): Date {
  const ms = toMs(t, 't');
  for (const [s, e] of workingIntervals(cal, ms, [])) {
    if (e > s) return new Date(s);
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/**
 * The instant at which `minutes` working minutes have elapsed since `from`,
 * not counting time inside suspensions. The result is the earliest such
 * instant, so a deadline that ends exactly at a session end stays there
 * (e.g. 17:00), it does not roll over to the next opening. With 0 minutes the
 * result is `from` when it is working time or the end of a working stretch,
 * else the next opening; this keeps add(add(t, a), b) == add(t, a + b).
 * Fractions of a minute are rounded to the millisecond.
 */
export function addWorkingMinutes(
  cal: WorkingCalendar,
  from: Date,
  minutes: number,
  suspensions?: readonly Interval[],
): Date {
  checkAmount(minutes, 'minutes');
  const fromMs = toMs(from, 'from');
  let remaining = Math.round(minutes * MS_PER_MINUTE);
  // The first interval may be the empty [from, from] when `from` is a session
  // end: with 0 minutes left that returns `from` itself (see the doc above).
  for (const [s, e] of workingIntervals(cal, fromMs, normaliseSuspensions(suspensions))) {
    if (remaining <= e - s) return new Date(s + remaining);
    remaining -= e - s;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/** addWorkingMinutes with hours (giờ làm việc). */
export function addWorkingHours(cal: WorkingCalendar, from: Date, hours: number, suspensions?: readonly Interval[]): Date {
  checkAmount(hours, 'hours');
  return addWorkingMinutes(cal, from, hours * 60, suspensions);
}

/**
 * Adds working days (ngày làm việc). Definition: `from` is first normalised
 * to the next working instant (a dossier accepted at 17:30 or on Sunday
 * starts at the next opening), then `days × minutesPerDay` working minutes
 * are added (1 working day = 8 working hours in local rules). So 1 day from
 * Monday 09:00 is Tuesday 09:00, and 1 day from 17:30 Monday is Tuesday
 * 17:00. An agency that wants "end of the Nth day" rounds the result up to
 * the end of its session separately.
 */
export function addWorkingDays(cal: WorkingCalendar, from: Date, days: number, suspensions?: readonly Interval[]): Date {
  checkAmount(days, 'days');
  const start = nextWorkingInstant(cal, from);
  return addWorkingMinutes(cal, start, days * minutesPerDayOf(cal), suspensions);
}

/** Working minutes in [a, b), excluding suspensions; 0 if b <= a. May be fractional for sub-minute instants. */
export function workingMinutesBetween(cal: WorkingCalendar, a: Date, b: Date, suspensions?: readonly Interval[]): number {
  const aMs = toMs(a, 'a');
  const bMs = toMs(b, 'b');
  if (bMs <= aMs) return 0;
  let total = 0;
  for (const [s, e] of workingIntervals(cal, aMs, normaliseSuspensions(suspensions), bMs)) {
    if (s >= bMs) break;
    total += Math.min(e, bMs) - s;
  }
  return total / MS_PER_MINUTE;
}

/** End of the last session of a working local day, in ms. */
function endOfWorkingDay(cal: WorkingCalendar, day: number): number {
  const sessions = daySessions(cal, day);
  return localMidnight(day) + sessions[sessions.length - 1][1] * MS_PER_MINUTE;
}

/**
 * Due time for a same-day procedure ("trong ngày") received at `receivedAt`.
 * The clock starts at the next working instant (a receipt before opening or
 * at lunch counts from the next session, ND 61 Art. 18(2) / the 15:00 rule).
 * If that start is at or before the cut-off on its day, the result is due at
 * the end of that working day; otherwise (after the cut-off, after closing,
 * or on a non-working day, all of which push the start later) at the end of
 * the following working day.
 */
export function sameDayDue(cal: WorkingCalendar, receivedAt: Date, cutoff = '15:00'): Date {
  const cutoffMin = parseClock(cutoff, 'cutoff');
  const start = nextWorkingInstant(cal, receivedAt).getTime();
  const day = localDayOf(start);
  if (start <= localMidnight(day) + cutoffMin * MS_PER_MINUTE) return new Date(endOfWorkingDay(cal, day));
  const nextDay = localDayOf(nextWorkingInstant(cal, new Date(localMidnight(day + 1))).getTime());
  return new Date(endOfWorkingDay(cal, nextDay));
}
