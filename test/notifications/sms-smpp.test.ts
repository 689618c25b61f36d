// The SMPP adapter against a real local SMSC (the smpp library's server side, test/notifications/smsc-simulator.ts):
// what arrives (text, data_coding, parts, addresses), delivery receipts, throttling, numbers that are not
// Vietnamese mobiles, idempotency, enquire_link, bind failures and reconnection. No database.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/errors.js';
import { decodeGsm7, decodeUcs2, smsEncodingInfo, stripVietnameseDiacritics } from '../../src/platform/ports/sms-encoding.js';
import { parseSmsSettings, type SmppSettings } from '../../src/platform/ports/sms-config.js';
import {
  isRetryableSmsError, parseDeliveryReceipt, smpp, smppGatewayFromEnv, SmppSmsGateway, submitParts, type DeliveryReceipt, type SmppGatewayOptions,
} from '../../src/platform/ports/sms-smpp.js';
import { portsFromConfig, smsGatewayOf } from '../../src/platform/ports/index.js';
import { loadConfig } from '../../src/platform/config.js';
import { ManualClock } from '../helpers.js';
import { SmscSimulator } from './smsc-simulator.js';

const T0 = new Date('2026-12-01T03:00:00Z');
let smsc: SmscSimulator;
const gateways: SmppSmsGateway[] = [];
const receipts: DeliveryReceipt[] = [];

function settingsFor(sim: SmscSimulator, over: Partial<SmppSettings> = {}): SmppSettings {
  const s = parseSmsSettings({ MOTCUA_SMPP_URL: sim.url, MOTCUA_SMS_BRANDNAME: 'UBND TINH' });
  if (s.adapter !== 'smpp') throw new Error('expected smpp settings');
  return { ...s, ...over };
}

async function gateway(over: Partial<SmppGatewayOptions> = {}, sim = smsc): Promise<SmppSmsGateway> {
  const g = new SmppSmsGateway({
    settings: settingsFor(sim), clock: new ManualClock(T0), reconnectMinMs: 50, reconnectMaxMs: 200, connectWaitMs: 3000, responseTimeoutMs: 2000,
    handlers: { deliveryReceipt: (r) => void receipts.push(r) }, ...over,
  });
  gateways.push(g);
  g.start();
  if (!over.settings) await g.whenBound();
  return g;
}

beforeAll(async () => {
  smsc = await SmscSimulator.start();
});
afterEach(async () => {
  for (const g of gateways.splice(0)) await g.stop();
});
afterAll(async () => smsc?.stop());

let n = 0;
const key = () => `k-${++n}`;

describe('submit_sm: what arrives at the SMSC', () => {
  it('a short Vietnamese text goes as UCS-2 (data_coding 8), one part, with its diacritics, from the brandname to 84…', async () => {
    const g = await gateway();
    const text = 'Hồ sơ đã có kết quả, mời ông/bà đến nhận.';
    const r = await g.sendSms({ to: '0912 345 678', text }, { idempotencyKey: key() });
    const m = smsc.messages.at(-1)!;
    expect(m).toMatchObject({ to: '84912345678', text, dataCoding: 8 });
    expect(m.parts).toHaveLength(1);
    expect(m.parts[0]).toMatchObject({ sourceAddr: 'UBND TINH', sourceTon: 5, sourceNpi: 0, destTon: 1, destNpi: 1, registeredDelivery: 1, esmClass: 0 });
    expect(r).toMatchObject({ status: 'accepted', providerMessageId: m.parts[0]!.id, partMessageIds: [m.parts[0]!.id], segments: 1, encoding: 'UCS2', strippedDiacritics: false });
  });

  it('a 127-character Vietnamese notice goes without diacritics as GSM-7 (data_coding 0) in one part instead of two', async () => {
    const g = await gateway();
    const text = 'Hồ sơ 000.00.12.H56-261202-0007 của ông/bà đã được tiếp nhận. Hẹn trả kết quả ngày 15/12/2026 tại Bộ phận Một cửa UBND xã.';
    const r = await g.sendSms({ to: '+84 987 654 321', text }, { idempotencyKey: key() });
    const m = smsc.to('84987654321').at(-1)!;
    expect(m.dataCoding).toBe(0);
    expect(m.parts).toHaveLength(1);
    expect(m.text).toBe(stripVietnameseDiacritics(text));
    expect(r).toMatchObject({ encoding: 'GSM7', segments: 1, strippedDiacritics: true });
  });

  it('a long UCS-2 text is concatenated (UDH, esm_class 0x40, one reference) and reassembles to the input', async () => {
    const g = await gateway();
    const text = `Thông báo “khẩn” 🏛: ${'Hồ sơ của ông/bà cần bổ sung bản sao Căn cước công dân và Giấy xác nhận cư trú. '.repeat(4)}`;
    const info = smsEncodingInfo(text);
    expect(info.encoding).toBe('UCS2');
    const r = await g.sendSms({ to: '0388123456', text }, { idempotencyKey: key() });
    const m = smsc.to('84388123456').at(-1)!;
    expect(m.text).toBe(text);
    expect(m.dataCoding).toBe(8);
    expect(m.parts).toHaveLength(info.segments);
    expect(new Set(m.parts.map((p) => p.udh!.ref)).size).toBe(1);
    for (const [i, p] of m.parts.entries()) {
      expect(p.esmClass & 0x40).toBe(0x40);
      expect(p.udh).toMatchObject({ total: info.segments, seq: i + 1 });
      expect(p.text.length).toBeLessThanOrEqual(67);
    }
    expect(r.partMessageIds).toEqual(m.parts.map((p) => p.id));
    expect(r.providerMessageId).toBe(m.parts[0]!.id);
  });

  it('a long Vietnamese text that strips to GSM-7 goes as GSM-7 parts of ≤ 153 septets', async () => {
    const g = await gateway();
    const text = 'Kính gửi ông/bà Nguyễn Thị Bích Ngọc: hồ sơ đăng ký khai sinh của ông/bà đã được giải quyết xong. Mời ông/bà mang Giấy tiếp nhận hồ sơ và hẹn trả kết quả cùng Căn cước công dân đến Bộ phận Một cửa UBND xã để nhận kết quả trong giờ hành chính.';
    const info = smsEncodingInfo(text);
    expect(info).toMatchObject({ encoding: 'GSM7', strippedDiacritics: true });
    expect(info.segments).toBeGreaterThan(1);
    await g.sendSms({ to: '0701234567', text }, { idempotencyKey: key() });
    const m = smsc.to('84701234567').at(-1)!;
    expect(m.text).toBe(stripVietnameseDiacritics(text));
    expect(m.dataCoding).toBe(0);
    expect(m.parts).toHaveLength(info.segments);
    for (const p of m.parts) expect(p.text.length).toBeLessThanOrEqual(153);
  });

  it('GSM extension characters arrive as written (escape pairs)', async () => {
    const g = await gateway();
    const text = 'Phi [le phi] ~50.000d | {ma} €';
    await g.sendSms({ to: '0561234567', text }, { idempotencyKey: key() });
    expect(smsc.to('84561234567').at(-1)).toMatchObject({ text, dataCoding: 0 });
  });
});

describe('numbers that are not Vietnamese mobiles', () => {
  it.each(['0243 826 1234', '+1 415 555 0100', '0112345678', '091234567', 'abc', '8491234567'])('%s: a clear error, nothing sent', async (to) => {
    const g = await gateway();
    const before = smsc.parts.length;
    const err = await g.sendSms({ to, text: 'Thu' }, { idempotencyKey: key() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'SMS_DESTINATION_INVALID', status: 422, params: { to } });
    expect(isRetryableSmsError(err)).toBe(false);
    expect(smsc.parts.length).toBe(before);
  });

  it('an SMSC answer ESME_RINVDSTADR is a permanent SMS_DESTINATION_INVALID', async () => {
    const g = await gateway();
    smsc.refuseNext = { count: 1, status: smpp.errors.ESME_RINVDSTADR! };
    const err = await g.sendSms({ to: '0912000111', text: 'Thu' }, { idempotencyKey: key() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SMS_DESTINATION_INVALID' });
    expect(isRetryableSmsError(err)).toBe(false);
  });
});

describe('SMSC answers', () => {
  it('ESME_RTHROTTLED and ESME_RMSGQFUL are retryable; the retry with the same key is accepted once', async () => {
    const g = await gateway();
    for (const status of [smpp.errors.ESME_RTHROTTLED!, smpp.errors.ESME_RMSGQFUL!]) {
      smsc.refuseNext = { count: 1, status };
      const k = key();
      const err = await g.sendSms({ to: '0912000222', text: `Thu lai ${k}` }, { idempotencyKey: k }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'SMS_SMSC_THROTTLED', status: 503 });
      expect(isRetryableSmsError(err)).toBe(true);
      await g.sendSms({ to: '0912000222', text: `Thu lai ${k}` }, { idempotencyKey: k });
      expect(smsc.messages.filter((m) => m.text === `Thu lai ${k}`)).toHaveLength(1);
    }
  });

  it('another refusal is permanent (SMS_SMSC_REJECTED)', async () => {
    const g = await gateway();
    smsc.refuseNext = { count: 1, status: smpp.errors.ESME_RINVSRCADR! };
    const err = await g.sendSms({ to: '0912000333', text: 'Thu' }, { idempotencyKey: key() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SMS_SMSC_REJECTED', params: { smppStatus: 'ESME_RINVSRCADR' } });
    expect(isRetryableSmsError(err)).toBe(false);
  });
});

describe('idempotency within the process', () => {
  it('the same key sent concurrently and again after success is submitted once and answers the same id', async () => {
    const g = await gateway();
    const k = key();
    const msg = { to: '0912000444', text: `Mot lan thoi ${k}` };
    const [a, b] = await Promise.all([g.sendSms(msg, { idempotencyKey: k }), g.sendSms(msg, { idempotencyKey: k })]);
    const c = await g.sendSms(msg, { idempotencyKey: k });
    expect(a.providerMessageId).toBe(b.providerMessageId);
    expect(c.providerMessageId).toBe(a.providerMessageId);
    expect(smsc.messages.filter((m) => m.text === msg.text)).toHaveLength(1);
  });
});

describe('wiring', () => {
  it('no MOTCUA_SMPP_URL: SMS are recorded; with it: the configured notifier sends SMS over SMPP and e-mail elsewhere', async () => {
    const clock = new ManualClock(T0);
    expect(smppGatewayFromEnv({}, clock)).toBeNull();
    expect(smsGatewayOf(portsFromConfig(loadConfig({ LOG_LEVEL: 'silent' }), clock).notifier)).toBeNull();
    const { notifier } = portsFromConfig(loadConfig({ LOG_LEVEL: 'silent', MOTCUA_SMPP_URL: smsc.url, MOTCUA_SMS_BRANDNAME: 'MOTCUA' }), clock);
    const g = smsGatewayOf(notifier)!;
    expect(g).toBeInstanceOf(SmppSmsGateway);
    expect(notifier.providers).toEqual({ sms: 'smpp', email: 'recording' });
    gateways.push(g);
    g.start();
    await g.whenBound();
    const r = await notifier.sendSms({ to: '0912000123', text: 'Qua SMPP' }, { idempotencyKey: key() });
    expect(r.status).toBe('accepted');
    expect(smsc.to('84912000123').map((m) => m.text)).toEqual(['Qua SMPP']);
    await notifier.sendEmail({ to: 'a@example.vn', subject: 'S', text: 'T' }, { idempotencyKey: key() });
    expect(smsc.messages.filter((m) => m.text === 'T')).toHaveLength(0);
  });
});

describe('mobile-originated messages (MO)', () => {
  it('a single MO reaches the handler and its reply goes back from the brandname; a concatenated MO is joined first', async () => {
    const got: { from: string; to: string; text: string }[] = [];
    await gateway({ handlers: { message: (m) => { got.push(m); return `Da nhan: ${m.text.length} ky tu`; } } });
    const resp = await smsc.sendMo('84912000432', '8088', 'Xin chào');
    expect(resp.command_status).toBe(0);
    await smsc.waitFor(() => smsc.to('84912000432').length === 1, 'the reply');
    expect(got).toEqual([{ from: '84912000432', to: '8088', text: 'Xin chào' }]);
    expect(smsc.to('84912000432')[0]).toMatchObject({ from: 'UBND TINH', text: 'Da nhan: 8 ky tu' });
    const long = 'Tôi muốn hỏi về hồ sơ đăng ký đất đai của gia đình tôi, đã nộp từ tháng trước mà chưa thấy kết quả.';
    const resps = await smsc.sendMoParts('84912000432', '8088', [long.slice(0, 60), long.slice(60)]);
    expect(resps.map((r) => r.command_status)).toEqual([0, 0]);
    await smsc.waitFor(() => smsc.to('84912000432').length === 2, 'the second reply');
    expect(got.map((m) => m.text)).toEqual(['Xin chào', long]);
  });
});

describe('the window', () => {
  it('never more submit_sm awaiting an answer than the window; all 30 arrive', async () => {
    const g = await gateway({ window: 4 });
    smsc.answerDelayMs = 20;
    smsc.maxOutstanding = 0;
    try {
      const texts = Array.from({ length: 30 }, (_, i) => `Cua so ${i}`);
      await Promise.all(texts.map((text) => g.sendSms({ to: '0912000999', text }, { idempotencyKey: key() })));
      expect(smsc.maxOutstanding).toBe(4);
      expect(smsc.to('84912000999').map((m) => m.text).sort()).toEqual([...texts].sort());
    } finally {
      smsc.answerDelayMs = 0;
    }
  });
});

describe('delivery receipts (deliver_sm with esm_class 0x04)', () => {
  it('text receipts and TLV receipts reach the handler with their state, time and error; every deliver_sm is answered', async () => {
    const g = await gateway();
    const r = await g.sendSms({ to: '0912000555', text: 'Bien nhan' }, { idempotencyKey: key() });
    receipts.length = 0;
    const resp = await smsc.sendDlr({ id: r.providerMessageId, stat: 'DELIVRD', doneDate: '2612011030' });
    expect(resp.command).toBe('deliver_sm_resp');
    expect(resp.command_status).toBe(0);
    await smsc.sendDlr({ id: 'X-2', stat: 'UNDELIV', err: '012' });
    await smsc.sendDlr({ id: 'X-3', stat: 'EXPIRED' });
    await smsc.sendDlr({ id: 'X-4', stat: 'REJECTD' });
    await smsc.sendDlr({ id: 'X-5', stat: 'ACCEPTD', tlv: true, messageState: 5 });
    await smsc.sendDlr({ id: 'X-6', stat: 'WHATEVER' });
    expect(receipts.map((x) => [x.providerMessageId, x.state, x.errorCode])).toEqual([
      [r.providerMessageId, 'delivered', undefined],
      ['X-2', 'failed', '012'],
      ['X-3', 'expired', undefined],
      ['X-4', 'rejected', undefined],
      ['X-5', 'failed', undefined],
      ['X-6', 'unknown', undefined],
    ]);
    // done date 26-12-01 10:30 Vietnam time = 03:30 UTC
    expect(receipts[0]!.at.toISOString()).toBe('2026-12-01T03:30:00.000Z');
  });

  it("a receipt for a later part of a concatenated message names the message's first id", async () => {
    const g = await gateway();
    const r = await g.sendSms({ to: '0912000666', text: `${'ơ'.repeat(150)}“` }, { idempotencyKey: key() });
    expect(r.partMessageIds).toHaveLength(3);
    receipts.length = 0;
    await smsc.sendDlr({ id: r.partMessageIds[2]!, stat: 'DELIVRD' });
    expect(receipts[0]).toMatchObject({ providerMessageId: r.providerMessageId, partMessageId: r.partMessageIds[2], state: 'delivered' });
  });

  it('a failing handler answers ESME_RX_T_APPN so the SMSC delivers the receipt again', async () => {
    await gateway({ handlers: { deliveryReceipt: () => Promise.reject(new Error('database away')) } });
    const resp = await smsc.sendDlr({ id: 'X-7', stat: 'DELIVRD' });
    expect(resp.command_status).toBe(smpp.errors.ESME_RX_T_APPN);
  });
});

describe('the link: enquire_link, bind failures, reconnection', () => {
  it('sends enquire_link while idle', async () => {
    const before = smsc.enquireLinks;
    await gateway({ enquireLinkSeconds: 0.1 });
    await smsc.waitFor(() => smsc.enquireLinks >= before + 3, 'three enquire_link');
  });

  it('an unanswered enquire_link drops the link; the gateway reconnects and binds again', async () => {
    const sim = await SmscSimulator.start();
    try {
      const g = await gateway({ settings: settingsFor(sim), enquireLinkSeconds: 0.1, responseTimeoutMs: 150 });
      await g.whenBound();
      sim.answerEnquireLink = false;
      await sim.waitFor(() => sim.binds.filter((b) => b.ok).length >= 2, 'a second bind');
      sim.answerEnquireLink = true;
      await g.whenBound(5000);
      await g.sendSms({ to: '0912000321', text: 'Van song' }, { idempotencyKey: key() });
      expect(sim.to('84912000321').map((m) => m.text)).toEqual(['Van song']);
    } finally {
      await sim.stop();
    }
  });

  it('a refused bind fails sends as retryable with the reason, and keeps trying', async () => {
    const other = await SmscSimulator.start('motcua', 'other');
    try {
      const g = await gateway({ settings: settingsFor(other, { password: 'wrong' }), connectWaitMs: 400 });
      const err = await g.sendSms({ to: '0912000777', text: 'Thu' }, { idempotencyKey: key() }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'SMS_SMSC_UNAVAILABLE' });
      expect(String((err as AppError).params.reason)).toContain('ESME_RINVPASWD');
      expect(isRetryableSmsError(err)).toBe(true);
      await other.waitFor(() => other.binds.length >= 3, 'rebinds');
      expect(other.binds.every((b) => !b.ok)).toBe(true);
    } finally {
      await other.stop();
    }
  });

  it('reconnects and rebinds after the SMSC goes away and comes back', async () => {
    const sim = await SmscSimulator.start();
    try {
      const g = await gateway({ settings: settingsFor(sim), connectWaitMs: 300 });
      await g.whenBound();
      await g.sendSms({ to: '0912000888', text: 'Truoc' }, { idempotencyKey: key() });
      await sim.stop();
      await sim.waitFor(() => !g.isBound, 'the gateway to notice');
      const err = await g.sendSms({ to: '0912000888', text: 'Trong luc mat ket noi' }, { idempotencyKey: key() }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'SMS_SMSC_UNAVAILABLE' });
      await sim.restart();
      await g.whenBound(5000);
      await g.sendSms({ to: '0912000888', text: 'Sau' }, { idempotencyKey: key() });
      expect(sim.to('84912000888').map((m) => m.text)).toEqual(['Truoc', 'Sau']);
      expect(sim.binds.filter((b) => b.ok).length).toBeGreaterThanOrEqual(2);
    } finally {
      await sim.stop();
    }
  });
});

describe('pure: receipts and parts', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  it('parses the appendix B text, with TLVs winning, and falls back to now without a done date', () => {
    expect(parseDeliveryReceipt('id:ABC sub:001 dlvrd:001 submit date:2612011029 done date:261201103045 stat:DELIVRD err:000 text:Ho so', {}, { utcOffsetMinutes: 420, now }))
      .toEqual({ id: 'ABC', state: 'delivered', at: new Date('2026-12-01T03:30:45Z') });
    expect(parseDeliveryReceipt('id:ABC stat:DELIVRD', { receiptedMessageId: 'TLV-1', messageState: 3 }, { utcOffsetMinutes: 420, now }))
      .toEqual({ id: 'TLV-1', state: 'expired', at: now });
    expect(parseDeliveryReceipt('stat:DELIVRD', {}, { utcOffsetMinutes: 0, now })).toBeNull();
    expect(parseDeliveryReceipt('ID:x1 STAT:undeliv ERR:0B1', {}, { utcOffsetMinutes: 0, now })).toMatchObject({ id: 'x1', state: 'failed', errorCode: '0B1' });
  });

  it('submit parts decode back to the text; parts fit 140 octets (UCS-2) or 160 unpacked septets (GSM-7); UDH numbering is 1..n', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), fc.integer({ min: 0, max: 255 }), (text, ref) => {
        const info = smsEncodingInfo(text);
        const parts = submitParts(info.text, info.encoding, ref);
        expect(parts).toHaveLength(info.segments);
        let joined = '';
        for (const [i, p] of parts.entries()) {
          expect(p.short_message.length).toBeLessThanOrEqual(info.encoding === 'GSM7' ? 160 : 140);
          expect(p.data_coding).toBe(info.encoding === 'GSM7' ? 0 : 8);
          let body = p.short_message;
          if (parts.length > 1) {
            expect(p.esm_class).toBe(0x40);
            expect([...body.subarray(0, 6)]).toEqual([5, 0, 3, ref, parts.length, i + 1]);
            body = body.subarray(6);
          }
          joined += info.encoding === 'GSM7' ? decodeGsm7(body) : decodeUcs2(body);
        }
        expect(joined).toBe(info.text);
      }),
      { numRuns: 300 },
    );
  });
});
