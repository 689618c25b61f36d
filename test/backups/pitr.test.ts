// Point-in-time recovery (issue 20, part 1's remainder) with real PostgreSQL clusters this test makes itself:
// the source archives its WAL (archive_command), `createBackup({ physical: true })` takes a base backup
// (pg_basebackup), rows are written after it, and `restoreBackup` into an empty data directory with the WAL
// archive brings back the state of any later moment: the end of the archive, or a time in between (--until).
// PostgreSQL suite only (Debian cluster tools, root), like the standby test.
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { systemClock } from '../../src/platform/clock.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrations.js';
import { FsBlobStore } from '../../src/platform/ports/blob-store.js';
import { createBackup } from '../../src/modules/backups/create-backup.js';
import { restoreBackup } from '../../src/modules/backups/restore-backup.js';
import { verifyBackup } from '../../src/modules/backups/verify-backup.js';
import { RUN_ID } from '../db-names.js';
import { CAN_MAKE_CLUSTERS, createCluster, dropClusters, emptyDataDir, freePort, psql, sh, startCluster, stopCluster, until } from './clusters.js';

const SOURCE = `motcua_a_${RUN_ID}`;
const TARGET = `motcua_r_${RUN_ID}`;
const archive = `/var/lib/postgresql/motcua-wal-${RUN_ID}`;
const tmp = mkdtempSync(join(tmpdir(), 'motcua-pitr-'));
let ports: { source: number; target: number };
let db: Database;

describe.skipIf(!CAN_MAKE_CLUSTERS)('point-in-time recovery from a base backup and the WAL archive', () => {
  beforeAll(async () => {
    ports = { source: await freePort(), target: await freePort() };
    mkdirSync(archive, { recursive: true });
    sh('chown', ['postgres:postgres', archive]);
    createCluster(SOURCE, ports.source);
    startCluster(SOURCE);
    psql(ports.source, 'ALTER SYSTEM SET archive_mode = on');
    psql(ports.source, `ALTER SYSTEM SET archive_command = 'test ! -f ${archive}/%f && cp %p ${archive}/%f'`);
    stopCluster(SOURCE);
    startCluster(SOURCE);
    psql(ports.source, 'CREATE DATABASE motcua');
    db = await openDatabase({ url: `postgres://postgres@127.0.0.1:${ports.source}/motcua`, poolMax: 2 });
    await migrate(db.pool);
    createCluster(TARGET, ports.target);
  }, 180_000);

  afterAll(async () => {
    await db?.close();
    dropClusters([SOURCE, TARGET]);
    rmSync(archive, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  });

  it('restores the end of the archive, and any moment before it with --until', async () => {
    const q = (sql: string) => db.pool.query(sql);
    await q('CREATE TABLE pitr_probe (n int PRIMARY KEY, note text NOT NULL)');
    await q(`INSERT INTO pitr_probe SELECT g, 'before the backup' FROM generate_series(1, 10) g`);
    const config = loadConfig({ DATABASE_URL: `postgres://postgres@127.0.0.1:${ports.source}/motcua`, LOG_LEVEL: 'silent' });
    const deps = { clock: systemClock, config, blobStore: new FsBlobStore(join(tmp, 'files')), database: db };
    const backup = await createBackup(deps, { root: join(tmp, 'backups'), physical: true });
    expect(backup.manifest.database).toMatchObject({ format: 'pg_basebackup-tar', file: 'database.basebackup.tar' });
    await expect(verifyBackup(deps, { backupDir: backup.dir })).rejects.toMatchObject({ code: 'BACKUP_UNSUPPORTED' });

    await q(`INSERT INTO pitr_probe SELECT g, 'after the backup' FROM generate_series(11, 20) g`);
    // the target is passed in milliseconds: taken in the same millisecond as the commit, it would fall before it
    await new Promise((r) => setTimeout(r, 20));
    const target = (await q('SELECT now() AS t')).rows[0].t as Date;
    await new Promise((r) => setTimeout(r, 1200));
    await q(`INSERT INTO pitr_probe SELECT g, 'after the target time' FROM generate_series(21, 30) g`);
    const last = String((await q('SELECT pg_walfile_name(pg_switch_wal()) AS f')).rows[0].f);
    await until('the last WAL segment archived', () => readdirSync(archive).includes(last));

    const restoreAndCount = async (untilTime?: string) => {
      try {
        stopCluster(TARGET);
      } catch { /* not running yet */ }
      const dir = emptyDataDir(TARGET);
      rmSync(dir, { recursive: true, force: true }); // restore makes it
      const r = await restoreBackup(deps, { backupDir: backup.dir, target: { kind: 'pgdata', dataDir: dir, walArchive: archive, until: untilTime } });
      expect(r).toMatchObject({ target: 'pgdata', source: 'postgresql' });
      // the operator's part: the restored server must not archive into the source's archive
      appendFileSync(join(dir, 'postgresql.auto.conf'), "archive_mode = 'off'\n");
      sh('chown', ['-R', 'postgres:postgres', dir]);
      startCluster(TARGET);
      await until('recovery to finish', () => psql(ports.target, 'SELECT pg_is_in_recovery()') === 'f');
      return psql(ports.target, 'SELECT count(*) || \' \' || max(n) FROM pitr_probe', 'motcua');
    };
    expect(await restoreAndCount()).toBe('30 30'); // the whole archive: every row written after the backup too
    expect(await restoreAndCount(new Date(target).toISOString())).toBe('20 20'); // the moment in between
  }, 240_000);

  it('refuses a physical backup into a database, and --until without an archive', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const deps = { clock: systemClock, config, blobStore: new FsBlobStore(join(tmp, 'files')) };
    const dir = readdirSync(join(tmp, 'backups')).map((n) => join(tmp, 'backups', n))[0]!;
    await expect(restoreBackup(deps, { backupDir: dir, target: { kind: 'postgresql', url: 'postgres://postgres@127.0.0.1:5432/none' } }))
      .rejects.toMatchObject({ code: 'BACKUP_UNSUPPORTED' });
    await expect(restoreBackup(deps, { backupDir: dir, target: { kind: 'pgdata', dataDir: join(tmp, 'x'), until: '2026-12-02T10:00:00+07:00' } }))
      .rejects.toMatchObject({ code: 'BACKUP_UNSUPPORTED' });
  });
});
