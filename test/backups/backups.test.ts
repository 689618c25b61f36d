// Backups, restore and verify (issue 20, part 1): a backup under load holds every acknowledged reception,
// restores and verifies; tampering and wrong keys are refused; blobs are incremental; a PGlite database moves
// to PostgreSQL and back with the same rows. Runs on PGlite (default) or PostgreSQL (TEST_DATABASE_URL); the
// move needs a PostgreSQL server (TEST_DATABASE_URL or 127.0.0.1:5432) and is skipped without one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { HttpClient, TestApp } from '../helpers.js';
import { receptionBody, startDossierApp } from '../dossiers/fixtures.js';
import { TEST_DB_PREFIX, adminUrl } from '../db-names.js';
import { withDb } from '../global-setup.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { AppError } from '../../src/platform/errors.js';
import { createBackup } from '../../src/modules/backups/create-backup.js';
import { restoreBackup, type RestoreTarget } from '../../src/modules/backups/restore-backup.js';
import { verifyBackup } from '../../src/modules/backups/verify-backup.js';
import { rowCounts } from '../../src/modules/backups/backups.repo.js';
import { blobPath, readManifest } from '../../src/modules/backups/manifest.js';

const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0a5e2d40000000049454e44ae426082', 'hex');
const KEY = randomBytes(32);

let t: TestApp;
let desk: HttpClient;
const tmp = mkdtempSync(join(tmpdir(), 'motcua-backups-'));
const filesDir = join(tmp, 'files');
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let pgAvailable = false;
const createdDbs: string[] = [];

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl(pgUrl) });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** An empty PostgreSQL database of this test file (dropped in afterAll). */
async function emptyPgDatabase(): Promise<string> {
  const name = `${TEST_DB_PREFIX}bk_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  createdDbs.push(name);
  return withDb(pgUrl, name);
}

/** An empty restore target of the app's own kind. */
async function emptyTarget(kind: 'pglite' | 'postgresql' = t.ctx.database.kind === 'pglite' ? 'pglite' : 'postgresql'): Promise<RestoreTarget> {
  return kind === 'pglite' ? { kind: 'pglite', dataDir: mkdtempSync(join(tmp, 'pgdata-')) } : { kind: 'postgresql', url: await emptyPgDatabase() };
}

async function openTarget(target: RestoreTarget): Promise<Database> {
  if (target.kind === 'pgdata') throw new Error('a data directory is opened by starting PostgreSQL on it');
  return openDatabase(target.kind === 'pglite' ? { dataDir: target.dataDir } : { url: target.url });
}

/** What restore and verify need (they open their own target or scratch database). */
function deps() {
  return { clock: t.clock, config: t.ctx.config, blobStore: t.ctx.blobStore };
}

async function upload(c: HttpClient, data: Buffer, name: string): Promise<string> {
  const fd = new FormData();
  fd.append('componentName', 'Bản sao CCCD');
  fd.append('file', new Blob([new Uint8Array(data)], { type: 'application/octet-stream' }), name);
  const res = await fetch(c.base + '/api/v1/files', {
    method: 'POST',
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf! },
    body: fd,
  });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.id as string;
}

/** A PNG with a different hash each time (a text chunk after IEND is ignored by decoders but hashed). */
function uniquePng(): Buffer {
  return Buffer.concat([PNG_1x1.subarray(0, PNG_1x1.length - 12), pngTextChunk(randomUUID()), PNG_1x1.subarray(PNG_1x1.length - 12)]);
}
function pngTextChunk(text: string): Buffer {
  const data = Buffer.from(`Comment\0${text}`, 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const type = Buffer.from('tEXt');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  return Buffer.concat([len, type, data, crc]);
}
function crc32(b: Buffer): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

async function receiveWithFile(fileId?: string): Promise<{ status: number; code?: string }> {
  const body = receptionBody();
  if (fileId) (body.components as any[])[1].fileId = fileId;
  else delete (body.components as any[])[1].fileId;
  const r = await desk.post('/api/v1/dossiers', body, { 'idempotency-key': randomUUID() });
  return { status: r.status, code: r.body?.dossier?.code };
}

beforeAll(async () => {
  t = await startDossierApp({ MOTCUA_FILES_DIR: filesDir });
  desk = await t.login('demo.tiepnhan');
  for (let i = 0; i < 2; i++) expect((await receiveWithFile(await upload(desk, uniquePng(), `cccd-${i}.png`))).status).toBe(201);
  try {
    await adminQuery('SELECT 1');
    pgAvailable = true;
  } catch {
    pgAvailable = false;
  }
});

afterAll(async () => {
  await t?.close();
  for (const name of createdDbs) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
});

describe('backup under load', { timeout: 120_000 }, () => {
  it('every reception acknowledged before the snapshot is in the restored database; verify finds no problem', async () => {
    const root = join(tmp, 'load');
    const acked: string[] = [];
    let stop = false;
    let failures = 0;
    const loop = async () => {
      while (!stop) {
        const r = await receiveWithFile();
        if (r.status === 201) acked.push(r.code!);
        else failures++;
      }
    };
    const loops = [loop(), loop()];
    while (acked.length < 6) await new Promise((r) => setTimeout(r, 20));
    let before: string[] = [];
    const backup = await createBackup(t.ctx, { root, onSnapshot: () => (before = [...acked]) });
    const during = acked.length;
    while (acked.length < during + 3) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await Promise.all(loops);
    expect(failures).toBe(0);
    expect(before.length).toBeGreaterThanOrEqual(6);
    expect(backup.manifest.source.kind).toBe(t.ctx.database.kind === 'pglite' ? 'pglite' : 'postgresql');
    expect(backup.manifest.files.length).toBeGreaterThanOrEqual(2);

    const report = await verifyBackup(t.ctx, { backupDir: backup.dir });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts.dossiers).toBeGreaterThanOrEqual(before.length + 2);
    expect(report.counts.fileRows).toBeGreaterThanOrEqual(2);

    const target = await emptyTarget();
    const blobs2 = join(tmp, 'files-restored');
    const { FsBlobStore } = await import('../../src/platform/ports/blob-store.js');
    const restored = await restoreBackup({ ...deps(), blobStore: new FsBlobStore(blobs2) }, { backupDir: backup.dir, target });
    expect(restored.blobsRestored).toBe(backup.manifest.files.length);
    const db = await openTarget(target);
    try {
      const codes = new Set((await db.pool.query(`SELECT code FROM dossiers`)).rows.map((r) => r.code));
      const lost = before.filter((c) => !codes.has(c));
      expect(lost).toEqual([]);
    } finally {
      await db.close();
    }
    // a second restore into the same, now filled, target is refused unless forced
    await expect(restoreBackup(deps(), { backupDir: backup.dir, target })).rejects.toMatchObject({ code: 'BACKUP_TARGET_NOT_EMPTY' });
  });
});

describe('checks', { timeout: 120_000 }, () => {
  let full: string;
  let root: string;
  beforeAll(async () => {
    root = join(tmp, 'checks');
    full = (await createBackup(t.ctx, { root })).dir;
  });

  it('incremental: a second backup copies no unchanged blob; a new upload is the only blob copied', async () => {
    const first = await readManifest(full);
    const second = await createBackup(t.ctx, { root });
    expect(second.manifest.base).toBe(first.id);
    expect(second.manifest.counts.blobsCopied).toBe(0);
    expect(second.manifest.counts.blobsReferenced).toBe(first.files.length);
    expect(readdirSync(second.dir)).not.toContain('files');
    await receiveWithFile(await upload(desk, uniquePng(), 'new.png'));
    const third = await createBackup(t.ctx, { root });
    expect(third.manifest.counts.blobsCopied).toBe(1);
    expect(third.manifest.counts.blobsReferenced).toBe(first.files.length);
    // the referenced blobs are checked and restored from the earlier backup
    const report = await verifyBackup(t.ctx, { backupDir: third.dir });
    expect(report.problems).toEqual([]);
    expect(report.counts.blobs).toBe(first.files.length + 1);
  });

  it('a changed byte in the dump or in a blob is refused, nothing restored', async () => {
    const manifest = await readManifest(full);
    for (const which of ['dump', 'blob'] as const) {
      const copy = join(tmp, `tampered-${which}`, manifest.id);
      cpSync(full, copy, { recursive: true });
      const file = which === 'dump' ? join(copy, manifest.database.file) : blobPath(copy, manifest.files[0]!.sha256);
      const bytes = readFileSync(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      writeFileSync(file, bytes);
      const target = { kind: 'pglite', dataDir: mkdtempSync(join(tmp, 'pgdata-')) } as const;
      const err = await restoreBackup(deps(), { backupDir: copy, target }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'BACKUP_CORRUPT' });
      expect(String((err as AppError).params.detail)).toContain(which === 'dump' ? manifest.database.file : manifest.files[0]!.sha256);
      expect(readdirSync(target.dataDir)).toEqual([]);
      const report = await verifyBackup(t.ctx, { backupDir: copy });
      expect(report.ok).toBe(false);
      expect(report.problems[0]!.code).toBe('BACKUP_REFUSED');
    }
  });

  it('verify reports every broken invariant: a state that is not the fold of its events, a code gap, a missing blob', async () => {
    const target = await emptyTarget();
    await restoreBackup(deps(), { backupDir: full, target });
    const db = await openTarget(target);
    let broken;
    try {
      const one = (await db.pool.query(`SELECT id, code FROM dossiers WHERE code IS NOT NULL ORDER BY code LIMIT 1`)).rows[0];
      await db.pool.query(`UPDATE dossiers SET state = jsonb_set(state, '{version}', '999') WHERE id = $1`, [one.id]);
      await db.pool.query(`UPDATE dossier_code_counters SET n = n + 1 WHERE (agency_id, local_date) IN (SELECT agency_id, local_date FROM dossier_code_counters LIMIT 1)`);
      await db.pool.query(`UPDATE files SET sha256 = $1 WHERE id = (SELECT id FROM files ORDER BY id LIMIT 1)`, ['f'.repeat(64)]);
      broken = await createBackup({ ...deps(), database: db }, { root: join(tmp, 'broken') });
    } finally {
      await db.close();
    }
    expect(broken.manifest.counts.fileRowsMissingBlob).toBe(1);
    const report = await verifyBackup(t.ctx, { backupDir: broken.dir });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code).sort()).toEqual(['BLOB_MISSING', 'CODE_GAP', 'DOSSIER_FOLD_MISMATCH']);
  });

  it('encryption at rest: round trip with the key; a wrong or missing key is refused', async () => {
    const enc = await createBackup(t.ctx, { root: join(tmp, 'encrypted'), key: KEY });
    expect(enc.manifest.encryption?.algorithm).toBe('aes-256-gcm');
    const blob = enc.manifest.files[0]!;
    expect(blob.storedSha256).not.toBe(blob.sha256);
    const stored = readFileSync(blobPath(enc.dir, blob.sha256));
    expect(stored.includes(PNG_1x1.subarray(0, 8))).toBe(false);
    const report = await verifyBackup(t.ctx, { backupDir: enc.dir, key: KEY });
    expect(report.problems).toEqual([]);
    await expect(restoreBackup(deps(), { backupDir: enc.dir, target: await emptyTarget('pglite'), key: randomBytes(32) })).rejects.toMatchObject({ code: 'BACKUP_KEY_WRONG' });
    await expect(restoreBackup(deps(), { backupDir: enc.dir, target: await emptyTarget('pglite') })).rejects.toMatchObject({ code: 'BACKUP_KEY_REQUIRED' });
    expect((await verifyBackup(t.ctx, { backupDir: enc.dir, key: randomBytes(32) })).problems[0]!.detail).toContain('BACKUP_KEY_WRONG');
  });
});

describe('moving between PGlite and PostgreSQL', () => {
  it('PGlite → PostgreSQL → PGlite (or the reverse on PostgreSQL): the same row counts and dossier projections', async (testCtx) => {
    if (!pgAvailable) testCtx.skip();
    const source = t.ctx.database.kind === 'pglite' ? 'pglite' : 'postgresql';
    const other = source === 'pglite' ? 'postgresql' : 'pglite';
    const original = await snapshotOf(t.ctx.database);
    const b1 = await createBackup(t.ctx, { root: join(tmp, 'move-1') });
    const there = await emptyTarget(other);
    await restoreBackup(deps(), { backupDir: b1.dir, target: there });
    const thereDb = await openTarget(there);
    let b2;
    try {
      expect(await snapshotOf(thereDb)).toEqual(original);
      b2 = await createBackup({ ...deps(), database: thereDb }, { root: join(tmp, 'move-2') });
    } finally {
      await thereDb.close();
    }
    expect(b2.manifest.source.kind).toBe(other);
    const back = await emptyTarget(source);
    await restoreBackup(deps(), { backupDir: b2.dir, target: back });
    const backDb = await openTarget(back);
    try {
      expect(await snapshotOf(backDb)).toEqual(original);
    } finally {
      await backDb.close();
    }
  }, 180_000);
});

async function snapshotOf(db: Database) {
  const counts = await rowCounts(db.pool);
  const dossiers = (await db.pool.query(`SELECT * FROM dossiers ORDER BY id`)).rows;
  return { counts, dossiers };
}
