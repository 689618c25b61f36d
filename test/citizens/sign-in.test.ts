// Citizen sign-in with a one-time code over real HTTP: codes leave through the outbox by SMPP to the SMSC
// simulator and by SMTP to a local mail server; the citizen session is its own cookie with CSRF protection,
// idle and absolute expiry on the ManualClock; wrong, expired and exhausted codes and the rate limits each
// answer a stable code on the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers, startPortConnections } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { HttpClient, ManualClock, startTestApp, type TestApp } from '../helpers.js';
import { SmscSimulator } from '../notifications/smsc-simulator.js';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.js';

const T0 = new Date('2026-11-23T02:00:00Z');
const MIN = 60_000;
let t: TestApp;
let clock: ManualClock;
let smsc: SmscSimulator;
let smtp: SmtpSink;
let connections: { stop(): Promise<void> };

beforeAll(async () => {
  smsc = await SmscSimulator.start();
  smtp = await startSmtpSink();
  clock = new ManualClock(T0);
  t = await startTestApp({
    clock,
    env: {
      MOTCUA_SMPP_URL: smsc.url,
      MOTCUA_SMS_BRANDNAME: 'MOTCUA',
      MOTCUA_SMTP_URL: smtp.url,
      MOTCUA_CITIZEN_SESSION_TTL_MINUTES: '60',
      MOTCUA_CITIZEN_SESSION_IDLE_MINUTES: '30',
      MOTCUA_CITIZEN_CODES_PER_CLIENT_PER_HOUR: '25',
    },
  });
  connections = startPortConnections(t.ctx);
});
afterAll(async () => {
  await connections?.stop();
  await smsc?.stop();
  await smtp?.close();
  await t?.close();
});

const CODE = /\b(\d{6})\b/;

/** Delivers the outbox until a new SMS reaches the number; returns the code in it. */
async function smsCode(msisdn: string, before: number): Promise<string> {
  for (let i = 0; i < 50 && smsc.to(msisdn).length <= before; i++) {
    await deliverDue(t.ctx, outboxHandlers);
    if (smsc.to(msisdn).length <= before) await new Promise((r) => setTimeout(r, 50));
  }
  const m = smsc.to(msisdn).at(-1);
  expect(m, `an SMS to ${msisdn}`).toBeDefined();
  return CODE.exec(m!.text)![1]!;
}

async function mailCode(to: string, before: number): Promise<string> {
  for (let i = 0; i < 50 && smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes(to)).length <= before; i++) {
    await deliverDue(t.ctx, outboxHandlers);
    await new Promise((r) => setTimeout(r, 50));
  }
  const mails = smtp.received.filter((m) => JSON.stringify(m.to).includes(to));
  expect(mails.length).toBeGreaterThan(before);
  return CODE.exec(mails.at(-1)!.text ?? '')![1]!;
}

const mailsTo = (to: string) => smtp.received.filter((m) => JSON.stringify(m.to).includes(to)).length;

async function signInBySms(c: HttpClient, phone: string, msisdn: string) {
  const before = smsc.to(msisdn).length;
  const start = await c.post('/api/v1/citizen/sign-in/code', { address: phone });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const code = await smsCode(msisdn, before);
  const r = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  c.csrf = r.body.csrfToken;
  return r.body;
}

describe('one-time code sign-in', () => {
  it('sends the code by SMS, creates the account on the first sign-in and opens a citizen session of its own', async () => {
    const c = t.client();
    const before = smsc.to('84912000001').length;
    const start = await c.post('/api/v1/citizen/sign-in/code', { address: '0912 000 001' });
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ channel: 'sms', sentTo: '0912***001' });
    expect(new Date(start.body.expiresAt).getTime() - T0.getTime()).toBe(5 * MIN);
    const code = await smsCode('84912000001', before);
    expect(smsc.to('84912000001').at(-1)!.text).toContain('5');

    const r = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ signedIn: true, citizen: { phone: '0912000001', assurance: 'otp', method: 'otp' } });
    expect(c.cookies.has('motcua_citizen')).toBe(true);
    expect(c.cookies.has('motcua_session')).toBe(false);
    // the citizen cookie is no official's session
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    const me = await c.get('/api/v1/citizen/session');
    expect(me.body).toMatchObject({ signedIn: true, citizen: { id: r.body.citizen.id } });

    // the same code does not work twice
    const again = await t.client().post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('SIGN_IN_CODE_EXPIRED');

    // a second sign-in with the same phone (written another way) reaches the same account
    clock.advance(2 * MIN);
    const second = await signInBySms(t.client(), '+84912000001', '84912000001');
    expect(second.citizen.id).toBe(r.body.citizen.id);
  });

  it('sends the code by e-mail through SMTP and signs in with the address in lower case', async () => {
    const c = t.client();
    const before = mailsTo('an.nguyen@example.vn');
    const start = await c.post('/api/v1/citizen/sign-in/code', { address: ' An.Nguyen@Example.VN ' });
    expect(start.body).toMatchObject({ channel: 'email', sentTo: 'an***@example.vn' });
    const code = await mailCode('an.nguyen@example.vn', before);
    const r = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code });
    expect(r.status).toBe(200);
    expect(r.body.citizen).toMatchObject({ email: 'an.nguyen@example.vn', phone: null });
  });

  it('refuses a wrong code with the tries left, then stops after five tries even for the right code', async () => {
    clock.advance(2 * MIN);
    const c = t.client();
    const before = smsc.to('84912000002').length;
    const start = await c.post('/api/v1/citizen/sign-in/code', { address: '0912000002' });
    const code = await smsCode('84912000002', before);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) {
      const r = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code: wrong }, { 'accept-language': 'en' });
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'SIGN_IN_CODE_WRONG', title: `The code is wrong. ${left} tries left.` });
      expect(r.body.errors[0]).toMatchObject({ path: 'body.code', code: 'SIGN_IN_CODE_WRONG' });
    }
    const fifth = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code: wrong });
    expect(fifth.status).toBe(429);
    expect(fifth.body.code).toBe('SIGN_IN_CODE_TRIES_EXCEEDED');
    expect(fifth.body.title).toContain('Đã nhập sai mã quá 5 lần');
    const right = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code });
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('SIGN_IN_CODE_TRIES_EXCEEDED');
    expect(c.cookies.has('motcua_citizen')).toBe(false);
  });

  it('lets a code expire after five minutes; a new code is sent no sooner than the resend interval and retires the old one', async () => {
    clock.advance(2 * MIN);
    const c = t.client();
    let before = smsc.to('84912000003').length;
    const first = await c.post('/api/v1/citizen/sign-in/code', { address: '0912000003' });
    const code1 = await smsCode('84912000003', before);
    const soon = await c.post('/api/v1/citizen/sign-in/code', { address: '0912000003' });
    expect(soon.status).toBe(429);
    expect(soon.body).toMatchObject({ code: 'SIGN_IN_CODE_TOO_SOON', errors: [{ path: 'body.address', code: 'SIGN_IN_CODE_TOO_SOON' }] });
    expect(soon.headers.get('retry-after')).toBe('60');

    clock.advance(5 * MIN + 1000);
    const late = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: first.body.challengeId, code: code1 });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'SIGN_IN_CODE_EXPIRED', errors: [{ path: 'body.code' }] });

    before = smsc.to('84912000003').length;
    const second = await c.post('/api/v1/citizen/sign-in/code', { address: '0912000003' });
    expect(second.status).toBe(200);
    const code2 = await smsCode('84912000003', before);
    clock.advance(MIN);
    const third = await c.post('/api/v1/citizen/sign-in/code', { address: '0912000003' });
    expect(third.status).toBe(200);
    // the second code was retired by the third
    const old = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: second.body.challengeId, code: code2 });
    expect(old.body.code).toBe('SIGN_IN_CODE_EXPIRED');
  });

  it('answers an address without an account exactly as one with an account, and allows five codes an hour per address', async () => {
    clock.advance(2 * MIN);
    const known = await t.client().post('/api/v1/citizen/sign-in/code', { address: '0912000001' });
    const unknown = await t.client().post('/api/v1/citizen/sign-in/code', { address: '0912000099' });
    expect(known.status).toBe(unknown.status);
    expect(Object.keys(known.body).sort()).toEqual(Object.keys(unknown.body).sort());
    for (let i = 0; i < 4; i++) {
      clock.advance(MIN);
      expect((await t.client().post('/api/v1/citizen/sign-in/code', { address: '0912000099' })).status).toBe(200);
    }
    clock.advance(MIN);
    const sixth = await t.client().post('/api/v1/citizen/sign-in/code', { address: '0912 000 099' });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ code: 'SIGN_IN_CODES_EXHAUSTED', errors: [{ path: 'body.address' }] });
    expect(sixth.body.title).toMatch(/thử lại sau 5\d phút/);
  });

  it('refuses an address that is neither a Vietnamese mobile nor an e-mail, on the field', async () => {
    const r = await t.client().post('/api/v1/citizen/sign-in/code', { address: '12345' });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'SIGN_IN_ADDRESS_INVALID', errors: [{ path: 'body.address', code: 'SIGN_IN_ADDRESS_INVALID' }] });
    const bad = await t.client().post('/api/v1/citizen/sign-in/code/verify', { challengeId: 'x', code: '12' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('the citizen session', () => {
  it('needs the CSRF token and this site for writes; signs out', async () => {
    clock.advance(2 * MIN);
    const c = t.client();
    await signInBySms(c, '0912000004', '84912000004');
    const noToken = await c.post('/api/v1/citizen/sign-out', undefined, { 'x-csrf-token': 'wrong' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('CSRF_FAILED');
    const crossSite = await c.post('/api/v1/citizen/sign-out', undefined, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.code).toBe('ORIGIN_REFUSED');
    expect((await c.get('/api/v1/citizen/session')).body.signedIn).toBe(true);
    expect((await c.post('/api/v1/citizen/sign-out')).status).toBe(204);
    expect((await c.get('/api/v1/citizen/session')).body).toMatchObject({ signedIn: false, citizen: null, csrfToken: null });
    const after = await c.post('/api/v1/citizen/sign-out');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('CITIZEN_UNAUTHENTICATED');
  });

  it('ends after the idle time and after the absolute lifetime, whatever the activity', async () => {
    clock.advance(2 * MIN);
    const idle = t.client();
    await signInBySms(idle, '0912000005', '84912000005');

    clock.advance(31 * MIN);
    expect((await idle.get('/api/v1/citizen/session')).body.signedIn).toBe(false);
    const expired = await idle.post('/api/v1/citizen/sign-out');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('CITIZEN_UNAUTHENTICATED'); // the expired session was ended when it was seen

    // a session kept active still ends at its absolute lifetime
    const active = t.client();
    await signInBySms(active, '0912000007', '84912000007');
    for (let m = 0; m < 2; m++) {
      clock.advance(25 * MIN);
      expect((await active.get('/api/v1/citizen/session')).body.signedIn).toBe(true);
    }
    clock.advance(11 * MIN); // 61 minutes after sign-in, 11 after the last request
    const r = await active.post('/api/v1/citizen/sign-out');
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('CITIZEN_SESSION_EXPIRED');
  });

  it('limits code requests per client address', async () => {
    clock.advance(2 * MIN);
    let limited: { status: number; body: any } | undefined;
    for (let i = 0; i <= 25 && !limited; i++) {
      const r = await t.client().post('/api/v1/citizen/sign-in/code', { address: `09130000${String(i).padStart(2, '0')}` });
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(200);
    }
    expect(limited?.body.code).toBe('RATE_LIMITED');
  });
});
