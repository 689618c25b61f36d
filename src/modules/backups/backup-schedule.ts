// When the scheduled backup is due and when the last good one is too old (pure). The job runs every hour; a
// backup is due once per local day after the configured time (MOTCUA_BACKUP_AT, Vietnam time), so a server
// that was down at that hour backs up as soon as it is back, and never twice a day. A full backup (every blob
// copied) is taken when the newest full one is older than MOTCUA_BACKUP_FULL_EVERY_DAYS, which lets retention
// drop old chains of incremental backups.

const VN_OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh, no daylight saving

export interface ScheduleSettings {
  /** Local time of day, HH:MM. */
  at: string;
  fullEveryDays: number;
}

/** The most recent scheduled instant at or before `now`. */
export function lastScheduledInstant(now: Date, at: string): Date {
  const [h, m] = at.split(':').map(Number) as [number, number];
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const today = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), h, m) - VN_OFFSET_MS;
  return new Date(today <= now.getTime() ? today : today - 86_400_000);
}

/** Due when no backup was started since the last scheduled instant (a failed one counts: it alerted, and the next try is tomorrow's, or an admin's). */
export function backupDue(now: Date, at: string, lastStartedAt: Date | null): boolean {
  return !lastStartedAt || lastStartedAt.getTime() < lastScheduledInstant(now, at).getTime();
}

export function fullBackupDue(now: Date, fullEveryDays: number, lastFullAt: Date | null): boolean {
  return !lastFullAt || now.getTime() - lastFullAt.getTime() >= fullEveryDays * 86_400_000;
}

/** The last good backup is older than a day (or there has never been one): the admins are told. */
export function backupStale(now: Date, lastOkAt: Date | null, maxAgeHours = 24): boolean {
  return !lastOkAt || now.getTime() - lastOkAt.getTime() > maxAgeHours * 3_600_000;
}

/** The key of the staleness alert: one per day of staleness, not one per hourly check. */
export function staleAlertKey(now: Date): string {
  return `backup-stale:${new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10)}`;
}
