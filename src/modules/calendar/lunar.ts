/**
 * Vietnamese lunar calendar (âm lịch), 1900–2100.
 *
 * Written from the published astronomical method (the one Hồ Ngọc Đức
 * describes; his amlich.js code is NOT used because its licence forbids
 * commercial use). Astronomy comes from astronomy-engine:
 *
 *  - A lunar month starts on the local date (UTC+7) of a new moon.
 *  - The month containing the winter solstice (Đông chí) is month 11.
 *  - If 13 months separate two consecutive month-11 starts, the first month
 *    after the first month 11 that contains no principal solar term
 *    (trung khí / zhongqi: a multiple of 30° of the Sun's apparent ecliptic
 *    longitude) is the leap month (tháng nhuận). It takes the number of the
 *    month before it.
 *  - All dates are UTC+7 local dates, also before 1968, when North Vietnam
 *    still used UTC+8. That matches the published Vietnamese tables and the
 *    reference CSV; for historical dates before 1968 the official calendar of
 *    the time may differ by one day in a few years.
 *
 * The lunar `year` is the Gregorian year in which that lunar year's Tết
 * (1/1 âm lịch) falls: 2026 = Bính Ngọ, which starts on 2026-02-17.
 *
 * Work is cached per "solstice span" (month 11 of year s to month 11 of
 * s+1) and per lunar year, so repeated conversions only cost a lookup.
 */
import * as Astronomy from 'astronomy-engine';
import { MS_PER_DAY, formatIsoDate, parseIsoDate } from './civil-date.js';

/** Vietnam's meridian: UTC+7, no DST. */
const TZ_OFFSET_MS = 7 * 3_600_000;

/** Solar range supported by solarToLunar. */
export const MIN_SOLAR_DATE = '1900-01-01';
export const MAX_SOLAR_DATE = '2100-12-31';
/** Lunar years supported by lunarToSolar (1899 only covers January 1900). */
export const MIN_LUNAR_YEAR = 1899;
export const MAX_LUNAR_YEAR = 2100;

export interface LunarDate {
  /** Gregorian year in which this lunar year's Tết falls. */
  year: number;
  /** 1–12. */
  month: number;
  /** 1–30. */
  day: number;
  /** True for the intercalary month (tháng nhuận) that repeats `month`. */
  leap: boolean;
}

export interface LunarMonthInfo {
  month: number;
  leap: boolean;
  /** Solar date of day 1, 'YYYY-MM-DD'. */
  start: string;
  /** 29 (tháng thiếu) or 30 (tháng đủ). */
  length: 29 | 30;
}

export interface LunarYearInfo {
  year: number;
  /** 12 or 13 months in order, from month 1 (Tết) to the last month before the next Tết. */
  months: readonly LunarMonthInfo[];
  /** Number of the leap month, or null for a 12-month year. */
  leapMonth: number | null;
}

/** Thrown for a lunar date that does not exist (or is outside the supported range). */
export class InvalidLunarDate extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidLunarDate';
  }
}

// ---------------------------------------------------------------------------
// Astronomy at UTC+7

function localDayOfUtcMs(ms: number): number {
  return Math.floor((ms + TZ_OFFSET_MS) / MS_PER_DAY);
}

function utcDateOfLocalMidnight(dayNumber: number): Date {
  return new Date(dayNumber * MS_PER_DAY - TZ_OFFSET_MS);
}

/** First new moon strictly after `afterMs` (searched over a window longer than one synodic month). */
function nextNewMoonMs(afterMs: number): number {
  const t = Astronomy.SearchMoonPhase(0, new Date(afterMs), 35);
  if (!t) throw new Error(`No new moon found after ${new Date(afterMs).toISOString()}`);
  return t.date.getTime();
}

/**
 * Which 30° sector the Sun's apparent longitude is in at local midnight that
 * starts `dayNumber`. A month [start, next start) contains a principal term
 * exactly when the sector at its first midnight differs from the sector at
 * the first midnight of the next month.
 */
function solarSectorAtLocalMidnight(dayNumber: number): number {
  const elon = Astronomy.SunPosition(utcDateOfLocalMidnight(dayNumber)).elon;
  return Math.floor((((elon % 360) + 360) % 360) / 30);
}

function hasPrincipalTerm(startDay: number, nextStartDay: number): boolean {
  return solarSectorAtLocalMidnight(startDay) !== solarSectorAtLocalMidnight(nextStartDay);
}

interface NewMoon {
  ms: number;
  day: number;
}

const month11Cache = new Map<number, NewMoon>();

/** The new moon that starts month 11 of solar year `year` (the month holding the December solstice). */
function month11Start(year: number): NewMoon {
  const cached = month11Cache.get(year);
  if (cached) return cached;
  const solsticeDay = localDayOfUtcMs(Astronomy.Seasons(year).dec_solstice.date.getTime());
  // Start a month and a bit before, then keep the last new moon not after the solstice's local date.
  let ms = nextNewMoonMs(utcDateOfLocalMidnight(solsticeDay - 32).getTime());
  for (;;) {
    const next = nextNewMoonMs(ms + 25 * MS_PER_DAY);
    if (localDayOfUtcMs(next) > solsticeDay) break;
    ms = next;
  }
  const result = { ms, day: localDayOfUtcMs(ms) };
  month11Cache.set(year, result);
  return result;
}

// ---------------------------------------------------------------------------
// Month numbering

interface MonthSlot {
  month: number;
  leap: boolean;
  startDay: number;
  /** Day number of the next month's day 1. */
  endDay: number;
}

const spanCache = new Map<number, readonly MonthSlot[]>();

/** New-moon local dates from month 11 of `year` up to and including month 11 of `year + 1`. */
function monthStartsBetweenSolstices(year: number): number[] {
  const first = month11Start(year);
  const last = month11Start(year + 1);
  const starts = [first.day];
  let ms = first.ms;
  while (starts[starts.length - 1] < last.day) {
    ms = nextNewMoonMs(ms + 25 * MS_PER_DAY);
    starts.push(localDayOfUtcMs(ms));
  }
  if (starts[starts.length - 1] !== last.day) {
    throw new Error(`Lunar month chain for ${year} did not land on the next month 11`);
  }
  return starts;
}

/** Index (1–12) of the leap month in a 13-month span: the first month without a principal term. */
function leapIndex(starts: readonly number[]): number {
  for (let i = 1; i < starts.length - 1; i++) {
    if (!hasPrincipalTerm(starts[i], starts[i + 1])) return i;
  }
  throw new Error('13-month lunar span without a month lacking a principal term');
}

/** Months 11, 12, 1, …, 10 (plus a leap month if any) from solstice `year` to solstice `year + 1`. */
function solsticeSpan(year: number): readonly MonthSlot[] {
  const cached = spanCache.get(year);
  if (cached) return cached;
  const starts = monthStartsBetweenSolstices(year);
  const monthCount = starts.length - 1;
  const leapAt = monthCount === 13 ? leapIndex(starts) : -1;
  const slots: MonthSlot[] = [];
  let number = 11;
  for (let i = 0; i < monthCount; i++) {
    const leap = i === leapAt;
    if (i > 0 && !leap) number = (number % 12) + 1;
    slots.push({ month: number, leap, startDay: starts[i], endDay: starts[i + 1] });
  }
  spanCache.set(year, slots);
  return slots;
}

/** Position of month 1 (not leap) inside a span: where the next lunar year begins. */
function indexOfMonthOne(span: readonly MonthSlot[]): number {
  const i = span.findIndex((s) => s.month === 1 && !s.leap);
  if (i < 0) throw new Error('Lunar span without a month 1');
  return i;
}

const yearCache = new Map<number, readonly MonthSlot[]>();

/** Months of lunar year `year`, in order, from Tết to the eve of the next Tết. */
function yearSlots(year: number): readonly MonthSlot[] {
  const cached = yearCache.get(year);
  if (cached) return cached;
  const before = solsticeSpan(year - 1);
  const after = solsticeSpan(year);
  const slots = [...before.slice(indexOfMonthOne(before)), ...after.slice(0, indexOfMonthOne(after))];
  yearCache.set(year, slots);
  return slots;
}

function assertLunarYearInRange(year: number): void {
  if (!Number.isInteger(year) || year < MIN_LUNAR_YEAR || year > MAX_LUNAR_YEAR) {
    throw new InvalidLunarDate(`Lunar year ${year} is outside ${MIN_LUNAR_YEAR}–${MAX_LUNAR_YEAR}`);
  }
}

// ---------------------------------------------------------------------------
// Public API

/** The 12 or 13 months of a lunar year, with their solar start dates and lengths. */
export function lunarYearInfo(year: number): LunarYearInfo {
  assertLunarYearInRange(year);
  const slots = yearSlots(year);
  const leap = slots.find((s) => s.leap);
  return {
    year,
    months: slots.map((s) => ({
      month: s.month,
      leap: s.leap,
      start: formatIsoDate(s.startDay),
      length: (s.endDay - s.startDay) as 29 | 30,
    })),
    leapMonth: leap ? leap.month : null,
  };
}

/** Number of the leap month of a lunar year, or null. */
export function leapMonthOf(year: number): number | null {
  assertLunarYearInRange(year);
  return yearSlots(year).find((s) => s.leap)?.month ?? null;
}

/** Solar date of Tết Nguyên đán (1/1) of lunar year `year`. */
export function tetDate(year: number): string {
  assertLunarYearInRange(year);
  return formatIsoDate(yearSlots(year)[0].startDay);
}

/** Converts a solar date 'YYYY-MM-DD' (Vietnam local date) to the lunar date. */
export function solarToLunar(isoDate: string): LunarDate {
  const dn = parseIsoDate(isoDate);
  if (isoDate < MIN_SOLAR_DATE || isoDate > MAX_SOLAR_DATE) {
    throw new RangeError(`Date ${isoDate} is outside ${MIN_SOLAR_DATE}..${MAX_SOLAR_DATE}`);
  }
  let year = Number(isoDate.slice(0, 4));
  let slots = yearSlots(year);
  if (dn < slots[0].startDay) {
    year -= 1;
    slots = yearSlots(year);
  }
  let i = slots.length - 1;
  while (slots[i].startDay > dn) i--;
  const slot = slots[i];
  return { year, month: slot.month, day: dn - slot.startDay + 1, leap: slot.leap };
}

/**
 * Converts a lunar date to its solar date 'YYYY-MM-DD'.
 * Throws InvalidLunarDate when the date does not exist: a leap flag on a
 * month that is not leap that year, day 30 of a 29-day month, etc.
 */
export function lunarToSolar(year: number, month: number, day: number, leap = false): string {
  assertLunarYearInRange(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new InvalidLunarDate(`Lunar month ${month} is not 1–12`);
  }
  const slot = yearSlots(year).find((s) => s.month === month && s.leap === leap);
  if (!slot) throw new InvalidLunarDate(`Lunar year ${year} has no leap month ${month}`);
  const length = slot.endDay - slot.startDay;
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new InvalidLunarDate(
      `Lunar ${day}/${month}${leap ? ' (nhuận)' : ''}/${year} does not exist: the month has ${length} days`,
    );
  }
  return formatIsoDate(slot.startDay + day - 1);
}
