// Use case: an administrator asks for a backup now. The run is claimed at once (409 when one is running)
// and done in the background; the page follows it through the status.
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { requireBackupAdmin, runView } from './backup-status.js';
import * as runs from './backup-runs.repo.js';
import { completeBackupRun, startBackupRun } from './run-backup.js';

export async function requestBackup(ctx: AppContext, p: Principal, onDone?: (e?: unknown) => void) {
  requireBackupAdmin(p);
  const id = await startBackupRun(ctx, 'admin', p.userId);
  void completeBackupRun(ctx, id).then(() => onDone?.(), (e: unknown) => onDone?.(e));
  return runView((await runs.runById(ctx.db, id))!);
}
