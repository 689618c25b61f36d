// The days off of a year as the admin screen and the public read them: the stored year, or — for a year no
// admin has stored yet — the Labour Code days, provisional.
import type { AppContext } from '../../platform/context.js';
import { isoOrNull } from '../../platform/values.js';
import type { HolidaySource } from './holiday-rules.js';
import * as repo from './calendar.repo.js';
import { noteVersion } from './calendar-cache.js';
import { statutoryDaysOff } from './statutory-days.js';

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

export function holidayOut(r: repo.DayRow): HolidayItem {
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
