// Asynchronous bounces, wired as the server runs them (MOTCUA_MAIL_BOUNCE_LISTEN → startPortConnections): a
// real dossier's e-mail leaves over SMTP with a VERP envelope sender; the recipient's server later sends a
// DSN back over SMTP to motcua's bounce listener; the message turns "failed" with the remote server's words
// on the admins' outbox page and the dead address is suppressed. A bounce to the plain bounce address is
// matched by the returned Message-ID; a delay only adds a note; other recipients are refused (not a relay);
// when recording fails the sender is told to retry (451), so no bounce is lost.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers, startPortConnections } from '../../src/app.js';
import { SmtpBounceListener } from '../../src/platform/ports/bounce-smtp.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import { applicant, receive, startDossierApp } from '../dossiers/fixtures.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

const BOUNCE = 'bounces@motcua.example.vn';
const KHAI_SINH = '1.001193';

let t: TestApp & { clock: ManualClock };
let smtp: SmtpSink;
let connections: ReturnType<typeof startPortConnections>;
let desk: HttpClient;
let admin: HttpClient;
let bouncePort: number;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startDossierApp({
    MOTCUA_SMTP_URL: smtp.url,
    MOTCUA_MAIL_BOUNCE: BOUNCE,
    MOTCUA_MAIL_BOUNCE_LISTEN: '127.0.0.1:0',
    MOTCUA_MAIL_BOUNCE_VERP: 'true',
  });
  connections = startPortConnections(t.ctx);
  await connections.ready;
  bouncePort = connections.bounceListener!.address()!.port;
  desk = await t.login('demo.xa.tiepnhan');
  admin = await t.login('demo.admin');
});
afterAll(async () => {
  await connections?.stop();
  await t?.close();
  await smtp?.close();
});

/** A khai sinh dossier whose acceptance e-mail went out: the outbox row and what the SMTP server saw. */
async function acceptedEmail(email: string) {
  const rec = await receive(desk, {
    procedureCode: KHAI_SINH,
    competentAgencyCode: undefined,
    applicant: applicant({ fullName: 'Lê Thị Hoa', email }),
    components: [{ name: 'Tờ khai đăng ký khai sinh', provided: true, form: 'original', copies: 1 }],
  });
  await deliverDue(t.ctx, outboxHandlers);
  const code = rec.dossier.code as string;
  const row = await emailOf(code);
  const i = smtp.received.findIndex((m) => (m.subject ?? '').includes(code));
  // a suppressed e-mail never reaches the SMTP server
  return { code, row, envelopeFrom: smtp.envelopeFrom[i] ?? '', messageId: smtp.received[i]?.messageId ?? '' };
}

async function emailOf(code: string) {
  const items = (await admin.get(`/api/v1/admin/notifications/messages?pageSize=50&channel=email&dossier=${encodeURIComponent(code)}`)).body.items as any[];
  return items.find((m) => m.event === 'accepted');
}

/** What a recipient's mail server sends back: a null-sender multipart/report over real SMTP. */
async function sendBounce(to: string, body: { recipient: string; action: string; status: string; diagnostic: string; returnedHeaders?: string }, port = bouncePort) {
  const raw = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.vn>',
    `To: <${to}>`,
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="=B="',
    '',
    '--=B=',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This is the mail system at host mx.example.vn. Your message could not be delivered.',
    '--=B=',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.vn',
    '',
    `Final-Recipient: rfc822; ${body.recipient}`,
    `Action: ${body.action}`,
    `Status: ${body.status}`,
    `Diagnostic-Code: smtp; ${body.diagnostic}`,
    '',
    '--=B=',
    'Content-Type: text/rfc822-headers',
    '',
    body.returnedHeaders ?? 'Subject: (headers not returned)',
    '--=B=--',
    '',
  ].join('\r\n');
  const tr = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await tr.sendMail({ envelope: { from: '', to }, raw });
  } finally {
    tr.close();
  }
}

describe('asynchronous bounces over SMTP', () => {
  it('a DSN to the VERP address fails the message with the remote reason and suppresses the dead address', async () => {
    const { code, row, envelopeFrom } = await acceptedEmail('nobody@example.vn');
    expect(row.status).toBe('sent');
    expect(envelopeFrom).toBe(`bounces+${row.id}@motcua.example.vn`);

    await sendBounce(envelopeFrom, { recipient: 'nobody@example.vn', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <nobody@example.vn>: User unknown' });
    const failed = await emailOf(code);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toContain('5.1.1');
    expect(failed.lastError).toContain('User unknown');
    expect(failed.resendable).toBe(true);

    // the same bounce again changes nothing and is still accepted (the sender must not retry it forever)
    await sendBounce(envelopeFrom, { recipient: 'nobody@example.vn', action: 'failed', status: '5.1.1', diagnostic: 'again' });
    expect((await emailOf(code)).lastError).toContain('User unknown');

    // the next dossier of the same person: its e-mail is suppressed, not sent into the void
    const next = await acceptedEmail('nobody@example.vn');
    expect(next.row.status).toBe('suppressed');
    expect(next.envelopeFrom).toBe('');
  });

  it('a DSN to the plain bounce address is matched by the returned Message-ID; a full mailbox keeps the address', async () => {
    const { code, row, messageId } = await acceptedEmail('full.box@example.vn');
    await sendBounce(BOUNCE, {
      recipient: 'full.box@example.vn', action: 'failed', status: '5.2.2', diagnostic: '552 5.2.2 Mailbox full',
      returnedHeaders: `From: UBND xa <no-reply@motcua.invalid>\r\nMessage-ID: ${messageId}\r\nSubject: =?UTF-8?Q?Ti=E1=BA=BFp?=`,
    });
    expect(messageId).toBe(`<${row.id}@${messageId.slice(messageId.indexOf('@') + 1, -1)}>`);
    expect((await emailOf(code))).toMatchObject({ status: 'failed' });
    expect((await acceptedEmail('full.box@example.vn')).row.status).toBe('sent');
  });

  it('a delay notice only adds a note; the message stays sent', async () => {
    const { code, envelopeFrom } = await acceptedEmail('slow@example.vn');
    await sendBounce(envelopeFrom, { recipient: 'slow@example.vn', action: 'delayed', status: '4.4.7', diagnostic: '421 4.4.7 try later' });
    const m = await emailOf(code);
    expect(m.status).toBe('sent');
    expect(m.lastError).toContain('4.4.7');
  });

  it('is not a relay: other recipients get 550 at RCPT TO', async () => {
    await expect(sendBounce('someone@example.vn', { recipient: 'a@b.vn', action: 'failed', status: '5.1.1', diagnostic: 'x' }))
      .rejects.toMatchObject({ responseCode: 550 });
  });
});

describe('the bounce listener when recording fails', () => {
  it('answers 451 so the sender retries, and accepts the retry', async () => {
    const listener = new SmtpBounceListener({ listen: '127.0.0.1:0', bounceAddress: BOUNCE });
    const seen: string[] = [];
    let fail = true;
    listener.setHandler(async (r) => {
      if (fail) throw new Error('database unavailable');
      seen.push(`${r.recipients[0]!.recipient} ${r.recipients[0]!.status}`);
    });
    const { port } = await listener.start();
    try {
      const bounce = { recipient: 'x@example.vn', action: 'failed', status: '5.1.1', diagnostic: 'User unknown' };
      await expect(sendBounce(BOUNCE, bounce, port)).rejects.toMatchObject({ responseCode: 451 });
      fail = false;
      await sendBounce(BOUNCE, bounce, port);
      expect(seen).toEqual(['x@example.vn 5.1.1']);
    } finally {
      await listener.stop();
    }
  });
});
