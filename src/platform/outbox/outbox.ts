// The transactional outbox (docs/architecture.md §4 rule 4). Platform knows no module: a module defines its
// topics (name, version, zod schema), enqueues messages inside its own business transaction, and registers a
// handler per topic through the composition root (src/app.ts outboxHandlers). Delivery is a pg-boss job.
//
// Guarantees, and how:
// - no message without its business change, none lost with it: the row is written by the caller's
//   transaction (`enqueue(ctx, trx, …)`): rollback → no row, commit → a row that stays until delivered;
// - one row per logical message: UNIQUE (topic, dedupe_key), enqueue is INSERT … ON CONFLICT DO NOTHING;
// - claimed once at a time: a short statement takes due rows with FOR UPDATE SKIP LOCKED and leases them
//   (claimed_until, claim_token). The provider call then runs outside any transaction, which is what makes
//   this work on PGlite's single connection (a handler may use ctx.db) and keeps PostgreSQL locks short;
// - a crash never loses one: a claim whose transaction aborts leaves the row untouched, a worker that dies
//   after claiming leaves a lease that expires, and the row is claimed again;
// - at-least-once, so handlers get the message id as their idempotency key (providers and the recording
//   adapters answer a repeated key once);
// - a failing handler: the error and its time are recorded, the row is due again after a backoff (attempts
//   count claims, a crash included). Rows are never deleted by delivery: the table is the log of what was sent.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import type { JobDefinition } from '../jobs.js';
import { backoffMs } from './backoff.js';

/** A kind of message: a stable name, a version (bumped when the payload changes shape) and its schema. */
export interface Topic<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly version: number;
  readonly schema: S;
}

const TOPIC_NAME = /^[a-z][a-z0-9]*(\.[a-z][a-z0-9_-]*)+$/;

/** `name` is dotted, module first (`notifications.sms`); payloads must survive JSON (use z.coerce.date()). */
export function defineTopic<S extends z.ZodType>(t: { name: string; version: number; schema: S }): Topic<S> {
  if (!TOPIC_NAME.test(t.name)) throw new Error(`outbox topic name ${JSON.stringify(t.name)}: use module.kind (lower case, dotted)`);
  if (!Number.isInteger(t.version) || t.version < 1) throw new Error(`outbox topic ${t.name}: version must be an integer ≥ 1`);
  return Object.freeze({ ...t });
}

export interface OutboxMessage<T = unknown> {
  /** Stable across redeliveries: pass it to the provider as the idempotency key. */
  id: string;
  topic: string;
  version: number;
  key: string;
  payload: T;
  /** 1 on the first delivery. */
  attempt: number;
  createdAt: Date;
}

export interface OutboxHandler<S extends z.ZodType = z.ZodType> {
  topic: Topic<S>;
  /**
   * A named subscriber gets its own copy of every message of the topic (fan-out at delivery: own attempts,
   * errors, back-off). Several handlers of one topic must all be named; an unnamed sole handler gets the
   * enqueued row itself.
   */
  subscriber?: string;
  handle(ctx: AppContext, message: OutboxMessage<z.output<S>>): Promise<void>;
}

/** Typed helper for modules: `onTopic(SmsTopic, async (ctx, m) => …)`. */
export function onTopic<S extends z.ZodType>(topic: Topic<S>, handle: OutboxHandler<S>['handle'], subscriber?: string): OutboxHandler<S> {
  return subscriber ? { topic, handle, subscriber } : { topic, handle };
}

/** The same handler as a named subscriber of its topic (the composition root names the consumers of a shared topic). */
export function asSubscriber<S extends z.ZodType>(h: OutboxHandler<S>, subscriber: string): OutboxHandler<S> {
  return { ...h, subscriber };
}

export class OutboxPayloadInvalid extends Error {
  constructor(readonly topic: string, readonly version: number, readonly issues: z.core.$ZodIssue[]) {
    super(`outbox: invalid payload for topic ${topic} v${version}: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'OutboxPayloadInvalid';
  }
}

export interface NewMessage<S extends z.ZodType> {
  topic: Topic<S>;
  payload: z.input<S>;
  /** Dedupe key: one message per (topic, key) ever. Default: none (every enqueue is a new message). */
  key?: string;
  /** Not before this time (default: now). */
  availableAt?: Date;
}

/**
 * Writes the message in the caller's transaction. Validates the payload against the topic's schema and checks
 * that it survives the trip through JSON (what the delivery will parse). Returns the row's id, also when the
 * key was enqueued before (`created: false`).
 */
/** The message's validated JSON (it must survive a JSON round trip unchanged in meaning). */
function messageJson<S extends z.ZodType>(m: NewMessage<S>): string {
  const { topic } = m;
  const parsed = topic.schema.safeParse(m.payload);
  if (!parsed.success) throw new OutboxPayloadInvalid(topic.name, topic.version, parsed.error.issues);
  const json = JSON.stringify(parsed.data);
  const again = topic.schema.safeParse(JSON.parse(json));
  if (!again.success) throw new OutboxPayloadInvalid(topic.name, topic.version, again.error.issues.map((i) => ({ ...i, message: `${i.message} (after JSON: use JSON-safe types)` })));
  return json;
}

function insertMessage<S extends z.ZodType>(ctx: { clock: Clock }, m: NewMessage<S>, id: string) {
  const json = messageJson(m);
  const now = ctx.clock.now();
  return sql<{ id: string }>`
    INSERT INTO outbox (id, topic, version, dedupe_key, payload, created_at, available_at)
    VALUES (${id}, ${m.topic.name}, ${m.topic.version}, ${m.key ?? id}, ${json}::jsonb, ${now}, ${m.availableAt ?? now})
    ON CONFLICT (topic, subscriber, dedupe_key) DO NOTHING
    RETURNING id`;
}

export async function enqueue<S extends z.ZodType>(ctx: { clock: Clock }, trx: Db, m: NewMessage<S>): Promise<{ id: string; created: boolean }> {
  const id = randomUUID();
  const key = m.key ?? id;
  const inserted = await insertMessage(ctx, m, id).execute(trx);
  if (inserted.rows.length) return { id, created: true };
  const existing = await sql<{ id: string }>`SELECT id FROM outbox WHERE topic = ${m.topic.name} AND subscriber = '' AND dedupe_key = ${key}`.execute(trx);
  return { id: existing.rows[0]!.id, created: false };
}

/** The same message as a write of the transaction's last batch (WriteBatch): no answer, a duplicate key is skipped. */
export function enqueueQuery<S extends z.ZodType>(ctx: { clock: Clock }, trx: Db, m: NewMessage<S>) {
  return insertMessage(ctx, m, randomUUID()).compile(trx);
}

export interface ClaimedRow {
  id: string;
  topic: string;
  version: number;
  dedupe_key: string;
  payload: unknown;
  created_at: Date;
  attempts: number;
  claim_token: string;
  subscriber: string;
  /** Insertion order (migration 0041). */
  seq: string;
}

/** Default lease: the longest a handler may take before its message is handed to another worker. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/**
 * Takes up to `limit` due rows and leases them to `token` until now + leaseMs. One statement: on PostgreSQL
 * concurrent claimers skip each other's locked rows; on PGlite statements are serial anyway. `db` may be a
 * transaction (an aborted one leaves the rows as they were).
 */
export async function claimDue(db: Db, now: Date, opts: { limit: number; leaseMs: number; token?: string }): Promise<ClaimedRow[]> {
  const token = opts.token ?? randomUUID();
  const until = new Date(now.getTime() + opts.leaseMs);
  const r = await sql<ClaimedRow>`
    UPDATE outbox SET attempts = attempts + 1, claimed_until = ${until}, claim_token = ${token}
    WHERE id IN (
      SELECT id FROM outbox
      WHERE delivered_at IS NULL AND available_at <= ${now} AND (claimed_until IS NULL OR claimed_until <= ${now})
      ORDER BY available_at, seq
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, topic, version, dedupe_key, payload, created_at, attempts, claim_token, subscriber, seq::text AS seq`.execute(db);
  // handled oldest first, and in insertion order within one instant (RETURNING keeps no order)
  return r.rows.sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at) || Number(BigInt(a.seq) - BigInt(b.seq)));
}

export interface DeliveryOptions {
  /** Rows per claim (default 20). */
  batch?: number;
  /** Stop after this many claims in one run (default 50): a long backlog is shared with the next run. */
  maxBatches?: number;
  leaseMs?: number;
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
}

/** One delivery run: claims due rows batch by batch and hands each to its topic's handler. */
export async function deliverDue(ctx: AppContext, handlers: readonly OutboxHandler[], opts: DeliveryOptions = {}): Promise<DeliveryReport> {
  const registry = handlerRegistry(handlers);
  const report: DeliveryReport = { delivered: 0, failed: 0 };
  const maxBackoff = ctx.config.outbox.maxBackoffSeconds * 1000;
  for (let i = 0; i < (opts.maxBatches ?? 50); i++) {
    const rows = await claimDue(ctx.db, ctx.clock.now(), { limit: opts.batch ?? 20, leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS });
    if (!rows.length) break;
    for (const row of rows) {
      try {
        const subs = registry.get(topicKey(row.topic, row.version));
        if (!subs) throw new Error(`no handler registered for topic ${row.topic} v${row.version}`);
        if (row.subscriber === '' && subs.named) {
          await fanOut(ctx, row, [...subs.bySubscriber.keys()]);
          report.delivered++;
          continue;
        }
        const h = subs.bySubscriber.get(row.subscriber);
        if (!h) throw new Error(`no subscriber ${JSON.stringify(row.subscriber)} for topic ${row.topic} v${row.version}`);
        const parsed = h.topic.schema.safeParse(row.payload);
        if (!parsed.success) throw new OutboxPayloadInvalid(row.topic, row.version, parsed.error.issues);
        await h.handle(ctx, { id: row.id, topic: row.topic, version: row.version, key: row.dedupe_key, payload: parsed.data, attempt: row.attempts, createdAt: new Date(row.created_at) });
        await sql`UPDATE outbox SET delivered_at = ${ctx.clock.now()}, claimed_until = NULL
                  WHERE id = ${row.id} AND delivered_at IS NULL`.execute(ctx.db);
        report.delivered++;
      } catch (e) {
        const now = ctx.clock.now();
        const next = new Date(now.getTime() + backoffMs(row.attempts, maxBackoff, row.id));
        // only the lease holder records its failure: a worker whose lease expired must not push back a retry
        await sql`UPDATE outbox SET last_error = ${errorText(e)}, last_error_at = ${now}, available_at = ${next},
                    claimed_until = NULL, claim_token = NULL
                  WHERE id = ${row.id} AND claim_token = ${row.claim_token} AND delivered_at IS NULL`.execute(ctx.db);
        report.failed++;
      }
    }
  }
  return report;
}

/** The pg-boss job that delivers the outbox (every minute; pg-boss's cron has minute resolution). */
export function outboxDeliveryJob(handlers: readonly OutboxHandler[], opts: DeliveryOptions = {}): JobDefinition {
  return { name: 'outbox-deliver', cron: '* * * * *', run: (ctx) => deliverDue(ctx, handlers, opts) };
}

function topicKey(name: string, version: number): string {
  return `${name}@${version}`;
}

interface Subscribers {
  /** true: the topic's rows are fanned out to named subscribers; false: its sole handler takes them as they are. */
  named: boolean;
  bySubscriber: Map<string, OutboxHandler>;
}

function handlerRegistry(handlers: readonly OutboxHandler[]): Map<string, Subscribers> {
  const m = new Map<string, Subscribers>();
  for (const h of handlers) {
    const k = topicKey(h.topic.name, h.topic.version);
    const s = m.get(k) ?? { named: !!h.subscriber, bySubscriber: new Map<string, OutboxHandler>() };
    const name = h.subscriber ?? '';
    if (s.bySubscriber.size && (!s.named || !h.subscriber)) throw new Error(`topic ${h.topic.name} v${h.topic.version} has several handlers: name each one (subscriber)`);
    if (s.bySubscriber.has(name)) throw new Error(`two outbox handlers for topic ${h.topic.name} v${h.topic.version}${name ? ` subscriber ${name}` : ''}`);
    s.bySubscriber.set(name, h);
    m.set(k, s);
  }
  return m;
}

/**
 * Replaces an enqueued row by one copy per subscriber (same topic, key, payload and creation time, due now),
 * in one transaction: the copies exist if and only if the original is marked delivered. A copy that exists
 * already (a fan-out repeated after a crash) is kept as it is.
 */
async function fanOut(ctx: AppContext, row: ClaimedRow, subscribers: string[]): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const name of subscribers) {
      await sql`INSERT INTO outbox (id, topic, version, dedupe_key, subscriber, payload, created_at, available_at)
                VALUES (${randomUUID()}, ${row.topic}, ${row.version}, ${row.dedupe_key}, ${name}, ${JSON.stringify(row.payload)}::jsonb, ${row.created_at}, ${now})
                ON CONFLICT (topic, subscriber, dedupe_key) DO NOTHING`.execute(trx);
    }
    await sql`UPDATE outbox SET delivered_at = ${now}, claimed_until = NULL WHERE id = ${row.id} AND delivered_at IS NULL`.execute(trx);
  });
}

function errorText(e: unknown): string {
  const s = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return s.slice(0, 2000);
}

export interface OutboxStatus {
  /** Not delivered yet, by topic. */
  pending: { topic: string; version: number; count: number; due: number; failing: number }[];
  delivered: number;
  /** The undelivered messages whose last attempt failed, oldest first (at most `limit`). */
  failing: { id: string; topic: string; key: string; attempts: number; lastError: string; lastErrorAt: Date; availableAt: Date }[];
}

/** What an operator asks first: is anything stuck, and why (`motcua outbox`). */
export async function outboxStatus(db: Db, now: Date, limit = 20): Promise<OutboxStatus> {
  const pending = await sql<{ topic: string; version: number; count: string; due: string; failing: string }>`
    SELECT topic, version, count(*) AS count,
           count(*) FILTER (WHERE available_at <= ${now}) AS due,
           count(*) FILTER (WHERE last_error IS NOT NULL) AS failing
    FROM outbox WHERE delivered_at IS NULL GROUP BY topic, version ORDER BY topic, version`.execute(db);
  const delivered = await sql<{ n: string }>`SELECT count(*) AS n FROM outbox WHERE delivered_at IS NOT NULL`.execute(db);
  const failing = await sql<{ id: string; topic: string; dedupe_key: string; attempts: number; last_error: string; last_error_at: Date; available_at: Date }>`
    SELECT id, topic, dedupe_key, attempts, last_error, last_error_at, available_at FROM outbox
    WHERE delivered_at IS NULL AND last_error IS NOT NULL ORDER BY created_at LIMIT ${limit}`.execute(db);
  return {
    pending: pending.rows.map((r) => ({ topic: r.topic, version: r.version, count: Number(r.count), due: Number(r.due), failing: Number(r.failing) })),
    delivered: Number(delivered.rows[0]!.n),
    failing: failing.rows.map((r) => ({ id: r.id, topic: r.topic, key: r.dedupe_key, attempts: r.attempts, lastError: r.last_error, lastErrorAt: new Date(r.last_error_at), availableAt: new Date(r.available_at) })),
  };
}

/** Plain-text report of outboxStatus for the command line. */
export function formatOutboxStatus(s: OutboxStatus): string {
  const lines = [`delivered: ${s.delivered}`];
  if (!s.pending.length) lines.push('pending: none');
  for (const p of s.pending) lines.push(`pending ${p.topic} v${p.version}: ${p.count} (due now ${p.due}, failing ${p.failing})`);
  for (const f of s.failing) lines.push(`  failing ${f.id} ${f.topic} key=${f.key} attempts=${f.attempts} next=${f.availableAt.toISOString()}: ${f.lastError}`);
  return lines.join('\n');
}
