// Use case: back up the running database and the blob store into a new folder under `root`.
// PGlite: an image of the data directory taken by the process that owns it (dumpDataDir runs between two
// queries, so it is a consistent crash image: committed work is in, an open transaction is rolled back on
// load). PostgreSQL: pg_dump --format=custom (one snapshot). The blob list is read after the snapshot, so
// it covers every file row of the snapshot. Blobs already in an earlier backup under `root` are referenced,
// not copied (incremental). Written into "<id>.partial" and renamed at the end: a failed backup leaves no
// folder that looks complete.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { BackupSourceDeps } from './backup-deps.js';
import { fileBlobs, migrationLevel, serverVersion } from './backups.repo.js';
import { FORMAT_VERSION, MANIFEST, blobPath, isBackupDir, readManifest, type Manifest } from './manifest.js';
import { backupErrors } from './backups.errors.js';
import { pgBaseBackup, pgDump } from './pg-tools.js';
import { keyCheck, writeStored } from './stored-file.js';

export interface CreateBackupOptions {
  /** The folder holding the backups (each one a sub-folder). */
  root: string;
  /** Encrypt at rest (default: the configured MOTCUA_BACKUP_KEY). */
  key?: Buffer;
  /** Copy every blob even if an earlier backup has it. */
  full?: boolean;
  /** PostgreSQL: a physical base backup of the cluster (pg_basebackup) instead of a logical dump — with WAL
   *  archiving on the server, the base of a point-in-time recovery. */
  physical?: boolean;
  /** Called just before the database snapshot is taken (tests: which writes were acknowledged before it). */
  onSnapshot?: () => void;
}

export interface CreatedBackup {
  dir: string;
  manifest: Manifest;
}

export async function createBackup(ctx: BackupSourceDeps, opts: CreateBackupOptions): Promise<CreatedBackup> {
  const root = resolve(opts.root);
  await mkdir(root, { recursive: true });
  const key = opts.key ?? ctx.config.backupKey;
  const now = ctx.clock.now();
  const id = `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
  const partial = join(root, `${id}.partial`);
  await mkdir(partial);
  try {
    const pool = ctx.database.pool;
    const level = await migrationLevel(pool);
    const version = await serverVersion(pool);
    const kind = ctx.database.kind === 'pglite' ? 'pglite' : 'postgresql';
    if (opts.physical && kind !== 'postgresql') throw backupErrors.BACKUP_UNSUPPORTED({ detail: 'a physical backup (--physical) needs PostgreSQL' });
    const format = kind === 'pglite' ? 'pglite-datadir-tar' : opts.physical ? 'pg_basebackup-tar' : 'pg_dump-custom';
    const dbFile = { 'pglite-datadir-tar': 'database.pglite.tar', 'pg_dump-custom': 'database.pgdump', 'pg_basebackup-tar': 'database.basebackup.tar' }[format];
    opts.onSnapshot?.();
    let source: AsyncIterable<Buffer | Uint8Array>;
    if (kind === 'pglite') {
      if (!ctx.database.dumpDataDir) throw new Error('this PGlite database cannot dump its data directory');
      const image = await ctx.database.dumpDataDir();
      source = Readable.fromWeb(image.stream() as import('node:stream/web').ReadableStream<Uint8Array>);
    } else {
      source = opts.physical ? pgBaseBackup(ctx.database.url) : pgDump(ctx.database.url);
    }
    const database = await writeStored(source, join(partial, dbFile), key);

    const base = opts.full ? null : await latestBackup(root, key);
    const known = new Map((base?.manifest.files ?? []).map((f) => [f.sha256, f]));
    const files: Manifest['files'] = [];
    let copied = 0;
    let missing = 0;
    for (const blob of await fileBlobs(pool)) {
      const earlier = known.get(blob.sha256);
      if (earlier && (await exists(blobPath(join(root, earlier.in), blob.sha256)))) {
        files.push(earlier);
        continue;
      }
      if (!(await ctx.blobStore.has(blob.sha256))) {
        missing++; // reported by verify (a file row without its blob)
        continue;
      }
      const stored = await writeStored(await ctx.blobStore.get(blob.sha256), blobPath(partial, blob.sha256), key);
      files.push({ ...stored, in: id });
      copied++;
    }
    const manifest: Manifest = {
      format: 'motcua-backup',
      formatVersion: FORMAT_VERSION,
      id,
      createdAt: now.toISOString(),
      source: { kind, migrationLevel: level, serverVersion: version },
      encryption: key ? { algorithm: 'aes-256-gcm', keyCheck: keyCheck(key) } : null,
      database: { ...database, file: dbFile, format },
      files,
      base: base?.manifest.id ?? null,
      counts: { blobsCopied: copied, blobsReferenced: files.length - copied, fileRowsMissingBlob: missing },
    };
    await writeFile(join(partial, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
    const dir = join(root, id);
    await rename(partial, dir);
    return { dir, manifest };
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw e;
  }
}

/** The newest complete backup under `root` made with the same key (or none): the base of an incremental one. */
async function latestBackup(root: string, key: Buffer | undefined): Promise<{ manifest: Manifest } | null> {
  const names = (await readdir(root)).filter((n) => !n.endsWith('.partial')).sort().reverse();
  for (const name of names) {
    if (!(await isBackupDir(join(root, name)))) continue;
    const manifest = await readManifest(join(root, name)).catch(() => null);
    if (!manifest || manifest.id !== name) continue;
    const sameKey = manifest.encryption === null ? !key : !!key && manifest.encryption.keyCheck === keyCheck(key);
    if (sameKey) return { manifest };
  }
  return null;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
