// The dossiers module's background job: the deadline sweep (marks overdue dossiers, a system event each),
// scheduled by the platform's job runner from the composition root.
import type { JobDefinition } from '../../platform/jobs.js';
import { sweepDeadlines } from './dossiers.service.js';

export const DEADLINE_SWEEP = 'deadline-sweep';
/** Every 5 minutes, local time (the cron is evaluated in Asia/Ho_Chi_Minh). */
export const DEADLINE_SWEEP_CRON = '*/5 * * * *';

export const deadlineSweepJob: JobDefinition = {
  name: DEADLINE_SWEEP,
  cron: DEADLINE_SWEEP_CRON,
  run: (ctx) => sweepDeadlines(ctx, ctx.clock.now()),
};
