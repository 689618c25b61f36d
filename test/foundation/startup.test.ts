// The real entry point: `node bin/motcua.js serve` on a fresh data directory (or, with TEST_DATABASE_URL,
// a fresh empty PostgreSQL database) becomes ready, prints its URL and the demo logins, stops cleanly on
// SIGTERM and finds its data again on the next start.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../helpers.js';
import { TEST_DB_PREFIX, adminUrl } from '../db-names.js';
import { withDb } from '../global-setup.js';

const BIN = fileURLToPath(new URL('../../bin/motcua.js', import.meta.url));
// a hang detector, not a speed check (bench/start.ts measures the start): a fresh data directory imports the
// whole catalogue, which takes ~45 s on a loaded 2-core machine
const READY_WITHIN_MS = 120_000;
const EXIT_WITHIN_MS = 30_000; // the server itself gives up after 15 s and then exits with 1, not 0

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-serve-'));
let databaseUrl: string | undefined;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    // same naming as test/helpers.ts so the global teardown drops it if this file fails midway
    const name = `${TEST_DB_PREFIX}${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(pgUrl) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databaseUrl = withDb(pgUrl, name);
  }
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl) {
    const name = new URL(databaseUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: adminUrl(process.env.TEST_DATABASE_URL!) });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

interface Server {
  child: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function start(port: number): Server {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(MOTCUA_|DATABASE_URL$|TEST_DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$|VITEST|NODE_OPTIONS$)/.test(k)) env[k] = v;
  }
  Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', MOTCUA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  if (databaseUrl) Object.assign(env, { DATABASE_URL: databaseUrl, MOTCUA_DEMO: '1' });
  const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls GET /ready until 200 and the start-up banner is printed; fails after READY_WITHIN_MS or on exit. */
async function waitReady(s: Server): Promise<void> {
  let exitCode: number | null | undefined;
  void s.exited.then((c) => (exitCode = c));
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`motcua serve exited with ${exitCode} before it was ready:\n${s.output()}`);
    const ok = await fetch(`${s.url}/ready`).then((r) => r.status === 200, () => false);
    if (ok && /demo logins/.test(s.output())) return;
    await sleep(250);
  }
  throw new Error(`motcua serve was not ready within ${READY_WITHIN_MS / 1000} s:\n${s.output()}`);
}

async function stop(s: Server): Promise<number | null> {
  s.child.kill('SIGTERM');
  const timeout = sleep(EXIT_WITHIN_MS).then(() => 'timeout' as const);
  const code = await Promise.race([s.exited, timeout]);
  if (code === 'timeout') throw new Error(`motcua serve did not exit after SIGTERM:\n${s.output()}`);
  return code;
}

/** Waits for a line of the server's output; fails after READY_WITHIN_MS or when the server exits. */
async function waitFor(s: Server, re: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    const m = s.output().match(re);
    if (m) return m;
    if (s.child.exitCode !== null) break;
    await sleep(250);
  }
  throw new Error(`no line matching ${re}:\n${s.output()}`);
}

/** Dossiers in the whole province: demo.lanhdaotinh (provincial leader) sees them all. */
async function countAllDossiers(url: string): Promise<number> {
  const leader = new HttpClient(url);
  expect((await leader.post('/api/v1/auth/login', { username: 'demo.lanhdaotinh', password: 'motcua-demo' })).status).toBe(200);
  const r = await leader.get('/api/v1/dossiers?pageSize=1');
  expect(r.status).toBe(200);
  return r.body.total;
}

describe('motcua serve', () => {
  it('a port already in use: one clear line and exit code 78, before touching the database', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const s = start(port);
      const code = await Promise.race([s.exited, sleep(EXIT_WITHIN_MS).then(() => 'timeout' as const)]);
      expect(code, s.output()).toBe(78);
      const lines = s.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`port ${port} is already in use`);
      expect(lines[0]).toContain(`cổng ${port} đang được chương trình khác sử dụng`);
    } finally {
      await new Promise<void>((r) => busy.close(() => r()));
    }
  }, 60_000);

  it('starts, serves, stops on SIGTERM with exit code 0, and keeps its data for the next start', async () => {
    const port = await freePort();
    const first = start(port);
    await waitReady(first);

    const out = first.output();
    expect(out).toContain(`http://localhost:${port}`);
    expect(out).toContain(`http://localhost:${port}/docs`);
    expect(out).toMatch(/demo logins \(password "motcua-demo"\): .*demo\.admin/);
    expect(out).toContain(databaseUrl ? 'database: PostgreSQL' : `embedded PGlite in ${dataDir}`);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);

    const admin = new HttpClient(first.url);
    expect((await admin.post('/api/v1/auth/login', { username: 'demo.admin', password: 'motcua-demo' })).status).toBe(200);
    const created = await admin.post('/api/v1/users', { username: 'persist.check', fullName: 'Kiểm Tra Lưu Trữ', password: 'persist-password-1' });
    expect(created.status).toBe(201);
    expect((await admin.post(`/api/v1/users/${created.body.id}/roles`, { role: 'handler', agencyCode: '000.00.02.H56' })).status).toBe(201);

    expect(await stop(first), first.output()).toBe(0);

    const second = start(port);
    await waitReady(second);
    const again = new HttpClient(second.url);
    const login = await again.post('/api/v1/auth/login', { username: 'persist.check', password: 'persist-password-1' });
    expect(login.status).toBe(200);
    expect(login.body.fullName).toBe('Kiểm Tra Lưu Trữ');
    expect(login.body.roles.map((r: any) => [r.role, r.agencyCode])).toEqual([['handler', '000.00.02.H56']]);
    // the demo organisation was not seeded twice
    const admin2 = new HttpClient(second.url);
    await admin2.post('/api/v1/auth/login', { username: 'demo.admin', password: 'motcua-demo' });
    const users = await admin2.get('/api/v1/users?q=demo.admin');
    expect(users.body.items.map((u: any) => u.username)).toEqual(['demo.admin']);
    const agencies = await admin2.get('/api/v1/agencies');
    expect(agencies.body.items.filter((a: any) => a.code === '000.00.02.H56')).toHaveLength(1);
    // the console says when the demo set is complete, with the number of dossiers the inboxes now hold
    const complete = await waitFor(second, /demo data set complete: (\d+) dossiers/);
    expect(Number(complete[1])).toBeGreaterThan(0);
    expect(Number(complete[1])).toBe(await countAllDossiers(second.url));

    expect(await stop(second), second.output()).toBe(0);
  }, 400_000);
});
