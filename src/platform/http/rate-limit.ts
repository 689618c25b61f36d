// Rate limits: one fixed-window counter per client address and bucket, shared by every method of a route.
// @fastify/rate-limit gives each route (and the HEAD twin Fastify adds to every GET) a store of its own, so
// HEAD had a second allowance on the public lookup; here all routes share one store and the key names the
// bucket (the route's `groupId`, else its URL pattern), never the method. Time comes from the app's clock.
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { JobDefinition } from '../jobs.js';
import { AppError } from '../errors.js';
import { platformErrors } from '../platform.errors.js';

interface Window {
  current: number;
  start: number;
}

type Callback = (err: Error | null, res: { current: number; ttl: number }) => void;

/** Fixed windows in a bounded map (oldest entries go first when full). */
export class SharedWindowStore {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clock: Clock, private readonly capacity = 10_000) {}

  incr(key: string, cb: Callback, timeWindow: number): void {
    const now = this.clock.now().getTime();
    let w = this.windows.get(key);
    if (!w || w.start + timeWindow <= now) w = { current: 0, start: now };
    w.current += 1;
    this.windows.delete(key); // re-insert: the map's order is then least recently used first
    this.windows.set(key, w);
    if (this.windows.size > this.capacity) this.windows.delete(this.windows.keys().next().value!);
    cb(null, { current: w.current, ttl: w.start + timeWindow - now });
  }

  read(key: string, cb: Callback, timeWindow: number): void {
    const now = this.clock.now().getTime();
    const w = this.windows.get(key);
    if (!w || w.start + timeWindow <= now) cb(null, { current: 0, ttl: 0 });
    else cb(null, { current: w.current, ttl: w.start + timeWindow - now });
  }

  /** Every route uses this one store: the bucket is in the key. */
  child(): SharedWindowStore {
    return this;
  }
}

/**
 * The same fixed windows in PostgreSQL (table rate_limit_windows, migration 0040), so that every server
 * process and host on one database shares one allowance per address. One upsert per counted request: a
 * window that has ended starts again at 1.
 */
export class DatabaseWindowStore {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  incr(key: string, cb: Callback, timeWindow: number): void {
    const now = this.clock.now();
    sql<{ hits: number; start_ms: string }>`
      INSERT INTO rate_limit_windows AS w (key, window_start, window_ms, hits) VALUES (${key}, ${now}, ${timeWindow}, 1)
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN w.window_start + make_interval(secs => w.window_ms / 1000.0) <= ${now} THEN 1 ELSE w.hits + 1 END,
        window_start = CASE WHEN w.window_start + make_interval(secs => w.window_ms / 1000.0) <= ${now} THEN ${now} ELSE w.window_start END,
        window_ms = ${timeWindow}
      RETURNING hits, (extract(epoch from window_start) * 1000)::bigint::text AS start_ms`
      .execute(this.db)
      .then((r) => {
        const row = r.rows[0]!;
        cb(null, { current: row.hits, ttl: Number(row.start_ms) + timeWindow - now.getTime() });
      }, (err: Error) => cb(err, { current: 0, ttl: 0 }));
  }

  child(): DatabaseWindowStore {
    return this;
  }
}

/** Deletes the windows that ended before `now` (the table would otherwise keep one row per address ever seen). */
export async function pruneRateLimitWindows(db: Db, now: Date): Promise<number> {
  const r = await sql`DELETE FROM rate_limit_windows WHERE window_start + make_interval(secs => window_ms / 1000.0) < ${now}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Hourly: ended windows go. */
export const rateLimitPruneJob: JobDefinition = {
  name: 'rate-limit-windows-prune', cron: '17 * * * *',
  run: async (ctx) => ({ deleted: await pruneRateLimitWindows(ctx.db, ctx.clock.now()) }),
};

/** Client address and bucket; `groupId` is added by the plugin itself. */
export function bucketKey(req: FastifyRequest): string {
  const group = (req.routeOptions.config as { rateLimit?: { groupId?: string } } | undefined)?.rateLimit?.groupId;
  return group ? req.ip : `${req.ip}|${req.routeOptions.url ?? ''}`;
}

/** The 429 with the seconds to wait (the plugin also sets Retry-After). */
export function rateLimited(_req: FastifyRequest, context: { ttl: number }): AppError {
  return platformErrors.RATE_LIMITED({ seconds: Math.max(1, Math.ceil(context.ttl / 1000)) });
}

/**
 * The citizen look-up and the online copy of results take the receipt secret: one allowance for both,
 * whatever the method, so guessing secrets gets 30 tries a minute per address in all.
 */
export const PUBLIC_LOOKUP_LIMIT = { max: 30, timeWindow: 60_000, groupId: 'public-lookup' };
