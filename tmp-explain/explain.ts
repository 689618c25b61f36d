import { openBenchDatabase } from '../bench/scratch-db.js';
import { loadConfig } from '../src/platform/config.js';
import { systemClock } from '../src/platform/clock.js';
import { composeContext } from '../src/app.js';
import { searchProcedures } from '../src/modules/catalog/catalog.service.js';
const db = process.argv[2];
const queries = JSON.parse(process.argv[3]);
const { database } = await openBenchDatabase('postgres://postgres@127.0.0.1:5432/postgres', { reuse: db, keep: true });
const ctx = composeContext(loadConfig({ LOG_LEVEL: 'silent' }), database, systemClock);
const pool: any = database.pool;
const captured: Array<{ text: string; values: unknown[] }> = [];
import pg from 'pg';
const proto: any = (pg as any).Client.prototype;
const origC = proto.query;
const orig = (...a: any[]) => pool.query(...a);
let capture = false;
proto.query = function (this: any, ...a: any[]) { if (capture && typeof a[0] === 'string') captured.push({ text: a[0], values: a[1] ?? [] }); else if (capture && a[0]?.text) captured.push({ text: a[0].text, values: a[0].values ?? [] }); return origC.apply(this, a); };
for (const q of queries) {
  captured.length = 0; capture = true;
  await searchProcedures(ctx, null, { page: 1, pageSize: 20, ...q });
  capture = false;
  for (const c of captured) {
    if (!/procedures p/.test(c.text)) continue;
    const r = await orig({ text: `EXPLAIN (ANALYZE, BUFFERS) ${c.text}`, values: c.values });
    console.log(`\n===== ${JSON.stringify(q)}\n${c.text}\n${JSON.stringify(c.values)}\n${r.rows.map((x: any) => x['QUERY PLAN']).join('\n')}`);
  }
}
await database.close();
