// Rate limits: one fixed-window counter per client address and bucket, shared by every method of a route.
// @fastify/rate-limit gives each route (and the HEAD twin Fastify adds to every GET) a store of its own, so
// HEAD had a second allowance on the public lookup; here all routes share one store and the key names the
// bucket (the route's `groupId`, else its URL pattern), never the method. Time comes from the app's clock.
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
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
