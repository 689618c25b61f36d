// The calendar cache: per database handle (one per process), per calendar version — the days off of the
// years loaded so far, each agency's office-hours timeline, the plain calendars built from them, and each
// agency's place in the tree. A calendar change makes a new version, so a version's data never goes stale;
// only the current version number is re-read (at most every VERSION_TTL_MS).
import type { AppContext } from '../../platform/context.js';

import type { Db } from '../../platform/db/database.js';
import { isUuid } from '../../platform/values.js';
import { buildWorkingCalendar, type DayOffEntry } from './holiday-rules.js';
import type { OfficeHours, WorkingCalendar } from './working-time.js';
import { buildTimeline, officeHoursOfWeekly, type Segment } from './timeline.js';
import { statutoryDaysOff } from './statutory-days.js';
import * as repo from './calendar.repo.js';
import { agencyById } from '../org/org.read.js';
import { calendarErrors } from './calendar.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** How long a process trusts its last read of the calendar version before reading it again. */
export const VERSION_TTL_MS = 1000;
const MAX_VERSIONS_CACHED = 4;
const MAX_CALENDARS_PER_VERSION = 256;

export interface VersionData {
  version: number;
  years: Map<number, DayOffEntry[]>;
  timelines: Map<string, Segment[]>;
  calendars: Map<string, WorkingCalendar>;
}

interface CalendarCache {
  checked: { version: number; at: number } | null;
  versions: Map<number, VersionData>;
  /** agency id → [self, parent, …, root] ids (an agency's place in the tree never changes). */
  chains: Map<string, string[]>;
  hours: Map<number, OfficeHours>;
}

const caches = new WeakMap<Db, CalendarCache>();

function cacheOf(ctx: AppContext): CalendarCache {
  let c = caches.get(ctx.db);
  if (!c) {
    c = { checked: null, versions: new Map(), chains: new Map(), hours: new Map() };
    caches.set(ctx.db, c);
  }
  return c;
}

/** The current calendar version, re-read from the database at most every VERSION_TTL_MS. */
export async function currentCalendarVersion(ctx: AppContext): Promise<number> {
  const cache = cacheOf(ctx);
  const now = Date.now();
  if (cache.checked && now - cache.checked.at < VERSION_TTL_MS) return cache.checked.version;
  const version = await repo.readVersion(ctx.db);
  cache.checked = { version, at: now };
  return version;
}

/** Called after a committed change (or a fresh read): this process sees the new version at once. */
export function noteVersion(ctx: AppContext, version: number): void {
  const cache = cacheOf(ctx);
  if (!cache.checked || cache.checked.version < version) cache.checked = { version, at: Date.now() };
}

/** Forgets everything cached for this database (tests; after restoring a backup). */
export function clearCalendarCache(ctx: AppContext): void {
  caches.delete(ctx.db);
}

export function versionData(ctx: AppContext, version: number): VersionData {
  const cache = cacheOf(ctx);
  let d = cache.versions.get(version);
  if (!d) {
    d = { version, years: new Map(), timelines: new Map(), calendars: new Map() };
    cache.versions.set(version, d);
    while (cache.versions.size > MAX_VERSIONS_CACHED) {
      // drop the oldest version that is not the current one
      const victim = [...cache.versions.keys()].filter((v) => v !== cache.checked?.version).sort((a, b) => a - b)[0];
      if (victim === undefined) break;
      cache.versions.delete(victim);
    }
  }
  return d;
}

export async function resolveVersion(ctx: AppContext, requested?: number): Promise<number> {
  const current = await currentCalendarVersion(ctx);
  if (requested === undefined) return current;
  if (!Number.isInteger(requested) || requested < 0) throw calendarErrors.CALENDAR_VERSION_UNKNOWN({ version: requested, current });
  if (requested > current) {
    // maybe another process moved on: ask the database before refusing
    const fresh = await repo.readVersion(ctx.db);
    noteVersion(ctx, fresh);
    if (requested > fresh) throw calendarErrors.CALENDAR_VERSION_UNKNOWN({ version: requested, current: fresh });
  }
  return requested;
}

/** Loads the days off of years [y0, y1] at `version` (stored years from the DB, the others generated). */
export async function loadYears(ctx: AppContext, d: VersionData, y0: number, y1: number): Promise<void> {
  const missing: number[] = [];
  for (let y = y0; y <= y1; y++) if (!d.years.has(y)) missing.push(y);
  if (missing.length === 0) return;
  const lo = missing[0];
  const hi = missing[missing.length - 1];
  const [stored, rows] = await Promise.all([
    repo.storedYears(ctx.db, lo, hi, d.version),
    repo.daysBetween(ctx.db, `${lo}-01-01`, `${hi}-12-31`, d.version),
  ]);
  const byYear = new Map<number, DayOffEntry[]>();
  for (const r of rows) {
    const y = Number(r.date.slice(0, 4));
    if (!byYear.has(y)) byYear.set(y, []);
    byYear.get(y)!.push(dayEntry(r));
  }
  for (const y of missing) d.years.set(y, stored.has(y) ? (byYear.get(y) ?? []) : statutoryDaysOff(y));
}

function dayEntry(r: repo.DayRow): DayOffEntry {
  return { date: r.date, kind: r.kind, nameVi: r.name_vi, nameEn: r.name_en, provisional: r.provisional, source: r.source ?? undefined };
}

/** Office hours of a stored row, converted once per row (rows never change: a change is a new row). */
function officeHoursOfRow(cache: CalendarCache, row: repo.OfficeHoursRow): OfficeHours {
  let h = cache.hours.get(row.row_id);
  if (!h) {
    h = officeHoursOfWeekly(row.weekly);
    cache.hours.set(row.row_id, h);
  }
  return h;
}

/** [self, parent, …, root] for an agency id; 404 for an unknown agency. */
async function agencyChain(ctx: AppContext, agencyId: string): Promise<string[]> {
  const cache = cacheOf(ctx);
  const known = cache.chains.get(agencyId);
  if (known) return known;
  const row = isUuid(agencyId) ? await agencyById(ctx.db, agencyId) : undefined;
  if (!row) throw platformErrors.NOT_FOUND({ what: 'agency' });
  const chain = row.path.split('/').filter(Boolean).reverse();
  if (chain[0] !== agencyId) chain.unshift(agencyId);
  cache.chains.set(agencyId, chain);
  return chain;
}

/** The office-hours timeline of an agency (null = the national default) at a calendar version. */
export async function timelineOf(ctx: AppContext, d: VersionData, agencyId: string | null): Promise<Segment[]> {
  const key = agencyId ?? '';
  const known = d.timelines.get(key);
  if (known) return known;
  const cache = cacheOf(ctx);
  const chain = agencyId ? await agencyChain(ctx, agencyId) : [];
  const rows = await repo.officeHoursOf(ctx.db, chain, d.version);
  const segments = buildTimeline(chain, rows, (row) => officeHoursOfRow(cache, row));
  d.timelines.set(key, segments);
  return segments;
}

/** The plain calendar of one timeline segment over years [y0, y1] (loaded with loadYears first). */
export function calendarOf(d: VersionData, seg: Segment, y0: number, y1: number): WorkingCalendar {
  const key = `${seg.key}|${y0}|${y1}`;
  let cal = d.calendars.get(key);
  if (!cal) {
    const entries: DayOffEntry[] = [];
    for (let y = y0; y <= y1; y++) entries.push(...(d.years.get(y) ?? []));
    cal = buildWorkingCalendar(entries, seg.hours);
    if (d.calendars.size >= MAX_CALENDARS_PER_VERSION) d.calendars.clear();
    d.calendars.set(key, cal);
  }
  return cal;
}
