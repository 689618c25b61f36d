import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { openBenchDatabase } from '../bench/scratch-db.js';
import { loadConfig } from '../src/platform/config.js';
import { systemClock } from '../src/platform/clock.js';
import { composeContext } from '../src/app.js';
import { searchProcedures } from '../src/modules/catalog/catalog.service.js';
const QUERIES: any[] = [
  { q: 'dang ky khai sinh' }, { q: 'Đăng ký khai sinh' }, { q: 'ket hon' }, { q: 'khai tu' }, { q: 'thuong tru' },
  { q: 'ho kinh doanh' }, { q: 'giay phep xay dung' }, { q: 'chung thuc ban sao' }, { q: 'cap giay' }, { q: 'dang ky' },
  { q: '1.001193' }, { q: '1.00' }, { q: 'dang ky', level: 'commune', channel: 'online' }, { field: 'Hộ tịch' },
  { agency: '000.11.00.H56', q: 'khai' }, {},
];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const { database } = await openBenchDatabase('postgres://postgres@127.0.0.1:5432/postgres', { reuse: process.argv[2], keep: true });
const ctx = composeContext(loadConfig({ LOG_LEVEL: 'silent' }), database, systemClock);
const rounds = Number(process.argv[3] ?? 10);
const per = new Map<string, number[]>(); const all: number[] = []; const base: number[] = [];
for (let i = 0; i < 3; i++) for (const q of QUERIES) await searchProcedures(ctx, null, { page: 1, pageSize: 20, ...q });
for (let r = 0; r < rounds; r++) for (const q of QUERIES) {
  let t = performance.now();
  await searchProcedures(ctx, null, { page: 1, pageSize: 20, ...q });
  const ms = performance.now() - t; all.push(ms);
  const k = JSON.stringify(q); per.set(k, [...(per.get(k) ?? []), ms]);
  t = performance.now(); await database.pool.query('SELECT code, name FROM procedures WHERE code = $1', ['9.000123']); base.push(performance.now() - t);
}
console.log(`load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}  all p50 ${pct(all, 50).toFixed(2)} p99 ${pct(all, 99).toFixed(2)}  base p50 ${pct(base, 50).toFixed(2)} p99 ${pct(base, 99).toFixed(2)}`);
for (const [k, v] of per) console.log(`${k.padEnd(60)} ${pct(v, 50).toFixed(2).padStart(8)} ${pct(v, 99).toFixed(2).padStart(8)}`);
await database.close();
