// `motcua serve` with MOTCUA_WORKERS=2 on PostgreSQL (issue 19, items 1 and 2): the primary migrates once and
// forks two server processes sharing one port; a session and receptions work whichever process answers; a
// worker that dies is started again while the other keeps serving; SIGTERM to the primary stops them all.
// PostgreSQL suite only (PGlite is one process by nature).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
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
let primary: ChildProcess;
let base = '';
let out = '';

const workerPids = (): number[] => {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(primary.pid)], { encoding: 'utf8' })
      .split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there is none
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function until(what: string, ok: () => boolean, ms = 60_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!ON_PG)('motcua serve with two worker processes (MOTCUA_WORKERS=2)', () => {
  beforeAll(async () => {
    db = await freshDatabase();
    const port = await freePort();
    primary = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', MOTCUA_WORKERS: '2', MOTCUA_DEMO: 'false', LOG_LEVEL: 'silent', MOTCUA_DEMO_PASSWORD: 'motcua-demo' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
    primary.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
    base = `http://127.0.0.1:${port}`;
    await until('the cluster to be ready', () => /2 server processes; ready in/.test(out) || primary.exitCode !== null, 150_000);
    expect(primary.exitCode).toBeNull();
  }, 180_000);

  afterAll(async () => {
    if (primary && primary.exitCode === null) {
      primary.kill('SIGTERM');
      await new Promise((r) => primary.once('exit', r));
    }
    await db?.close();
  });

  it('two server processes answer on one port; a session and receptions work on either', async () => {
    expect(workerPids(), out).toHaveLength(2);
    const desk = new HttpClient(base);
    expect((await desk.post('/api/v1/auth/login', { username: 'demo.tiepnhan', password: 'motcua-demo' })).status).toBe(200);
    const me = await Promise.all(Array.from({ length: 20 }, () => desk.get('/api/v1/auth/me')));
    expect(me.map((r) => r.status)).toEqual(me.map(() => 200));
    const made = await Promise.all(Array.from({ length: 12 }, () =>
      desk.post('/api/v1/dossiers', receptionBody(), { 'idempotency-key': randomUUID() })));
    expect(made.map((r) => r.status), JSON.stringify(made.map((r) => r.body)).slice(0, 2000)).toEqual(made.map(() => 201));
    expect(new Set(made.map((r) => r.body.dossier.code)).size).toBe(12);
  });

  it('a worker that dies is started again while the other keeps serving', async () => {
    const [victim] = workerPids();
    process.kill(victim!, 'SIGKILL');
    await until('the killed worker to be gone', () => !alive(victim!));
    const desk = new HttpClient(base);
    expect((await desk.post('/api/v1/auth/login', { username: 'demo.tiepnhan', password: 'motcua-demo' })).status).toBe(200);
    await until('a replacement worker', () => workerPids().length === 2 && !workerPids().includes(victim!));
    expect(out, out).toMatch(/worker \d exited .*starting it again/);
    const me = await Promise.all(Array.from({ length: 10 }, () => desk.get('/api/v1/auth/me')));
    expect(me.map((r) => r.status)).toEqual(me.map(() => 200));
  }, 90_000);

  it('SIGTERM to the primary stops every worker and the primary exits 0', async () => {
    const pids = workerPids();
    primary.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => primary.once('exit', (c) => r(c)));
    expect(code).toBe(0);
    for (const pid of pids) expect(alive(pid)).toBe(false);
  }, 60_000);
});
