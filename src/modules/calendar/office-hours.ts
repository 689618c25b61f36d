// Office hours of an agency: reading its timeline (own schedules, inherited ones, the national default) and
// the admin use case that sets a schedule from a date on (one calendar change).
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { RequestOrigin } from '../../platform/audit.js';
import { can } from '../org/permissions.js';
import { localDate, type OfficeHours, type Session, type Weekday } from './working-time.js';
import * as repo from './calendar.repo.js';
import { agenciesByIds } from '../org/org.read.js';
import { WEEKDAY_KEYS, type OfficeHoursPut, type WeekdayKey } from './calendar.schema.js';
import { noteVersion, timelineOf, versionData } from './calendar-cache.js';
import { segmentIndexAt, type Segment } from './timeline.js';
import { agencyByCode } from './agency-by-code.js';
import { calendarChange, denied } from './calendar-change.js';
import { storedWeekly } from './office-hours-input.js';

type WeeklyOut = Record<WeekdayKey, Session[]>;

function weeklyOut(h: OfficeHours): WeeklyOut {
  const out = {} as WeeklyOut;
  WEEKDAY_KEYS.forEach((k, i) => (out[k] = (h.weekly[i as Weekday] ?? []).map((s) => ({ start: s.start, end: s.end }))));
  return out;
}

function weeklyOfRow(row: repo.OfficeHoursRow): WeeklyOut | null {
  if (row.weekly === null) return null;
  const out = {} as WeeklyOut;
  WEEKDAY_KEYS.forEach((k, i) => (out[k] = (row.weekly?.[String(i)] ?? []).map((s) => ({ start: s.start, end: s.end }))));
  return out;
}

export async function getOfficeHours(ctx: AppContext, code: string) {
  const agency = await agencyByCode(ctx, code);
  const version = await repo.readVersion(ctx.db);
  noteVersion(ctx, version);
  const d = versionData(ctx, version);
  const [segments, own] = await Promise.all([
    timelineOf(ctx, d, agency.id),
    repo.officeHoursOf(ctx.db, [agency.id], version),
  ]);
  const sources = await agenciesByIds(ctx.db, segments.map((s) => s.sourceAgencyId).filter((x): x is string => x !== null));
  const codes = new Map(sources.map((a) => [a.id, a.code]));
  const segOut = (s: Segment) => ({ from: s.from, sourceAgency: s.sourceAgencyId ? (codes.get(s.sourceAgencyId) ?? null) : null, weekly: weeklyOut(s.hours) });
  const nowMs = ctx.clock.now().getTime();
  const current = segments[segmentIndexAt(segments, nowMs)];
  return {
    agency: agency.code,
    calendarVersion: version,
    current: segOut(current),
    own: own.map((r) => ({ validFrom: r.valid_from, weekly: weeklyOfRow(r), note: r.note, sinceVersion: r.from_version })),
    timeline: segments.map(segOut),
  };
}

export async function setOfficeHours(ctx: AppContext, p: Principal, code: string, body: z.infer<typeof OfficeHoursPut>, origin: RequestOrigin) {
  const agency = await agencyByCode(ctx, code);
  if (!can(p, 'calendar.manage', agency)) throw denied();
  const weekly = body.weekly === null ? null : storedWeekly(body.weekly);
  const validFrom = body.validFrom ?? localDate(ctx.clock.now());
  await calendarChange<{ replaced: { weekly: repo.OfficeHoursRow['weekly']; note: string | null; sinceVersion: number } | null }>(
    ctx,
    p,
    origin,
    {
      action: 'calendar.office_hours.set',
      targetType: 'agency',
      targetId: () => agency.id,
      details: (r) => ({ agency: agency.code, validFrom, weekly, note: body.note ?? null, replaced: r.replaced }),
    },
    async (trx, v) => {
      const previous = await repo.findCurrentOfficeHours(trx, agency.id, validFrom);
      if (previous) await repo.closeOfficeHours(trx, previous.row_id, v);
      await repo.insertOfficeHours(trx, { agencyId: agency.id, validFrom, weekly, note: body.note ?? null, version: v, createdBy: p.userId });
      return { replaced: previous ? { weekly: previous.weekly, note: previous.note, sinceVersion: previous.from_version } : null };
    },
  );
  return getOfficeHours(ctx, code);
}
