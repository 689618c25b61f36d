// Two motcua server processes (`motcua serve`, real OS processes) on one PostgreSQL database behave as one
// (issue 19, item 2): a session opened on one is valid on the other and signing out on one ends it on both;
// an idempotency key replayed on the other process gives the same dossier; receptions spread over both get
// distinct, gapless codes, one outbox event each; one address has one rate-limit allowance across both; both register their job schedules at the same moment
// without tripping over each other (they used to: pg-boss's queue creation raced). PostgreSQL suite only
// (PGlite is one process by nature).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, HttpClient } from '../helpers.js';
import type { Database } from '../../src/platform/db/database.js';
import { receptionBody } from '../dossiers/fixtures.js';
import { freePort } from '../backups/clusters.js';

const BIN = fileURLToPath(new URL('../../bin/motcua.js', import.meta.url));
const ON_PG = !!process.env.TEST_DATABASE_URL;

let db: Database;
const servers: ChildProcess[] = [];
const bases: string[] = [];

async function startServer(url: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', MOTCUA_DEMO: 'false', LOG_LEVEL: 'silent', MOTCUA_DEMO_PASSWORD: 'motcua-demo' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 120_000;
  while (!/is running/.test(out)) {
    if (child.exitCode !== null || Date.now() > end) throw new Error(`motcua serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return base;
}

describe.skipIf(!ON_PG)('two server processes on one PostgreSQL database', () => {
  beforeAll(async () => {
    db = await freshDatabase();
    const [a, b] = await Promise.all([startServer(db.url), startServer(db.url)]);
    bases.push(a!, b!);
  }, 240_000);

  afterAll(async () => {
    for (const s of servers) s.kill('SIGTERM');
    await Promise.all(servers.map((s) => (s.exitCode !== null ? null : new Promise((r) => s.once('exit', r)))));
    await db?.close();
  });

  it('a session opened on one process works on the other, and signing out on one ends it on both', async () => {
    const onA = new HttpClient(bases[0]!);
    expect((await onA.post('/api/v1/auth/login', { username: 'demo.tiepnhan', password: 'motcua-demo' })).status).toBe(200);
    const onB = new HttpClient(bases[1]!);
    onB.cookies = new Map(onA.cookies);
    onB.csrf = onA.csrf;
    expect((await onB.get('/api/v1/auth/me')).status).toBe(200);
    expect((await onB.post('/api/v1/auth/logout', {})).status).toBeLessThan(300);
    expect((await onA.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('one address gets one look-up allowance across both processes, not one per process', async () => {
    const lookup = '/api/v1/public/dossiers/000.00.01.H56-261123-0001?secret=sai-ma-bi-mat';
    const clients = bases.map((b) => new HttpClient(b));
    for (let i = 0; i < 30; i++) expect((await clients[i % 2]!.get(lookup)).status).toBe(404);
    // Each process counted 15 itself and hears of the other's hits when it syncs its own (100 ms after them),
    // so one more hit on each may still pass where the news had not arrived; once each has synced that hit,
    // both refuse. One allowance per process would let 30 more through.
    const pause = () => new Promise((r) => setTimeout(r, 1000));
    await pause();
    for (const c of clients) expect([404, 429]).toContain((await c.get(lookup)).status);
    await pause();
    expect((await clients[0]!.get(lookup)).status).toBe(429);
    expect((await clients[1]!.get(lookup)).status).toBe(429);
  });

  it('an idempotency key replayed on the other process answers the same dossier; codes stay distinct and gapless', async () => {
    const desks = await Promise.all(bases.map(async (base) => {
      const c = new HttpClient(base);
      expect((await c.post('/api/v1/auth/login', { username: 'demo.tiepnhan', password: 'motcua-demo' })).status).toBe(200);
      return c;
    }));
    const key = randomUUID();
    const first = await desks[0]!.post('/api/v1/dossiers', receptionBody(), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const again = await desks[1]!.post('/api/v1/dossiers', receptionBody(), { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.dossier.code).toBe(first.body.dossier.code);

    const many = await Promise.all(Array.from({ length: 24 }, (_, i) =>
      desks[i % 2]!.post('/api/v1/dossiers', receptionBody(), { 'idempotency-key': randomUUID() })));
    expect(many.map((r) => r.status)).toEqual(many.map(() => 201));
    const codes = [first, ...many].map((r) => r.body.dossier.code as string);
    expect(new Set(codes).size).toBe(codes.length);
    // the daily sequence (the code's last part) has no hole: 1…n in some order
    const seq = codes.map((c) => Number(c.split('-').at(-1))).sort((x, y) => x - y);
    expect(seq).toEqual(seq.map((_, i) => seq[0]! + i));
    // one outbox event per reception, whichever process wrote it
    const events = await db.pool.query(`SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS d FROM outbox WHERE topic = 'dossiers.event' AND subscriber = ''`);
    expect(events.rows[0].n).toBeGreaterThanOrEqual(codes.length);
    expect(events.rows[0].d).toBe(events.rows[0].n);
  });
});
