// Time limits in months ("03 tháng", "12 Tháng"). domain-vn.md says nothing about how a month counts, so the
// Civil Code rule it cites (BLDS 2015 Art. 144–148: Gregorian calendar) is used: N calendar months end on the
// same date N months later (the last day of the month when that month is shorter), moved to the next working
// day when that date is not one. The engine counts working hours, so the limit is the working time from the
// reception to that day at the same clock time. MONTH_RULE names the rule so that a province can change it.
import type { AppContext } from '../../platform/context.js';
import { workingHoursBetweenFor } from '../calendar/calendar.service.js';
import { localDate, localDayStart } from '../calendar/working-time.js';

export const MONTH_RULE = 'calendar_months_same_date_next_working_day' as const;

/** 'YYYY-MM-DD' plus n calendar months, clamped to the month's last day (31/01 + 1 → 28 or 29/02). Pure. */
export function addCalendarMonths(dateIso: string, n: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateIso);
  if (!m || !Number.isInteger(n) || n < 0) throw new RangeError(`addCalendarMonths(${dateIso}, ${n})`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + n;
  const y = Math.floor(total / 12);
  const mo = total % 12;
  const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  const d = Math.min(Number(m[3]), last);
  return `${String(y).padStart(4, '0')}-${String(mo + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

/**
 * Working hours from `at` to the same clock time on the day `months` calendar months later (next working day
 * when that day has no working time), in the agency's calendar. Fractional months are not read (null).
 */
export async function monthsAsWorkingHours(ctx: AppContext, agencyId: string | null, at: Date, months: number): Promise<number | null> {
  if (!Number.isInteger(months) || months <= 0 || months > 120) return null;
  const startDay = localDayStart(localDate(at));
  const clockOffset = at.getTime() - startDay.getTime();
  let day = addCalendarMonths(localDate(at), months);
  for (let i = 0; i < 31; i++) {
    const start = localDayStart(day);
    if ((await workingHoursBetweenFor(ctx, agencyId, start, new Date(start.getTime() + DAY_MS))) > 0) break;
    day = localDate(new Date(start.getTime() + DAY_MS + 3_600_000));
  }
  return workingHoursBetweenFor(ctx, agencyId, at, new Date(localDayStart(day).getTime() + clockOffset));
}
