// The backups module's service: what routes, jobs and other modules call. The CLI (src/cli/backup-commands.ts)
// calls the use cases createBackup / restoreBackup / verifyBackup directly.
export { backupStatus } from './backup-status.js';
export { requestBackup } from './request-backup.js';
export { runScheduledBackup, scheduledBackupJob } from './scheduled-backup.js';
