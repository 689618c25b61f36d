// Public calendar endpoints: lunar ⇄ solar conversion and due dates ("received at X, N working days").
import type { AppContext } from '../../platform/context.js';
import { lunarToSolar, solarToLunar, type LunarDate } from './lunar.js';
import { formatLocalDateTime } from './working-time.js';
import { addWorkingDaysWithVersion, addWorkingHoursWithVersion } from './calendar.service.js';
import { agencyByCode } from './agency-by-code.js';
import { calendarErrors } from './calendar.errors.js';

export function toLunar(date: string): LunarDate {
  try {
    return solarToLunar(date);
  } catch {
    throw calendarErrors.CALENDAR_DATE_OUT_OF_RANGE({ min: '1900-01-01', max: '2100-12-31' });
  }
}

export function toSolar(year: number, month: number, day: number, leap: boolean): string {
  try {
    return lunarToSolar(year, month, day, leap);
  } catch {
    throw calendarErrors.CALENDAR_LUNAR_DATE_INVALID({
      year,
      month,
      day,
      leapVi: leap ? ' (nhuận)' : '',
      leapEn: leap ? ' (leap)' : '',
    });
  }
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
