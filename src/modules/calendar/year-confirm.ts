// Admin use case: confirm a year's days off (the provisional Labour Code days become the official
// schedule). A year that was only generated is stored at once, already confirmed.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { RequestOrigin } from '../../platform/audit.js';
import { isoOrNull } from '../../platform/values.js';
import * as repo from './calendar.repo.js';
import { calendarChange, materialiseYear, requireNationalManager } from './calendar-change.js';
import { calendarErrors } from './calendar.errors.js';

const iso = isoOrNull;

export async function confirmYear(ctx: AppContext, p: Principal, year: number, note: string | undefined, origin: RequestOrigin) {
  requireNationalManager(p);
  const known = await repo.findYear(ctx.db, year);
  if (known?.status === 'confirmed') throw calendarErrors.CALENDAR_YEAR_ALREADY_CONFIRMED({ year });
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
      if (stored?.status === 'confirmed') throw calendarErrors.CALENDAR_YEAR_ALREADY_CONFIRMED({ year });
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
