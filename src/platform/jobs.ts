// Background jobs on pg-boss 10 (same database). Platform knows no module: modules define their jobs
// (name, optional cron, a plain service call) and the composition root (src/app.ts) hands the list to
// startJobs, which creates the queues, schedules them and runs them. Started by `motcua serve`.
import PgBoss from 'pg-boss';
import type { AppContext } from './context.js';
import { parseMultiHostUrl } from './db/multi-host.js';

/** Crons are evaluated in local time. */
export const JOBS_TZ = 'Asia/Ho_Chi_Minh';

export interface JobDefinition {
  /** pg-boss queue name (singleton policy: one run at a time). */
  name: string;
  /** Schedule in JOBS_TZ; without it the job runs only when sent. */
  cron?: string;
  run(ctx: AppContext): Promise<object | void>;
}

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

export interface JobOptions {
  /** Worker polling interval (default 2 s). */
  pollingIntervalSeconds?: number;
  /** How often pg-boss checks the schedules (default 30 s; tests shorten it). */
  cronMonitorIntervalSeconds?: number;
  onError?: (err: unknown) => void;
}

/** Key of the advisory lock that serialises the queues' registration between server processes. */
const REGISTRATION_LOCK = 7_164_371;

/**
 * Two servers starting at once on one PostgreSQL database would race in pg-boss's queue creation (one
 * process's schedule referring to the queue the other is still creating): the registration runs under a
 * session advisory lock. PGlite is one process, and its single pool client is pg-boss's too: no lock.
 */
async function oneProcessAtATime(ctx: AppContext, fn: () => Promise<void>): Promise<void> {
  if (ctx.database.kind === 'pglite') return fn();
  const client = await ctx.database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [REGISTRATION_LOCK]);
    try {
      await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [REGISTRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export async function startJobs(ctx: AppContext, definitions: JobDefinition[], opts: JobOptions = {}): Promise<Jobs> {
  // On PGlite, pg-boss shares the app's single pool client (see database.ts: concurrent connections to
  // pglite-socket can interleave protocol messages); on PostgreSQL it has its own small pool.
  // A multi-host URL (primary + standbys) is not one pg-boss understands: it goes through the app's pool too,
  // whose clients follow a promotion.
  const db = ctx.database.kind === 'pglite' || parseMultiHostUrl(ctx.database.url)
    ? { executeSql: (text: string, values: unknown[]) => ctx.database.pool.query(text, values as unknown[]) }
    : undefined;
  const cron = opts.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: opts.cronMonitorIntervalSeconds, cronWorkerIntervalSeconds: opts.cronMonitorIntervalSeconds } : {};
  const boss = new PgBoss(db ? { db, schema: 'pgboss', ...cron } : { connectionString: ctx.database.url, max: 2, schema: 'pgboss', ...cron });
  boss.on('error', (err) => opts.onError?.(err));
  await boss.start();
  await oneProcessAtATime(ctx, async () => {
    for (const job of definitions) {
      await boss.createQueue(job.name, { name: job.name, policy: 'singleton' }).catch(() => {}); // exists already
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: JOBS_TZ });
    }
  });
  for (const job of definitions) {
    await boss.work(job.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async () => (await job.run(ctx)) ?? undefined);
  }
  return {
    boss,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
