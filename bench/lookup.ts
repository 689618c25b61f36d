// The citizen's public look-up (GET /api/v1/public/dossiers/:code?secret=…) over HTTP on PostgreSQL, beside
// its baseline measured in the same run: a bare Fastify route doing one indexed SELECT on the same database
// (bench/bare-lookup-server.ts). Both servers are their own processes; this process is the load generator
// (C concurrent clients for D seconds each). The look-up is rate-limited per client address (30/min), so the
// clients come through a trusted proxy (MOTCUA_TRUST_PROXY) with a different X-Forwarded-For each request, as
// citizens on many addresses would — the limiter's bookkeeping is part of what is measured.
//
// Run: npx tsx bench/lookup.ts [concurrency=50] [seconds=10] [dossiers=300]
// Needs PostgreSQL on 127.0.0.1:5432 (BENCH_PG_URL overrides); a scratch database is created and dropped.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/platform/config.js';
import { systemClock } from '../src/platform/clock.js';
import { openContext, prepareDatabase, seedDemo } from '../src/app.js';
import { openBenchDatabase } from './scratch-db.js';
import { freePort, startServerProcess } from './server-process.js';

const C = Number(process.argv[2] ?? 50);
const SECONDS = Number(process.argv[3] ?? 10);
const DOSSIERS = Number(process.argv[4] ?? 300);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function load(url: (i: number) => string, headers: (i: number) => Record<string, string>) {
  const times: number[] = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: C }, async () => {
    while (performance.now() < end) {
      const i = n++;
      const t = performance.now();
      const r = await fetch(url(i), { headers: headers(i) });
      await r.arrayBuffer();
      if (r.status !== 200) errors++;
      times.push(performance.now() - t);
    }
  }));
  times.sort((a, b) => a - b);
  return { rps: times.length / SECONDS, p50: pct(times, 50), p99: pct(times, 99), errors, n: times.length };
}

async function main() {
  const scratch = await openBenchDatabase(process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const dbUrl = scratch.database.url;
  await scratch.database.close();
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: dbUrl, MOTCUA_DEMO_PASSWORD: 'motcua-demo', MOTCUA_DEMO: '1' });
  const ctx = await openContext(config, systemClock);
  await prepareDatabase(ctx);
  await seedDemo(ctx);
  await ctx.database.close();
  const server = await startServerProcess(dbUrl, { env: { MOTCUA_DEMO_PASSWORD: 'motcua-demo', MOTCUA_TRUST_PROXY: '127.0.0.1' } });
  const barePort = await freePort();
  const bare = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bare-lookup-server.ts', import.meta.url)), dbUrl, String(barePort)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      bare.stdout!.on('data', (c: Buffer) => { if (/ready/.test(c.toString())) resolve(); });
      bare.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
    });
    // dossiers to look up, received at the desk over HTTP (code + the receipt's secret)
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo.tiepnhan', password: 'motcua-demo' }) });
    const me = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.getSetCookie().find((x) => x.startsWith('motcua_session='))!.split(';')[0]!;
    const receipts: { code: string; secret: string }[] = [];
    for (let i = 0; i < DOSSIERS; i++) {
      const r = await fetch(`${server.url}/api/v1/dossiers`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json', 'idempotency-key': `lookup-bench-${i}-${Date.now()}` },
        body: JSON.stringify({
          procedureCode: '1.009832', channel: 1, competentAgencyCode: '000.00.02.H56',
          applicant: { kind: 'individual', fullName: 'Nguyễn Văn An', idNumber: '038090012345', phone: '0912345678', address: { line: '1 Lê Lợi', communeCode: '14797' } },
          components: [{ name: 'Đơn đề nghị', provided: true, form: 'original' }], delivery: { method: 'counter' },
        }),
      });
      const b = (await r.json()) as { dossier: { code: string }; receipt: { secret: string } };
      if (r.status !== 201) throw new Error(`reception ${r.status}: ${JSON.stringify(b)}`);
      receipts.push({ code: b.dossier.code, secret: b.receipt.secret });
    }
    const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const pick = (i: number) => receipts[i % receipts.length]!;
    // warm-up of both
    await load((i) => `http://127.0.0.1:${barePort}/code/${encodeURIComponent(pick(i).code)}`, () => ({}));
    await load((i) => `${server.url}/api/v1/public/dossiers/${encodeURIComponent(pick(i).code)}?secret=${pick(i).secret}`, (i) => ({ 'x-forwarded-for': ip(i) }));
    // what one answer weighs, as the load generator (undici fetch: accept-encoding gzip, deflate, br) gets it
    const one = await fetch(`${server.url}/api/v1/public/dossiers/${encodeURIComponent(pick(0).code)}?secret=${pick(0).secret}`, { headers: { 'x-forwarded-for': ip(2_000_000) } });
    const oneBody = await one.arrayBuffer();
    const bareOne = await (await fetch(`http://127.0.0.1:${barePort}/code/${encodeURIComponent(pick(0).code)}`)).arrayBuffer();
    const weight = `look-up answer ${oneBody.byteLength} B JSON (content-encoding ${one.headers.get('content-encoding') ?? 'none'}), bare answer ${bareOne.byteLength} B`;
    const base = await load((i) => `http://127.0.0.1:${barePort}/code/${encodeURIComponent(pick(i).code)}`, () => ({}));
    const ours = await load((i) => `${server.url}/api/v1/public/dossiers/${encodeURIComponent(pick(i).code)}?secret=${pick(i).secret}`, (i) => ({ 'x-forwarded-for': ip(1_000_000 + i) }));
    const f = (x: { rps: number; p50: number; p99: number; errors: number; n: number }) =>
      `${x.rps.toFixed(0)} req/s, p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms (${x.n} requests, ${x.errors} not 200)`;
    console.log(`${scratch.where}; node ${process.version}; ${os.cpus().length} CPUs; load average ${os.loadavg()[0]!.toFixed(1)}; ${C} concurrent clients, ${SECONDS} s each, ${DOSSIERS} dossiers`);
    console.log(weight);
    console.log(`baseline: bare Fastify + one indexed SELECT: ${f(base)}`);
    console.log(`motcua public look-up:                    ${f(ours)}`);
    console.log(`ratio look-up req/s ÷ baseline req/s: ${(ours.rps / base.rps).toFixed(3)}`);
  } finally {
    bare.kill('SIGTERM');
    await server.stop();
    await scratch.drop();
  }
}

await main();
