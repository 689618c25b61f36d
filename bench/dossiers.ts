// Dossier throughput over HTTP on PostgreSQL, beside pgbench's TPC-B-like TPS measured on the same server in
// the same run. Each dossier: reception at the centre → forward → claim → forward (handler, Sở Tư pháp) →
// claim → approve (leader) → claim → record_result (clerk) → claim → return_result (centre): 10 writes, each
// one transaction with the row locked, events appended and the projection updated.
//
// The server runs as its own process (`motcua serve`, MOTCUA_WORKERS=W), this process is the load generator.
//
// Run: npm run bench:dossiers -- [N=300] [concurrency=8] [workers=1,2]
// Needs a PostgreSQL server on 127.0.0.1:5432 (user postgres, trust) and pgbench; BENCH_PG_URL overrides.
// Two scratch databases are created and dropped. Each worker count gets a fresh server on the same database.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.js';
import { systemClock } from '../src/platform/clock.js';
import { openContext, prepareDatabase, seedDemo } from '../src/app.js';
import { startServerProcess } from './server-process.js';

const N = Number(process.argv[2] ?? 300);
const C = Number(process.argv[3] ?? 8);
const WORKERS = String(process.argv[4] ?? '1,2').split(',').map(Number);
const BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const withDb = (name: string) => {
  const u = new URL(BASE);
  u.pathname = `/${name}`;
  return u.toString();
};
const suffix = randomBytes(4).toString('hex');
const APP_DB = `motcua_bench_${suffix}`;
const PGB_DB = `motcua_pgbench_${suffix}`;

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: BASE });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

function pgbenchTps(init: boolean): { tps: number; output: string } {
  const u = new URL(withDb(PGB_DB));
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username) || 'postgres'];
  if (init) execFileSync('pgbench', [...args, '-i', '-s', '1', '-q', PGB_DB], { stdio: 'pipe' });
  const out = execFileSync('pgbench', [...args, '-c', '4', '-j', '2', '-T', '10', PGB_DB], { encoding: 'utf8' });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`cannot read pgbench output:\n${out}`);
  return { tps: Number(m[1]), output: out };
}

class Client {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}
  async req(method: string, path: string, body?: unknown): Promise<any> {
    const h: Record<string, string> = { cookie: this.cookie, 'content-type': 'application/json' };
    if (method !== 'GET') {
      h['x-csrf-token'] = this.csrf;
      h['idempotency-key'] = randomUUID();
    }
    const r = await fetch(this.base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const sc = r.headers.getSetCookie().find((x) => x.startsWith('motcua_session='));
    if (sc) this.cookie = sc.split(';')[0]!;
    const json = await r.json();
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  }
  async login(username: string) {
    const me = await this.req('POST', '/api/v1/auth/login', { username, password: 'motcua-demo' });
    this.csrf = me.csrfToken;
    return this;
  }
}

// applicants' names are letters only (the reception schema refuses digits): i written in base 20 with letters
const nameOf = (i: number) => 'Bình ' + Math.abs(i).toString(20).replace(/[0-9a-j]/g, (d) => 'ABCDEGHKLMNOPQRSTUVX'[parseInt(d, 20)]!);

const body = (i: number) => ({
  procedureCode: '1.009832',
  channel: 1,
  competentAgencyCode: '000.00.02.H56',
  applicant: {
    kind: 'individual',
    fullName: `Nguyễn Văn ${nameOf(i)}`,
    idNumber: `0380900${String(Math.abs(i) % 100000).padStart(5, "0")}`,
    phone: '0912345678',
    address: { line: '1 Lê Lợi', communeCode: '14797' },
  },
  components: [{ name: 'Đơn đề nghị', provided: true, form: 'original' }],
  delivery: { method: 'counter' },
});

async function run(url: string, workers: number, offset: number): Promise<number> {
  const [desk, handler, leader, clerk, returner] = await Promise.all(
    ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua'].map((u) => new Client(url).login(u)),
  );
  const act = async (c: Client, ref: string, v: number, action: string, payload: unknown = {}) =>
    (await c.req('POST', `/api/v1/dossiers/${ref}/actions/${action}`, { version: v, payload })).dossier.version as number;
  const one = async (i: number) => {
    const r = await desk!.req('POST', '/api/v1/dossiers', body(i));
    const code = r.dossier.code as string;
    let v = r.dossier.version as number;
    v = await act(desk!, code, v, 'forward');
    v = await act(handler!, code, v, 'claim');
    v = await act(handler!, code, v, 'forward');
    v = await act(leader!, code, v, 'claim');
    v = await act(leader!, code, v, 'approve');
    v = await act(clerk!, code, v, 'claim');
    v = await act(clerk!, code, v, 'record_result', { documents: [{ number: `${i}/QĐ`, date: '2026-11-23', signer: 'Phạm Quốc Hưng' }] });
    v = await act(returner!, code, v, 'claim');
    await act(returner!, code, v, 'return_result', { method: 'counter' });
  };
  // warm-up of every process (the default process is derived on first use, caches fill)
  for (let i = 0; i < 5 * workers; i++) await one(offset - 1 - i);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      for (;;) {
        const i = next++;
        if (i >= N) return;
        await one(offset + i);
      }
    }),
  );
  return N / ((performance.now() - t0) / 1000);
}

async function main() {
  await admin(`CREATE DATABASE ${APP_DB}`);
  await admin(`CREATE DATABASE ${PGB_DB}`);
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: withDb(APP_DB), MOTCUA_DEMO_PASSWORD: 'motcua-demo', MOTCUA_DEMO: '1' });
  const ctx = await openContext(config, systemClock);
  try {
    await prepareDatabase(ctx);
    await seedDemo(ctx);
    const results: { workers: number; dps: number; tps: number }[] = [];
    let first = true;
    for (const [k, workers] of WORKERS.entries()) {
      // the baseline is measured just before each run: on a shared machine the server's speed drifts
      const { tps } = pgbenchTps(first);
      first = false;
      const server = await startServerProcess(withDb(APP_DB), { workers, env: { MOTCUA_DEMO_PASSWORD: 'motcua-demo' } });
      try {
        results.push({ workers, tps, dps: await run(server.url, workers, (k + 1) * 1_000_000) });
      } finally {
        await server.stop();
      }
    }
    const { rows } = await ctx.database.pool.query(`SELECT count(*)::int n FROM dossiers WHERE national_status = 10`);
    console.log(`PostgreSQL ${BASE.replace(/\/[^/]*$/, '')}; node ${process.version}; ${os.cpus().length} CPUs; load average ${os.loadavg()[0]!.toFixed(1)}`);
    console.log(`baseline: pgbench -c 4 -j 2 -T 10 (scale 1, TPC-B-like) on the same server, just before each run`);
    console.log(`dossiers received and fully processed over HTTP (10 writes each), ${N} per run, concurrency ${C}, load generator in this process; ${rows[0].n} returned in all`);
    for (const r of results) {
      console.log(`  ${r.workers} server process(es): ${r.dps.toFixed(1)} dossiers/s = ${(r.dps * 10).toFixed(0)} HTTP writes/s; pgbench ${r.tps.toFixed(0)} TPS; ratio HTTP writes/s ÷ TPS = ${((r.dps * 10) / r.tps).toFixed(3)}`);
    }
  } finally {
    await ctx.database.close();
    await admin(`DROP DATABASE IF EXISTS ${APP_DB} WITH (FORCE)`);
    await admin(`DROP DATABASE IF EXISTS ${PGB_DB} WITH (FORCE)`);
  }
}

await main();
