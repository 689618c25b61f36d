// Use case: one backup run as the schedule or an administrator asks for it — the backup (full when the
// newest full one is old enough, else incremental), then the restore drill (verify) of that very backup,
// then retention (only after a verified backup: a bad backup never costs a good old one). Every step is a
// backup_runs row; a failure is recorded with its reason and raised to the operators (sendOperatorAlert).
// Only one run at a time, across processes (a unique index on the running row).
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { message } from '../../platform/i18n/messages.js';
import { vnDateTime } from '../../platform/values.js';
import { sendOperatorAlert } from '../notifications/notifications.service.js';
import { backupErrors } from './backups.errors.js';
import { fullBackupDue } from './backup-schedule.js';
import { backupsOnDisk, isFull, pruneBackups } from './backup-folder.js';
import * as runs from './backup-runs.repo.js';
import { createBackup } from './create-backup.js';
import { verifyBackup } from './verify-backup.js';

export const BACKUPS_ADMIN_PATH = '/can-bo/admin/backups';
/** A run still "running" after this long belongs to a process that died. */
const INTERRUPTED_AFTER_MS = 12 * 3_600_000;
/** Retention keeps at least this many backups whatever their age. */
const KEEP_AT_LEAST = 3;

export interface RunOutcome {
  runId: string;
  status: 'ok' | 'failed';
  backupId: string | null;
  verified: boolean | null;
  pruned: string[];
  error: string | null;
}

/** Claims the single running slot, or BACKUP_ALREADY_RUNNING. */
export async function startBackupRun(ctx: AppContext, trigger: 'schedule' | 'admin', requestedBy: string | null = null): Promise<string> {
  if (!ctx.config.backupSchedule) throw backupErrors.BACKUPS_NOT_CONFIGURED();
  const now = ctx.clock.now();
  await runs.failInterrupted(ctx.db, new Date(now.getTime() - INTERRUPTED_AFTER_MS), now);
  const id = await runs.startRun(ctx.db, { kind: 'backup', trigger, at: now, requestedBy });
  if (!id) throw backupErrors.BACKUP_ALREADY_RUNNING();
  return id;
}

/** Does the work of a started run; never throws (the outcome is recorded and alerted). */
export async function completeBackupRun(ctx: AppContext, runId: string): Promise<RunOutcome> {
  const s = ctx.config.backupSchedule!;
  const run = (await runs.runById(ctx.db, runId))!;
  const out: RunOutcome = { runId, status: 'failed', backupId: null, verified: null, pruned: [], error: null };
  let dir: string;
  try {
    const onDisk = await backupsOnDisk(s.dir);
    const lastFull = onDisk.filter(isFull).at(-1);
    const full = fullBackupDue(ctx.clock.now(), s.fullEveryDays, lastFull ? new Date(lastFull.createdAt) : null);
    const b = await createBackup(ctx, { root: s.dir, full });
    dir = b.dir;
    out.backupId = b.manifest.id;
    const copied = b.manifest.files.filter((f) => f.in === b.manifest.id).reduce((n, f) => n + f.storedSize, 0);
    await runs.finishRun(ctx.db, runId, {
      status: 'ok', at: ctx.clock.now(), backupId: b.manifest.id, bytes: b.manifest.database.storedSize + copied,
      details: { full, source: b.manifest.source.kind, encrypted: b.manifest.encryption !== null, ...b.manifest.counts },
    });
  } catch (e) {
    out.error = errorText(e);
    await runs.finishRun(ctx.db, runId, { status: 'failed', at: ctx.clock.now(), error: out.error });
    await alert(ctx, `backup-failed:${runId}`, 'Sao lưu không thành công', `Lần sao lưu bắt đầu lúc ${vnDateTime(run.started_at)} bị lỗi: ${out.error}`);
    return out;
  }
  if (s.verify) {
    out.verified = await drill(ctx, run.trigger, dir, out.backupId!);
    if (!out.verified) return { ...out, status: 'failed', error: 'Kiểm tra khôi phục không đạt / restore drill failed' };
  }
  out.pruned = await pruneBackups(s.dir, ctx.clock.now(), { keepDays: s.keepDays, keepAtLeast: KEEP_AT_LEAST }).catch(() => []);
  return { ...out, status: 'ok' };
}

/** The restore drill of the backup just made: restored into a scratch database and checked. */
async function drill(ctx: AppContext, trigger: 'schedule' | 'admin', dir: string, backupId: string): Promise<boolean> {
  const id = await runs.startRun(ctx.db, { kind: 'verify', trigger, at: ctx.clock.now(), backupId });
  if (!id) return false;
  try {
    const r = await verifyBackup(ctx, { backupDir: dir });
    await runs.finishRun(ctx.db, id, { status: r.ok ? 'ok' : 'failed', at: ctx.clock.now(), details: { counts: r.counts, problems: r.problems.slice(0, 20) }, error: r.ok ? null : `${r.problems.length} vấn đề / problems` });
    if (!r.ok) await alert(ctx, `backup-verify-failed:${id}`, 'Bản sao lưu không khôi phục được đúng', `Bản sao lưu ${backupId}: ${r.problems.slice(0, 5).map((p) => `${p.code} ${p.detail}`).join('; ')}`);
    return r.ok;
  } catch (e) {
    await runs.finishRun(ctx.db, id, { status: 'failed', at: ctx.clock.now(), error: errorText(e) });
    await alert(ctx, `backup-verify-failed:${id}`, 'Bản sao lưu không khôi phục được', `Bản sao lưu ${backupId}: ${errorText(e)}`);
    return false;
  }
}

export async function alert(ctx: AppContext, key: string, title: string, details: string): Promise<void> {
  await ctx.db.transaction().execute((trx) => sendOperatorAlert(ctx, trx, { key, title, details, adminPath: BACKUPS_ADMIN_PATH }));
}

function errorText(e: unknown): string {
  const m = e instanceof AppError ? message(e.code, 'vi', e.params) : e instanceof Error ? e.message : String(e);
  return m.slice(0, 1000) || 'không rõ lỗi / unknown error';
}
