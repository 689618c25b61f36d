// Report periods (pure): local calendar days in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving since
// 1975), `from` and `to` inclusive. start = from 00:00+07, end = (to + 1 day) 00:00+07, asOf = min(now, end).

import { localDate, localDayStart } from '../calendar/working-time.js';
import { addDaysIso } from '../calendar/civil-date.js';
import { reportErrors } from './reports.errors.js';

/** Longest period a report covers: a (leap) year, so that annual reports fit and one query stays bounded. */
export const MAX_PERIOD_DAYS = 366;

export interface Period {
  /** YYYY-MM-DD, local, inclusive. */
  from: string;
  to: string;
  start: Date;
  end: Date;
  asOf: Date;
  days: number;
}

const DAY_MS = 86_400_000;

/** 00:00 local time of a local calendar day. */
export const localMidnight = localDayStart;

/** The local calendar day after `day`. */
export const nextDay = (day: string): string => addDaysIso(day, 1);

/**
 * The period of a report query. Defaults: `from` = first day of `to`'s month, `to` = today (local).
 * from > to → 422 REPORT_PERIOD_INVALID; longer than MAX_PERIOD_DAYS → 422 REPORT_PERIOD_TOO_LONG.
 */
export function periodOf(q: { from?: string; to?: string }, now: Date): Period {
  const to = q.to ?? localDate(now);
  const from = q.from ?? `${to.slice(0, 8)}01`;
  if (from > to) {
    throw reportErrors.REPORT_PERIOD_INVALID({ from, to }, {
      errors: [{ path: 'querystring.from', code: 'REPORT_PERIOD_INVALID', messageVi: 'Ngày bắt đầu sau ngày kết thúc', messageEn: 'The start date is after the end date' }],
    });
  }
  const start = localMidnight(from);
  const end = localMidnight(nextDay(to));
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  if (days > MAX_PERIOD_DAYS) {
    throw reportErrors.REPORT_PERIOD_TOO_LONG({ days, max: MAX_PERIOD_DAYS }, {
      errors: [{ path: 'querystring.to', code: 'REPORT_PERIOD_TOO_LONG', messageVi: `Tối đa ${MAX_PERIOD_DAYS} ngày`, messageEn: `At most ${MAX_PERIOD_DAYS} days` }],
    });
  }
  const asOf = now.getTime() < end.getTime() ? new Date(now.getTime()) : end;
  return { from, to, start, end, asOf, days };
}

/** dd/mm/yyyy of a YYYY-MM-DD day (Vietnamese documents). */
export const viDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
