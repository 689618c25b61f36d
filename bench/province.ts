// Province scale (issue 19 item 5): a workload of millions of dossiers on PostgreSQL, then the reports
// (progress, officials, QĐ 766 indicators) over a month and a year and the inbox page with its count, each
// beside a plain count(*) FILTER aggregate of the same period (the baseline, see report-measure.ts).
//
// Workload: the demo organisation, the reference catalogue and the demo dossiers made by the real services
// (so every column means what the engine writes: statuses, appointments, finished instants, indicator
// clock and late flags, supplements, transfers, hand-over events), plus one commune committee and service
// centre per commune of the province from the bundled administrative units (2025 reform). Then set-based
// SQL inside PostgreSQL clones the demo dossiers up to each --sizes stage, in batches of --batch rows, one
// transaction per batch: INSERT … SELECT from generate_series, each row drawn from the demo dossiers (only
// finished ones more than six weeks back, so the backlog stays realistic), shifted back a whole number of
// weeks (up to two years), given a real procedure of the same level (skewed: few procedures get most
// dossiers), a channel 1/2/3 (52/40/8 %) and a competent agency (a department / vertical agency, or a
// commune with its centre). The hand-over events (the only events a report reads) are cloned with them,
// slimmed to their hand-over; `--events all` clones the whole event log as it is. Secondary indexes are dropped during the load and rebuilt
// after each stage, then VACUUM ANALYZE (what autovacuum does in production). The load runs in replica mode
// (no triggers), so the progress roll-ups of migration 0042 are rebuilt after it (dossier_rollups_rebuild()).
//
//   npx tsx bench/province.ts --sizes 1000000,10000000 [--batch 250000] [--rounds 5] [--warmup 1] [--explain] [--keep]
//       [--events handovers|all] [--event-weeks 104] [--demo 240] [--db bench_c_… (reuse a kept one)] [--min-free-gb 10]
//       [--grow-only]
// The scratch database is bench_c_…, dropped at the end unless --keep. Size per dossier is printed at each
// stage: check it at 1 M before asking for 10 M (~75 GB free on the development machine).
import { performance } from 'node:perf_hooks';
import { statfs } from 'node:fs/promises';
import type pg from 'pg';
import { openBenchDatabase } from './scratch-db.js';
import { cloneStatement } from './clone-sql.js';
import { loadConfig } from '../src/platform/config.js';
import { systemClock } from '../src/platform/clock.js';
import type { Database } from '../src/platform/db/database.js';
import type { AppContext } from '../src/platform/context.js';
import type { Principal } from '../src/platform/auth/principal.js';
import { composeContext, prepareDatabase } from '../src/app.js';
import { seedDemoOrg, DEMO_COMMUNES } from '../src/modules/demo/demo-org.js';
import { seedDemoDossiers } from '../src/modules/demo/demo-dossiers.js';
import { importReferenceCatalog } from '../src/modules/catalog/catalog.import.js';
import { listDossiers } from '../src/modules/dossiers/list-dossiers.js';
import { InboxQuery } from '../src/modules/dossiers/dossiers.schema.js';
import { explain, measure, periods, principalOf, report, type Case } from './report-measure.js';

const argOf = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const SIZES = argOf('sizes', '1000000').split(',').map(Number);
const BATCH = Number(argOf('batch', '250000'));
const ROUNDS = Number(argOf('rounds', '5'));
const WARMUP = Number(argOf('warmup', '1'));
const DEMO = Number(argOf('demo', '240'));
const ALL_EVENTS = argOf('events', 'handovers') === 'all';
const EVENT_WEEKS = Number(argOf('event-weeks', '104'));
const REUSE = argOf('db', '');
const MIN_FREE_GB = Number(argOf('min-free-gb', '10'));
const EXPLAIN = process.argv.includes('--explain');
const KEEP = process.argv.includes('--keep');
const GROW_ONLY = process.argv.includes('--grow-only');
const pgUrl = process.env.BENCH_PG_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const n = (x: unknown) => Number(x).toLocaleString('en');

// ---------- the province's communes ----------

/** A commune committee and its service centre for every current commune of the demo province that has none. */
async function addCommunes(c: pg.PoolClient): Promise<number> {
  const { rows } = await c.query(`
    WITH tpl AS (
      SELECT a.parent_id, p.path AS parent_path, u.province_code, split_part(a.code, '.', 4) AS suffix
      FROM agencies a JOIN agencies p ON p.id = a.parent_id
      JOIN admin_units u ON u.generation = 'current' AND u.code = a.admin_unit_code
      WHERE a.kind = 'commune_committee' AND a.admin_unit_code = $1 AND a.valid_to IS NULL
    ), todo AS (
      SELECT u.code, u.full_name, row_number() OVER (ORDER BY u.code) AS i, gen_random_uuid() AS committee, gen_random_uuid() AS centre
      FROM admin_units u, tpl
      WHERE u.generation = 'current' AND u.level = 'commune' AND u.province_code = tpl.province_code AND u.valid_to IS NULL
        AND NOT EXISTS (SELECT 1 FROM agencies a WHERE a.admin_unit_code = u.code AND a.valid_to IS NULL)
    ), committees AS (
      INSERT INTO agencies (id, code, name, kind, parent_id, path, admin_unit_code)
      SELECT t.committee, '000.' || lpad((100 + t.i)::text, 3, '0') || '.00.' || tpl.suffix, 'Ủy ban nhân dân ' || t.full_name,
             'commune_committee', tpl.parent_id, tpl.parent_path || t.committee || '/', t.code
      FROM todo t, tpl RETURNING id
    )
    INSERT INTO agencies (id, code, name, kind, parent_id, path, admin_unit_code)
    SELECT t.centre, '000.' || lpad((100 + t.i)::text, 3, '0') || '.01.' || tpl.suffix, 'Trung tâm Phục vụ hành chính công ' || t.full_name,
           'commune_centre', t.committee, tpl.parent_path || t.committee || '/' || t.centre || '/', t.code
    FROM todo t, tpl
    RETURNING id`, [DEMO_COMMUNES[0]!.unit]);
  return rows.length; // communes (each: committee + centre)
}

// ---------- cloning in batches ----------


/** The pick lists (temp tables): source dossiers, target agencies per level, procedures per level. */
async function pickLists(c: pg.PoolClient): Promise<void> {
  await c.query('DROP TABLE IF EXISTS bench_src, bench_agency, bench_proc');
  // the dossiers made by the services (the clone sources), remembered before the first clone
  await c.query('CREATE TABLE IF NOT EXISTS bench_seed AS SELECT id FROM dossiers');
  // a source's level and its commune "family" (committee + centre) that a commune clone replaces
  await c.query(`CREATE TEMP TABLE bench_src AS
    SELECT row_number() OVER (PARTITION BY fin ORDER BY d.id) - 1 AS i, count(*) OVER (PARTITION BY fin) AS n, fin, d.id,
           CASE WHEN ca.kind LIKE 'commune%' THEN 'commune' ELSE 'province' END AS lvl,
           d.competent_agency_id AS s_comm,
           (SELECT x.id FROM agencies x WHERE x.parent_id = d.competent_agency_id AND x.kind = 'commune_centre' LIMIT 1) AS s_centre
    FROM (SELECT d.id, d.competent_agency_id, false AS fin FROM dossiers d JOIN bench_seed USING (id)
          UNION ALL SELECT d.id, d.competent_agency_id, true FROM dossiers d JOIN bench_seed USING (id) WHERE d.finished_at IS NOT NULL) d
    JOIN agencies ca ON ca.id = d.competent_agency_id`);
  await c.query(`CREATE TEMP TABLE bench_agency AS
    SELECT grp, row_number() OVER (PARTITION BY grp ORDER BY code) - 1 AS i, count(*) OVER (PARTITION BY grp) AS n, id,
           (SELECT x.id FROM agencies x WHERE x.parent_id = a.id AND x.kind = 'commune_centre' AND x.valid_to IS NULL LIMIT 1) AS centre
    FROM (SELECT id, code, CASE WHEN kind = 'commune_committee' THEN 'commune' ELSE 'province' END AS grp
          FROM agencies WHERE valid_to IS NULL AND kind IN ('department', 'vertical_agency', 'commune_committee')) a`);
  await c.query(`CREATE TEMP TABLE bench_proc AS
    SELECT lvl, row_number() OVER (PARTITION BY lvl ORDER BY code) - 1 AS i, count(*) OVER (PARTITION BY lvl) AS n, id, code, name, field
    FROM (SELECT p.id, p.code, p.name, p.field, l.lvl FROM procedures p CROSS JOIN (VALUES ('province'), ('commune')) l(lvl)
          WHERE p.public AND p.field IS NOT NULL AND p.levels @> ARRAY[l.lvl]::text[]) x`);
  for (const t of ['bench_src', 'bench_agency', 'bench_proc']) await c.query(`ANALYZE ${t}`);
}

/** Rows lo+1 … hi of the workload: which source, shift, channel, agency and procedure (temp table bench_map). */
const MAP_SQL = `CREATE TEMP TABLE bench_map AS
  WITH g AS (
    SELECT k, floor(random() * 104)::int AS weeks, random() AS r_src, random() AS r_ag, random() AS r_proc, random() AS r_ch
    FROM generate_series($1::bigint + 1, $2::bigint) k
  )
  SELECT g.k, gen_random_uuid() AS id, s.id AS src, make_interval(weeks => g.weeks) AS shift,
         CASE WHEN g.r_ch < 0.40 THEN 2 WHEN g.r_ch < 0.92 THEN 1 ELSE 3 END AS channel,
         s.s_comm, CASE WHEN s.lvl = 'commune' THEN s.s_centre END AS s_centre, ag.id AS comm, ag.centre,
         p.id AS proc_id, p.code AS proc_code, p.name AS proc_name, p.field
  FROM g
  JOIN bench_src s ON s.fin = (g.weeks >= 6) AND s.i = floor(g.r_src * s.n)
  JOIN bench_agency ag ON ag.grp = s.lvl AND ag.i = floor(g.r_ag * ag.n)
  JOIN bench_proc p ON p.lvl = s.lvl AND p.i = floor(power(g.r_proc, 3) * p.n)`;

/** An agency column of the source, mapped to the clone's committee / centre. */
const remap = (col: string) => `CASE ${col} WHEN m.s_comm THEN m.comm WHEN m.s_centre THEN COALESCE(m.centre, ${col}) ELSE ${col} END`;

async function insertStatements(c: pg.PoolClient): Promise<{ dossiers: string; events: string }> {
  const dossiers = await cloneStatement(c, 'dossiers', 'FROM bench_map m JOIN dossiers s ON s.id = m.src', {
    id: 'm.id',
    code: `CASE WHEN s.code IS NULL THEN NULL ELSE s.code || '-B' || m.k END`,
    channel: 'm.channel',
    competent_agency_id: 'm.comm',
    current_agency_id: remap('s.current_agency_id'),
    receiving_agency_id: remap('s.receiving_agency_id'),
    return_agency_id: remap('s.return_agency_id'),
    agency_ids: `ARRAY(SELECT ${remap('x')} FROM unnest(s.agency_ids) x)`,
    // the source commune's units are not the clone's: open to every unit of the step's role
    step_unit_id: 'CASE WHEN m.s_centre IS NULL THEN s.step_unit_id END',
    procedure_id: 'm.proc_id',
    procedure_code: 'm.proc_code',
    procedure_name: 'm.proc_name',
    field: 'm.field',
  });
  const events = await cloneStatement(
    c, 'dossier_events',
    `FROM bench_map m JOIN dossier_events s ON s.dossier_id = m.src WHERE m.shift < make_interval(weeks => ${EVENT_WEEKS})
       ${ALL_EVENTS ? '' : 'AND s.handover_user_id IS NOT NULL'}`,
    // a hand-over clone keeps what the officials report reads (its generated handover_* columns come from
    // event.handover) and drops the rest of the event, ~10× smaller: a clone's log cannot be replayed
    ALL_EVENTS ? { dossier_id: 'm.id' } : {
      dossier_id: 'm.id',
      payload: `'{}'::jsonb`,
      event: `jsonb_build_object('handover', jsonb_build_object('from', jsonb_build_object('userId', s.handover_user_id, 'agencyId', s.handover_agency_id),
        'classification', s.handover_classification))`,
    },
    ['id'],
  );
  return { dossiers, events };
}

/**
 * Secondary indexes of the bulk-loaded tables (not those behind a constraint): dropped for the load, their
 * definitions kept in bench_index_defs until rebuilt (an interrupted load rebuilds them on its next run).
 */
async function dropIndexes(c: pg.PoolClient): Promise<string[]> {
  await c.query('CREATE TABLE IF NOT EXISTS bench_index_defs (name text PRIMARY KEY, def text NOT NULL)');
  await c.query(`INSERT INTO bench_index_defs SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
    FROM pg_index i WHERE i.indrelid IN ('dossiers'::regclass, 'dossier_events'::regclass)
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    ON CONFLICT DO NOTHING`);
  const { rows } = await c.query('SELECT name, def FROM bench_index_defs ORDER BY name');
  for (const r of rows) await c.query(`DROP INDEX IF EXISTS ${r.name}`);
  return rows.map((r) => r.def as string);
}

/** Stops the load when the disk runs short (the database shares the machine's disk). */
async function checkDisk(): Promise<void> {
  const st = await statfs('/');
  const free = (st.bavail * st.bsize) / 2 ** 30;
  if (free < MIN_FREE_GB) throw new Error(`only ${free.toFixed(1)} GB free on /, stopping the load (--min-free-gb ${MIN_FREE_GB})`);
}

/** Clones dossiers until there are `target`, `BATCH` per transaction, printing progress. */
async function grow(database: Database, target: number): Promise<void> {
  const c = await database.pool.connect(); // one session: temp tables and session settings
  try {
    const have = Number((await c.query('SELECT count(*) AS n FROM dossiers')).rows[0].n);
    // an interrupted load left its indexes dropped: rebuild them even with nothing to add
    // (two queries: a statement naming bench_index_defs fails to parse before the first load made it)
    const hasDefs = (await c.query(`SELECT to_regclass('bench_index_defs') IS NOT NULL AS p`)).rows[0].p as boolean;
    const pending = hasDefs && ((await c.query('SELECT EXISTS (SELECT 1 FROM bench_index_defs) AS p')).rows[0].p as boolean);
    if (target <= have && !pending) return;
    // bulk load: no FK / append-only triggers (the rows are copies of valid ones), no fsync wait per batch
    await c.query(`SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '512MB'`);
    const defs = await dropIndexes(c);
    const t0 = performance.now();
    let events = 0;
    const ins = target > have ? (await pickLists(c), await insertStatements(c)) : null;
    for (let lo = have; ins && lo < target; lo += BATCH) {
      const hi = Math.min(target, lo + BATCH);
      await c.query('BEGIN');
      await c.query(MAP_SQL, [lo, hi]);
      await c.query('ANALYZE bench_map');
      await c.query(ins.dossiers);
      events += (await c.query(ins.events)).rowCount ?? 0;
      await c.query('DROP TABLE bench_map');
      await c.query('COMMIT');
      await checkDisk();
      const rate = ((hi - have) / ((performance.now() - t0) / 1000)).toFixed(0);
      console.log(`  ${n(hi)} / ${n(target)} dossiers (+${n(events)} events), ${secs(t0)}, ${rate} dossiers/s`);
    }
    let t = performance.now();
    for (const def of defs) await c.query(def);
    await c.query('DELETE FROM bench_index_defs');
    console.log(`  rebuilt ${defs.length} indexes in ${secs(t)}`);
    // the roll-up trigger (migration 0042) does not fire in replica mode: the buckets are rebuilt with the
    // migration's own backfill, one GROUP BY
    t = performance.now();
    await c.query('SELECT dossier_rollups_rebuild()');
    const b = (await c.query('SELECT (SELECT count(*) FROM dossier_rollup_days) AS d, (SELECT count(*) FROM dossier_rollup_months) AS m')).rows[0];
    console.log(`  rebuilt the progress roll-ups (${n(b.d)} day, ${n(b.m)} month buckets) in ${secs(t)}`);
    t = performance.now();
    await c.query('VACUUM ANALYZE dossiers');
    await c.query('VACUUM ANALYZE dossier_events');
    await c.query('VACUUM ANALYZE dossier_rollup_days');
    await c.query('VACUUM ANALYZE dossier_rollup_months');
    console.log(`  VACUUM ANALYZE in ${secs(t)}`);
  } finally {
    await c.query('RESET session_replication_role; RESET synchronous_commit').catch(() => {});
    c.release();
  }
}

async function describe(database: Database): Promise<void> {
  const r = (await database.pool.query(`SELECT (SELECT count(*) FROM dossiers) AS d, (SELECT count(*) FROM dossier_events) AS e,
      (SELECT count(*) FROM dossiers WHERE finished_at IS NULL AND accepted_at IS NOT NULL) AS open,
      pg_total_relation_size('dossiers') AS ds, pg_total_relation_size('dossier_events') AS es, pg_database_size(current_database()) AS db`)).rows[0];
  const gb = (b: unknown) => `${(Number(b) / 2 ** 30).toFixed(2)} GB`;
  console.log(`now: ${n(r.d)} dossiers (${n(r.open)} open), ${n(r.e)} events; dossiers ${gb(r.ds)}, events ${gb(r.es)}, database ${gb(r.db)}` +
    ` = ${((Number(r.db) / Number(r.d)) * 1e6 / 2 ** 30).toFixed(2)} GB per 1 M dossiers`);
  const mix = (await database.pool.query(`SELECT status, count(*) AS n, count(*) FILTER (WHERE indicator_late OR indicator_on_time IS FALSE) AS late,
      count(*) FILTER (WHERE cardinality(agency_ids) > 2) AS multi FROM dossiers GROUP BY status ORDER BY 2 DESC`)).rows;
  console.log(`  mix: ${mix.map((m) => `${m.status} ${n(m.n)} (late ${n(m.late)})`).join(', ')}`);
}

// ---------- the inbox ----------

/** The inbox page (default sort, 20 rows) with its total, as a province leader (every dossier) and a commune handler. */
function inboxCases(ctx: AppContext, leader: Principal, commune: Principal): Case[] {
  const page = (p: Principal, q: Record<string, string>) => async () => {
    const r = await listDossiers(ctx, p, InboxQuery.parse(q));
    return `${r.items.length} rows of ${n(r.total)}`;
  };
  return [
    { name: 'inbox: leader, page 1 + count', run: page(leader, {}) },
    { name: 'inbox: leader, overdue, page 1 + count', run: page(leader, { overdue: 'true' }) },
    { name: 'inbox: commune handler, page 1 + count', run: page(commune, {}) },
    { name: 'inbox: commune handler, mine + count', run: page(commune, { mine: 'true' }) },
  ];
}

// ---------- run ----------

/** The organisation, its communes, the catalogue and the demo dossiers made by the services. */
async function setUp(ctx: AppContext, database: Database): Promise<void> {
  let t = performance.now();
  await prepareDatabase(ctx);
  await seedDemoOrg(ctx, 'motcua-demo');
  const imported = await importReferenceCatalog(ctx);
  const c = await database.pool.connect();
  const communes = await addCommunes(c).finally(() => c.release());
  console.log(`migrated, demo organisation (+${communes} communes of the province), reference catalogue (${imported.created} procedures) in ${secs(t)}`);
  t = performance.now();
  const demo = await seedDemoDossiers(ctx, { count: DEMO });
  console.log(`demo dossiers: ${demo.created} received, ${demo.actions} actions (${demo.failed} refused) in ${secs(t)}`);
}

const { database, drop, where } = await openBenchDatabase(pgUrl, { keep: KEEP, prefix: 'bench_c_', reuse: REUSE || undefined });
try {
  const ctx: AppContext = composeContext(loadConfig({ LOG_LEVEL: 'silent' }), database, systemClock);
  const version = (await database.pool.query('SELECT version()')).rows[0].version as string;
  const s = (await database.pool.query(`SELECT current_setting('work_mem') AS wm, current_setting('shared_buffers') AS sb`)).rows[0];
  console.log(`database: ${where}\n${version}\nwork_mem ${s.wm}, shared_buffers ${s.sb}`);
  let t = performance.now();
  if (!REUSE) await setUp(ctx, database);
  else await prepareDatabase(ctx); // a kept database gets the migrations added since
  const leader = await principalOf(ctx, 'demo.lanhdaotinh');

  const commune = await principalOf(ctx, 'demo.xa.chuyenvien');
  for (const size of SIZES) {
    console.log(`\n##### ${n(size)} dossiers`);
    t = performance.now();
    await grow(database, size);
    console.log(`generated in ${secs(t)}`);
    await describe(database);
    const up = await import('node:os').then((os) => os.loadavg().map((x) => x.toFixed(1)).join(' '));
    console.log(`load average ${up}`);
    if (GROW_ONLY) continue;
    for (const q of periods(ctx.clock.now())) {
      report(`${q.name} at ${n(size)}`, await measure(ctx, leader, q, { rounds: ROUNDS, warmup: WARMUP, extra: q.name === 'month' ? inboxCases(ctx, leader, commune) : [] }));
    }
    if (EXPLAIN) await explain(ctx, leader, periods(ctx.clock.now())[1]!);
  }
} finally {
  await database.close();
  await drop();
}
