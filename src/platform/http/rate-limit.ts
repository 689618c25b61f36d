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

interface SyncedWindow {
  /** Start of the window as this process knows it (the database's, once synced). */
  start: number;
  /** Hits of every process as of the last sync (this one's included). */
  synced: number;
  /** This process's hits being written now. */
  inflight: number;
  /** This process's hits not yet written. */
  pending: number;
  /** Length of the window (the route's). */
  ms: number;
}

/**
 * The same fixed windows shared through PostgreSQL (table rate_limit_windows, migration 0040), so that every
 * server process and host on one database shares one allowance per address. A request is counted at once in
 * this process's memory and decided on what all processes had counted at the last sync plus this process's
 * own hits since; the new hits of every address reach the table in ONE upsert per `syncMs` (default 100 ms),
 * whose answer brings back the other processes' hits. So the hot path makes no round trip, and N processes
 * give a guesser at most the allowance plus what reaches the others within one sync interval.
 */
export class DatabaseWindowStore {
  private readonly windows = new Map<string, SyncedWindow>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;

  constructor(private readonly db: Db, private readonly clock: Clock, private readonly syncMs = 100, private readonly capacity = 10_000) {}

  incr(key: string, cb: Callback, timeWindow: number): void {
    const now = this.clock.now().getTime();
    let w = this.windows.get(key);
    if (!w || w.start + timeWindow <= now) w = { start: now, synced: 0, inflight: 0, pending: 0, ms: timeWindow };
    w.pending += 1;
    this.windows.delete(key); // least recently used first
    this.windows.set(key, w);
    if (this.windows.size > this.capacity) this.windows.delete(this.windows.keys().next().value!);
    this.schedule();
    cb(null, { current: w.synced + w.inflight + w.pending, ttl: w.start + timeWindow - now });
  }

  child(): DatabaseWindowStore {
    return this;
  }

  /** Writes every pending hit now (tests and shutdown; the timer does it otherwise). */
  async sync(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    while (this.syncing) await this.syncing;
    // hits of a window that has ended count for nothing any more (and would land in the next one's row)
    const now = this.clock.now().getTime();
    const batch = [...this.windows.entries()].filter(([, w]) => w.pending > 0 && w.start + w.ms > now);
    if (batch.length === 0) return;
    for (const [, w] of batch) { w.inflight = w.pending; w.pending = 0; }
    this.syncing = this.write(batch).finally(() => { this.syncing = null; });
    await this.syncing;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => { this.timer = null; this.sync().catch(() => {}); }, this.syncMs);
    this.timer.unref();
  }

  private async write(batch: Array<[string, SyncedWindow]>): Promise<void> {
    const now = this.clock.now();
    try {
      const r = await sql<{ key: string; hits: number; start_ms: string }>`
        INSERT INTO rate_limit_windows AS w (key, window_start, window_ms, hits)
        SELECT k, to_timestamp(s / 1000.0), ms, h
        FROM unnest(${batch.map(([k]) => k)}::text[], ${batch.map(([, w]) => w.start)}::float8[], ${batch.map(([, w]) => w.ms)}::int[], ${batch.map(([, w]) => w.inflight)}::int[]) AS b(k, s, ms, h)
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN w.window_start + make_interval(secs => w.window_ms / 1000.0) <= ${now} THEN excluded.hits ELSE w.hits + excluded.hits END,
          window_start = CASE WHEN w.window_start + make_interval(secs => w.window_ms / 1000.0) <= ${now} THEN excluded.window_start ELSE w.window_start END,
          window_ms = excluded.window_ms
        RETURNING key, hits, (extract(epoch from window_start) * 1000)::bigint::text AS start_ms`.execute(this.db);
      const sent = new Map(batch);
      for (const row of r.rows) {
        const w = sent.get(row.key)!;
        w.inflight = 0;
        // a window that ended here while its hits were on the way has been replaced: the answer is not its
        if (this.windows.get(row.key) !== w) continue;
        w.synced = row.hits;
        w.start = Number(row.start_ms);
      }
    } catch {
      // the database is away: the hits stay counted here and go with the next sync
      for (const [, w] of batch) { w.pending += w.inflight; w.inflight = 0; }
    }
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
