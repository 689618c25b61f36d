// SQL for the working calendar: version counter, days off (versioned rows), year status, office hours.
// A versioned row is in force at version v when from_version <= v AND (to_version IS NULL OR to_version > v).
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AgencyOfficeHours, CalendarDays, CalendarYears } from '../../platform/db/schema.gen.js';
import type { DayOffKind, HolidaySource } from './holiday-rules.js';

/** The texts a day-off row's CHECK constraints allow, and its JSON `source`. */
interface DayNarrow {
  kind: DayOffKind;
  source: HolidaySource | null;
  origin: 'official' | 'statutory' | 'admin';
}
export type DayRow = Omit<Selectable<CalendarDays>, keyof DayNarrow> & DayNarrow;

export interface NewDay {
  id?: string;
  date: string;
  kind: DayOffKind;
  nameVi: string;
  nameEn: string;
  source: HolidaySource | null;
  provisional: boolean;
  origin: DayRow['origin'];
  createdBy?: string | null;
}

interface YearNarrow {
  status: 'provisional' | 'confirmed';
  seeded_from: 'official' | 'statutory';
}
export type YearRow = Omit<Selectable<CalendarYears>, keyof YearNarrow> & YearNarrow;

interface OfficeHoursNarrow {
  /** {"0": [...sessions], …, "6": [...]}; null = inherit from the parent from valid_from on. */
  weekly: Record<string, { start: string; end: string }[]> | null;
}
export type OfficeHoursRow = Omit<Selectable<AgencyOfficeHours>, keyof OfficeHoursNarrow> & OfficeHoursNarrow;

export interface VersionEntry {
  actorId?: string | null;
  actorLabel?: string | null;
  action: string;
  details?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------
// Version

export async function readVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('calendar_state').select('version').where('id', '=', 1).executeTakeFirst();
  return row ? Number(row.version) : 0;
}

/** Locks the version row for the rest of the transaction (serialises calendar writers) and returns it. */
export async function lockVersion(trx: Db): Promise<number> {
  const row = await trx.selectFrom('calendar_state').select('version').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  return Number(row.version);
}

/** Increments the version and logs why; call inside the transaction that makes the change. */
export async function bumpVersion(trx: Db, entry: VersionEntry): Promise<number> {
  const row = await trx
    .updateTable('calendar_state')
    .set({ version: sql`version + 1`, changed_at: sql`now()` })
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow();
  const version = Number(row.version);
  await trx
    .insertInto('calendar_versions')
    .values({
      version,
      actor_id: entry.actorId ?? null,
      actor_label: entry.actorLabel ?? null,
      action: entry.action,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
  return version;
}

const inForceAt = (version: number) => sql<boolean>`from_version <= ${version} AND (to_version IS NULL OR to_version > ${version})`;

// ---------------------------------------------------------------------------
// Days off

/** Entries in force at `version` with from <= date <= to (local dates). */
export async function daysBetween(db: Db, from: string, to: string, version: number): Promise<DayRow[]> {
  return await db
    .selectFrom('calendar_days')
    .selectAll()
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where(inForceAt(version))
    .orderBy('date')
    .$narrowType<DayNarrow>().execute();
}

/** Current entries of a year. */
export async function currentDaysOfYear(db: Db, year: number): Promise<DayRow[]> {
  return await db
    .selectFrom('calendar_days')
    .selectAll()
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .where('to_version', 'is', null)
    .orderBy('date')
    .$narrowType<DayNarrow>().execute();
}

export async function findCurrentDay(db: Db, id: string): Promise<DayRow | undefined> {
  return (await db.selectFrom('calendar_days').selectAll().where('id', '=', id).where('to_version', 'is', null).executeTakeFirst()) as
    | DayRow
    | undefined;
}

export async function findCurrentDayByDate(db: Db, date: string): Promise<DayRow | undefined> {
  return (await db.selectFrom('calendar_days').selectAll().where('date', '=', date).where('to_version', 'is', null).executeTakeFirst()) as
    | DayRow
    | undefined;
}

export async function insertDays(trx: Db, days: readonly NewDay[], version: number): Promise<DayRow[]> {
  if (days.length === 0) return [];
  return await trx
    .insertInto('calendar_days')
    .values(
      days.map((d) => ({
        id: d.id ?? sql`gen_random_uuid()`,
        date: d.date,
        kind: d.kind,
        name_vi: d.nameVi,
        name_en: d.nameEn,
        source: d.source ? JSON.stringify(d.source) : null,
        provisional: d.provisional,
        origin: d.origin,
        from_version: version,
        created_by: d.createdBy ?? null,
      })),
    )
    .returningAll()
    .$narrowType<DayNarrow>().execute();
}

/** Ends a row's validity at `version` (it stays in the table for older versions). */
export async function closeDay(trx: Db, rowId: number, version: number): Promise<void> {
  await trx.updateTable('calendar_days').set({ to_version: version }).where('row_id', '=', rowId).where('to_version', 'is', null).execute();
}

// ---------------------------------------------------------------------------
// Years

export async function findYear(db: Db, year: number): Promise<YearRow | undefined> {
  return await db.selectFrom('calendar_years').selectAll().where('year', '=', year).$narrowType<YearNarrow>().executeTakeFirst();
}

/** Years in [from, to] that have a stored schedule at `version`. */
export async function storedYears(db: Db, from: number, to: number, version: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('calendar_years')
    .select('year')
    .where('year', '>=', from)
    .where('year', '<=', to)
    .where('created_version', '<=', version)
    .execute();
  return new Set(rows.map((r) => Number(r.year)));
}

export async function insertYear(
  trx: Db,
  y: { year: number; status: YearRow['status']; seededFrom: YearRow['seeded_from']; version: number; note?: string | null; confirmedByLabel?: string | null },
): Promise<void> {
  await trx
    .insertInto('calendar_years')
    .values({
      year: y.year,
      status: y.status,
      seeded_from: y.seededFrom,
      created_version: y.version,
      confirmed_at: y.status === 'confirmed' ? sql`now()` : null,
      confirmed_by_label: y.status === 'confirmed' ? (y.confirmedByLabel ?? null) : null,
      note: y.note ?? null,
    })
    .execute();
}

export async function confirmYear(trx: Db, year: number, by: { id: string; label: string }, at: Date, note: string | null): Promise<YearRow> {
  return await trx
    .updateTable('calendar_years')
    .set({ status: 'confirmed', confirmed_by: by.id, confirmed_by_label: by.label, confirmed_at: at, note })
    .where('year', '=', year)
    .returningAll()
    .$narrowType<YearNarrow>().executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------
// Office hours

/** Office-hours rows in force at `version` of the given agencies, oldest valid_from first. */
export async function officeHoursOf(db: Db, agencyIds: readonly string[], version: number): Promise<OfficeHoursRow[]> {
  if (agencyIds.length === 0) return [];
  return await db
    .selectFrom('agency_office_hours')
    .selectAll()
    .where('agency_id', 'in', agencyIds)
    .where(inForceAt(version))
    .orderBy('valid_from')
    .$narrowType<OfficeHoursNarrow>().execute();
}

export async function findCurrentOfficeHours(db: Db, agencyId: string, validFrom: string): Promise<OfficeHoursRow | undefined> {
  return await db
    .selectFrom('agency_office_hours')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('valid_from', '=', validFrom)
    .where('to_version', 'is', null)
    .$narrowType<OfficeHoursNarrow>().executeTakeFirst();
}

export async function closeOfficeHours(trx: Db, rowId: number, version: number): Promise<void> {
  await trx.updateTable('agency_office_hours').set({ to_version: version }).where('row_id', '=', rowId).where('to_version', 'is', null).execute();
}

export async function insertOfficeHours(
  trx: Db,
  r: { agencyId: string; validFrom: string; weekly: OfficeHoursRow['weekly']; note: string | null; version: number; createdBy: string | null },
): Promise<OfficeHoursRow> {
  return await trx
    .insertInto('agency_office_hours')
    .values({
      agency_id: r.agencyId,
      valid_from: r.validFrom,
      weekly: r.weekly === null ? null : JSON.stringify(r.weekly),
      note: r.note,
      from_version: r.version,
      created_by: r.createdBy,
    })
    .returningAll()
    .$narrowType<OfficeHoursNarrow>().executeTakeFirstOrThrow();
}

/** True when every row of the year is still the generated one (no admin change since it was seeded). */
export async function isYearUntouched(db: Db, year: number): Promise<boolean> {
  const row = await db
    .selectFrom('calendar_days')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('origin', '<>', 'statutory'), eb('to_version', 'is not', null)]))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

export async function listYears(db: Db, from: number, to: number): Promise<YearRow[]> {
  return await db.selectFrom('calendar_years').selectAll().where('year', '>=', from).where('year', '<=', to).orderBy('year').$narrowType<YearNarrow>().execute();
}

/** Replaces a generated year by the official schedule (seeding a newer reference file). */
export async function markYearOfficial(trx: Db, year: number, label: string): Promise<void> {
  await trx
    .updateTable('calendar_years')
    .set({ status: 'confirmed', seeded_from: 'official', confirmed_by: null, confirmed_by_label: label, confirmed_at: sql`now()` })
    .where('year', '=', year)
    .execute();
}
