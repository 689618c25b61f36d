/**
 * Statutory days off (ngày nghỉ lễ, Tết) for civil servants, and loading of
 * the official yearly schedule.
 *
 * Two sources feed the holiday table:
 *  1. `generateStatutoryDaysOff(year)`: the Labour Code 2019 (Bộ luật Lao
 *     động 45/2019/QH14) Art. 112 rules, for a year whose official schedule
 *     is not known yet. Everything it returns is `provisional: true`; an admin
 *     replaces it with the announcement of the Ministry of Home Affairs (Bộ
 *     Nội vụ) once published, because the government moves days around
 *     (swaps a Saturday to lengthen Tết or National Day, chooses the Tết split).
 *  2. `loadOfficialSchedule(json)`: the hand-transcribed announcements
 *     (reference-data/holidays/vn_official_days_off_*.json).
 *
 * Art. 112 (11 days): 1/1; 5 days of Tết Âm lịch; Giỗ Tổ Hùng Vương 10/3 âm
 * lịch; 30/4; 1/5; 2/9 plus one adjacent day (1/9 or 3/9). Art. 112(3): when
 * a holiday falls on the weekly rest day, the next working day is given off
 * (nghỉ bù). Civil servants rest on Saturday and Sunday.
 */
import { addDaysIso, parseIsoDate, weekdayOf } from './civil-date.js';
import { lunarToSolar, solarToLunar, tetDate } from './lunar.js';
import { DEFAULT_OFFICE_HOURS, type OfficeHours, type WorkingCalendar } from './working-time.js';

export type DayOffKind = 'holiday' | 'compensatory_off' | 'working_day_swap';

/** Where an entry comes from, so an admin can check it against the decision. */
export interface HolidaySource {
  /** Decisions and URLs the entry was transcribed from. */
  references: readonly string[];
  /** True when no source confirmed this particular date (it follows only from the statute). */
  verify: boolean;
  note?: string;
}

export interface DayOffEntry {
  /** Local date, 'YYYY-MM-DD'. */
  date: string;
  /**
   * holiday: a statutory holiday (also when it falls on a weekend);
   * compensatory_off: a weekday off that is not itself a holiday — nghỉ bù
   *   for a holiday on a weekend, or the day-off side of a swap (nghỉ hoán đổi);
   * working_day_swap: a weekend day worked because of a swap (làm bù).
   */
  kind: DayOffKind;
  nameVi: string;
  nameEn: string;
  /** True for generated (rule-based) entries, false for an official announcement. */
  provisional: boolean;
  source?: HolidaySource;
}

export interface StatutoryOptions {
  /**
   * How many of the 5 Tết days fall before 1/1 âm lịch (0–5, default 1: the
   * last day of the old year — 30 tháng Chạp, or 29 when the 12th month is
   * short — plus mùng 1–4). The government picks the split each year: 2026
   * used 1 + 4 (29 Chạp to mùng 4), 2025 used 2 + 3 (28 Chạp to mùng 3).
   */
  tetDaysBeforeNewYear?: number;
  /**
   * Which day accompanies Quốc khánh 2/9. 'auto' (default) picks the one that
   * gives the longer continuous break once weekends and nghỉ bù are counted;
   * on a tie it prefers a weekday (no nghỉ bù needed), then 1/9. This
   * reproduces the choices of 2021–2026 (3/9, 1/9, 1/9, 3/9, 1/9, 1/9).
   */
  nationalDayAdjacent?: 'auto' | 'before' | 'after';
  /**
   * Add 24/11 "Ngày Văn hóa Việt Nam" (approved as policy, not yet law as of
   * early 2026). Default false; keep it as data an admin can toggle.
   */
  includeVietnamCultureDay?: boolean;
}

const TET_DAYS = 5;
const DEFAULT_TET_DAYS_BEFORE = 1;
const WEEKEND = new Set([0, 6]);

/** Thrown when an official schedule JSON does not have the expected shape. */
export class InvalidScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidScheduleError';
  }
}

// ---------------------------------------------------------------------------
// Statutory generator

interface Holiday {
  date: string;
  nameVi: string;
  nameEn: string;
}

function isWeekend(iso: string): boolean {
  return WEEKEND.has(weekdayOf(parseIsoDate(iso)));
}

/** Lunar label for a Tết day: "30 tháng Chạp", "mùng 1" … */
function tetDayLabel(iso: string): { vi: string; en: string } {
  const l = solarToLunar(iso);
  if (l.month === 1) return { vi: `mùng ${l.day}`, en: `day ${l.day} of the 1st lunar month` };
  const chap = l.leap ? 'tháng Chạp nhuận' : 'tháng Chạp';
  return { vi: `${l.day} ${chap}`, en: `day ${l.day} of the ${l.leap ? 'leap ' : ''}12th lunar month` };
}

function tetHolidays(year: number, daysBefore: number): Holiday[] {
  if (!Number.isInteger(daysBefore) || daysBefore < 0 || daysBefore > TET_DAYS) {
    throw new RangeError(`tetDaysBeforeNewYear must be an integer 0–${TET_DAYS}, got ${daysBefore}`);
  }
  const first = addDaysIso(tetDate(year), -daysBefore);
  return Array.from({ length: TET_DAYS }, (_, i) => {
    const date = addDaysIso(first, i);
    const label = tetDayLabel(date);
    return {
      date,
      nameVi: `Tết Nguyên đán (${label.vi})`,
      nameEn: `Lunar New Year (Tết), ${label.en}`,
    };
  });
}

function nationalDayHolidays(year: number, adjacent: 'before' | 'after'): Holiday[] {
  const adjacentDay = adjacent === 'before' ? `${year}-09-01` : `${year}-09-03`;
  return [
    { date: adjacentDay, nameVi: 'Quốc khánh (ngày liền kề)', nameEn: 'National Day (adjacent day)' },
    { date: `${year}-09-02`, nameVi: 'Quốc khánh', nameEn: 'National Day' },
  ];
}

function fixedAndLunarHolidays(year: number, options: StatutoryOptions): Holiday[] {
  const list: Holiday[] = [
    { date: `${year}-01-01`, nameVi: 'Tết Dương lịch', nameEn: "New Year's Day" },
    ...tetHolidays(year, options.tetDaysBeforeNewYear ?? DEFAULT_TET_DAYS_BEFORE),
    {
      date: lunarToSolar(year, 3, 10),
      nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      nameEn: "Hung Kings' Commemoration Day (10th day of the 3rd lunar month)",
    },
    { date: `${year}-04-30`, nameVi: 'Ngày Chiến thắng (30/4)', nameEn: 'Reunification Day (30 April)' },
    { date: `${year}-05-01`, nameVi: 'Quốc tế Lao động (1/5)', nameEn: 'International Labour Day (1 May)' },
  ];
  if (options.includeVietnamCultureDay) {
    list.push({ date: `${year}-11-24`, nameVi: 'Ngày Văn hóa Việt Nam (24/11)', nameEn: 'Vietnam Culture Day (24 November)' });
  }
  return list;
}

function dayMonth(iso: string): string {
  return `${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}`;
}

/**
 * Art. 112(3) nghỉ bù: each holiday on a Saturday or Sunday gives the next
 * weekday that is not already off. Holidays are handled in date order so a
 * weekend inside a Tết block pushes its compensation past the whole block.
 */
function compensatoryDays(holidays: readonly Holiday[]): DayOffEntry[] {
  const off = new Set(holidays.map((h) => h.date));
  const result: DayOffEntry[] = [];
  for (const h of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!isWeekend(h.date)) continue;
    let day = addDaysIso(h.date, 1);
    while (isWeekend(day) || off.has(day)) day = addDaysIso(day, 1);
    off.add(day);
    result.push({
      date: day,
      kind: 'compensatory_off',
      nameVi: `Nghỉ bù ${h.nameVi} (${dayMonth(h.date)} rơi vào cuối tuần)`,
      nameEn: `Compensatory day off for ${h.nameEn} (${h.date} falls on a weekend)`,
      provisional: true,
    });
  }
  return result;
}

function scheduleWith(year: number, options: StatutoryOptions, adjacent: 'before' | 'after'): DayOffEntry[] {
  const holidays = [...fixedAndLunarHolidays(year, options), ...nationalDayHolidays(year, adjacent)];
  const entries: DayOffEntry[] = [
    ...holidays.map((h): DayOffEntry => ({ ...h, kind: 'holiday', provisional: true })),
    ...compensatoryDays(holidays),
  ];
  return entries.sort(byDateThenKind);
}

/** Length in days of the continuous break (weekends + days off) that contains `date`. */
export function breakLength(entries: readonly DayOffEntry[], date: string): number {
  const off = new Set(entries.filter((e) => e.kind !== 'working_day_swap').map((e) => e.date));
  const worked = new Set(entries.filter((e) => e.kind === 'working_day_swap').map((e) => e.date));
  const isRest = (d: string) => !worked.has(d) && (off.has(d) || isWeekend(d));
  if (!isRest(date)) return 0;
  let length = 1;
  for (let d = addDaysIso(date, -1); isRest(d); d = addDaysIso(d, -1)) length++;
  for (let d = addDaysIso(date, 1); isRest(d); d = addDaysIso(d, 1)) length++;
  return length;
}

function chooseNationalDayAdjacent(year: number, options: StatutoryOptions): 'before' | 'after' {
  const score = (adjacent: 'before' | 'after') => {
    const adjacentDay = adjacent === 'before' ? `${year}-09-01` : `${year}-09-03`;
    return {
      length: breakLength(scheduleWith(year, options, adjacent), `${year}-09-02`),
      weekday: isWeekend(adjacentDay) ? 0 : 1,
    };
  };
  const before = score('before');
  const after = score('after');
  if (before.length !== after.length) return before.length > after.length ? 'before' : 'after';
  if (before.weekday !== after.weekday) return before.weekday > after.weekday ? 'before' : 'after';
  return 'before';
}

/**
 * The Labour Code Art. 112 days off of a Gregorian year, with nghỉ bù, for
 * use when the official announcement is not known. All entries are
 * provisional. Holidays on a weekend are listed too (kind 'holiday'), with
 * their compensatory day. No swaps are invented: those are political choices.
 * The rules are the 2019 Labour Code's (in force 2021); earlier years had
 * other rules (one day for National Day).
 */
export function generateStatutoryDaysOff(year: number, options: StatutoryOptions = {}): DayOffEntry[] {
  if (!Number.isInteger(year) || year < 1901 || year > 2100) {
    throw new RangeError(`Year ${year} is outside 1901–2100`);
  }
  const choice = options.nationalDayAdjacent ?? 'auto';
  const adjacent = choice === 'auto' ? chooseNationalDayAdjacent(year, options) : choice;
  return scheduleWith(year, options, adjacent);
}

// ---------------------------------------------------------------------------
// Official schedule

interface OfficialDayOff {
  date: string;
  name: string;
  verify?: boolean;
}

interface OfficialYear {
  days_off: OfficialDayOff[];
  work_days: string[];
  pending?: { date: string; name: string; status?: string }[];
  sources?: string[];
}

export interface LoadOptions {
  /** Also return the `pending` entries (e.g. 24/11), as provisional holidays. Default false. */
  includePending?: boolean;
}

/** English names for the Vietnamese names used in the official files; most specific first. */
const ENGLISH_NAMES: readonly [RegExp, string][] = [
  [/^Nghỉ bù/i, 'Compensatory day off'],
  [/^Nghỉ hoán đổi/i, 'Day off swapped with a working weekend day'],
  [/^Tết Dương lịch/i, "New Year's Day"],
  [/^Tết Nguyên đán/i, 'Lunar New Year (Tết)'],
  [/^Giỗ Tổ Hùng Vương/i, "Hung Kings' Commemoration Day"],
  [/^Ngày Chiến thắng/i, 'Reunification Day (30 April)'],
  [/^Quốc tế Lao động/i, 'International Labour Day (1 May)'],
  [/^Quốc khánh \(ngày liền kề\)/i, 'National Day (adjacent day)'],
  [/^Quốc khánh/i, 'National Day'],
  [/^Ngày Văn hóa Việt Nam/i, 'Vietnam Culture Day'],
];

function englishName(nameVi: string): string {
  return ENGLISH_NAMES.find(([re]) => re.test(nameVi))?.[1] ?? nameVi;
}

/** nghỉ bù and nghỉ hoán đổi are days off that are not holidays themselves. */
function officialKind(nameVi: string): DayOffKind {
  return /^Nghỉ (bù|hoán đổi)/i.test(nameVi) ? 'compensatory_off' : 'holiday';
}

function fail(message: string): never {
  throw new InvalidScheduleError(message);
}

function checkDate(value: unknown, where: string): string {
  if (typeof value !== 'string') fail(`${where}: date must be a string`);
  try {
    parseIsoDate(value);
  } catch {
    fail(`${where}: invalid date ${JSON.stringify(value)}`);
  }
  return value;
}

function parseOfficialYear(key: string, value: unknown): OfficialYear {
  if (typeof value !== 'object' || value === null) fail(`${key}: expected an object`);
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.days_off)) fail(`${key}: days_off must be an array`);
  if (v.work_days !== undefined && !Array.isArray(v.work_days)) fail(`${key}: work_days must be an array`);
  const days_off = v.days_off.map((d: unknown, i: number): OfficialDayOff => {
    const e = (d ?? {}) as Record<string, unknown>;
    const date = checkDate(e.date, `${key}.days_off[${i}]`);
    if (typeof e.name !== 'string' || !e.name) fail(`${key}.days_off[${i}]: name must be a non-empty string`);
    if (!date.startsWith(key)) fail(`${key}.days_off[${i}]: ${date} is not in ${key}`);
    return { date, name: e.name, verify: e.verify === true };
  });
  const work_days = ((v.work_days as unknown[] | undefined) ?? []).map((d, i) => checkDate(d, `${key}.work_days[${i}]`));
  const sources = Array.isArray(v.sources) ? v.sources.filter((s): s is string => typeof s === 'string') : [];
  const pending = Array.isArray(v.pending) ? (v.pending as OfficialYear['pending']) : [];
  return { days_off, work_days, sources, pending };
}

/** "31/8/2026"-style mention of a date, as used in the names of swapped days. */
function mentions(name: string, iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  return name.includes(`${d}/${m}/${y}`);
}

function workDayEntry(date: string, year: OfficialYear, source: HolidaySource): DayOffEntry {
  const partner = year.days_off.find((d) => mentions(d.name, date));
  return {
    date,
    kind: 'working_day_swap',
    nameVi: partner ? `Làm bù (hoán đổi với ngày nghỉ ${dayMonth(partner.date)})` : 'Làm bù (hoán đổi ngày làm việc)',
    nameEn: partner ? `Working day (swapped with the day off on ${partner.date})` : 'Working day (swap)',
    provisional: false,
    source,
  };
}

/**
 * Converts an official schedule file (shape of
 * reference-data/holidays/vn_official_days_off_2025_2026.json: one key per
 * year with days_off, work_days, sources, pending) into DayOffEntry rows.
 * Keys that are not 4-digit years (e.g. "_about") are ignored.
 */
export function loadOfficialSchedule(json: unknown, options: LoadOptions = {}): DayOffEntry[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('Expected an object keyed by year');
  const entries: DayOffEntry[] = [];
  for (const [key, value] of Object.entries(json)) {
    if (!/^\d{4}$/.test(key)) continue;
    const year = parseOfficialYear(key, value);
    const references = year.sources ?? [];
    for (const d of year.days_off) {
      entries.push({
        date: d.date,
        kind: officialKind(d.name),
        nameVi: d.name,
        nameEn: englishName(d.name),
        provisional: false,
        source: { references, verify: d.verify ?? false },
      });
    }
    for (const w of year.work_days) entries.push(workDayEntry(w, year, { references, verify: false }));
    if (options.includePending) {
      for (const p of year.pending ?? []) {
        entries.push({
          date: checkDate(p.date, `${key}.pending`),
          kind: 'holiday',
          nameVi: p.name,
          nameEn: englishName(p.name),
          provisional: true,
          source: { references, verify: true, note: p.status },
        });
      }
    }
  }
  return entries.sort(byDateThenKind);
}

const KIND_ORDER: Record<DayOffKind, number> = { holiday: 0, compensatory_off: 1, working_day_swap: 2 };

function byDateThenKind(a: DayOffEntry, b: DayOffEntry): number {
  return a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

/**
 * Entries for a range of years: the official schedule where it covers a
 * year, the statutory generator otherwise.
 */
export function daysOffForYears(
  years: readonly number[],
  official: readonly DayOffEntry[],
  options: StatutoryOptions = {},
): DayOffEntry[] {
  const officialYears = new Set(official.map((e) => Number(e.date.slice(0, 4))));
  const result: DayOffEntry[] = [];
  for (const year of years) {
    if (officialYears.has(year)) result.push(...official.filter((e) => e.date.startsWith(`${year}-`)));
    else result.push(...generateStatutoryDaysOff(year, options));
  }
  return result.sort(byDateThenKind);
}

/**
 * Builds the WorkingCalendar used by working-time.ts from holiday entries:
 * holidays and compensatory days become `daysOff`, swaps `workingSwaps`.
 */
export function buildWorkingCalendar(
  entries: readonly DayOffEntry[],
  hours: OfficeHours = DEFAULT_OFFICE_HOURS,
  minutesPerDay?: number,
): WorkingCalendar {
  const daysOff = new Set<string>();
  const workingSwaps = new Set<string>();
  for (const e of entries) (e.kind === 'working_day_swap' ? workingSwaps : daysOff).add(e.date);
  return minutesPerDay === undefined ? { hours, daysOff, workingSwaps } : { hours, daysOff, workingSwaps, minutesPerDay };
}
