// Use case: what the administrators' backup page shows — the schedule, the last good backup, the last
// verified restore, whether the last good backup is too old, the run in progress, recent runs and the
// backups on disk.
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { isoOrNull } from '../../platform/values.js';
import { actsFromTop } from '../org/permissions.js';
import { backupErrors } from './backups.errors.js';
import { backupStale } from './backup-schedule.js';
import { backupsOnDisk, isFull } from './backup-folder.js';
import * as runs from './backup-runs.repo.js';

export function requireBackupAdmin(p: Principal): void {
  if (!actsFromTop(p, 'org.manage')) throw backupErrors.BACKUPS_FORBIDDEN();
}

export async function backupStatus(ctx: AppContext, p: Principal) {
  requireBackupAdmin(p);
  const s = ctx.config.backupSchedule;
  const lastOk = await runs.lastOk(ctx.db, 'backup');
  const lastVerified = await runs.lastOk(ctx.db, 'verify');
  const recent = await runs.recentRuns(ctx.db, 20);
  const onDisk = s ? await backupsOnDisk(s.dir) : [];
  return {
    configured: !!s,
    schedule: s ? { at: s.at, keepDays: s.keepDays, fullEveryDays: s.fullEveryDays, verify: s.verify, encrypted: !!ctx.config.backupKey } : null,
    lastGoodBackup: lastOk ? runView(lastOk) : null,
    lastVerifiedRestore: lastVerified ? runView(lastVerified) : null,
    stale: !!s && backupStale(ctx.clock.now(), lastOk?.finished_at ?? null),
    running: recent.find((r) => r.status === 'running') ? runView(recent.find((r) => r.status === 'running')!) : null,
    recent: recent.map(runView),
    onDisk: onDisk.reverse().map((m) => ({
      id: m.id,
      createdAt: m.createdAt,
      full: isFull(m),
      source: m.source.kind,
      encrypted: m.encryption !== null,
      blobs: m.files.length,
      databaseBytes: m.database.storedSize,
    })),
  };
}

export function runView(r: runs.BackupRunRow) {
  return {
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    status: r.status,
    startedAt: isoOrNull(r.started_at)!,
    finishedAt: isoOrNull(r.finished_at),
    backupId: r.backup_id,
    bytes: r.bytes === null ? null : Number(r.bytes),
    details: (r.details ?? null) as Record<string, unknown> | null,
    error: r.error,
  };
}
