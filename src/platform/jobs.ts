// Background jobs on pg-boss 10 (same database): the scheduled deadline sweep. The sweep itself is a plain
// service function (sweepDeadlines); this file only schedules and runs it. Started by `motcua serve`.
import PgBoss from 'pg-boss';
import type { AppContext } from './context.js';
import { sweepDeadlines } from '../modules/dossiers/dossiers.service.js';

export const DEADLINE_SWEEP = 'deadline-sweep';
/** Every 5 minutes, local time (the cron is evaluated in Asia/Ho_Chi_Minh). */
export const DEADLINE_SWEEP_CRON = '*/5 * * * *';
export const JOBS_TZ = 'Asia/Ho_Chi_Minh';

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

export interface JobOptions {
  /** Worker polling interval (default 2 s). */
  pollingIntervalSeconds?: number;
  onError?: (err: unknown) => void;
}

export async function startJobs(ctx: AppContext, opts: JobOptions = {}): Promise<Jobs> {
  // On PGlite, pg-boss shares the app's single pool client (see database.ts: concurrent connections to
  // pglite-socket can interleave protocol messages); on PostgreSQL it has its own small pool.
  const db = ctx.database.kind === 'pglite'
    ? { executeSql: (text: string, values: unknown[]) => ctx.database.pool.query(text, values as unknown[]) }
    : undefined;
  const boss = new PgBoss(db ? { db, schema: 'pgboss' } : { connectionString: ctx.database.url, max: 2, schema: 'pgboss' });
  boss.on('error', (err) => opts.onError?.(err));
  await boss.start();
  await boss.createQueue(DEADLINE_SWEEP, { name: DEADLINE_SWEEP, policy: 'singleton' }).catch(() => {});
  await boss.schedule(DEADLINE_SWEEP, DEADLINE_SWEEP_CRON, {}, { tz: JOBS_TZ });
  await boss.work(DEADLINE_SWEEP, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async () => {
    return sweepDeadlines(ctx, ctx.clock.now());
  });
  return {
    boss,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
