// Loads the days off every deployment needs: the official schedule (reference-data/holidays) for the years
// it covers, confirmed, and the Labour Code days off (provisional until an admin confirms the year) for the
// other years of a range. Idempotent: a stored year is never overwritten, except a generated year that no
// admin has touched when the reference file now has its official schedule. One transaction, one new
// calendar version when anything was added.
import { readFileSync } from 'node:fs';
import type { Db } from '../../platform/db/database.js';
import { writeAudit } from '../../platform/audit.js';
import { loadOfficialSchedule, type DayOffEntry } from './holiday-rules.js';
import { statutoryDaysOff } from './statutory-days.js';
import * as repo from './calendar.repo.js';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from './calendar.schema.js';

export const OFFICIAL_SCHEDULE_FILE = 'vn_official_days_off_2025_2026.json';
const OFFICIAL_URL = new URL(`../../../reference-data/holidays/${OFFICIAL_SCHEDULE_FILE}`, import.meta.url);

/** Default range of years seeded with the Labour Code days off. */
export const DEFAULT_SEED_YEARS: readonly [number, number] = [2020, 2035];

export interface CalendarSeedOptions {
  fromYear?: number;
  toYear?: number;
  /** Parsed official schedule JSON (default: the reference file). */
  official?: unknown;
  /** Label recorded as "confirmed by" for official years. */
  officialLabel?: string;
}

export interface CalendarSeedResult {
  /** Calendar version after seeding (unchanged when nothing was added). */
  version: number;
  added: number[];
  /** Generated years replaced by their official schedule. */
  upgraded: number[];
}

export function readOfficialSchedule(): DayOffEntry[] {
  return loadOfficialSchedule(JSON.parse(readFileSync(OFFICIAL_URL, 'utf8')));
}

export async function seedCalendar(db: Db, opts: CalendarSeedOptions = {}): Promise<CalendarSeedResult> {
  const fromYear = opts.fromYear ?? DEFAULT_SEED_YEARS[0];
  const toYear = opts.toYear ?? DEFAULT_SEED_YEARS[1];
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear || fromYear < MIN_CALENDAR_YEAR || toYear > MAX_CALENDAR_YEAR) {
    throw new RangeError(`calendar seed years must be ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}, got ${fromYear}–${toYear}`);
  }
  const official = opts.official === undefined ? readOfficialSchedule() : loadOfficialSchedule(opts.official);
  const label = opts.officialLabel ?? `reference-data/holidays/${OFFICIAL_SCHEDULE_FILE}`;
  const officialByYear = new Map<number, DayOffEntry[]>();
  for (const e of official) {
    const y = Number(e.date.slice(0, 4));
    if (!officialByYear.has(y)) officialByYear.set(y, []);
    officialByYear.get(y)!.push(e);
  }
  const wanted = new Set<number>();
  for (let y = fromYear; y <= toYear; y++) wanted.add(y);
  for (const y of officialByYear.keys()) wanted.add(y);
  const years = [...wanted].sort((a, b) => a - b);

  return db.transaction().execute(async (trx) => {
    const before = await repo.lockVersion(trx);
    const stored = new Map((await repo.listYears(trx, years[0], years[years.length - 1])).map((r) => [Number(r.year), r]));
    const add = years.filter((y) => !stored.has(y));
    const upgrade: number[] = [];
    for (const [y, row] of stored) {
      if (officialByYear.has(y) && row.seeded_from === 'statutory' && row.status === 'provisional' && (await repo.isYearUntouched(trx, y))) upgrade.push(y);
    }
    if (add.length === 0 && upgrade.length === 0) return { version: before, added: [], upgraded: [] };

    const version = await repo.bumpVersion(trx, { actorLabel: 'system', action: 'calendar.seed', details: { added: add, upgraded: upgrade } });
    for (const y of upgrade) {
      for (const r of await repo.currentDaysOfYear(trx, y)) await repo.closeDay(trx, r.row_id, version);
      await repo.markYearOfficial(trx, y, label);
    }
    const rows: repo.NewDay[] = [];
    for (const y of [...add, ...upgrade]) {
      const off = officialByYear.get(y);
      if (off) {
        if (!upgrade.includes(y)) await repo.insertYear(trx, { year: y, status: 'confirmed', seededFrom: 'official', version, confirmedByLabel: label });
        rows.push(...off.map((e) => ({ ...e, source: e.source ?? null, origin: 'official' as const })));
      } else {
        await repo.insertYear(trx, { year: y, status: 'provisional', seededFrom: 'statutory', version });
        rows.push(...statutoryDaysOff(y).map((e) => ({ ...e, source: e.source ?? null, provisional: true, origin: 'statutory' as const })));
      }
    }
    await repo.insertDays(trx, rows, version);
    await writeAudit(trx, {
      actorLabel: 'system',
      action: 'calendar.seed',
      targetType: 'calendar',
      targetId: String(version),
      details: { calendarVersion: version, added: add, upgraded: upgrade, days: rows.length },
    });
    return { version, added: add, upgraded: upgrade };
  });
}
