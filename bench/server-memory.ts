// The server's memory under report and inbox traffic (issue 19 item 5, "memory stays flat"): a motcua server
// as its own process on a kept province database (bench/province.ts --keep), signed in as the province
// leader; `concurrency` clients request inbox pages (pages 1–50, with and without the overdue filter) and
// the reports (progress by each grouping, officials, indicators; month and year) for `seconds`, while the
// server's RSS is sampled every second from /proc. Prints the RSS at start, after the first quarter, at the
// end and its maximum: flat means the last figures do not keep growing with the number of requests.
//
//   npx tsx bench/server-memory.ts bench_c_… [seconds=120] [concurrency=4]
import { readFile } from 'node:fs/promises';
import { startServerProcess } from './server-process.js';

const [db, secondsArg, concArg] = process.argv.slice(2);
if (!db || !/^bench_c_[a-z0-9]+$/.test(db)) throw new Error('usage: server-memory.ts <kept bench_c_… database> [seconds] [concurrency]');
const SECONDS = Number(secondsArg ?? 120);
const CONCURRENCY = Number(concArg ?? 4);
const base = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const url = new URL(base);
url.pathname = `/${db}`;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const now = new Date();
const periods = [
  { from: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))), to: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))) },
  { from: day(new Date(now.getTime() - 364 * 86_400_000)), to: day(now) },
];
const GROUPS = ['agency', 'field', 'procedure', 'channel', 'month'];

/** One request of the mix, picked by the running request number. */
function pathOf(i: number): string {
  const p = periods[i % 2]!;
  switch (i % 5) {
    case 0: return `/api/v1/reports/progress?from=${p.from}&to=${p.to}&groupBy=${GROUPS[(i >> 1) % GROUPS.length]}`;
    case 1: return `/api/v1/reports/officials?from=${p.from}&to=${p.to}`;
    case 2: return `/api/v1/reports/indicators?from=${p.from}&to=${p.to}`;
    case 3: return `/api/v1/dossiers?page=${1 + (i % 50)}`;
    default: return `/api/v1/dossiers?overdue=true&page=${1 + (i % 5)}`;
  }
}

const server = await startServerProcess(url.toString());
try {
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo.lanhdaotinh', password: 'motcua-demo' }) });
  if (login.status !== 200) throw new Error(`login ${login.status}: ${await login.text()}`);
  const cookie = login.headers.getSetCookie().find((x) => x.startsWith('motcua_session='))!.split(';')[0]!;
  const samples: Array<{ t: number; mb: number; done: number }> = [];
  let done = 0;
  let failed = 0;
  const t0 = Date.now();
  const end = t0 + SECONDS * 1000;
  const sampler = setInterval(() => void rssMb(server.pid).then((mb) => samples.push({ t: (Date.now() - t0) / 1000, mb, done })), 1000);
  samples.push({ t: 0, mb: await rssMb(server.pid), done: 0 });
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) {
      const r = await fetch(`${server.url}${pathOf(next++)}`, { headers: { cookie } });
      await r.arrayBuffer();
      if (r.status === 200) done++;
      else failed++;
    }
  }));
  clearInterval(sampler);
  samples.push({ t: (Date.now() - t0) / 1000, mb: await rssMb(server.pid), done });
  const at = (f: number) => samples[Math.min(samples.length - 1, Math.floor(f * (samples.length - 1)))]!;
  const fmt = (s: { t: number; mb: number; done: number }) => `${s.mb.toFixed(0)} MB at ${s.t.toFixed(0)} s (${s.done} requests)`;
  console.log(`${done} requests answered 200, ${failed} other, ${CONCURRENCY} clients, ${SECONDS} s`);
  console.log(`server RSS: start ${fmt(at(0))}; 25 % ${fmt(at(0.25))}; 50 % ${fmt(at(0.5))}; 75 % ${fmt(at(0.75))}; end ${fmt(at(1))}; max ${Math.max(...samples.map((s) => s.mb)).toFixed(0)} MB`);
} finally {
  await server.stop();
}
