// The hourly job of scheduled backups (MOTCUA_BACKUP_DIR set): backs up once per local day after
// MOTCUA_BACKUP_AT (so a server that was down at that hour catches up when it is back), and raises one
// alert per day while the last good backup is more than a day old.
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { JobDefinition } from '../../platform/jobs.js';
import { vnDateTime } from '../../platform/values.js';
import { backupDue, backupStale, staleAlertKey } from './backup-schedule.js';
import * as runs from './backup-runs.repo.js';
import { alert, completeBackupRun, startBackupRun, type RunOutcome } from './run-backup.js';

export async function runScheduledBackup(ctx: AppContext): Promise<{ ran: RunOutcome | null; staleAlert: boolean }> {
  const s = ctx.config.backupSchedule;
  if (!s) return { ran: null, staleAlert: false };
  const now = ctx.clock.now();
  let ran: RunOutcome | null = null;
  if (backupDue(now, s.at, (await runs.lastRun(ctx.db, 'backup'))?.started_at ?? null)) {
    try {
      ran = await completeBackupRun(ctx, await startBackupRun(ctx, 'schedule'));
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'BACKUP_ALREADY_RUNNING')) throw e;
    }
  }
  // stale: measured from the last good backup, or from the first attempt when none ever succeeded
  const lastOk = await runs.lastOk(ctx.db, 'backup');
  const since = lastOk?.finished_at ?? (await runs.firstRun(ctx.db))?.started_at ?? null;
  const stale = since !== null && backupStale(ctx.clock.now(), since);
  if (stale) {
    await alert(ctx, staleAlertKey(ctx.clock.now()), 'Không có bản sao lưu tốt trong hơn một ngày',
      lastOk ? `Bản sao lưu tốt gần nhất: ${lastOk.backup_id} lúc ${vnDateTime(lastOk.finished_at)}.` : 'Chưa có bản sao lưu nào thành công.');
  }
  return { ran, staleAlert: stale };
}

export const scheduledBackupJob: JobDefinition = { name: 'backups-scheduled', cron: '7 * * * *', run: runScheduledBackup };
