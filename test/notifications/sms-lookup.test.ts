// The look-up by text message end to end: a dossier received in a real test database, a citizen's MO
// deliver_sm from the SMSC simulator over SMPP, the gateway's message handler (answerLookupSms), the reply
// submitted back over SMPP to the sender. Right number → status and appointment; right secret from another
// number → the same; anything wrong → one neutral answer; the 6th text in an hour → the rate-limit answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerLookupSms } from '../../src/modules/notifications/sms-lookup.js';
import { latestInbound } from '../../src/modules/notifications/sms-inbound.repo.js';
import { NEUTRAL_ANSWER, RATE_LIMITED_ANSWER, statusAnswer } from '../../src/modules/notifications/sms-lookup-reply.js';
import { parseSmsSettings } from '../../src/platform/ports/sms-config.js';
import { smsEncodingInfo } from '../../src/platform/ports/sms-encoding.js';
import { SmppSmsGateway } from '../../src/platform/ports/sms-smpp.js';
import type { HttpClient, TestApp } from '../helpers.js';
import { applicant, HOUR, receive, startDossierApp } from '../dossiers/fixtures.js';
import { SmscSimulator, type ReceivedMessage } from './smsc-simulator.js';

let t: TestApp & { clock: import('../helpers.js').ManualClock };
let desk: HttpClient;
let smsc: SmscSimulator;
let gateway: SmppSmsGateway;
const SHORT_NUMBER = '8088';

beforeAll(async () => {
  t = await startDossierApp();
  desk = await t.login('demo.tiepnhan');
  smsc = await SmscSimulator.start();
  const settings = parseSmsSettings({ MOTCUA_SMPP_URL: smsc.url, MOTCUA_SMS_BRANDNAME: 'MOTCUA' });
  if (settings.adapter !== 'smpp') throw new Error('smpp expected');
  gateway = new SmppSmsGateway({ settings, clock: t.clock, handlers: { message: (sms) => answerLookupSms(t.ctx, sms) } });
  gateway.start();
  await gateway.whenBound();
});
afterAll(async () => {
  await gateway?.stop();
  await smsc?.stop();
  await t?.close();
});

/** Texts `text` from `from` and waits for the reply (or for nothing, `expectReply: false`). */
async function text(from: string, body: string, expectReply = true): Promise<ReceivedMessage | null> {
  const before = smsc.to(from).length;
  const resp = await smsc.sendMo(from, SHORT_NUMBER, body);
  expect(resp.command_status).toBe(0);
  if (!expectReply) {
    await new Promise((r) => setTimeout(r, 300));
    expect(smsc.to(from)).toHaveLength(before);
    return null;
  }
  await smsc.waitFor(() => smsc.to(from).length > before, `a reply to ${from}`);
  return smsc.to(from).at(-1)!;
}

async function dossierWithPhone(phone: string) {
  const rec = await receive(desk, { applicant: applicant({ phone }) });
  const { code, secret } = rec.receipt as { code: string; secret: string };
  const seen = await t.client().get(`/api/v1/public/dossiers/${code}?secret=${encodeURIComponent(secret)}`);
  expect(seen.status).toBe(200);
  const expected = statusAnswer({ code, nationalStatus: seen.body.nationalStatus, appointmentAt: seen.body.appointmentAt, returnedAt: seen.body.returnedAt });
  return { code, secret, expected, appointmentAt: seen.body.appointmentAt as string };
}

const asSent = (s: string) => smsEncodingInfo(s).text;

describe('HS <code> [secret] over SMPP', () => {
  it('from the phone number on the dossier: the status and the appointment, from the brandname', async () => {
    const d = await dossierWithPhone('0912 345 678');
    expect(d.appointmentAt).toBeTruthy();
    expect(d.expected).toMatch(/Hẹn trả kết quả ngày \d\d\/\d\d\/\d{4}\./);
    const reply = await text('84912345678', `hs ${d.code.toLowerCase()}`);
    expect(reply!.text).toBe(asSent(d.expected));
    expect(reply!.from).toBe('MOTCUA');
    expect(reply!.parts[0]!.sourceTon).toBe(5);
  });

  it('with the right secret from any number: the same answer', async () => {
    const d = await dossierWithPhone('0987 111 222');
    const reply = await text('84933000111', `HS ${d.code} ${d.secret.toLowerCase()}`);
    expect(reply!.text).toBe(asSent(d.expected));
    // the secret is not kept in the log
    const log = await latestInbound(t.ctx.db, 5);
    const row = log.find((r) => r.fromNumber === '84933000111')!;
    expect(row).toMatchObject({ outcome: 'answered', dossierCode: d.code, text: `HS ${d.code} ***` });
    expect(JSON.stringify(log)).not.toContain(d.secret.replace(/ /g, ''));
  });

  it('unknown code, wrong secret, another number, not a look-up: one neutral answer', async () => {
    const d = await dossierWithPhone('0977 222 333');
    const answers = [
      await text('84977222333', 'HS 000.00.01.H56-261123-9999'), // unknown code from the dossier's number
      await text('84944000222', `HS ${d.code} AAAAA BBBBB CCCCC`), // wrong secret
      await text('84944000333', `HS ${d.code}`), // right code, another number, no secret
      await text('84944000444', 'Xin chao'), // not a look-up
    ];
    for (const a of answers) expect(a!.text).toBe(asSent(NEUTRAL_ANSWER));
    const log = await latestInbound(t.ctx.db, 10);
    expect(log.filter((r) => ['84977222333', '84944000222', '84944000333'].includes(r.fromNumber)).map((r) => r.outcome)).toEqual(['not_found', 'not_found', 'not_found']);
    expect(log.find((r) => r.fromNumber === '84944000444')).toMatchObject({ kind: 'unparsed', outcome: 'unparsed' });
  });

  it('the 6th text in an hour from one number gets the rate-limit answer, the 7th none; an hour later it answers again', async () => {
    const d = await dossierWithPhone('0966 333 444');
    for (let i = 0; i < 5; i++) expect((await text('84966333444', `HS ${d.code}`))!.text).toBe(asSent(d.expected));
    expect((await text('84966333444', `HS ${d.code}`))!.text).toBe(asSent(RATE_LIMITED_ANSWER));
    await text('84966333444', `HS ${d.code}`, false);
    // another number is not affected
    expect((await text('84966333999', `HS ${d.code} ${d.secret}`))!.text).toBe(asSent(d.expected));
    t.clock.advance(HOUR + 1);
    expect((await text('84966333444', `HS ${d.code}`))!.text).toBe(asSent(d.expected));
    const log = (await latestInbound(t.ctx.db, 100)).filter((r) => r.fromNumber === '84966333444');
    expect(log).toHaveLength(8);
    expect(log.map((r) => r.outcome).sort()).toEqual(['answered', 'answered', 'answered', 'answered', 'answered', 'answered', 'rate_limited', 'rate_limited_silent']);
  });

  it('a sender that is not a Vietnamese mobile is logged and answered over SMPP, but no SMS goes back', async () => {
    const d = await dossierWithPhone('0355 444 555');
    await text('14155550100', `HS ${d.code} ${d.secret}`, false);
    const row = (await latestInbound(t.ctx.db, 5)).find((r) => r.fromNumber === '14155550100');
    expect(row).toMatchObject({ outcome: 'answered', dossierCode: d.code });
  });
});
