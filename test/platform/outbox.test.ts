// The transactional outbox on a real database (PGlite by default, PostgreSQL with TEST_DATABASE_URL): no
// mocks, the ManualClock decides what is due.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { composeContext } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import type { Database } from '../../src/platform/db/database.js';
import { startJobs } from '../../src/platform/jobs.js';
import { backoffMs } from '../../src/platform/outbox/backoff.js';
import {
  claimDue, defineTopic, deliverDue, DEFAULT_LEASE_MS, enqueue, formatOutboxStatus, onTopic, outboxDeliveryJob, OutboxPayloadInvalid, outboxStatus,
  type OutboxHandler, type OutboxMessage,
} from '../../src/platform/outbox/outbox.js';
import { RecordingNotifier } from '../../src/platform/ports/notifier.js';
import { freshDatabase, ManualClock } from '../helpers.js';

const Greeting = defineTopic({
  name: 'test.greeting',
  version: 1,
  schema: z.object({ to: z.string().min(1), text: z.string().min(1), at: z.coerce.date().optional() }),
});

let database: Database;
let ctx: AppContext;
let clock: ManualClock;
let notifier: RecordingNotifier;

beforeAll(async () => {
  database = await freshDatabase();
  clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
  notifier = new RecordingNotifier(clock);
  ctx = composeContext(loadConfig({ LOG_LEVEL: 'silent' }), database, clock, { notifier });
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await database.pool.query('DELETE FROM outbox');
});

async function rows() {
  const r = await database.pool.query(`SELECT id, dedupe_key, attempts, last_error, last_error_at, available_at, delivered_at, claimed_until, payload FROM outbox ORDER BY created_at, id`);
  return r.rows;
}

/** A handler that records every call and fails while `failures` says so. */
function recordingHandler(opts: { failures?: number; delayMs?: number } = {}) {
  const calls: OutboxMessage<z.output<typeof Greeting.schema>>[] = [];
  let failures = opts.failures ?? 0;
  const handler: OutboxHandler = onTopic(Greeting, async (_ctx, m) => {
    calls.push(m);
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    if (failures-- > 0) throw new Error('provider unavailable');
  });
  return { calls, handler };
}

const send = (payload: z.input<typeof Greeting.schema>, key?: string) =>
  ctx.db.transaction().execute((trx) => enqueue(ctx, trx, { topic: Greeting, payload, key }));

describe('outbox', () => {
  it('writes nothing when the business transaction rolls back', async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await enqueue(ctx, trx, { topic: Greeting, payload: { to: 'a', text: 'hello' } });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await rows()).toEqual([]);
    const { calls, handler } = recordingHandler();
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 0, failed: 0 });
    expect(calls).toEqual([]);
  });

  it('delivers a committed message once, with its id as the idempotency key and the validated payload', async () => {
    const { id, created } = await send({ to: 'a', text: 'hello', at: '2026-11-23T02:00:00Z' as unknown as Date });
    expect(created).toBe(true);
    const { calls, handler } = recordingHandler();
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 1, failed: 0 });
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 0, failed: 0 });
    clock.advance(DEFAULT_LEASE_MS * 2);
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 0, failed: 0 });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ id, topic: 'test.greeting', version: 1, attempt: 1, payload: { to: 'a', text: 'hello' } });
    expect(calls[0]!.payload.at).toBeInstanceOf(Date);
    const [r] = await rows();
    expect(r.attempts).toBe(1);
    expect(new Date(r.delivered_at).getTime()).toBe(clock.now().getTime() - DEFAULT_LEASE_MS * 2);
  });

  it('keeps one row for one dedupe key, also across transactions', async () => {
    const a = await send({ to: 'a', text: 'first' }, 'dossier-1:received');
    const b = await send({ to: 'a', text: 'second' }, 'dossier-1:received');
    const c = await ctx.db.transaction().execute(async (trx) => {
      await enqueue(ctx, trx, { topic: Greeting, payload: { to: 'a', text: 'third' }, key: 'dossier-1:received' });
      return enqueue(ctx, trx, { topic: Greeting, payload: { to: 'a', text: 'fourth' }, key: 'dossier-1:received' });
    });
    expect(a.created).toBe(true);
    expect([b, c]).toEqual([{ id: a.id, created: false }, { id: a.id, created: false }]);
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(all[0].payload.text).toBe('first');
    const { calls, handler } = recordingHandler();
    await deliverDue(ctx, [handler]);
    expect(calls).toHaveLength(1);
  });

  it('refuses an invalid payload at enqueue with a clear error and writes nothing', async () => {
    const err = await send({ to: '', text: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(OutboxPayloadInvalid);
    expect(err.message).toMatch(/test\.greeting v1: to: /);
    // a payload that would not survive JSON (a Date under a z.date() schema) is refused at enqueue, not at delivery
    const Dated = defineTopic({ name: 'test.dated', version: 1, schema: z.object({ at: z.date() }) });
    const err2 = await ctx.db.transaction().execute((trx) => enqueue(ctx, trx, { topic: Dated, payload: { at: new Date() } })).catch((e) => e);
    expect(err2).toBeInstanceOf(OutboxPayloadInvalid);
    expect(err2.message).toMatch(/after JSON/);
    expect(await rows()).toEqual([]);
    expect(() => defineTopic({ name: 'Bad Name', version: 1, schema: z.object({}) })).toThrow(/module\.kind/);
  });

  it('records a failure, retries after the backoff from the injected clock, then delivers', async () => {
    const { id } = await send({ to: 'a', text: 'hello' });
    const { calls, handler } = recordingHandler({ failures: 2 });
    const t0 = clock.now().getTime();
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 0, failed: 1 });
    let [r] = await rows();
    expect(r).toMatchObject({ attempts: 1, delivered_at: null, claimed_until: null });
    expect(r.last_error).toBe('Error: provider unavailable');
    expect(new Date(r.last_error_at).getTime()).toBe(t0);
    const max = ctx.config.outbox.maxBackoffSeconds * 1000;
    expect(new Date(r.available_at).getTime()).toBe(t0 + backoffMs(1, max, id));
    // not due yet
    clock.advance(backoffMs(1, max, id) - 1);
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 0, failed: 0 });
    clock.advance(1);
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 0, failed: 1 });
    [r] = await rows();
    expect(r.attempts).toBe(2);
    clock.advance(backoffMs(2, max, id));
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 1, failed: 0 });
    [r] = await rows();
    expect(r.attempts).toBe(3);
    expect(r.delivered_at).not.toBeNull();
    expect(calls.map((c) => [c.id, c.attempt])).toEqual([[id, 1], [id, 2], [id, 3]]);
  });

  it('a handler that reaches the provider and then fails is redelivered with the same key: the provider records it once', async () => {
    const { id } = await send({ to: '0912345678', text: 'Hồ sơ của bạn đã được tiếp nhận' });
    let first = true;
    const handler = onTopic(Greeting, async (c, m) => {
      await c.notifier.sendSms({ to: m.payload.to, text: m.payload.text }, { idempotencyKey: m.id });
      if (first) {
        first = false;
        throw new Error('crashed after the provider accepted');
      }
    });
    await deliverDue(ctx, [handler]);
    clock.advance(ctx.config.outbox.maxBackoffSeconds * 1000);
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 1, failed: 0 });
    expect(notifier.recorder.of('sms').filter((e) => e.idempotencyKey === id)).toHaveLength(1);
  });

  it('two concurrent deliverers handle each message exactly once', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 24; i++) ids.add((await send({ to: `p${i}`, text: 'hi' })).id);
    const { calls, handler } = recordingHandler({ delayMs: 5 });
    const [a, b] = await Promise.all([deliverDue(ctx, [handler], { batch: 3 }), deliverDue(ctx, [handler], { batch: 3 })]);
    expect(a.delivered + b.delivered).toBe(24);
    expect(a.failed + b.failed).toBe(0);
    expect(calls.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect((await rows()).every((r) => r.attempts === 1 && r.delivered_at !== null)).toBe(true);
  });

  it('a claim whose transaction aborts (a crash) leaves the message to be delivered', async () => {
    const { id } = await send({ to: 'a', text: 'hello' });
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        const claimed = await claimDue(trx, clock.now(), { limit: 10, leaseMs: DEFAULT_LEASE_MS });
        expect(claimed.map((c) => c.id)).toEqual([id]);
        throw new Error('process crashed');
      }),
    ).rejects.toThrow('process crashed');
    expect((await rows())[0]).toMatchObject({ attempts: 0, claimed_until: null });
    const { calls, handler } = recordingHandler();
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 1, failed: 0 });
    expect(calls.map((c) => c.id)).toEqual([id]);
  });

  it('a worker that dies after a committed claim: the lease expires and the message is delivered again', async () => {
    const { id } = await send({ to: 'a', text: 'hello' });
    expect((await claimDue(ctx.db, clock.now(), { limit: 10, leaseMs: DEFAULT_LEASE_MS })).map((c) => c.id)).toEqual([id]);
    const { calls, handler } = recordingHandler();
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 0, failed: 0 }); // still leased
    clock.advance(DEFAULT_LEASE_MS);
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 1, failed: 0 });
    expect(calls.map((c) => [c.id, c.attempt])).toEqual([[id, 2]]);
  });

  it('a message without a handler, or whose stored payload no longer fits, is kept with the reason', async () => {
    await send({ to: 'a', text: 'hello' });
    expect(await deliverDue(ctx, [])).toEqual({ delivered: 0, failed: 1 });
    expect((await rows())[0].last_error).toMatch(/no handler registered for topic test\.greeting v1/);
    await database.pool.query(`UPDATE outbox SET payload = '{"to": 5}'::jsonb`);
    clock.advance(ctx.config.outbox.maxBackoffSeconds * 1000);
    const { calls, handler } = recordingHandler();
    expect(await deliverDue(ctx, [handler])).toEqual({ delivered: 0, failed: 1 });
    expect(calls).toEqual([]);
    expect((await rows())[0].last_error).toMatch(/OutboxPayloadInvalid: .*test\.greeting v1/);
    const status = await outboxStatus(ctx.db, clock.now());
    expect(status.pending).toEqual([{ topic: 'test.greeting', version: 1, count: 1, due: 0, failing: 1 }]);
    expect(status.failing[0]).toMatchObject({ topic: 'test.greeting', attempts: 2 });
    expect(formatOutboxStatus(status)).toMatch(/pending test\.greeting v1: 1 \(due now 0, failing 1\)\n  failing .* attempts=2 /);
  });

  it('is delivered by the pg-boss job', async () => {
    await send({ to: 'a', text: 'via pg-boss' });
    const { calls, handler } = recordingHandler();
    const job = outboxDeliveryJob([handler]);
    const jobs = await startJobs(ctx, [job], { pollingIntervalSeconds: 0.5 });
    try {
      const jobId = await jobs.boss.send(job.name, {});
      let state: any = null;
      for (let i = 0; i < 100; i++) {
        state = await jobs.boss.getJobById(job.name, jobId!);
        if (state?.state === 'completed' || state?.state === 'failed') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(state?.state, JSON.stringify(state?.output)).toBe('completed');
      expect(state.output).toEqual({ delivered: 1, failed: 0 });
      expect(calls.map((c) => c.payload.text)).toEqual(['via pg-boss']);
    } finally {
      await jobs.stop();
    }
  });
});

describe('outbox subscribers (fan-out)', () => {
  it('each named subscriber gets its own copy: one failing never delays, repeats or loses the other', async () => {
    const mail = recordingHandler();
    const portal = recordingHandler({ failures: 3 });
    const handlers = [{ ...mail.handler, subscriber: 'mail' }, { ...portal.handler, subscriber: 'portal' }];
    await send({ to: 'a', text: 'one' }, 'k1');
    await send({ to: 'b', text: 'two' }, 'k2');
    await deliverDue(ctx, handlers);
    expect(mail.calls.map((m) => m.payload.text)).toEqual(['one', 'two']);
    expect(portal.calls).toHaveLength(2); // both failed once
    const copies = await database.pool.query(`SELECT subscriber, dedupe_key, attempts, delivered_at IS NOT NULL AS delivered FROM outbox WHERE subscriber <> '' ORDER BY subscriber, dedupe_key`);
    expect(copies.rows).toEqual([
      { subscriber: 'mail', dedupe_key: 'k1', attempts: 1, delivered: true },
      { subscriber: 'mail', dedupe_key: 'k2', attempts: 1, delivered: true },
      { subscriber: 'portal', dedupe_key: 'k1', attempts: 1, delivered: false },
      { subscriber: 'portal', dedupe_key: 'k2', attempts: 1, delivered: false },
    ]);
    for (let i = 0; i < 4; i++) {
      clock.advance(3_600_000);
      await deliverDue(ctx, handlers);
    }
    expect(mail.calls).toHaveLength(2); // never repeated while the portal retried
    expect(portal.calls.map((m) => m.payload.text).slice(-2).sort()).toEqual(['one', 'two']);
    const left = await database.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL`);
    expect(left.rows[0].n).toBe(0);
    // the copies keep the message's key; each subscriber sees its own id (its idempotency key)
    expect(new Set([...mail.calls, ...portal.calls].map((m) => m.id)).size).toBe(4);
  });

  it('a fan-out repeated after a crash adds no second copy; several handlers of a topic must all be named', async () => {
    const a = recordingHandler();
    const b = recordingHandler();
    const handlers = [{ ...a.handler, subscriber: 'a' }, { ...b.handler, subscriber: 'b' }];
    const { id } = await send({ to: 'x', text: 'once' }, 'k');
    await deliverDue(ctx, handlers);
    // as if the worker died after the fan-out's copies but before anything else: the original due again
    await database.pool.query(`UPDATE outbox SET delivered_at = NULL WHERE id = $1`, [id]);
    await deliverDue(ctx, handlers);
    expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
    expect((await database.pool.query(`SELECT count(*)::int AS n FROM outbox`)).rows[0].n).toBe(3);
    await expect(deliverDue(ctx, [a.handler, b.handler])).rejects.toThrow(/name each one/);
  });
});
