// A checked backup's database opened in memory (PGlite), whatever its source: a PGlite data-dir image is
// loaded as is; a pg_dump (PostgreSQL) is turned into plain SQL and run through PGlite. Used by verify and by
// the restore of a PGlite backup into PostgreSQL. The caller closes it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPglite, openDatabase, type Database } from '../../platform/db/database.js';
import type { CheckedBackup } from './check-backup.js';
import { loadPlainSql } from './plain-sql.js';
import { pgRestoreToSql } from './pg-tools.js';
import { readAll, readStored } from './stored-file.js';

export async function databaseBytes(b: CheckedBackup): Promise<Buffer> {
  return readAll(readStored(b.databasePath, b.manifest.encryption !== null, b.key));
}

/** A custom-format dump in the clear on disk (pg_restore reads a file); removed by the returned function. */
export async function plainDumpFile(b: CheckedBackup): Promise<{ file: string; remove: () => Promise<void> }> {
  if (b.manifest.encryption === null) return { file: b.databasePath, remove: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'motcua-restore-'));
  const file = join(dir, 'database.pgdump');
  await writeFile(file, await databaseBytes(b), { mode: 0o600 });
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function openScratch(b: CheckedBackup): Promise<Database> {
  if (b.manifest.database.format === 'pglite-datadir-tar') {
    return openDatabase({ loadDataDir: new Blob([new Uint8Array(await databaseBytes(b))]) });
  }
  const dump = await plainDumpFile(b);
  try {
    const lite = await createPglite({});
    await loadPlainSql(lite, await pgRestoreToSql(dump.file));
    return openDatabase({ pglite: lite });
  } finally {
    await dump.remove();
  }
}
