// The electronic receipt is sent: when a payment is settled paid, the applicant gets the receipt (number,
// amount, lines) by SMS (a link to the tracking page) and by e-mail with the PDF attached (a real local SMTP
// server) — once per payment, even when the gateway repeats its callback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { extractText } from '../documents/pdf-tools.js';
import { act, receive } from '../dossiers/fixtures.js';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.js';
import { signed, startPaymentWorld, type PaymentWorld } from './helpers.js';

let w: PaymentWorld;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  w = await startPaymentWorld({ MOTCUA_SMTP_URL: smtp.url });
});
afterAll(async () => {
  await w?.close();
  await smtp?.close();
});

const deliver = async () => { for (let i = 0; i < 3; i++) await deliverDue(w.t.ctx, outboxHandlers); };

describe('the receipt of an online payment is sent', () => {
  it('by e-mail with the PDF and by SMS, once, even on repeated callbacks', async () => {
    const admin = await w.t.login('demo.admin');
    const r = await receive(w.desk);
    const code = r.dossier.code as string;
    await act(w.desk, code, 'forward');
    await act(w.handler, code, 'claim');
    await act(w.handler, code, 'request_payment', { lines: [
      { name: 'Lệ phí cấp giấy phép', kind: 'le_phi', amount: 30_000 },
      { name: 'Phí thẩm định', kind: 'phi', amount: 100_000, exemptReason: 'Hộ nghèo' },
    ] });
    const secret = (r.receipt as { secret: string }).secret;
    const p = (await w.t.client().post('/api/v1/public/payments', { code, secret })).body;
    expect(p.amount).toBe(30_000);
    const msg = signed({ merchant: 'MOTCUA', orderId: p.orderRef, status: 'paid', amount: '30000', currency: 'VND', txnId: 'SIMR1', ts: String(w.t.clock.now().getTime()) });
    expect((await w.t.client().post('/api/v1/payments/callback/simulated', msg)).body.outcome).toBe('accepted');
    await deliver();
    // the gateway repeats itself
    expect((await w.t.client().post('/api/v1/payments/callback/simulated', msg)).body.outcome).toBe('duplicate');
    await deliver();

    const mails = smtp.received.filter((m) => m.subject?.startsWith('Biên lai điện tử') && m.subject.includes(code));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    const summary = (await w.t.client().get(`/api/v1/public/payments?code=${encodeURIComponent(code)}&secret=${encodeURIComponent(secret)}`)).body;
    const number = summary.payments[0].receiptNumber as string;
    expect(mail.subject).toContain(number);
    expect(mail.text).toContain('30.000 đồng');
    expect(mail.text).toContain('- Lệ phí cấp giấy phép: 30.000 đồng');
    expect(mail.text).toContain('- Phí thẩm định: miễn (Hộ nghèo)');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: `bien-lai-${number}.pdf`, contentType: 'application/pdf' });
    const pdfText = (await extractText(mail.attachments[0]!.content)).replace(/\s+/g, ' ');
    expect(pdfText).toContain(number.slice(number.lastIndexOf('-') + 1));
    expect(pdfText).toContain('Miễn: Hộ nghèo');

    const list = (await admin.get(`/api/v1/admin/notifications/messages?pageSize=200&dossier=${encodeURIComponent(code)}`)).body;
    const receipts = list.items.filter((m: any) => m.event === 'receipt_issued');
    expect(receipts.map((m: any) => m.channel).sort()).toEqual(['email', 'sms']);
    const sms = receipts.find((m: any) => m.channel === 'sms');
    expect(sms.body).toContain(number);
    expect(sms.body).toContain(`/tra-cuu?code=${encodeURIComponent(code)}`);
  }, 120_000);
});
