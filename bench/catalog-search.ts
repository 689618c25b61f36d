// Catalogue search latency: the query behind GET /api/v1/procedures (service call: agency lookup + ranked
// trigram search + window count) over the real catalogue (2,849 procedures) and over a synthetic catalogue of
// 100,000 procedures (names recombined from real ones), beside a bare indexed query on the same database
// (SELECT by code, unique btree) as the baseline, reported as a ratio.
//
//   npx tsx bench/catalog-search.ts            embedded PGlite (in memory)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/catalog-search.ts
//   npx tsx bench/catalog-search.ts --pg       same, with the local server as default
// On PostgreSQL the run uses a scratch database created on that server and dropped at the end.
// Options: --rounds N (default 20), --size N (synthetic catalogue size, default 100000), --keep (keep the scratch
// database, e.g. for EXPLAIN).
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import type { Procedures } from '../src/platform/db/schema.gen.js';
import { openBenchDatabase } from './scratch-db.js';
import { loadConfig } from '../src/platform/config.js';
import { systemClock } from '../src/platform/clock.js';
import { migrate } from '../src/platform/db/migrations.js';
import type { AppContext } from '../src/platform/context.js';
import { composeContext } from '../src/app.js';
import { seedDemoOrg } from '../src/modules/demo/demo-org.js';
import { importReferenceCatalog } from '../src/modules/catalog/catalog.import.js';
import { searchProcedures } from '../src/modules/catalog/catalog.service.js';
import type { SearchQuery } from '../src/modules/catalog/catalog.schema.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ROUNDS = arg('rounds', 20);
const SIZE = arg('size', 100_000);
const pgUrl = process.env.DATABASE_URL || (process.argv.includes('--pg') ? 'postgres://postgres@127.0.0.1:5432/postgres' : undefined);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

const QUERIES: Array<Partial<SearchQuery> & { label?: string }> = [
  { q: 'dang ky khai sinh' },
  { q: 'Đăng ký khai sinh' },
  { q: 'ket hon' },
  { q: 'khai tu' },
  { q: 'thuong tru' },
  { q: 'ho kinh doanh' },
  { q: 'giay phep xay dung' },
  { q: 'chung thuc ban sao' },
  { q: 'cap giay' },
  { q: 'dang ky' },
  { q: '1.001193' },
  { q: '1.00' },
  { q: 'dang ky', level: 'commune', channel: 'online' },
  { field: 'Hộ tịch' },
  { agency: '000.11.00.H56', q: 'khai' },
  {},
];
const label = (q: Partial<SearchQuery>) => Object.entries(q).map(([k, v]) => `${k}=${v}`).join('&') || '(no filter)';

// ---------- database ----------


// ---------- synthetic catalogue ----------

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function addSynthetic(ctx: AppContext, target: number): Promise<number> {
  const real = (await ctx.database.pool.query(`SELECT name, field, levels, channel_kinds, time_limit FROM procedures`)).rows as Array<{
    name: string; field: string | null; levels: string[]; channel_kinds: string[]; time_limit: unknown;
  }>;
  const rnd = prng(42);
  const pick = () => real[Math.floor(rnd() * real.length)];
  const n = target - real.length;
  const batch: Insertable<Procedures>[] = [];
  let inserted = 0;
  const flush = async () => {
    if (!batch.length) return;
    await ctx.db.insertInto('procedures').values(batch.splice(0)).execute();
  };
  for (let i = 0; i < n; i++) {
    // head of one real name + tail of another: "Cấp giấy phép xây dựng" + "… có yếu tố nước ngoài"
    const a = pick();
    const b = pick();
    const wa = a.name.split(' ');
    const wb = b.name.split(' ');
    const cutA = Math.max(2, Math.min(wa.length, 2 + Math.floor(rnd() * Math.max(1, wa.length - 1))));
    const cutB = Math.floor(rnd() * Math.max(1, wb.length - 1));
    const name = [...wa.slice(0, cutA), ...wb.slice(cutB + 1)].join(' ').slice(0, 600);
    batch.push({
      code: `9.${String(i).padStart(6, '0')}`,
      source: 'local',
      public: rnd() > 0.02,
      name,
      field: a.field,
      levels: a.levels,
      channel_kinds: b.channel_kinds,
      time_limit: b.time_limit === null ? null : JSON.stringify(b.time_limit),
    });
    inserted++;
    if (batch.length === 2000) await flush();
  }
  await flush();
  await ctx.database.pool.query('ANALYZE procedures');
  return inserted;
}

// ---------- measuring ----------

interface Result {
  search: number[];
  baseline: number[];
  bareTrigram: number[];
  perQuery: Map<string, { samples: number[]; total: string }>;
}

async function measure(ctx: AppContext): Promise<Result> {
  const codes = (await ctx.database.pool.query(`SELECT code FROM procedures ORDER BY random() LIMIT 200`)).rows.map((r) => r.code as string);
  const full = (q: Partial<SearchQuery>): SearchQuery => ({ page: 1, pageSize: 20, ...q });
  // warm-up: caches, plans, JIT of the JS side
  for (let i = 0; i < 3; i++) for (const q of QUERIES) await searchProcedures(ctx, null, full(q));
  const r: Result = { search: [], baseline: [], bareTrigram: [], perQuery: new Map() };
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      let t = performance.now();
      const out = await searchProcedures(ctx, null, full(q));
      const ms = performance.now() - t;
      r.search.push(ms);
      const e = r.perQuery.get(label(q)) ?? { samples: [], total: `${out.total}${'totalCapped' in out && out.totalCapped ? '+' : ''}` };
      e.samples.push(ms);
      r.perQuery.set(label(q), e);
      // the baseline: one bare indexed lookup on the same pool
      t = performance.now();
      await ctx.database.pool.query('SELECT code, name FROM procedures WHERE code = $1', [codes[(round * QUERIES.length + r.baseline.length) % codes.length]]);
      r.baseline.push(performance.now() - t);
      // reference: the trigram index alone (no ranking, no count)
      t = performance.now();
      await ctx.database.pool.query(`SELECT code FROM procedures WHERE name_key LIKE '% khai sinh%' LIMIT 20`);
      r.bareTrigram.push(performance.now() - t);
    }
  }
  return r;
}

function report(title: string, n: number, r: Result): void {
  console.log(`\n== ${title}: ${n.toLocaleString('en')} procedures; ${QUERIES.length} queries × ${ROUNDS} rounds = ${r.search.length} searches`);
  console.log(`  search (GET /api/v1/procedures query)   p50 ${fmt(pct(r.search, 50))}   p99 ${fmt(pct(r.search, 99))}`);
  console.log(`  baseline: SELECT by code (btree)         p50 ${fmt(pct(r.baseline, 50))}   p99 ${fmt(pct(r.baseline, 99))}`);
  console.log(`  ratio search ÷ baseline                  p50 ${(pct(r.search, 50) / pct(r.baseline, 50)).toFixed(1)}×   p99 ${(pct(r.search, 99) / pct(r.baseline, 99)).toFixed(1)}×`);
  console.log(`  reference: bare trigram LIKE, LIMIT 20   p50 ${fmt(pct(r.bareTrigram, 50))}   p99 ${fmt(pct(r.bareTrigram, 99))}`);
  console.log('  per query (p50 / p99, total matches):');
  for (const [q, e] of r.perQuery) console.log(`    ${q.padEnd(44)} ${fmt(pct(e.samples, 50)).padStart(10)} / ${fmt(pct(e.samples, 99)).padStart(10)}   ${e.total}`);
}

const { database, drop, where } = await openBenchDatabase(pgUrl, { keep: process.argv.includes('--keep') });
try {
  const ctx: AppContext = composeContext(loadConfig({ LOG_LEVEL: 'silent' }), database, systemClock);
  const version = (await database.pool.query('SELECT version()')).rows[0].version as string;
  console.log(`database: ${where}\n${version}`);
  await migrate(database.pool);
  await seedDemoOrg(ctx, 'motcua-demo');
  let t = performance.now();
  const imported = await importReferenceCatalog(ctx);
  console.log(`imported the reference catalogue: ${imported.created} procedures in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await database.pool.query('ANALYZE');
  report('real catalogue', imported.created, await measure(ctx));
  t = performance.now();
  const added = await addSynthetic(ctx, SIZE);
  console.log(`\nadded ${added.toLocaleString('en')} synthetic procedures in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  report('synthetic catalogue', imported.created + added, await measure(ctx));
} finally {
  await database.close();
  await drop();
}
