// Use case: restore a backup into an empty target, a PGlite data directory or a PostgreSQL database,
// whichever the source was (PGlite → PostgreSQL moves a province off the embedded default, and back).
// Every checksum is checked first; a target that holds data is refused unless `force`. The database is
// written last and all at once (PostgreSQL: one transaction; PGlite: a new folder renamed into place).
//   pglite backup → PGlite:     the data-dir image is loaded as is
//   pglite backup → PostgreSQL: the image is opened in memory, both sides migrated to this version, the rows
//                               copied in one transaction (copyPublicSchema)
//   pg_dump → PostgreSQL:       pg_restore --single-transaction
//   pg_dump → PGlite:           pg_restore to plain SQL, run through PGlite
//   pg_basebackup → data dir:   unpacked, with recovery settings for a point-in-time recovery from the WAL archive
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { createPglite, openDatabase } from '../../platform/db/database.js';
import { migrate, readMigrations } from '../../platform/db/migrations.js';
import type { BackupDeps } from './backup-deps.js';
import { backupErrors } from './backups.errors.js';
import { copyPublicSchema, dropApplicationSchemas, userTableCount } from './backups.repo.js';
import { checkBackup, type CheckedBackup } from './check-backup.js';
import { loadPlainSql } from './plain-sql.js';
import { pgRestore, pgRestoreToSql, untar } from './pg-tools.js';
import { databaseBytes, openScratch, plainDumpFile } from './scratch-database.js';
import { readStored } from './stored-file.js';

export type RestoreTarget =
  | { kind: 'postgresql'; url: string }
  | { kind: 'pglite'; dataDir: string }
  /** A physical backup unpacked into a PostgreSQL data directory, optionally recovered from the WAL archive
   *  up to `until` (point-in-time recovery); the operator then starts PostgreSQL on it. */
  | { kind: 'pgdata'; dataDir: string; walArchive?: string; until?: string };

export interface RestoreOptions {
  backupDir: string;
  target: RestoreTarget;
  force?: boolean;
  /** Decryption key (default: the configured MOTCUA_BACKUP_KEY). */
  key?: Buffer;
}

export interface RestoreResult {
  backupId: string;
  source: 'pglite' | 'postgresql';
  target: RestoreTarget['kind'];
  blobsRestored: number;
  rowsCopied?: number;
}

export async function restoreBackup(ctx: BackupDeps, opts: RestoreOptions): Promise<RestoreResult> {
  const b = await checkBackup(opts.backupDir, opts.key ?? ctx.config.backupKey);
  const codeLevel = readMigrations().at(-1)?.version ?? '0000';
  if (b.manifest.source.migrationLevel > codeLevel) throw backupErrors.BACKUP_TOO_NEW({ level: b.manifest.source.migrationLevel, code: codeLevel });
  const physical = b.manifest.database.format === 'pg_basebackup-tar';
  if (physical !== (opts.target.kind === 'pgdata')) {
    throw backupErrors.BACKUP_UNSUPPORTED({
      detail: physical
        ? 'a physical backup restores into a PostgreSQL data directory (--pgdata), then PostgreSQL is started on it'
        : 'a PostgreSQL data directory (--pgdata) takes a physical backup (motcua backup --physical)',
    });
  }
  if (opts.target.kind === 'pgdata') return restoreIntoPgData(b, opts.target);
  await ensureEmpty(opts.target, !!opts.force);

  // blobs first: content-addressed, so an interrupted restore leaves only harmless extra blobs
  let blobsRestored = 0;
  for (const [sha256, path] of b.blobPaths) {
    if (await ctx.blobStore.has(sha256)) continue;
    const r = await ctx.blobStore.put(readableOf(readStored(path, b.manifest.encryption !== null, b.key)), { maxBytes: Number.MAX_SAFE_INTEGER });
    if (r.sha256 !== sha256) {
      await ctx.blobStore.delete(r.sha256);
      throw backupErrors.BACKUP_CORRUPT({ detail: `blob ${sha256}` });
    }
    blobsRestored++;
  }

  const result: RestoreResult = { backupId: b.manifest.id, source: b.manifest.source.kind, target: opts.target.kind, blobsRestored };
  if (opts.target.kind === 'pglite') await restoreIntoPglite(b, opts.target.dataDir);
  else result.rowsCopied = await restoreIntoPostgres(b, opts.target.url);
  return result;
}

/**
 * Physical restore: the base backup unpacked into an empty data directory; with a WAL archive, recovery.signal
 * and the recovery settings (restore_command, recovery_target_time, promote at the target) so that
 * PostgreSQL, once started, replays the archive up to `until` (or to its end) and opens read-write. The blobs
 * are restored like any other backup's; the database itself is the cluster's, written as it was.
 */
async function restoreIntoPgData(b: CheckedBackup, t: { dataDir: string; walArchive?: string; until?: string }): Promise<RestoreResult> {
  const dir = resolve(t.dataDir);
  if ((await readdir(dir).catch(() => [] as string[])).length > 0) throw backupErrors.BACKUP_TARGET_NOT_EMPTY({ target: dir });
  if (t.until && Number.isNaN(Date.parse(t.until))) throw backupErrors.BACKUP_UNSUPPORTED({ detail: `--until ${t.until}: not a time (e.g. 2026-12-02T10:00:00+07:00)` });
  if (t.until && !t.walArchive) throw backupErrors.BACKUP_UNSUPPORTED({ detail: '--until needs --wal-archive (the WAL to replay)' });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await untar(readStored(b.databasePath, b.manifest.encryption !== null, b.key), dir);
  if (t.walArchive) {
    const archive = resolve(t.walArchive);
    const settings = [
      '',
      `# motcua restore: point-in-time recovery from ${archive}`,
      `restore_command = 'cp "${archive.replace(/'/g, "''")}/%f" "%p"'`,
      ...(t.until ? [`recovery_target_time = '${new Date(t.until).toISOString().replace('T', ' ').replace('Z', '+00')}'`, `recovery_target_action = 'promote'`] : []),
      '',
    ].join('\n');
    await appendFile(join(dir, 'postgresql.auto.conf'), settings);
    await writeFile(join(dir, 'recovery.signal'), '');
  }
  return { backupId: b.manifest.id, source: b.manifest.source.kind, target: 'pgdata', blobsRestored: 0 };
}

async function ensureEmpty(target: RestoreTarget, force: boolean): Promise<void> {
  if (target.kind === 'pgdata') return;
  if (target.kind === 'pglite') {
    const dir = resolve(target.dataDir);
    const entries = await readdir(dir).catch(() => [] as string[]);
    if (entries.length === 0) return;
    if (!force) throw backupErrors.BACKUP_TARGET_NOT_EMPTY({ target: dir });
    return; // replaced by the rename at the end
  }
  const db = await openDatabase({ url: target.url, poolMax: 1 });
  try {
    if ((await userTableCount(db.pool)) === 0) return;
    if (!force) throw backupErrors.BACKUP_TARGET_NOT_EMPTY({ target: redact(target.url) });
    await dropApplicationSchemas(db.pool);
  } finally {
    await db.close();
  }
}

async function restoreIntoPglite(b: CheckedBackup, dataDir: string): Promise<void> {
  const dest = resolve(dataDir);
  const staging = join(dirname(dest), `.${basename(dest)}.restoring-${randomBytes(4).toString('hex')}`);
  try {
    if (b.manifest.database.format === 'pglite-datadir-tar') {
      const lite = await createPglite({ dataDir: staging, loadDataDir: new Blob([new Uint8Array(await databaseBytes(b))]) });
      await lite.close();
    } else {
      // loaded in memory first (several times faster than through the data directory on disk), then written out
      const dump = await plainDumpFile(b);
      let image: Blob;
      try {
        const mem = await createPglite({});
        try {
          await loadPlainSql(mem, await pgRestoreToSql(dump.file));
          image = await mem.dumpDataDir('none');
        } finally {
          await mem.close();
        }
      } finally {
        await dump.remove();
      }
      const lite = await createPglite({ dataDir: staging, loadDataDir: image });
      await lite.close();
    }
    if (await stat(dest).then(() => true, () => false)) await rm(dest, { recursive: true, force: true });
    await rename(staging, dest);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

async function restoreIntoPostgres(b: CheckedBackup, url: string): Promise<number | undefined> {
  if (b.manifest.database.format === 'pg_dump-custom') {
    const dump = await plainDumpFile(b);
    try {
      await pgRestore(dump.file, url);
    } finally {
      await dump.remove();
    }
    return undefined;
  }
  const scratch = await openScratch(b);
  const target = await openDatabase({ url, poolMax: 1 });
  try {
    await migrate(scratch.pool);
    await migrate(target.pool);
    return await copyPublicSchema(scratch.pool, target.pool);
  } catch (e) {
    // nothing half-restored: the copy is one transaction; the schema the migrations made goes too
    await dropApplicationSchemas(target.pool).catch(() => {});
    throw e;
  } finally {
    await target.close();
    await scratch.close();
  }
}

function readableOf(it: AsyncIterable<Buffer>): Readable {
  return Readable.from(it);
}

/** A database URL without its password (messages). */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'database';
  }
}
