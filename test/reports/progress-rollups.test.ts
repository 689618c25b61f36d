// The progress report from the roll-ups (migration 0042) gives exactly the direct aggregate over the dossiers,
// on demo dossiers made by the real services (reception, finishing early / on time / late, refusal, stop,
// supplement, transfer between a commune and a department), for whole months, a year, partial and past
// periods, every groupBy and several scopes; the buckets the trigger keeps equal a rebuild from scratch; and
// moves the engine may make later (agency, outcome, re-opening, acceptance day) keep both in step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { startDossierApp, STP, XA1 } from '../dossiers/fixtures.js';
import { seedDemoDossiers } from '../../src/modules/demo/demo-dossiers.js';
import { localDate } from '../../src/modules/calendar/working-time.js';
import { periodOf } from '../../src/modules/reports/period.js';
import { progressDirect, type ProgressRow, type Window } from '../../src/modules/reports/reports.repo.js';
import { progress as progressFromRollups } from '../../src/modules/reports/progress-rollup.repo.js';
import { GROUP_BYS } from '../../src/modules/reports/reports.schema.js';

let t: TestApp & { clock: ManualClock };
const scopes: Record<string, string[]> = {};

beforeAll(async () => {
  t = await startDossierApp();
  await seedDemoDossiers(t.ctx, { count: 60 });
  const ids = async (where: string) => (await sql<{ id: string }>`SELECT id FROM agencies WHERE ${sql.raw(where)}`.execute(t.ctx.db)).rows.map((r) => r.id);
  scopes.all = await ids('true');
  scopes.commune = await ids(`path LIKE (SELECT path FROM agencies WHERE code = '${XA1}') || '%'`);
  scopes.department = await ids(`code = '${STP}'`);
});
afterAll(async () => t?.close());

const DAY = 86_400_000;
/** Periods around the clock: this month, a year, last month, partial and past windows, one reaching past today. */
function windows(): Window[] {
  const now = t.clock.now();
  const day = (offset: number) => localDate(new Date(now.getTime() + offset * DAY));
  const month = periodOf({}, now);
  const lastMonthEnd = localDate(new Date(month.start.getTime() - DAY));
  const qs = [
    {}, { from: day(-364), to: day(0) }, { from: `${lastMonthEnd.slice(0, 8)}01`, to: lastMonthEnd },
    { from: day(-35), to: day(-14) }, { from: day(-10), to: day(-10) }, { from: day(-60), to: day(-1) }, { from: day(-20), to: day(5) },
  ];
  return qs.map((q) => periodOf(q, now)).map((p) => ({ start: p.start, end: p.end, asOf: p.asOf }));
}

const sorted = (rows: ProgressRow[]) => [...rows].sort((a, b) => Number(a.isTotal) - Number(b.isTotal) || String(a.key).localeCompare(String(b.key)));

async function expectSameAsDirect(): Promise<number> {
  let cells = 0;
  for (const w of windows()) {
    for (const [name, scope] of Object.entries(scopes)) {
      for (const g of GROUP_BYS) {
        const direct = sorted(await progressDirect(t.ctx.db, w, scope, g));
        expect(sorted(await progressFromRollups(t.ctx.db, w, scope, g)), `${w.start.toISOString()}…${w.end.toISOString()} ${name} ${g}`).toEqual(direct);
        cells += direct.find((r) => r.isTotal)!.received;
      }
    }
  }
  return cells;
}

/** Every bucket table without its empty rows, in a stable order. */
async function buckets(): Promise<unknown[]> {
  const { rows } = await sql`SELECT 'd' AS t, day AS at, agency_id, procedure_code, procedure_id, procedure_name, field, channel, accepted, early, on_time, late, refused_stopped
      FROM dossier_rollup_days WHERE (accepted, early, on_time, late, refused_stopped) <> (0, 0, 0, 0, 0)
    UNION ALL SELECT 'm', month, agency_id, procedure_code, procedure_id, procedure_name, field, channel, accepted, early, on_time, late, refused_stopped
      FROM dossier_rollup_months WHERE (accepted, early, on_time, late, refused_stopped) <> (0, 0, 0, 0, 0)
    UNION ALL SELECT 'fd', day, agency_id, NULL, NULL, NULL, field, channel, accepted, early, on_time, late, refused_stopped
      FROM dossier_rollup_field_days WHERE (accepted, early, on_time, late, refused_stopped) <> (0, 0, 0, 0, 0)
    UNION ALL SELECT 'fm', month, agency_id, NULL, NULL, NULL, field, channel, accepted, early, on_time, late, refused_stopped
      FROM dossier_rollup_field_months WHERE (accepted, early, on_time, late, refused_stopped) <> (0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`.execute(t.ctx.db);
  return rows;
}

async function expectBucketsAsRebuilt(): Promise<void> {
  const kept = await buckets();
  await sql`SELECT dossier_rollups_rebuild()`.execute(t.ctx.db);
  expect(kept).toEqual(await buckets());
}

describe('progress from the roll-ups', () => {
  it('has demo dossiers in every part of the table', async () => {
    const p = periodOf({ from: localDate(new Date(t.clock.now().getTime() - 30 * DAY)) }, t.clock.now());
    const total = (await progressDirect(t.ctx.db, p, scopes.all!, 'agency')).find((r) => r.isTotal)!;
    for (const m of ['carriedOver', 'resolvedEarly', 'resolvedLate', 'refusedOrStopped', 'inProcessOnTime', 'inProcessOverdue'] as const) {
      expect(total[m], m).toBeGreaterThan(0);
    }
  });

  it('equals the direct aggregate for every period, scope and groupBy, and the kept buckets equal a rebuild', async () => {
    expect(await expectSameAsDirect()).toBeGreaterThan(0);
    await expectBucketsAsRebuilt();
  });

  it('follows later moves of a dossier: agency, outcome, re-opening, acceptance day, key columns', async () => {
    const pick = (where: string) => sql`SELECT id FROM dossiers WHERE ${sql.raw(where)} ORDER BY code LIMIT 3`;
    await sql`UPDATE dossiers SET competent_agency_id = (SELECT id FROM agencies WHERE code = ${STP}) WHERE id IN (${pick(`accepted_at IS NOT NULL AND finished_at IS NULL`)})`.execute(t.ctx.db);
    await sql`UPDATE dossiers SET indicator_late = NOT indicator_late WHERE id IN (${pick(`finished_at IS NOT NULL AND status = 'returned'`)})`.execute(t.ctx.db);
    await sql`UPDATE dossiers SET finished_at = NULL, status = 'processing' WHERE id IN (${pick(`status IN ('refused', 'stopped')`)})`.execute(t.ctx.db);
    await sql`UPDATE dossiers SET accepted_at = accepted_at - interval '40 days', channel = 3 - channel % 3, field = NULL WHERE id IN (${pick(`accepted_at IS NOT NULL AND channel <> 3`)})`.execute(t.ctx.db);
    await sql`UPDATE dossiers SET procedure_name = procedure_name || ' (cũ)', accepted_at = NULL WHERE id IN (${pick(`finished_at IS NULL AND accepted_at IS NOT NULL`)})`.execute(t.ctx.db);
    await expectSameAsDirect();
    await expectBucketsAsRebuilt();
  });
});
