// What every calendar admin change shares: who may change the national days off, the checks on a day's
// kind and date, storing a year that was only generated so far, and the transaction that bumps the
// calendar version and writes the audit log together with the change.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { isUniqueViolation } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import { actsFromTop } from '../org/permissions.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { weekdayOfIso } from './civil-date.js';
import * as repo from './calendar.repo.js';
import { noteVersion } from './calendar-cache.js';
import { statutoryDaysOff } from './statutory-days.js';
import { calendarErrors } from './calendar.errors.js';

export const denied = () => platformErrors.FORBIDDEN();

/** Days off are national: only an admin of a root agency (the province) may change them. */
export function requireNationalManager(p: Principal): void {
  if (!actsFromTop(p, 'calendar.manage')) throw denied();
}

export function checkKindForDate(date: string, kind: repo.DayRow['kind'], path = 'body.date'): void {
  const wd = weekdayOfIso(date);
  const weekend = wd === 0 || wd === 6;
  if (kind === 'working_day_swap' && !weekend) throw calendarErrors.CALENDAR_SWAP_NOT_WEEKEND({ date }, { errors: [{ path, code: 'CALENDAR_SWAP_NOT_WEEKEND' }] });
  if (kind === 'compensatory_off' && weekend) {
    throw calendarErrors.CALENDAR_COMPENSATORY_ON_WEEKEND({ date }, { errors: [{ path, code: 'CALENDAR_COMPENSATORY_ON_WEEKEND' }] });
  }
}

/** Stores a year that was only generated so far (its Labour Code days, provisional) at `version`. */
export async function materialiseYear(trx: Db, year: number, version: number, provisional = true): Promise<repo.YearRow> {
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

/** 409 CALENDAR_DATE_TAKEN when another day in force already has this date. */
export async function takenCheck(trx: Db, date: string, exceptId?: string): Promise<void> {
  const other = await repo.findCurrentDayByDate(trx, date);
  if (other && other.id !== exceptId) throw calendarErrors.CALENDAR_DATE_TAKEN({ date, name: other.name_vi }, { existingId: other.id });
}

/** One calendar change: lock, bump the version, do the work, audit — all in one transaction. */
export async function calendarChange<T>(
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
    if (isUniqueViolation(err)) throw platformErrors.CONFLICT();
    throw err;
  }
}

export const yearOf = (date: string) => Number(date.slice(0, 4));
