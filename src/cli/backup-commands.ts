// The `motcua backup`, `motcua backup verify` and `motcua restore` commands: parse the options, call the
// backups module's use cases, print the result. Exit code 1 when verify finds a problem.
import { resolve } from 'node:path';
import type { Config } from '../platform/config.js';
import { systemClock } from '../platform/clock.js';
import { portsFromConfig } from '../platform/ports/index.js';
import { AppError } from '../platform/errors.js';
import { message } from '../platform/i18n/messages.js';
import { openContext } from '../app.js';
import { migrate } from '../platform/db/migrations.js';
import { createBackup } from '../modules/backups/create-backup.js';
import { restoreBackup, redact, type RestoreTarget } from '../modules/backups/restore-backup.js';
import { formatVerifyReport, verifyBackup } from '../modules/backups/verify-backup.js';
import { UsageError, type Parsed } from './args.js';

export const BACKUP_HELP = {
  backup: `Usage: motcua backup --dir DIR [--full] [--physical]

Backs up the database and the file store (MOTCUA_FILES_DIR) into a new folder under DIR, with a manifest of
checksums. PostgreSQL (DATABASE_URL): pg_dump --format=custom, while the server runs. Embedded PGlite
(MOTCUA_DATA_DIR): an image of the data directory; the CLI opens the data directory itself, so STOP THE SERVER
first (two processes on one PGlite data directory corrupt it). Blobs already in an earlier backup under DIR are
referenced, not copied (--full copies them all). With MOTCUA_BACKUP_KEY set, every file is encrypted
(AES-256-GCM). --physical (PostgreSQL): a base backup of the whole cluster (pg_basebackup; the user needs the
REPLICATION privilege) — with WAL archiving on the server, the start of a point-in-time recovery.`,
  'backup verify': `Usage: motcua backup verify <backup folder>

The restore drill: checks every checksum, restores the database into a scratch database in memory and checks
that every dossier's event log folds to its stored state, that the dossier code sequences have no gap and that
every file row's blob is in the backup. Prints counts and every problem; exit code 1 on a problem.`,
  restore: `Usage: motcua restore <backup folder> [--to postgres://… | --data-dir DIR | --pgdata DIR [--wal-archive DIR] [--until TIME]] [--force]

Restores into an empty database: --to a PostgreSQL database, --data-dir a PGlite data directory; default the
configured one (DATABASE_URL, else MOTCUA_DATA_DIR). A PGlite backup restores into PostgreSQL and a PostgreSQL
backup into PGlite (moving a province off the embedded default and back). Every checksum is checked first;
a target that holds data is refused unless --force (which replaces it). Blobs go into MOTCUA_FILES_DIR.
A physical backup (--physical) restores into an empty PostgreSQL data directory (--pgdata); with --wal-archive
PostgreSQL, once started on it, replays the archived WAL up to --until (ISO time, e.g. 2026-12-02T10:00:00+07:00)
or to the end, then opens read-write (point-in-time recovery). Give the directory to the postgres user first.`,
};

export async function backupCommand(config: Config, args: Parsed): Promise<number> {
  const dir = args.options.dir;
  if (typeof dir !== 'string' || !dir) throw new UsageError('missing --dir');
  const ctx = await openContext(config);
  try {
    await migrate(ctx.database.pool);
    const b = await createBackup(ctx, { root: dir, full: !!args.options.full, physical: !!args.options.physical });
    const m = b.manifest;
    console.log(`backup ${m.id} (${m.source.kind}, migration ${m.source.migrationLevel}${m.encryption ? ', encrypted' : ''}) in ${b.dir}`);
    console.log(`  database ${m.database.file} ${m.database.size} bytes; blobs: ${m.counts.blobsCopied} copied, ${m.counts.blobsReferenced} from earlier backups`);
    if (m.counts.fileRowsMissingBlob) console.log(`  warning: ${m.counts.fileRowsMissingBlob} file row(s) without their blob in the file store`);
    return 0;
  } finally {
    await ctx.database.close();
  }
}

export async function verifyCommand(config: Config, args: Parsed): Promise<number> {
  const dir = args.positional[2];
  if (!dir) throw new UsageError('missing <backup folder>');
  const report = await verifyBackup(deps(config), { backupDir: dir });
  console.log(formatVerifyReport(report));
  return report.ok ? 0 : 1;
}

export async function restoreCommand(config: Config, args: Parsed): Promise<number> {
  const dir = args.positional[1];
  if (!dir) throw new UsageError('missing <backup folder>');
  const to = args.options.to;
  const dataDir = args.options['data-dir'];
  const pgdata = args.options.pgdata;
  const walArchive = args.options['wal-archive'];
  const until = args.options.until;
  if (to === true || dataDir === true || pgdata === true || walArchive === true || until === true) throw new UsageError('--to, --data-dir, --pgdata, --wal-archive and --until need a value');
  if ([to, dataDir, pgdata].filter(Boolean).length > 1) throw new UsageError('give one of --to, --data-dir, --pgdata');
  if ((walArchive || until) && !pgdata) throw new UsageError('--wal-archive and --until go with --pgdata');
  if (to && !/^postgres(ql)?:\/\//.test(to)) throw new UsageError('--to must be a postgres:// URL');
  const target: RestoreTarget = pgdata
    ? { kind: 'pgdata', dataDir: resolve(pgdata), walArchive: walArchive ? resolve(walArchive) : undefined, until: until || undefined }
    : to
    ? { kind: 'postgresql', url: to }
    : dataDir
      ? { kind: 'pglite', dataDir: resolve(dataDir) }
      : config.databaseUrl
        ? { kind: 'postgresql', url: config.databaseUrl }
        : { kind: 'pglite', dataDir: resolve(config.dataDir) };
  let r;
  try {
    r = await restoreBackup(deps(config), { backupDir: dir, target, force: !!args.options.force });
  } catch (e) {
    return explain(e);
  }
  const where = target.kind === 'postgresql' ? redact(target.url) : target.dataDir;
  if (target.kind === 'pgdata') {
    console.log(`restored base backup ${r.backupId} into ${where}${target.walArchive ? `; PostgreSQL will replay ${target.walArchive}${target.until ? ` up to ${target.until}` : ''} when started` : ''}`);
    return 0;
  }
  console.log(`restored backup ${r.backupId} (${r.source}) into ${r.target} ${where}; ${r.blobsRestored} blob(s) written to ${config.filesDir}`);
  return 0;
}

function deps(config: Config) {
  return { clock: systemClock, config, blobStore: portsFromConfig(config, systemClock).blobStore };
}

/** A refused backup or target is the operator's to fix: print both messages, exit 1. */
function explain(e: unknown): number {
  if (!(e instanceof AppError)) throw e;
  console.error(`motcua: ${e.code}\n  ${message(e.code, 'vi', e.params)}\n  ${message(e.code, 'en', e.params)}`);
  return 1;
}
