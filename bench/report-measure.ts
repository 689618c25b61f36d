// Measuring the reports (shared by bench/reports.ts and bench/province.ts): the service calls behind the
// report routes as one principal over a month and a year, each beside a plain count(*) FILTER aggregate of
// the same period on the same database (the baseline), and EXPLAIN ANALYZE of their statements.
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import type { AppContext } from '../src/platform/context.js';
import type { Principal } from '../src/platform/auth/principal.js';
import * as orgRepo from '../src/modules/org/org.repo.js';
import { localDate } from '../src/modules/calendar/working-time.js';
import { periodOf, type Period } from '../src/modules/reports/period.js';
import { GROUP_BYS } from '../src/modules/reports/reports.schema.js';
import { indicators, officials, progress, progressDossiers, reportScope } from '../src/modules/reports/reports.service.js';
import { progressDirect } from '../src/modules/reports/reports.repo.js';

export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
export const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export async function principalOf(ctx: AppContext, username: string): Promise<Principal> {
  const u = await orgRepo.findUserByUsername(ctx.db, username);
  if (!u) throw new Error(`demo user ${username} missing`);
  return { kind: 'official', userId: u.id, username: u.username, fullName: u.full_name, assignments: await orgRepo.assignmentsOf(ctx.db, u.id), authMethod: 'session' };
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The last full calendar month, and the year (365 days) ending today, as local days. */
export function periods(now: Date): Array<{ name: string; from: string; to: string }> {
  const today = localDate(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return [
    { name: 'month', from: day(Date.UTC(y, m - 2, 1)), to: day(Date.UTC(y, m - 1, 0)) },
    { name: 'year', from: day(Date.UTC(y - 1, m - 1, d + 1)), to: today },
  ];
}

export interface Case {
  name: string;
  run: () => Promise<string>; // returns a short description of the result size
}

export function casesFor(ctx: AppContext, p: Principal, q: { from: string; to: string }, topField: string): Case[] {
  return [
    ...GROUP_BYS.map((g) => ({
      name: `progress groupBy=${g}`,
      run: async () => `${(await progress(ctx, p, { ...q, groupBy: g })).rows.length} rows`,
    })),
    // the direct aggregate the roll-ups replace (migration 0042), in the same run: the before/after ratio
    ...GROUP_BYS.map((g) => ({
      name: `progress direct groupBy=${g}`,
      run: async () => {
        const period = periodOf(q, ctx.clock.now());
        const scope = await reportScope(ctx, p, undefined);
        return `${(await progressDirect(ctx.db, { start: period.start, end: period.end, asOf: period.asOf }, scope.agencyIds, g)).length - 1} rows`;
      },
    })),
    {
      name: 'drill totals/received p1',
      run: async () => `${(await progressDossiers(ctx, p, { ...q, measure: 'received', page: 1, pageSize: 20 })).total} total`,
    },
    {
      name: 'drill top field/resolved p2',
      run: async () => `${(await progressDossiers(ctx, p, { ...q, groupBy: 'field', key: topField, measure: 'resolved', page: 2, pageSize: 20 })).total} total`,
    },
    { name: 'officials', run: async () => `${(await officials(ctx, p, q)).rows.length} rows` },
    { name: 'indicators', run: async () => `score ${(await indicators(ctx, p, q)).score}` },
  ];
}

export const BASELINE_SQL = `SELECT count(*) AS n, count(*) FILTER (WHERE finished_at IS NOT NULL) AS finished FROM dossiers
  WHERE accepted_at < $2 AND (accepted_at >= $1 OR finished_at IS NULL OR finished_at >= $1)`;

export interface Measured {
  rounds: number;
  warmup: number;
  period: Period;
  received: number;
  baseline: number[];
  cases: Array<{ name: string; samples: number[]; size: string }>;
}

/** `extra`: more cases measured the same way (e.g. the inbox); `rounds` after `warmup` warm-up rounds. */
export async function measure(ctx: AppContext, p: Principal, q: { from: string; to: string }, o: { rounds: number; warmup: number; extra?: Case[] }): Promise<Measured> {
  const period = periodOf(q, ctx.clock.now());
  const top = await progress(ctx, p, { ...q, groupBy: 'field' });
  const cases = [...casesFor(ctx, p, q, top.rows[0]?.key ?? '__none__'), ...(o.extra ?? [])];
  const baseline = async () => {
    const t = performance.now();
    const r = await ctx.database.pool.query(BASELINE_SQL, [period.start, period.end]);
    return { ms: performance.now() - t, n: Number(r.rows[0].n) };
  };
  for (let i = 0; i < o.warmup; i++) {
    await baseline();
    for (const c of cases) await c.run();
  }
  const out: Measured = { rounds: o.rounds, warmup: o.warmup, period, received: top.totals.received, baseline: [], cases: cases.map((c) => ({ name: c.name, samples: [], size: '' })) };
  for (let round = 0; round < o.rounds; round++) {
    for (const [i, c] of cases.entries()) {
      // the baseline beside every report call, so both see the same cache and machine load
      out.baseline.push((await baseline()).ms);
      const t = performance.now();
      out.cases[i]!.size = await c.run();
      out.cases[i]!.samples.push(performance.now() - t);
    }
  }
  const n = (await baseline()).n;
  if (n !== out.received) console.log(`  note: baseline counts ${n} dossiers, the report ${out.received} (scope differs?)`);
  return out;
}

export function report(name: string, m: Measured): void {
  const b50 = pct(m.baseline, 50);
  const b99 = pct(m.baseline, 99);
  console.log(`\n== ${name}: ${m.period.from} … ${m.period.to}, ${m.received.toLocaleString('en')} dossiers counted; ${m.rounds} rounds after ${m.warmup} warm-up`);
  const head = ['case', 'p50 ms', 'p99 ms', '÷base p50', '÷base p99', 'result'];
  const rows = [
    ['baseline: count(*) FILTER over the period', ms(b50), ms(b99), '1.0×', '1.0×', `${m.baseline.length} samples`],
    ...m.cases.map((c) => {
      const p50 = pct(c.samples, 50);
      const p99 = pct(c.samples, 99);
      const flag = p50 / b50 > 20 ? '  ← > 20×' : '';
      return [c.name, ms(p50), ms(p99), `${(p50 / b50).toFixed(1)}×`, `${(p99 / b99).toFixed(1)}×`, c.size + flag];
    }),
  ];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => '  ' + r.map((x, i) => (i === 0 || i === 5 ? x.padEnd(w[i]!) : x.padStart(w[i]!))).join('  ');
  console.log(line(head));
  console.log('  ' + w.map((x) => '-'.repeat(x)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** EXPLAIN ANALYZE of the statements each report runs (captured through a logging Kysely on the same pool). */
export async function explain(ctx: AppContext, p: Principal, q: { from: string; to: string }): Promise<void> {
  const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: ctx.database.pool }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  const lctx: AppContext = { ...ctx, db };
  for (const c of casesFor(lctx, p, q, '__none__').filter((c) => !c.name.startsWith('drill top'))) {
    captured.length = 0;
    await c.run();
    for (const s of captured.filter((s) => /FROM dossiers d|FROM dossier_events/.test(s.sql))) {
      const plan = await ctx.database.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.parameters as unknown[]);
      console.log(`\n--- ${c.name}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  }
}

