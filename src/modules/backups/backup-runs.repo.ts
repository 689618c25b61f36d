// The SQL of backup runs (migration 0025): one row per scheduled or requested backup and restore drill.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';

export interface BackupRunRow {
  id: string;
  kind: 'backup' | 'verify';
  trigger: 'schedule' | 'admin';
  status: 'running' | 'ok' | 'failed';
  started_at: Date;
  finished_at: Date | null;
  backup_id: string | null;
  bytes: string | number | null;
  details: unknown;
  error: string | null;
  requested_by: string | null;
}

/** Starts a run, or null when one is already running (the partial unique index decides, across processes). */
export async function startRun(db: Db, r: { kind: BackupRunRow['kind']; trigger: BackupRunRow['trigger']; at: Date; requestedBy?: string | null; backupId?: string | null }): Promise<string | null> {
  const id = randomUUID();
  const res = await db.insertInto('backup_runs')
    .values({ id, kind: r.kind, trigger: r.trigger, status: 'running', started_at: r.at, backup_id: r.backupId ?? null, requested_by: r.requestedBy ?? null })
    .onConflict((oc) => oc.doNothing()) // backup_runs_one_running
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

export async function finishRun(db: Db, id: string, r: { status: 'ok' | 'failed'; at: Date; backupId?: string | null; bytes?: number | null; details?: unknown; error?: string | null }): Promise<void> {
  await db.updateTable('backup_runs')
    .set({
      status: r.status, finished_at: r.at, bytes: r.bytes ?? null, error: r.error ?? null,
      details: r.details === undefined ? null : JSON.stringify(r.details),
      ...(r.backupId !== undefined ? { backup_id: r.backupId } : {}),
    })
    .where('id', '=', id).where('status', '=', 'running').execute();
}

/** Runs left "running" by a process that died: failed, so the next one may start. */
export async function failInterrupted(db: Db, before: Date, at: Date): Promise<number> {
  const r = await db.updateTable('backup_runs')
    .set({ status: 'failed', finished_at: at, error: 'Bị gián đoạn (máy chủ dừng giữa chừng) / interrupted (the server stopped)' })
    .where('status', '=', 'running').where('started_at', '<', before).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export const lastRun = (db: Db, kind: BackupRunRow['kind']) =>
  db.selectFrom('backup_runs').selectAll().where('kind', '=', kind).orderBy('started_at', 'desc').limit(1).executeTakeFirst() as Promise<BackupRunRow | undefined>;

export const lastOk = (db: Db, kind: BackupRunRow['kind']) =>
  db.selectFrom('backup_runs').selectAll().where('kind', '=', kind).where('status', '=', 'ok').orderBy('finished_at', 'desc').limit(1).executeTakeFirst() as Promise<BackupRunRow | undefined>;

export const recentRuns = (db: Db, limit: number) =>
  db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute() as Promise<BackupRunRow[]>;

export const runById = (db: Db, id: string) =>
  db.selectFrom('backup_runs').selectAll().where('id', '=', id).executeTakeFirst() as Promise<BackupRunRow | undefined>;

export const firstRun = (db: Db) =>
  db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'asc').limit(1).executeTakeFirst() as Promise<BackupRunRow | undefined>;
