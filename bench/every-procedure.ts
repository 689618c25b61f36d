// Issue 11, MUST SHOW: receives EVERY province- and commune-level procedure of the bundled catalogue over HTTP
// at a demo desk (province level at the provincial centre, commune level at Phường Hạc Thành's centre) with the
// catalogue's components of its first case, forwards it to the handling step and checks that an official of the
// competent agency can act on it. Prints the counts and every exception with its reason.
// Run: npx tsx bench/every-procedure.ts  (PGlite in memory; DATABASE_URL=postgres://… for a scratch database)
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/platform/config.js';
import { ManualClock } from '../src/platform/clock.js';
import { buildApp, composeContext, prepareDatabase, seedDemo } from '../src/app.js';
import { referenceCatalog } from '../src/modules/catalog/catalog.import.js';
import { HttpClient } from '../test/helpers.js';
import { clientPool, receiveAndForward, summarise, targetsOf, type Outcome } from '../test/dossiers/every-procedure.js';
import { NO_LIMIT_REASONS, noLimitReason } from '../src/modules/catalog/catalog.time-fallbacks.js';
import { openBenchDatabase } from './scratch-db.js';

const bench = await openBenchDatabase(process.env.DATABASE_URL);
const config = loadConfig({ LOG_LEVEL: 'silent', MOTCUA_DEMO_PASSWORD: 'motcua-demo' });
// a fixed working Monday, 09:00 in Hanoi, so that results do not depend on the day the bench runs
const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
const ctx = composeContext(config, bench.database, clock);
await prepareDatabase(ctx);
await seedDemo(ctx);
const app = await buildApp(ctx, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const pool = clientPool(async (u) => {
  const c = new HttpClient(url);
  const r = await c.post('/api/v1/auth/login', { username: u, password: 'motcua-demo' });
  if (r.status !== 200) throw new Error(`login ${u}: ${r.status}`);
  return c;
});

const targets = targetsOf(referenceCatalog().parsed);
const outcomes: Outcome[] = [];
const started = performance.now();
for (const [i, x] of targets.entries()) {
  outcomes.push(await receiveAndForward(pool, x.code, x.level));
  if ((i + 1) % 200 === 0) console.error(`  … ${i + 1}/${targets.length}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`database: ${bench.where}`);
console.log(summarise(outcomes));
// why the procedures without a time limit have none (GET /admin/procedures/without-limit lists the same)
const parsedByCode = new Map(referenceCatalog().parsed.map((p) => [p.code, p]));
const noLimit = new Map<string, string[]>();
for (const o of outcomes.filter((x) => !x.ok && (x.reason ?? '').includes('PROCEDURE_NO_TIME_LIMIT'))) {
  const p = parsedByCode.get(o.code);
  const r = p ? noLimitReason(p).reason : 'not_stated';
  noLimit.set(r, [...(noLimit.get(r) ?? []), o.code]);
}
for (const [r, codes] of noLimit) console.log(`  no time limit, ${r} (${NO_LIMIT_REASONS[r as keyof typeof NO_LIMIT_REASONS].en}): ${codes.length}`);
for (const level of ['province', 'commune'] as const) {
  const of = outcomes.filter((o) => o.level === level);
  console.log(`${level}: ${of.filter((o) => o.ok).length}/${of.length} reached a competent handler`);
}
console.log(`${targets.length} procedures in ${seconds.toFixed(0)} s (${((seconds * 1000) / targets.length).toFixed(0)} ms each: detail, competence, receive, forward, officials, allowed actions)`);
await app.close();
await bench.database.close();
await bench.drop();
