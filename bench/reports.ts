// Report latency: the service calls behind GET /api/v1/reports/progress (each groupBy), one drill-down page,
// /reports/officials and /reports/indicators, as the province leader (demo.lanhdaotinh: every agency), over a
// one-month and a one-year period, beside a plain aggregate scan of the same dossiers on the same database
// (count + count FILTER over the period predicate) as the baseline, reported as a ratio.
//
// Data: the demo organisation, the reference catalogue and the demo dossiers (made by the real services),
// then grown to --size dossiers by cloning them in SQL: new ids and codes, every instant shifted back by a
// whole number of weeks (up to two years; open dossiers only within six weeks, so the backlog stays
// realistic), competent agency spread over the demo departments / communes, a random channel, and a random
// real procedure (and its field) of the matching level. Their event log (hand-overs: the officials report)
// and result documents are cloned too. Then ANALYZE.
//
//   npx tsx bench/reports.ts                   embedded PGlite (in memory)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/reports.ts
//   npx tsx bench/reports.ts --pg              same, with the local server as default
// On PostgreSQL the run uses a scratch database created on that server and dropped at the end; server
// settings can go in the URL (e.g. `?options=-c%20jit%3Doff`). PGlite at 100,000 dossiers (~1 M events)
// needs ~5 GB of memory and ~8 minutes; `--size 20000` is quicker.
// Options: --size N (dossiers, default 100000), --rounds N (default 10), --demo N (demo dossiers, default 240),
//          --explain (print EXPLAIN ANALYZE of each report's statements, one-year period),
//          --keep (PostgreSQL: keep the scratch database for a closer look; drop it yourself afterwards).
//
// Results (PostgreSQL 15, 100,000 dossiers, p50 ms and ÷ baseline), before → after migration 0013 (report facts
// as projection columns, generated hand-over columns + covering index on dossier_events, JIT off for report
// statements, drill-down over the two parts of the period, officials aggregated by hash):
//   month: progress 33–50 ms (2.5–3.8×) → 19–32 ms (1.7–2.7×); drill totals p1 224 ms (17×) → 39 ms (3.4×);
//          officials 200 ms (15×) → 93 ms (8.0×); indicators 385 ms (30×) → 100 ms (8.6×)
//   year:  progress 374–421 ms (4.7–5.3×) → 136–167 ms (2.3–2.8×); drill totals p1 212 ms (2.7×) → 217 ms (3.6×);
//          officials 1156 ms (15×) → 303 ms (5.1×); indicators 3834 ms (48×) → 254 ms (4.2×)
// The cloned event log is not vacuumed here, so officials scans the table; after a VACUUM (autovacuum in
// production) it reads the covering index dossier_events_handovers (~2× faster again).
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { openBenchDatabase } from './scratch-db.js';
import { cloneStatement } from './clone-sql.js';
import type { AppContext } from '../src/platform/context.js';
import { explain, measure, periods, principalOf, report } from './report-measure.js';
import { loadConfig } from '../src/platform/config.js';
import { systemClock } from '../src/platform/clock.js';
import type { Database } from '../src/platform/db/database.js';
import { composeContext, prepareDatabase } from '../src/app.js';
import { seedDemoOrg } from '../src/modules/demo/demo-org.js';
import { seedDemoDossiers } from '../src/modules/demo/demo-dossiers.js';
import { importReferenceCatalog } from '../src/modules/catalog/catalog.import.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ROUNDS = arg('rounds', 10);
const SIZE = arg('size', 100_000);
const DEMO = arg('demo', 240);
const EXPLAIN = process.argv.includes('--explain');
const KEEP = process.argv.includes('--keep');
const WARMUP = 2;
const pgUrl = process.env.DATABASE_URL || (process.argv.includes('--pg') ? 'postgres://postgres@127.0.0.1:5432/postgres' : undefined);

const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

// ---------- database ----------


// ---------- growing the demo dossiers ----------


/** Clones the dossiers present until there are `target`; returns how many dossiers and events were added. */
async function grow(database: Database, target: number): Promise<{ dossiers: number; events: number; results: number }> {
  const c = await database.pool.connect(); // one session: temp tables (and PGlite has one connection anyway)
  try {
    const have = Number((await c.query('SELECT count(*) AS n FROM dossiers')).rows[0].n);
    const add = target - have;
    if (add <= 0) return { dossiers: 0, events: 0, results: 0 };
    await c.query('SELECT setseed(0.42)');
    // sources: any demo dossier for a recent clone; only finished ones further back
    await c.query(`CREATE TEMP TABLE bench_src_all AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM dossiers`);
    await c.query(`CREATE TEMP TABLE bench_src_fin AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM dossiers WHERE finished_at IS NOT NULL`);
    // target agencies: departments (and vertical agencies) for provincial dossiers, commune committees for communes
    await c.query(`CREATE TEMP TABLE bench_agency AS
      SELECT grp, row_number() OVER (PARTITION BY grp ORDER BY code) - 1 AS i, count(*) OVER (PARTITION BY grp) AS n, id
      FROM (SELECT id, code, CASE WHEN kind = 'commune_committee' THEN 'commune' ELSE 'province' END AS grp
            FROM agencies WHERE valid_to IS NULL AND kind IN ('department', 'vertical_agency', 'commune_committee')) a`);
    // procedures of each level with a field (skewed pick below: a few procedures get most dossiers)
    await c.query(`CREATE TEMP TABLE bench_proc AS
      SELECT lvl, row_number() OVER (PARTITION BY lvl ORDER BY code) - 1 AS i, count(*) OVER (PARTITION BY lvl) AS n, id, code, name, field
      FROM (SELECT p.id, p.code, p.name, p.field, l.lvl FROM procedures p CROSS JOIN (VALUES ('province'), ('commune')) l(lvl)
            WHERE p.public AND p.field IS NOT NULL AND p.levels @> ARRAY[l.lvl]::text[]) x`);
    await c.query(`CREATE TEMP TABLE bench_map AS
      WITH g AS (
        SELECT n, floor(random() * 104)::int AS weeks, random() AS r_src, random() AS r_ag, random() AS r_proc, random() AS r_ch
        FROM generate_series(1, $1::int) n
      ), s AS (
        SELECT g.*, CASE WHEN g.weeks >= 6 THEN fin.id ELSE al.id END AS src
        FROM g
        JOIN bench_src_all al ON al.i = floor(g.r_src * (SELECT count(*) FROM bench_src_all))
        JOIN bench_src_fin fin ON fin.i = floor(g.r_src * (SELECT count(*) FROM bench_src_fin))
      )
      SELECT s.n, gen_random_uuid() AS id, s.src, make_interval(weeks => s.weeks) AS shift,
             CASE WHEN s.r_ch < 0.40 THEN 2 WHEN s.r_ch < 0.92 THEN 1 ELSE 3 END AS channel,
             ag.id AS agency, p.id AS proc_id, p.code AS proc_code, p.name AS proc_name, p.field
      FROM s
      JOIN dossiers d ON d.id = s.src
      JOIN agencies sa ON sa.id = d.competent_agency_id
      JOIN bench_agency ag ON ag.grp = CASE WHEN sa.kind LIKE 'commune%' THEN 'commune' ELSE 'province' END AND ag.i = floor(s.r_ag * ag.n)
      JOIN bench_proc p ON p.lvl = ag.grp AND p.i = floor(power(s.r_proc, 3) * p.n)`, [add]);
    await c.query('CREATE INDEX ON bench_map (n)');
    await c.query('CREATE INDEX ON bench_map (src)');
    await c.query('ANALYZE bench_map');
    const mapped = Number((await c.query('SELECT count(*) AS n FROM bench_map')).rows[0].n);
    if (mapped !== add) throw new Error(`bench_map has ${mapped} rows, expected ${add} (no agency or procedure to map to?)`);

    const insDossiers = await cloneStatement(c, 'dossiers', 'FROM bench_map m JOIN dossiers s ON s.id = m.src WHERE m.n > $1 AND m.n <= $2', {
      id: 'm.id',
      code: `CASE WHEN s.code IS NULL THEN NULL ELSE s.code || '-B' || m.n END`,
      channel: 'm.channel',
      competent_agency_id: 'm.agency',
      current_agency_id: 'CASE WHEN s.current_agency_id = s.competent_agency_id THEN m.agency ELSE s.current_agency_id END',
      agency_ids: 'array_replace(s.agency_ids, s.competent_agency_id, m.agency)',
      procedure_id: 'm.proc_id',
      procedure_code: 'm.proc_code',
      procedure_name: 'm.proc_name',
      field: 'm.field',
    });
    const insEvents = await cloneStatement(
      c, 'dossier_events', 'FROM bench_map m JOIN dossier_events s ON s.dossier_id = m.src WHERE m.n > $1 AND m.n <= $2',
      { dossier_id: 'm.id' }, ['id'],
    );
    const insResults = await cloneStatement(
      c, 'result_documents', 'FROM bench_map m JOIN result_documents s ON s.dossier_id = m.src WHERE m.n > $1 AND m.n <= $2',
      { id: 'gen_random_uuid()', dossier_id: 'm.id', number: `s.number || '-B' || m.n`, result_code: `s.result_code || '-B' || m.n`, file_id: 'NULL' },
    );
    let events = 0;
    let results = 0;
    const BATCH = 10_000;
    for (let lo = 0; lo < add; lo += BATCH) {
      await c.query('BEGIN');
      await c.query(insDossiers, [lo, lo + BATCH]);
      events += (await c.query(insEvents, [lo, lo + BATCH])).rowCount ?? 0;
      results += (await c.query(insResults, [lo, lo + BATCH])).rowCount ?? 0;
      await c.query('COMMIT');
      if (process.stdout.isTTY) process.stdout.write(`\r  cloned ${Math.min(add, lo + BATCH).toLocaleString('en')} / ${add.toLocaleString('en')} dossiers`);
    }
    if (process.stdout.isTTY) process.stdout.write('\n');
    await c.query('DROP TABLE bench_map, bench_src_all, bench_src_fin, bench_agency, bench_proc');
    await c.query('ANALYZE');
    return { dossiers: add, events, results };
  } finally {
    c.release();
  }
}

const { database, drop, where } = await openBenchDatabase(pgUrl, { keep: KEEP });
try {
  const ctx: AppContext = composeContext(loadConfig({ LOG_LEVEL: 'silent' }), database, systemClock);
  const version = (await database.pool.query('SELECT version()')).rows[0].version as string;
  const settings = (await database.pool.query(`SELECT current_setting('jit') AS jit, current_setting('work_mem') AS wm, current_setting('shared_buffers') AS sb`)).rows[0];
  console.log(`database: ${where}\n${version}\n${database.kind === 'postgres' ? `jit ${settings.jit}, ` : ''}work_mem ${settings.wm}, shared_buffers ${settings.sb}`);
  let t = performance.now();
  await prepareDatabase(ctx);
  await seedDemoOrg(ctx, 'motcua-demo');
  const imported = await importReferenceCatalog(ctx);
  console.log(`migrated, demo organisation, reference catalogue (${imported.created} procedures) in ${secs(t)}`);
  t = performance.now();
  const demo = await seedDemoDossiers(ctx, { count: DEMO });
  console.log(`demo dossiers: ${demo.created} received, ${demo.actions} actions (${demo.failed} refused) in ${secs(t)}`);
  t = performance.now();
  const grown = await grow(database, SIZE);
  const sizes = (await database.pool.query(`SELECT (SELECT count(*) FROM dossiers) AS d, (SELECT count(*) FROM dossier_events) AS e,
      (SELECT count(*) FROM dossier_events WHERE event->'handover'->'from'->>'userId' IS NOT NULL) AS h,
      (SELECT count(*) FROM dossiers WHERE finished_at IS NULL AND accepted_at IS NOT NULL) AS open,
      pg_size_pretty(pg_total_relation_size('dossiers')) AS ds, pg_size_pretty(pg_total_relation_size('dossier_events')) AS es`)).rows[0];
  console.log(`cloned ${grown.dossiers.toLocaleString('en')} dossiers, ${grown.events.toLocaleString('en')} events, ${grown.results.toLocaleString('en')} result documents in ${secs(t)}`);
  console.log(`now: ${Number(sizes.d).toLocaleString('en')} dossiers (${sizes.ds}; ${Number(sizes.open).toLocaleString('en')} open), ${Number(sizes.e).toLocaleString('en')} events (${sizes.es}; ${Number(sizes.h).toLocaleString('en')} hand-overs by an official)`);
  const p = await principalOf(ctx, 'demo.lanhdaotinh');
  for (const q of periods(ctx.clock.now())) report(`${q.name}`, await measure(ctx, p, q, { rounds: ROUNDS, warmup: WARMUP }));
  if (EXPLAIN) await explain(ctx, p, periods(ctx.clock.now())[1]!);
} finally {
  await database.close();
  await drop();
}
