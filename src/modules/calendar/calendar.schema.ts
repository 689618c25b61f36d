// zod schemas for the calendar HTTP API.
import { z } from 'zod';
import { parseIsoDate } from './civil-date.js';

/** Years the calendar tables accept (the statutory generator's range). */
export const MIN_CALENDAR_YEAR = 1901;
export const MAX_CALENDAR_YEAR = 2100;

const isRealDate = (s: string) => {
  try {
    parseIsoDate(s);
    return true;
  } catch {
    return false;
  }
};

/** A local date 'YYYY-MM-DD' that exists (no 2026-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isRealDate, 'nonexistent date');

/** A date within the years the calendar stores. */
export const CalendarDate = IsoDate.refine((s) => {
  const y = Number(s.slice(0, 4));
  return y >= MIN_CALENDAR_YEAR && y <= MAX_CALENDAR_YEAR;
}, `year must be ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`);

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/i;

/** An ISO-8601 instant with an explicit offset ('Z' or ±HH:MM), e.g. 2026-02-13T09:00:00+07:00. */
export const Instant = z
  .string()
  .max(40)
  .refine((s) => {
    const m = INSTANT.exec(s);
    if (!m || !isRealDate(m[1])) return false;
    if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return false;
    if (m[6] !== undefined && (Number(m[6]) > 18 || Number(m[7]) > 59)) return false;
    return Number.isFinite(Date.parse(s));
  }, 'expected an ISO-8601 instant with offset, e.g. 2026-02-13T09:00:00+07:00');

export const YearNumber = z.coerce.number().int().min(MIN_CALENDAR_YEAR).max(MAX_CALENDAR_YEAR);

/** A non-negative decimal amount in a query string ('3', '0.5'); empty strings are refused. */
const amount = (max: number) =>
  z
    .string()
    .regex(/^\d{1,5}(\.\d{1,3})?$/, 'expected a non-negative number')
    .transform(Number)
    .pipe(z.number().min(0).max(max));

export const MAX_WORKING_DAYS = 1000;
export const MAX_WORKING_HOURS = MAX_WORKING_DAYS * 8;

export const LunarQuery = z.object({ date: IsoDate });
export const LunarOut = z.object({ year: z.number().int(), month: z.number().int(), day: z.number().int(), leap: z.boolean() });

export const SolarQuery = z.object({
  year: z.coerce.number().int().min(1).max(9999),
  month: z.coerce.number().int().min(1).max(12),
  day: z.coerce.number().int().min(1).max(30),
  leap: z.enum(['true', 'false', '1', '0']).optional(),
});
export const SolarOut = z.object({ date: z.string() });

export const DueQuery = z
  .object({
    from: Instant,
    workingDays: amount(MAX_WORKING_DAYS).optional(),
    workingHours: amount(MAX_WORKING_HOURS).optional(),
    agency: z.string().trim().min(1).max(60).optional(),
    /** Recompute with an older calendar version (how a stored deadline was computed). */
    calendarVersion: z.string().regex(/^\d{1,9}$/, 'expected a version number').transform(Number).optional(),
  })
  .refine((q) => (q.workingDays === undefined) !== (q.workingHours === undefined), {
    message: 'give exactly one of workingDays and workingHours',
    path: ['workingDays'],
  });
export const DueOut = z.object({
  due: z.string(),
  dueLocal: z.string(),
  calendarVersion: z.number().int(),
  agency: z.string().nullable(),
});

export const DayKind = z.enum(['holiday', 'compensatory_off', 'working_day_swap']);

export const HolidaySourceOut = z.object({ references: z.array(z.string()), verify: z.boolean(), note: z.string().optional() });

export const HolidayOut = z.object({
  id: z.string().nullable(),
  date: z.string(),
  kind: DayKind,
  nameVi: z.string(),
  nameEn: z.string(),
  source: HolidaySourceOut.nullable(),
  provisional: z.boolean(),
  origin: z.enum(['official', 'statutory', 'admin']),
});

export const HolidaysQuery = z.object({ year: YearNumber });
export const HolidaysOut = z.object({
  year: z.number().int(),
  status: z.enum(['provisional', 'confirmed']),
  /** false: the year is not stored; the items are generated from the Labour Code (no ids). */
  stored: z.boolean(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  calendarVersion: z.number().int(),
  items: z.array(HolidayOut),
});

const name = z.string().trim().min(2).max(300);
const sourceText = z.string().trim().min(1).max(1000);

export const HolidayCreate = z.object({
  date: CalendarDate,
  kind: DayKind,
  nameVi: name,
  nameEn: name.optional(),
  /** Where the day comes from: the decision / announcement number or URL. */
  source: sourceText.optional(),
  provisional: z.boolean().optional(),
});

export const HolidayPatch = z
  .object({
    date: CalendarDate.optional(),
    kind: DayKind.optional(),
    nameVi: name.optional(),
    nameEn: name.optional(),
    source: sourceText.nullable().optional(),
    provisional: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });

export const HolidayChangeOut = HolidayOut.extend({ calendarVersion: z.number().int() });
export const HolidayDeleteOut = z.object({ id: z.string(), calendarVersion: z.number().int() });

export const HolidayIdParam = z.object({ id: z.uuid() });
export const YearParam = z.object({ year: YearNumber });
/** Optional body: a POST without one is fine. */
export const YearConfirm = z.preprocess((v) => v ?? {}, z.object({ note: z.string().trim().max(1000).optional() }));
export const YearOut = z.object({
  year: z.number().int(),
  status: z.enum(['provisional', 'confirmed']),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  note: z.string().nullable(),
  calendarVersion: z.number().int(),
});

// ---------------------------------------------------------------------------
// Office hours

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const SessionIn = z.object({
  start: z.string().regex(CLOCK, 'expected HH:MM'),
  end: z.string().regex(CLOCK, 'expected HH:MM'),
});
const daySessions = z.array(SessionIn).max(6);

export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

/** Sessions per weekday; a missing day has no sessions. */
export const WeeklyIn = z
  .object({
    mon: daySessions.optional(),
    tue: daySessions.optional(),
    wed: daySessions.optional(),
    thu: daySessions.optional(),
    fri: daySessions.optional(),
    sat: daySessions.optional(),
    sun: daySessions.optional(),
  })
  .strict();

export const WeeklyOut = z.object({
  mon: z.array(SessionIn),
  tue: z.array(SessionIn),
  wed: z.array(SessionIn),
  thu: z.array(SessionIn),
  fri: z.array(SessionIn),
  sat: z.array(SessionIn),
  sun: z.array(SessionIn),
});

export const OfficeHoursPut = z.object({
  /** First local day the schedule applies (default: today in Vietnam). */
  validFrom: CalendarDate.optional(),
  /** The weekly sessions; null = from validFrom on, follow the parent agency (or the national default). */
  weekly: WeeklyIn.nullable(),
  note: z.string().trim().max(1000).optional(),
});

export const OfficeHoursOwnOut = z.object({
  validFrom: z.string(),
  weekly: WeeklyOut.nullable(),
  note: z.string().nullable(),
  sinceVersion: z.number().int(),
});

export const OfficeHoursSegmentOut = z.object({
  /** First local day of this stretch; null = since always. */
  from: z.string().nullable(),
  /** Agency whose schedule applies; null = the national default. */
  sourceAgency: z.string().nullable(),
  weekly: WeeklyOut,
});

export const OfficeHoursOut = z.object({
  agency: z.string(),
  calendarVersion: z.number().int(),
  /** The schedule in force today. */
  current: OfficeHoursSegmentOut,
  /** This agency's own effective-dated schedules. */
  own: z.array(OfficeHoursOwnOut),
  /** The resolved schedule over time (own schedules and inherited ones). */
  timeline: z.array(OfficeHoursSegmentOut),
});

export const AgencyCodeParam = z.object({ code: z.string().min(1).max(60) });
