// Reports on the demo dossiers (every status, some late, transfers, supplements): the SQL aggregate agrees
// with an independent computation in TypeScript from the projection rows, columns add up, every groupBy sums
// to the totals, and the drill-down of every total matches its count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { startDossierApp, T0 } from '../dossiers/fixtures.js';
import { seedDemoDossiers } from '../../src/modules/demo/demo-dossiers.js';
import { localDate } from '../../src/modules/calendar/working-time.js';
import type { DossierRow } from '../../src/modules/dossiers/dossiers.repo.js';

const MEASURES = [
  'received', 'carriedOver', 'newOnline', 'newInPerson', 'newPostal', 'resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate',
  'inProcess', 'inProcessOnTime', 'inProcessOverdue', 'refusedOrStopped',
] as const;
type Measure = (typeof MEASURES)[number];

let t: TestApp & { clock: ManualClock };
let c: HttpClient;
let rows: DossierRow[];

beforeAll(async () => {
  t = await startDossierApp();
  await seedDemoDossiers(t.ctx, { count: 80 });
  c = await t.login('demo.lanhdaotinh');
  rows = (await t.ctx.db.selectFrom('dossiers').selectAll().execute()) as DossierRow[];
});
afterAll(async () => t?.close());

/** The contract's definitions, computed in TypeScript from the projection rows. */
function expected(from: string, to: string, now: Date): Record<Measure, Set<string>> {
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const asOf = now < end ? now : end;
  const out = Object.fromEntries(MEASURES.map((m) => [m, new Set<string>()])) as Record<Measure, Set<string>>;
  const t0 = (d: Date | null) => (d ? new Date(d).getTime() : null);
  for (const r of rows) {
    const acc = t0(r.accepted_at);
    const fin = t0(r.finished_at);
    if (acc === null || acc >= end.getTime()) continue;
    if (!(acc >= start.getTime() || fin === null || fin >= start.getTime())) continue;
    const add = (m: Measure) => out[m].add(r.id);
    add('received');
    if (acc < start.getTime()) add('carriedOver');
    else add(r.channel === 2 ? 'newOnline' : r.channel === 3 ? 'newPostal' : 'newInPerson');
    if (fin !== null && fin < end.getTime()) {
      add('resolved');
      const late = r.indicator_late || r.indicator_on_time === false;
      const early = !!r.original_due_at && localDate(new Date(r.finished_at!)) < localDate(new Date(r.original_due_at));
      add(late ? 'resolvedLate' : early ? 'resolvedEarly' : 'resolvedOnTime');
      if (r.status === 'refused' || r.status === 'stopped' || r.state.result?.outcome === 'rejected') add('refusedOrStopped');
    } else {
      add('inProcess');
      const endAt = t0(r.indicator_end_at);
      const due = t0(r.original_due_at);
      const lateFrom = t0(r.indicator_late_from);
      const overdue =
        r.indicator_late ||
        (r.indicator_on_time === false && ((endAt !== null && endAt <= asOf.getTime()) || (due !== null && due < asOf.getTime()))) ||
        (lateFrom !== null && lateFrom <= asOf.getTime());
      add(overdue ? 'inProcessOverdue' : 'inProcessOnTime');
    }
  }
  return out;
}

const PERIODS: Array<[string, string]> = [
  [localDate(new Date(T0.getTime() - 30 * 86_400_000)), localDate(T0)], // up to now
  [localDate(new Date(T0.getTime() - 35 * 86_400_000)), localDate(new Date(T0.getTime() - 14 * 86_400_000))], // in the past
];

describe('reports on the demo dossiers', () => {
  it('has dossiers in every part of the table', () => {
    const e = expected(...PERIODS[0]!, t.clock.now());
    for (const m of ['carriedOver', 'resolvedEarly', 'resolvedLate', 'inProcessOnTime', 'inProcessOverdue'] as const) expect(e[m].size, m).toBeGreaterThan(0);
  });

  it('the SQL aggregate and its drill-down agree with the definitions computed in TypeScript', async () => {
    for (const [from, to] of PERIODS) {
      const e = expected(from, to, t.clock.now());
      const r = await c.get(`/api/v1/reports/progress?from=${from}&to=${to}`);
      expect(r.status).toBe(200);
      for (const m of MEASURES) {
        expect(r.body.totals[m], `${from}..${to} ${m}`).toBe(e[m].size);
        const d = await c.get(`/api/v1/reports/progress/dossiers?from=${from}&to=${to}&measure=${m}&pageSize=200`);
        expect(new Set(d.body.items.map((i: any) => i.id)), m).toEqual(e[m]);
      }
      const x = r.body.totals;
      expect(x.received).toBe(x.carriedOver + x.newOnline + x.newInPerson + x.newPostal);
      expect(x.received).toBe(x.resolved + x.inProcess);
      expect(x.resolved).toBe(x.resolvedEarly + x.resolvedOnTime + x.resolvedLate);
      expect(x.inProcess).toBe(x.inProcessOnTime + x.inProcessOverdue);
    }
  });

  it('every groupBy sums to the totals; the indicators agree with the progress totals', async () => {
    const [from, to] = PERIODS[0]!;
    const totals = (await c.get(`/api/v1/reports/progress?from=${from}&to=${to}`)).body.totals;
    for (const g of ['agency', 'field', 'procedure', 'channel', 'month']) {
      const r = await c.get(`/api/v1/reports/progress?from=${from}&to=${to}&groupBy=${g}`);
      for (const m of MEASURES) expect(r.body.rows.reduce((s: number, x: any) => s + x[m], 0), `${g} ${m}`).toBe(totals[m]);
    }
    const ind = (await c.get(`/api/v1/reports/indicators?from=${from}&to=${to}`)).body;
    const i21 = ind.groups.find((g: any) => g.code === 'TDGQ').indicators[0];
    expect(i21.denominator).toBe(totals.received);
    expect(i21.numerator).toBe(totals.resolvedEarly + totals.resolvedOnTime + totals.inProcessOnTime);
    expect(i21.ratio).toBe(totals.onTimeRate);
    const off = (await c.get(`/api/v1/reports/officials?from=${from}&to=${to}`)).body;
    expect(off.rows.length).toBeGreaterThan(3);
    for (const o of off.rows) expect(o.early + o.onTime + o.late).toBe(o.stepsDone);
  });
});
