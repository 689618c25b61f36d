// Working calendar use cases: the calendar other modules compute deadlines with (cached per agency and
// calendar version), the public conversions and due dates, and the admin changes (days off, year
// confirmation, office hours), each in one transaction that bumps the calendar version and writes the
// audit log. Deadlines are stored values: a change makes a new version, it never rewrites old ones, and
// the calendar of any older version can be rebuilt (`opts.version`).
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError, invalid, isUniqueViolation, type FieldError } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { registerMessages } from '../../platform/i18n/messages.js';
import type { Db } from '../../platform/db/database.js';
import { ACTIONS, can } from '../org/permissions.js';
import { weekdayOfIso } from './civil-date.js';
import { buildWorkingCalendar, generateStatutoryDaysOff, type DayOffEntry, type HolidaySource } from './holiday-rules.js';
import { lunarToSolar, solarToLunar, type LunarDate } from './lunar.js';
import {
  DEFAULT_OFFICE_HOURS,
  NoWorkingTimeError,
  addWorkingMinutes,
  formatLocalDateTime,
  localDate,
  nextWorkingInstant as pureNextWorkingInstant,
  parseLocalDateTime,
  sameDayDue as pureSameDayDue,
  workingMinutesBetween,
  type Interval,
  type OfficeHours,
  type Session,
  type Weekday,
  type WorkingCalendar,
} from './working-time.js';
import * as repo from './calendar.repo.js';
import {
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
  WEEKDAY_KEYS,
  type HolidayCreate,
  type HolidayPatch,
  type OfficeHoursPut,
  type WeekdayKey,
} from './calendar.schema.js';
import { isUuid, isoOrNull } from '../../platform/values.js';

registerMessages({
  CALENDAR_DATE_OUT_OF_RANGE: {
    vi: 'Ngày nằm ngoài phạm vi lịch hỗ trợ ({min} – {max}).',
    en: 'The date is outside the supported calendar range ({min} – {max}).',
  },
  CALENDAR_LUNAR_DATE_INVALID: {
    vi: 'Ngày âm lịch {day}/{month}{leapVi}/{year} không tồn tại.',
    en: 'The lunar date {day}/{month}{leapEn}/{year} does not exist.',
  },
  CALENDAR_AGENCY_NOT_FOUND: { vi: 'Không tìm thấy cơ quan có mã {code}.', en: 'No agency with code {code}.' },
  CALENDAR_HOLIDAY_NOT_FOUND: { vi: 'Không tìm thấy ngày nghỉ / ngày làm bù này.', en: 'No such day off or swapped working day.' },
  CALENDAR_DATE_TAKEN: {
    vi: 'Ngày {date} đã có trong lịch ({name}); hãy sửa mục đó thay vì thêm mới.',
    en: 'The date {date} is already in the calendar ({name}); change that entry instead.',
  },
  CALENDAR_SWAP_NOT_WEEKEND: {
    vi: 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật ({date} là ngày thường).',
    en: 'A swapped working day must be a Saturday or Sunday ({date} is a weekday).',
  },
  CALENDAR_COMPENSATORY_ON_WEEKEND: {
    vi: 'Ngày nghỉ bù / nghỉ hoán đổi phải là ngày thường ({date} là cuối tuần).',
    en: 'A compensatory day off must be a weekday ({date} is a weekend day).',
  },
  CALENDAR_YEAR_ALREADY_CONFIRMED: { vi: 'Lịch nghỉ năm {year} đã được xác nhận.', en: 'The {year} schedule is already confirmed.' },
  CALENDAR_NO_WORKING_TIME: {
    vi: 'Lịch làm việc không có thời gian làm việc trong khoảng cần tính; kiểm tra giờ làm việc và ngày nghỉ.',
    en: 'The working calendar has no working time in the period; check the office hours and days off.',
  },
  CALENDAR_VERSION_UNKNOWN: {
    vi: 'Phiên bản lịch {version} chưa tồn tại (phiên bản hiện tại: {current}).',
    en: 'Calendar version {version} does not exist (current version: {current}).',
  },
  CALENDAR_OFFICE_HOURS_INVALID: { vi: 'Giờ làm việc không hợp lệ.', en: 'Invalid office hours.' },
});

// ---------------------------------------------------------------------------
// Cache: per database handle (one per process), per calendar version.

/** How long a process trusts its last read of the calendar version before reading it again. */
export const VERSION_TTL_MS = 1000;
/** Years loaded around the instant asked for by getWorkingCalendar: [year - BEFORE, year + AFTER]. */
export const YEARS_BEFORE = 1;
export const YEARS_AFTER = 2;
const MAX_VERSIONS_CACHED = 4;
const MAX_CALENDARS_PER_VERSION = 256;

interface Segment {
  /** Local date the stretch starts; null = since always. */
  from: string | null;
  startMs: number;
  hours: OfficeHours;
  /** 'default' or 'r<row_id>': identifies `hours` for the calendar cache. */
  key: string;
  sourceAgencyId: string | null;
}

interface VersionData {
  version: number;
  years: Map<number, DayOffEntry[]>;
  timelines: Map<string, Segment[]>;
  calendars: Map<string, WorkingCalendar>;
}

interface CalendarCache {
  checked: { version: number; at: number } | null;
  versions: Map<number, VersionData>;
  /** agency id → [self, parent, …, root] ids (an agency's place in the tree never changes). */
  chains: Map<string, string[]>;
  hours: Map<number, OfficeHours>;
}

const caches = new WeakMap<Db, CalendarCache>();

function cacheOf(ctx: AppContext): CalendarCache {
  let c = caches.get(ctx.db);
  if (!c) {
    c = { checked: null, versions: new Map(), chains: new Map(), hours: new Map() };
    caches.set(ctx.db, c);
  }
  return c;
}

/** The current calendar version, re-read from the database at most every VERSION_TTL_MS. */
export async function currentCalendarVersion(ctx: AppContext): Promise<number> {
  const cache = cacheOf(ctx);
  const now = Date.now();
  if (cache.checked && now - cache.checked.at < VERSION_TTL_MS) return cache.checked.version;
  const version = await repo.readVersion(ctx.db);
  cache.checked = { version, at: now };
  return version;
}

/** Called after a committed change: this process sees the new version at once. */
function noteVersion(ctx: AppContext, version: number): void {
  const cache = cacheOf(ctx);
  if (!cache.checked || cache.checked.version < version) cache.checked = { version, at: Date.now() };
}

/** Forgets everything cached for this database (tests; after restoring a backup). */
export function clearCalendarCache(ctx: AppContext): void {
  caches.delete(ctx.db);
}

function versionData(ctx: AppContext, version: number): VersionData {
  const cache = cacheOf(ctx);
  let d = cache.versions.get(version);
  if (!d) {
    d = { version, years: new Map(), timelines: new Map(), calendars: new Map() };
    cache.versions.set(version, d);
    while (cache.versions.size > MAX_VERSIONS_CACHED) {
      // drop the oldest version that is not the current one
      const victim = [...cache.versions.keys()].filter((v) => v !== cache.checked?.version).sort((a, b) => a - b)[0];
      if (victim === undefined) break;
      cache.versions.delete(victim);
    }
  }
  return d;
}

async function resolveVersion(ctx: AppContext, requested?: number): Promise<number> {
  const current = await currentCalendarVersion(ctx);
  if (requested === undefined) return current;
  if (!Number.isInteger(requested) || requested < 0) throw new AppError(422, 'CALENDAR_VERSION_UNKNOWN', { version: requested, current });
  if (requested > current) {
    // maybe another process moved on: ask the database before refusing
    const fresh = await repo.readVersion(ctx.db);
    noteVersion(ctx, fresh);
    if (requested > fresh) throw new AppError(422, 'CALENDAR_VERSION_UNKNOWN', { version: requested, current: fresh });
  }
  return requested;
}

// ---------------------------------------------------------------------------
// Days off

const generated = new Map<number, DayOffEntry[]>();

const LABOUR_CODE_SOURCE: HolidaySource = {
  references: ['Bộ luật Lao động 45/2019/QH14, Điều 112'],
  verify: true,
  note: 'Sinh tự động theo luật, chờ đối chiếu thông báo của Bộ Nội vụ / generated from the statute, to be checked against the announcement',
};

/** The Labour Code days off of a year (cached; pure and deterministic). */
export function statutoryDaysOff(year: number): DayOffEntry[] {
  let e = generated.get(year);
  if (!e) {
    e = generateStatutoryDaysOff(year).map((x) => ({ ...x, source: LABOUR_CODE_SOURCE }));
    generated.set(year, e);
  }
  return e;
}

const clampYear = (y: number) => Math.min(MAX_CALENDAR_YEAR, Math.max(MIN_CALENDAR_YEAR, y));

/** Loads the days off of years [y0, y1] at `version` (stored years from the DB, the others generated). */
async function loadYears(ctx: AppContext, d: VersionData, y0: number, y1: number): Promise<void> {
  const missing: number[] = [];
  for (let y = y0; y <= y1; y++) if (!d.years.has(y)) missing.push(y);
  if (missing.length === 0) return;
  const lo = missing[0];
  const hi = missing[missing.length - 1];
  const [stored, rows] = await Promise.all([
    repo.storedYears(ctx.db, lo, hi, d.version),
    repo.daysBetween(ctx.db, `${lo}-01-01`, `${hi}-12-31`, d.version),
  ]);
  const byYear = new Map<number, DayOffEntry[]>();
  for (const r of rows) {
    const y = Number(r.date.slice(0, 4));
    if (!byYear.has(y)) byYear.set(y, []);
    byYear.get(y)!.push(dayEntry(r));
  }
  for (const y of missing) d.years.set(y, stored.has(y) ? (byYear.get(y) ?? []) : statutoryDaysOff(y));
}

function dayEntry(r: repo.DayRow): DayOffEntry {
  return { date: r.date, kind: r.kind, nameVi: r.name_vi, nameEn: r.name_en, provisional: r.provisional, source: r.source ?? undefined };
}

// ---------------------------------------------------------------------------
// Office hours

const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

function officeHoursOfRow(cache: CalendarCache, row: repo.OfficeHoursRow): OfficeHours {
  let h = cache.hours.get(row.row_id);
  if (!h) {
    const weekly = {} as Record<Weekday, Session[]>;
    for (const d of WEEKDAYS) weekly[d] = (row.weekly?.[String(d)] ?? []).map((s) => Object.freeze({ start: s.start, end: s.end }));
    h = Object.freeze({ weekly: Object.freeze(weekly) });
    cache.hours.set(row.row_id, h);
  }
  return h;
}


/** [self, parent, …, root] for an agency id; 404 for an unknown agency. */
async function agencyChain(ctx: AppContext, agencyId: string): Promise<string[]> {
  const cache = cacheOf(ctx);
  const known = cache.chains.get(agencyId);
  if (known) return known;
  const row = isUuid(agencyId) ? await repo.findAgencyPathById(ctx.db, agencyId) : undefined;
  if (!row) throw new AppError(404, 'NOT_FOUND', { what: 'agency' });
  const chain = row.path.split('/').filter(Boolean).reverse();
  if (chain[0] !== agencyId) chain.unshift(agencyId);
  cache.chains.set(agencyId, chain);
  return chain;
}

const localMidnightMs = (date: string) => parseLocalDateTime(`${date}T00:00`).getTime();

/**
 * The office hours of an agency over time at a calendar version: for each local date, the nearest agency
 * in [self, parent, …, root] whose latest schedule starting on or before that date is not "inherit" wins;
 * without one, the national default.
 */
async function timelineOf(ctx: AppContext, d: VersionData, agencyId: string | null): Promise<Segment[]> {
  const key = agencyId ?? '';
  const known = d.timelines.get(key);
  if (known) return known;
  const cache = cacheOf(ctx);
  const chain = agencyId ? await agencyChain(ctx, agencyId) : [];
  const rows = await repo.officeHoursOf(ctx.db, chain, d.version);
  const byAgency = new Map<string, repo.OfficeHoursRow[]>();
  for (const r of rows) {
    if (!byAgency.has(r.agency_id)) byAgency.set(r.agency_id, []);
    byAgency.get(r.agency_id)!.push(r); // rows come sorted by valid_from
  }
  const resolve = (date: string | null): { row: repo.OfficeHoursRow; agency: string } | null => {
    for (const a of chain) {
      const own = byAgency.get(a) ?? [];
      let latest: repo.OfficeHoursRow | undefined;
      if (date !== null) for (const r of own) if (r.valid_from <= date) latest = r;
      if (latest && latest.weekly !== null) return { row: latest, agency: a };
    }
    return null;
  };
  const starts = [null, ...[...new Set(rows.map((r) => r.valid_from))].sort()];
  const segments: Segment[] = [];
  for (const from of starts) {
    const hit = resolve(from);
    const segKey = hit ? `r${hit.row.row_id}` : 'default';
    if (segments.length > 0 && segments[segments.length - 1].key === segKey) continue;
    segments.push({
      from,
      startMs: from === null ? Number.NEGATIVE_INFINITY : localMidnightMs(from),
      hours: hit ? officeHoursOfRow(cache, hit.row) : DEFAULT_OFFICE_HOURS,
      key: segKey,
      sourceAgencyId: hit?.agency ?? null,
    });
  }
  d.timelines.set(key, segments);
  return segments;
}

function calendarOf(d: VersionData, seg: Segment, y0: number, y1: number): WorkingCalendar {
  const key = `${seg.key}|${y0}|${y1}`;
  let cal = d.calendars.get(key);
  if (!cal) {
    const entries: DayOffEntry[] = [];
    for (let y = y0; y <= y1; y++) entries.push(...(d.years.get(y) ?? []));
    cal = buildWorkingCalendar(entries, seg.hours);
    if (d.calendars.size >= MAX_CALENDARS_PER_VERSION) d.calendars.clear();
    d.calendars.set(key, cal);
  }
  return cal;
}

// ---------------------------------------------------------------------------
// Working time over an agency's timeline (seasonal schedules) — the API other modules use.

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
const localYear = (t: Date) => Number(localDate(t).slice(0, 4));

function makeWorkingTime(d: VersionData, agencyId: string | null, segments: Segment[], years: [number, number]): WorkingTime {
  const [y0, y1] = years;
  const check = (t: Date): Date => {
    const y = localYear(t);
    if (y < y0 || y > y1) throw new CalendarRangeError(y, years);
    return t;
  };
  const indexAt = (ms: number): number => {
    let i = 0;
    while (i + 1 < segments.length && segments[i + 1].startMs <= ms) i++;
    return i;
  };
  const calAt = (i: number) => calendarOf(d, segments[i], y0, y1);
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
    version: d.version,
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
  return makeWorkingTime(d, agencyId, segments, [y0, y1]);
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

const outOfRange = () => new AppError(422, 'CALENDAR_DATE_OUT_OF_RANGE', { min: `${MIN_CALENDAR_YEAR}-01-01`, max: `${MAX_CALENDAR_YEAR}-12-31` });

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

function toCalendarError(err: unknown): unknown {
  if (err instanceof CalendarRangeError) return outOfRange();
  if (err instanceof NoWorkingTimeError) return new AppError(422, 'CALENDAR_NO_WORKING_TIME');
  if (err instanceof RangeError || err instanceof TypeError) return new AppError(422, 'VALIDATION_FAILED', {}, { detail: err.message });
  return err;
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

// ---------------------------------------------------------------------------
// Public endpoints: lunar/solar conversion and due dates

export function toLunar(date: string): LunarDate {
  try {
    return solarToLunar(date);
  } catch {
    throw new AppError(422, 'CALENDAR_DATE_OUT_OF_RANGE', { min: '1900-01-01', max: '2100-12-31' });
  }
}

export function toSolar(year: number, month: number, day: number, leap: boolean): string {
  try {
    return lunarToSolar(year, month, day, leap);
  } catch {
    throw new AppError(422, 'CALENDAR_LUNAR_DATE_INVALID', {
      year,
      month,
      day,
      leapVi: leap ? ' (nhuận)' : '',
      leapEn: leap ? ' (leap)' : '',
    });
  }
}

/** Finds an agency in force by its code; 404 CALENDAR_AGENCY_NOT_FOUND. */
async function agencyByCode(ctx: AppContext, code: string): Promise<repo.AgencyPathRow> {
  const a = await repo.findAgencyPathByCode(ctx.db, code);
  if (!a) throw new AppError(404, 'CALENDAR_AGENCY_NOT_FOUND', { code });
  return a;
}

export async function computeDue(
  ctx: AppContext,
  q: { from: string; workingDays?: number; workingHours?: number; agency?: string; calendarVersion?: number },
): Promise<{ due: string; dueLocal: string; calendarVersion: number; agency: string | null }> {
  const agency = q.agency ? await agencyByCode(ctx, q.agency) : null;
  const from = new Date(q.from);
  const opts = { version: q.calendarVersion };
  const r =
    q.workingDays !== undefined
      ? await addWorkingDaysWithVersion(ctx, agency?.id ?? null, from, q.workingDays, opts)
      : await addWorkingHoursWithVersion(ctx, agency?.id ?? null, from, q.workingHours ?? 0, opts);
  return { due: r.value.toISOString(), dueLocal: localIso(r.value), calendarVersion: r.version, agency: agency?.code ?? null };
}

/** 'YYYY-MM-DDTHH:MM:SS+07:00' (Vietnam local time with its offset). */
export function localIso(t: Date): string {
  const text = formatLocalDateTime(t);
  const [date, time] = text.split('T');
  const [hhmm, rest] = [time.slice(0, 5), time.slice(5)];
  const seconds = rest ? rest : ':00';
  return `${date}T${hhmm}${seconds}+07:00`;
}

// ---------------------------------------------------------------------------
// Holidays: reading

export interface HolidayItem {
  id: string | null;
  date: string;
  kind: repo.DayRow['kind'];
  nameVi: string;
  nameEn: string;
  source: { references: string[]; verify: boolean; note?: string } | null;
  provisional: boolean;
  origin: repo.DayRow['origin'];
}

function sourceOut(s: HolidaySource | null | undefined): HolidayItem['source'] {
  if (!s) return null;
  return { references: [...(s.references ?? [])], verify: s.verify === true, ...(s.note ? { note: s.note } : {}) };
}

function holidayOut(r: repo.DayRow): HolidayItem {
  return { id: r.id, date: r.date, kind: r.kind, nameVi: r.name_vi, nameEn: r.name_en, source: sourceOut(r.source), provisional: r.provisional, origin: r.origin };
}

const iso = isoOrNull;

export async function listHolidays(ctx: AppContext, year: number) {
  const [y, version] = await Promise.all([repo.findYear(ctx.db, year), repo.readVersion(ctx.db)]);
  noteVersion(ctx, version);
  if (!y) {
    return {
      year,
      status: 'provisional' as const,
      stored: false,
      confirmedBy: null,
      confirmedAt: null,
      calendarVersion: version,
      items: statutoryDaysOff(year).map(
        (e): HolidayItem => ({ id: null, date: e.date, kind: e.kind, nameVi: e.nameVi, nameEn: e.nameEn, source: sourceOut(e.source), provisional: true, origin: 'statutory' }),
      ),
    };
  }
  const rows = await repo.currentDaysOfYear(ctx.db, year);
  return {
    year,
    status: y.status,
    stored: true,
    confirmedBy: y.confirmed_by_label,
    confirmedAt: iso(y.confirmed_at),
    calendarVersion: version,
    items: rows.map(holidayOut),
  };
}

// ---------------------------------------------------------------------------
// Holidays: admin changes

const denied = () => new AppError(403, 'FORBIDDEN');

/** Days off are national: only an admin of a root agency (the province) may change them. */
function requireNationalManager(p: Principal): void {
  const roles: readonly string[] = ACTIONS['calendar.manage'];
  const ok = p.assignments.some((a) => roles.includes(a.role) && a.agencyPath.split('/').filter(Boolean).length === 1);
  if (!ok) throw denied();
}

function checkKindForDate(date: string, kind: repo.DayRow['kind'], path = 'body.date'): void {
  const wd = weekdayOfIso(date);
  const weekend = wd === 0 || wd === 6;
  if (kind === 'working_day_swap' && !weekend) throw new AppError(422, 'CALENDAR_SWAP_NOT_WEEKEND', { date }, { errors: [{ path, code: 'CALENDAR_SWAP_NOT_WEEKEND' }] });
  if (kind === 'compensatory_off' && weekend) {
    throw new AppError(422, 'CALENDAR_COMPENSATORY_ON_WEEKEND', { date }, { errors: [{ path, code: 'CALENDAR_COMPENSATORY_ON_WEEKEND' }] });
  }
}

/** Stores a year that was only generated so far (its Labour Code days, provisional) at `version`. */
async function materialiseYear(trx: Db, year: number, version: number, provisional = true): Promise<repo.YearRow> {
  const known = await repo.findYear(trx, year);
  if (known) return known;
  await repo.insertYear(trx, { year, status: 'provisional', seededFrom: 'statutory', version });
  await repo.insertDays(
    trx,
    statutoryDaysOff(year).map((e) => ({ ...e, source: e.source ?? null, provisional, origin: 'statutory' as const })),
    version,
  );
  return (await repo.findYear(trx, year))!;
}

async function takenCheck(trx: Db, date: string, exceptId?: string): Promise<void> {
  const other = await repo.findCurrentDayByDate(trx, date);
  if (other && other.id !== exceptId) throw new AppError(409, 'CALENDAR_DATE_TAKEN', { date, name: other.name_vi }, { existingId: other.id });
}

/** One calendar change: lock, bump the version, do the work, audit — all in one transaction. */
async function calendarChange<T>(
  ctx: AppContext,
  p: Principal,
  origin: RequestOrigin,
  audit: { action: string; targetType: string; targetId: (r: T) => string; details: (r: T) => Record<string, unknown> },
  work: (trx: Db, version: number) => Promise<T>,
): Promise<{ result: T; version: number }> {
  try {
    const out = await ctx.db.transaction().execute(async (trx) => {
      // the UPDATE of the version row serialises concurrent calendar writers
      const version = await repo.bumpVersion(trx, { actorId: p.userId, actorLabel: p.username, action: audit.action });
      const result = await work(trx, version);
      await writeAudit(
        trx,
        {
          actorId: p.userId,
          actorLabel: p.username,
          action: audit.action,
          targetType: audit.targetType,
          targetId: audit.targetId(result),
          details: { calendarVersion: version, ...audit.details(result) },
        },
        origin,
      );
      return { result, version };
    });
    noteVersion(ctx, out.version);
    return out;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'CONFLICT');
    throw err;
  }
}

const yearOf = (date: string) => Number(date.slice(0, 4));

export async function addHoliday(ctx: AppContext, p: Principal, body: z.infer<typeof HolidayCreate>, origin: RequestOrigin) {
  requireNationalManager(p);
  checkKindForDate(body.date, body.kind);
  const { result, version } = await calendarChange<repo.DayRow>(
    ctx,
    p,
    origin,
    { action: 'calendar.holiday.create', targetType: 'calendar_day', targetId: (r) => r.id, details: (r) => ({ after: holidayOut(r) }) },
    async (trx, v) => {
      await materialiseYear(trx, yearOf(body.date), v);
      await takenCheck(trx, body.date);
      const [row] = await repo.insertDays(
        trx,
        [
          {
            date: body.date,
            kind: body.kind,
            nameVi: body.nameVi,
            nameEn: body.nameEn ?? body.nameVi,
            source: body.source ? { references: [body.source], verify: false } : null,
            provisional: body.provisional ?? false,
            origin: 'admin',
            createdBy: p.userId,
          },
        ],
        v,
      );
      return row;
    },
  );
  return { ...holidayOut(result), calendarVersion: version };
}

export async function updateHoliday(ctx: AppContext, p: Principal, id: string, patch: z.infer<typeof HolidayPatch>, origin: RequestOrigin) {
  requireNationalManager(p);
  const existing = await repo.findCurrentDay(ctx.db, id);
  if (!existing) throw new AppError(404, 'CALENDAR_HOLIDAY_NOT_FOUND');
  const date = patch.date ?? existing.date;
  const kind = patch.kind ?? existing.kind;
  checkKindForDate(date, kind, patch.date ? 'body.date' : 'body.kind');
  const { result, version } = await calendarChange<repo.DayRow>(
    ctx,
    p,
    origin,
    {
      action: 'calendar.holiday.update',
      targetType: 'calendar_day',
      targetId: () => id,
      details: (r) => ({ before: holidayOut(existing), after: holidayOut(r) }),
    },
    async (trx, v) => {
      const current = await repo.findCurrentDay(trx, id);
      if (!current) throw new AppError(404, 'CALENDAR_HOLIDAY_NOT_FOUND');
      if (date !== current.date) {
        await materialiseYear(trx, yearOf(date), v);
        await takenCheck(trx, date, id);
      }
      await repo.closeDay(trx, current.row_id, v);
      const source =
        patch.source === undefined ? current.source : patch.source === null ? null : { references: [patch.source], verify: false };
      const [row] = await repo.insertDays(
        trx,
        [
          {
            id,
            date,
            kind,
            nameVi: patch.nameVi ?? current.name_vi,
            nameEn: patch.nameEn ?? current.name_en,
            source,
            provisional: patch.provisional ?? current.provisional,
            origin: 'admin',
            createdBy: p.userId,
          },
        ],
        v,
      );
      return row;
    },
  );
  return { ...holidayOut(result), calendarVersion: version };
}

export async function deleteHoliday(ctx: AppContext, p: Principal, id: string, origin: RequestOrigin) {
  requireNationalManager(p);
  const existing = await repo.findCurrentDay(ctx.db, id);
  if (!existing) throw new AppError(404, 'CALENDAR_HOLIDAY_NOT_FOUND');
  const { version } = await calendarChange<repo.DayRow>(
    ctx,
    p,
    origin,
    { action: 'calendar.holiday.delete', targetType: 'calendar_day', targetId: () => id, details: () => ({ before: holidayOut(existing) }) },
    async (trx, v) => {
      const current = await repo.findCurrentDay(trx, id);
      if (!current) throw new AppError(404, 'CALENDAR_HOLIDAY_NOT_FOUND');
      await repo.closeDay(trx, current.row_id, v);
      return current;
    },
  );
  return { id, calendarVersion: version };
}

export async function confirmYear(ctx: AppContext, p: Principal, year: number, note: string | undefined, origin: RequestOrigin) {
  requireNationalManager(p);
  const known = await repo.findYear(ctx.db, year);
  if (known?.status === 'confirmed') throw new AppError(409, 'CALENDAR_YEAR_ALREADY_CONFIRMED', { year });
  const { result, version } = await calendarChange<{ row: repo.YearRow; days: number }>(
    ctx,
    p,
    origin,
    {
      action: 'calendar.year.confirm',
      targetType: 'calendar_year',
      targetId: () => String(year),
      details: (r) => ({ year, days: r.days, note: note ?? null }),
    },
    async (trx, v) => {
      const stored = await repo.findYear(trx, year);
      if (stored?.status === 'confirmed') throw new AppError(409, 'CALENDAR_YEAR_ALREADY_CONFIRMED', { year });
      // a year that was only generated is stored now, already confirmed (no row of this version is closed)
      if (!stored) await materialiseYear(trx, year, v, false);
      const rows = await repo.currentDaysOfYear(trx, year);
      const provisional = rows.filter((r) => r.provisional && r.from_version < v);
      for (const r of provisional) await repo.closeDay(trx, r.row_id, v);
      await repo.insertDays(
        trx,
        provisional.map((r) => ({
          id: r.id,
          date: r.date,
          kind: r.kind,
          nameVi: r.name_vi,
          nameEn: r.name_en,
          source: r.source,
          provisional: false,
          origin: r.origin,
          createdBy: p.userId,
        })),
        v,
      );
      const confirmed = await repo.confirmYear(trx, year, { id: p.userId, label: p.username }, ctx.clock.now(), note ?? null);
      return { row: confirmed, days: rows.length };
    },
  );
  const r = result.row;
  return { year, status: r.status, confirmedBy: r.confirmed_by_label, confirmedAt: iso(r.confirmed_at), note: r.note, calendarVersion: version };
}

// ---------------------------------------------------------------------------
// Office hours

type WeeklyOut = Record<WeekdayKey, Session[]>;

function weeklyOut(h: OfficeHours): WeeklyOut {
  const out = {} as WeeklyOut;
  WEEKDAY_KEYS.forEach((k, i) => (out[k] = (h.weekly[i as Weekday] ?? []).map((s) => ({ start: s.start, end: s.end }))));
  return out;
}

function weeklyOfRow(row: repo.OfficeHoursRow): WeeklyOut | null {
  if (row.weekly === null) return null;
  const out = {} as WeeklyOut;
  WEEKDAY_KEYS.forEach((k, i) => (out[k] = (row.weekly?.[String(i)] ?? []).map((s) => ({ start: s.start, end: s.end }))));
  return out;
}

const clockMinutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** Validates sessions (start < end, no overlap, some working time in the week) → stored shape. */
function storedWeekly(weekly: NonNullable<z.infer<typeof OfficeHoursPut>['weekly']>): repo.OfficeHoursRow['weekly'] {
  const errors: FieldError[] = [];
  const out: Record<string, Session[]> = {};
  let total = 0;
  WEEKDAY_KEYS.forEach((k, i) => {
    const sessions = [...(weekly[k] ?? [])].sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start));
    sessions.forEach((s, j) => {
      const start = clockMinutes(s.start);
      const end = clockMinutes(s.end);
      if (start >= end) {
        errors.push({ path: `body.weekly.${k}.${j}`, code: 'SESSION_ORDER', messageVi: `Giờ bắt đầu ${s.start} phải trước giờ kết thúc ${s.end}.`, messageEn: `Start ${s.start} must be before end ${s.end}.` });
      }
      if (j > 0 && start < clockMinutes(sessions[j - 1].end)) {
        errors.push({ path: `body.weekly.${k}`, code: 'SESSION_OVERLAP', messageVi: 'Các buổi làm việc chồng lên nhau.', messageEn: 'Sessions overlap.' });
      }
      total += Math.max(0, end - start);
    });
    out[String(i)] = sessions.map((s) => ({ start: s.start, end: s.end }));
  });
  if (errors.length === 0 && total === 0) {
    errors.push({ path: 'body.weekly', code: 'NO_SESSIONS', messageVi: 'Tuần phải có ít nhất một buổi làm việc.', messageEn: 'The week needs at least one session.' });
  }
  if (errors.length > 0) throw invalid(errors, 'CALENDAR_OFFICE_HOURS_INVALID');
  return out;
}

export async function getOfficeHours(ctx: AppContext, code: string) {
  const agency = await agencyByCode(ctx, code);
  const version = await repo.readVersion(ctx.db);
  noteVersion(ctx, version);
  const d = versionData(ctx, version);
  const [segments, own] = await Promise.all([
    timelineOf(ctx, d, agency.id),
    repo.officeHoursOf(ctx.db, [agency.id], version),
  ]);
  const codes = await repo.agencyCodes(ctx.db, segments.map((s) => s.sourceAgencyId).filter((x): x is string => x !== null));
  const segOut = (s: Segment) => ({ from: s.from, sourceAgency: s.sourceAgencyId ? (codes.get(s.sourceAgencyId) ?? null) : null, weekly: weeklyOut(s.hours) });
  const nowMs = ctx.clock.now().getTime();
  let current = segments[0];
  for (const s of segments) if (s.startMs <= nowMs) current = s;
  return {
    agency: agency.code,
    calendarVersion: version,
    current: segOut(current),
    own: own.map((r) => ({ validFrom: r.valid_from, weekly: weeklyOfRow(r), note: r.note, sinceVersion: r.from_version })),
    timeline: segments.map(segOut),
  };
}

export async function setOfficeHours(ctx: AppContext, p: Principal, code: string, body: z.infer<typeof OfficeHoursPut>, origin: RequestOrigin) {
  const agency = await agencyByCode(ctx, code);
  if (!can(p, 'calendar.manage', agency)) throw denied();
  const weekly = body.weekly === null ? null : storedWeekly(body.weekly);
  const validFrom = body.validFrom ?? localDate(ctx.clock.now());
  await calendarChange<{ replaced: { weekly: repo.OfficeHoursRow['weekly']; note: string | null; sinceVersion: number } | null }>(
    ctx,
    p,
    origin,
    {
      action: 'calendar.office_hours.set',
      targetType: 'agency',
      targetId: () => agency.id,
      details: (r) => ({ agency: agency.code, validFrom, weekly, note: body.note ?? null, replaced: r.replaced }),
    },
    async (trx, v) => {
      const previous = await repo.findCurrentOfficeHours(trx, agency.id, validFrom);
      if (previous) await repo.closeOfficeHours(trx, previous.row_id, v);
      await repo.insertOfficeHours(trx, { agencyId: agency.id, validFrom, weekly, note: body.note ?? null, version: v, createdBy: p.userId });
      return { replaced: previous ? { weekly: previous.weekly, note: previous.note, sinceVersion: previous.from_version } : null };
    },
  );
  return getOfficeHours(ctx, code);
}
