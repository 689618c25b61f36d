// Admin use cases on the days-off table: add, change and remove a day off or swapped working day. Each is
// one calendar change (calendar-change.ts): a new calendar version, the old row closed, never rewritten.
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { RequestOrigin } from '../../platform/audit.js';
import * as repo from './calendar.repo.js';
import type { HolidayCreate, HolidayPatch } from './calendar.schema.js';
import { calendarChange, checkKindForDate, materialiseYear, requireNationalManager, takenCheck, yearOf } from './calendar-change.js';
import { holidayOut } from './holiday-list.js';
import { calendarErrors } from './calendar.errors.js';

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
  if (!existing) throw calendarErrors.CALENDAR_HOLIDAY_NOT_FOUND();
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
      if (!current) throw calendarErrors.CALENDAR_HOLIDAY_NOT_FOUND();
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
  if (!existing) throw calendarErrors.CALENDAR_HOLIDAY_NOT_FOUND();
  const { version } = await calendarChange<repo.DayRow>(
    ctx,
    p,
    origin,
    { action: 'calendar.holiday.delete', targetType: 'calendar_day', targetId: () => id, details: () => ({ before: holidayOut(existing) }) },
    async (trx, v) => {
      const current = await repo.findCurrentDay(trx, id);
      if (!current) throw calendarErrors.CALENDAR_HOLIDAY_NOT_FOUND();
      await repo.closeDay(trx, current.row_id, v);
      return current;
    },
  );
  return { id, calendarVersion: version };
}
