// The office hours of an agency over time, as a list of segments (pure: no I/O, no clock). For each local
// date, the nearest agency in [self, parent, …, root] whose latest schedule starting on or before that date
// is not "inherit" wins; without one, the national default. The cache (calendar-cache.ts) feeds it rows.
import { DEFAULT_OFFICE_HOURS, localDate, parseLocalDateTime, type OfficeHours, type Session, type Weekday } from './working-time.js';

/** One stored schedule of an agency (the fields of an office-hours row the timeline needs). */
export interface ScheduleRow {
  row_id: number;
  agency_id: string;
  /** Local date the schedule starts. */
  valid_from: string;
  /** {"0": [...sessions], …, "6": [...]}; null = inherit from the parent from valid_from on. */
  weekly: Record<string, { start: string; end: string }[]> | null;
}

export interface Segment {
  /** Local date the stretch starts; null = since always. */
  from: string | null;
  startMs: number;
  hours: OfficeHours;
  /** 'default' or 'r<row_id>': identifies `hours` for the calendar cache. */
  key: string;
  sourceAgencyId: string | null;
}

const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** The stored weekly sessions as frozen OfficeHours (frozen: one object is shared by cached calendars). */
export function officeHoursOfWeekly(weekly: ScheduleRow['weekly']): OfficeHours {
  const out = {} as Record<Weekday, Session[]>;
  for (const d of WEEKDAYS) out[d] = (weekly?.[String(d)] ?? []).map((s) => Object.freeze({ start: s.start, end: s.end }));
  return Object.freeze({ weekly: Object.freeze(out) });
}

export const localMidnightMs = (date: string) => parseLocalDateTime(`${date}T00:00`).getTime();
export const localYear = (t: Date) => Number(localDate(t).slice(0, 4));

/**
 * The segments of an agency's office hours, from `chain` ([self, parent, …, root]) and the schedules of
 * those agencies sorted by valid_from; consecutive stretches with the same hours are merged.
 * `hoursOf` turns a row into OfficeHours (the cache memoises it per row).
 */
export function buildTimeline<R extends ScheduleRow>(
  chain: readonly string[],
  rows: readonly R[],
  hoursOf: (row: R) => OfficeHours = (r) => officeHoursOfWeekly(r.weekly),
): Segment[] {
  const byAgency = new Map<string, R[]>();
  for (const r of rows) {
    if (!byAgency.has(r.agency_id)) byAgency.set(r.agency_id, []);
    byAgency.get(r.agency_id)!.push(r); // rows come sorted by valid_from
  }
  const resolve = (date: string | null): { row: R; agency: string } | null => {
    for (const a of chain) {
      const own = byAgency.get(a) ?? [];
      let latest: R | undefined;
      if (date !== null) for (const r of own) if (r.valid_from <= date) latest = r;
      if (latest && latest.weekly !== null) return { row: latest, agency: a };
    }
    return null;
  };
  const starts = [null, ...[...new Set(rows.map((r) => r.valid_from))].sort()];
  const segments: Segment[] = [];
  for (const from of starts) {
    const hit = resolve(from);
    const segKey = hit ? `r${hit.row.row_id}` : 'default';
    if (segments.length > 0 && segments[segments.length - 1].key === segKey) continue;
    segments.push({
      from,
      startMs: from === null ? Number.NEGATIVE_INFINITY : localMidnightMs(from),
      hours: hit ? hoursOf(hit.row) : DEFAULT_OFFICE_HOURS,
      key: segKey,
      sourceAgencyId: hit?.agency ?? null,
    });
  }
  return segments;
}

/** The segment in force at instant `ms` (segments sorted by start; the first one starts at -∞). */
export function segmentIndexAt(segments: readonly Segment[], ms: number): number {
  let i = 0;
  while (i + 1 < segments.length && segments[i + 1].startMs <= ms) i++;
  return i;
}
