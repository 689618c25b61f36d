// The SMSC goes away in the middle of a batch of 50 SMS delivered through the real outbox (enqueue +
// deliverDue, real database) and comes back: every message arrives exactly once, long ones with all their parts
// once (a message cut between its parts is resumed with the same reference), nothing is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { composeContext } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import type { Database } from '../../src/platform/db/database.js';
import { defineTopic, deliverDue, enqueue, onTopic, outboxStatus } from '../../src/platform/outbox/outbox.js';
import { SmsMessage } from '../../src/platform/ports/notifier.js';
import { parseSmsSettings } from '../../src/platform/ports/sms-config.js';
import { smsEncodingInfo } from '../../src/platform/ports/sms-encoding.js';
import { SmppSmsGateway } from '../../src/platform/ports/sms-smpp.js';
import { freshDatabase, ManualClock } from '../helpers.js';
import { SmscSimulator } from './smsc-simulator.js';

const SmsTopic = defineTopic({ name: 'test.sms', version: 1, schema: SmsMessage });

let database: Database;
let ctx: AppContext;
let clock: ManualClock;
let smsc: SmscSimulator;
let gateway: SmppSmsGateway;

beforeAll(async () => {
  database = await freshDatabase();
  clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
  ctx = composeContext(loadConfig({ LOG_LEVEL: 'silent' }), database, clock);
  smsc = await SmscSimulator.start();
  const settings = parseSmsSettings({ MOTCUA_SMPP_URL: smsc.url, MOTCUA_SMS_BRANDNAME: 'MOTCUA' });
  if (settings.adapter !== 'smpp') throw new Error('smpp expected');
  gateway = new SmppSmsGateway({ settings, clock, connectWaitMs: 100, responseTimeoutMs: 2000, reconnectMinMs: 50, reconnectMaxMs: 200 });
  gateway.start();
  await gateway.whenBound();
});
afterAll(async () => {
  await gateway?.stop();
  await smsc?.stop();
  await database?.close();
});

const textOf = (i: number) =>
  i % 5 === 2
    ? `Tin “${i}”: ${'Hồ sơ của ông/bà cần bổ sung giấy tờ theo hướng dẫn. '.repeat(3)}` // UCS-2, 3 parts
    : `Tin so ${i}: ho so cua ong/ba da duoc tiep nhan.`;

describe('SMSC away mid-batch', () => {
  it('50 messages through the outbox: each arrives exactly once after the SMSC comes back', async () => {
    const texts = Array.from({ length: 50 }, (_, i) => textOf(i));
    const expectedParts = texts.reduce((n, t) => n + smsEncodingInfo(t).segments, 0);
    expect(smsEncodingInfo(texts[2]!).segments).toBe(3);
    for (const [i, text] of texts.entries()) {
      await ctx.db.transaction().execute((trx) => enqueue(ctx, trx, { topic: SmsTopic, payload: { to: `09120${String(i).padStart(5, '0')}`, text } }));
      clock.advance(1); // created_at order = enqueue order
    }
    const calls: string[] = [];
    const handler = onTopic(SmsTopic, async (_ctx, m) => {
      calls.push(m.id);
      await gateway.sendSms(m.payload, { idempotencyKey: m.id });
    });

    // the SMSC goes away after accepting 25 parts: in the middle of message 17 (parts 1–2 of 3 accepted)
    smsc.stopAfterParts = 25;
    const first = await deliverDue(ctx, [handler]);
    expect(smsc.isUp).toBe(false);
    expect(first.delivered).toBeGreaterThan(0);
    expect(first.failed).toBeGreaterThan(0);
    expect(first.delivered + first.failed).toBe(50);
    expect(smsc.parts).toHaveLength(25);
    const status = await outboxStatus(ctx.db, clock.now());
    expect(status.failing[0]!.lastError).toContain('SMS_SMSC_UNAVAILABLE');

    await smsc.restart();
    await gateway.whenBound(5000);
    for (let round = 0; round < 10; round++) {
      clock.advance(24 * 3_600_000); // past any backoff
      const r = await deliverDue(ctx, [handler]);
      if (r.delivered === 0 && r.failed === 0) break;
    }

    const after = await outboxStatus(ctx.db, clock.now());
    expect(after.pending).toEqual([]);
    expect(after.delivered).toBe(50);
    for (const [i, text] of texts.entries()) {
      const got = smsc.messages.filter((m) => m.text === text);
      expect(got, `message ${i}`).toHaveLength(1);
      expect(got[0]!.to).toBe(`849120${String(i).padStart(5, '0')}`);
    }
    expect(smsc.messages).toHaveLength(50);
    expect(smsc.parts).toHaveLength(expectedParts); // not one part twice
    expect(calls.length).toBeGreaterThan(50); // some were retried
  });
});
