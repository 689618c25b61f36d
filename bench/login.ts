// Login latency over HTTP on the embedded database, beside its baseline measured in the same run:
// one argon2id verify (the deliberate cost of a password check). Run: npx tsx bench/login.ts [N ≤ 30: the login route is rate-limited to 30/min per IP]
import { performance } from 'node:perf_hooks';
import { hash, verify } from '@node-rs/argon2';
import { loadConfig } from '../src/platform/config.js';
import { systemClock } from '../src/platform/clock.js';
import { buildApp, openContext, prepareDatabase } from '../src/app.js';
import { seedDemoOrg } from '../src/modules/demo/demo-org.js';

const N = Number(process.argv[2] ?? 25);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: process.env.DATABASE_URL ?? '', MOTCUA_DEMO_PASSWORD: 'motcua-demo' });
const ctx = await openContext(config, systemClock, config.databaseUrl ? {} : { dataDir: undefined });
await prepareDatabase(ctx);
await seedDemoOrg(ctx, 'motcua-demo');
const app = await buildApp(ctx, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1/auth/login`;

const stored = await hash('motcua-demo', { memoryCost: 19456, timeCost: 2, parallelism: 1 });
const base: number[] = [];
const login: number[] = [];
for (let i = 0; i < N; i++) {
  let t = performance.now();
  await verify(stored, 'motcua-demo');
  base.push(performance.now() - t);
  t = performance.now();
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo.tiepnhan', password: 'motcua-demo' }) });
  await r.text();
  if (r.status !== 200) throw new Error(`login failed: ${r.status}`);
  login.push(performance.now() - t);
}
console.log(`database: ${ctx.database.kind}, ${N} logins`);
console.log(`argon2 verify (baseline): p50 ${pct(base, 50).toFixed(1)} ms, p99 ${pct(base, 99).toFixed(1)} ms`);
console.log(`POST /api/v1/auth/login:  p50 ${pct(login, 50).toFixed(1)} ms, p99 ${pct(login, 99).toFixed(1)} ms`);
console.log(`ratio login ÷ argon2 (p50): ${(pct(login, 50) / pct(base, 50)).toFixed(2)}`);
await app.close();
await ctx.database.close();
