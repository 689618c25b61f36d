// Notifications on a real procedure of the bundled catalogue (khai sinh, 1.001193, at a commune desk), through
// the real HTTP API, the outbox and a real local SMTP server: what arrives (Vietnamese subject, body, the
// receipt attachment's name), what the built-in SMS sink keeps, and the visible failures (a landline is not a
// mobile, an address that bounces), template checks (422 on the field), opt-out, quiet hours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { DOC, HOUR, act, applicant, receive } from '../dossiers/fixtures.js';
import { startDossierApp } from '../dossiers/fixtures.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let t: TestApp & { clock: ManualClock };
let smtp: SmtpSink;
const u: Record<string, HttpClient> = {};
const KHAI_SINH = '1.001193';

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startDossierApp({ MOTCUA_SMTP_URL: smtp.url, MOTCUA_MAIL_BOUNCE: 'bounces@motcua.example.vn' });
  for (const name of ['demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa.lanhdao', 'demo.admin']) u[name] = await t.login(name);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const deliver = () => deliverDue(t.ctx, outboxHandlers);
const messages = async (q = '') => (await u['demo.admin']!.get(`/api/v1/admin/notifications/messages?pageSize=200${q}`)).body;
const khaiSinh = (over: Record<string, unknown> = {}) =>
  receive(u['demo.xa.tiepnhan']!, {
    procedureCode: KHAI_SINH,
    competentAgencyCode: undefined,
    applicant: applicant({ fullName: 'Trần Văn Đức', phone: '0912 345 678', email: 'duc.tran@example.vn', ...over }),
    components: [{ name: 'Tờ khai đăng ký khai sinh', provided: true, form: 'original', copies: 1 }],
  });

describe('a khai sinh dossier from reception to return', () => {
  it('notifies the applicant by SMS (built-in sink) and by e-mail (SMTP) at each step, once each', async () => {
    const rec = await khaiSinh();
    const code = rec.dossier.code as string;
    await deliver();
    const xa = u['demo.xa.tiepnhan']!;
    await act(xa, code, 'forward');
    await act(u['demo.xa.chuyenvien']!, code, 'claim');
    await act(u['demo.xa.chuyenvien']!, code, 'forward');
    await act(u['demo.xa.lanhdao']!, code, 'claim');
    await act(u['demo.xa.lanhdao']!, code, 'approve');
    await act(u['demo.xa.lanhdao']!, code, 'claim');
    await act(u['demo.xa.lanhdao']!, code, 'record_result', { documents: [DOC] });
    await act(xa, code, 'claim');
    await act(xa, code, 'return_result', { method: 'post', trackingNumber: 'EA123456789VN' });
    await deliver();
    await deliver(); // a second run finds nothing new

    const list = await messages(`&dossier=${encodeURIComponent(code)}`);
    const got = list.items.map((m: any) => `${m.event}/${m.channel}/${m.status}`).sort();
    expect(got).toEqual([
      'accepted/email/sent', 'accepted/sms/sent',
      'rating_invitation/email/sent', 'rating_invitation/sms/sent',
      'result_ready/email/sent', 'result_ready/sms/sent',
      'result_returned/email/sent', 'result_returned/sms/sent',
    ]);
    expect(list.providers).toEqual({ sms: 'recording', email: 'smtp' });
    const sms = list.items.filter((m: any) => m.channel === 'sms');
    expect(sms.every((m: any) => m.notSentOutside && m.provider === 'recording')).toBe(true);
    const acceptedSms = sms.find((m: any) => m.event === 'accepted');
    expect(acceptedSms.address).toBe('0912345678');
    expect(acceptedSms.body).toContain(`Hồ sơ ${code} đã được tiếp nhận. Mã tra cứu: ${rec.receipt.secret}`);
    expect(acceptedSms.templateVersion).toBe(1);
    expect(acceptedSms.body).toMatch(/Hẹn trả: \d\d\/\d\d\/\d{4} \d\d:\d\d/);

    // e-mails: exactly four arrived at the SMTP server, in Vietnamese, from the agency
    const mine = smtp.received.filter((m) => (m.subject ?? '').includes(code));
    expect(mine.map((m) => m.subject).sort()).toEqual([
      `Hồ sơ ${code} đã có kết quả`,
      `Mời đánh giá mức độ hài lòng — hồ sơ ${code}`,
      `Tiếp nhận hồ sơ ${code}`,
      `Đã trả kết quả hồ sơ ${code}`,
    ]);
    const accepted = mine.find((m) => m.subject === `Tiếp nhận hồ sơ ${code}`)!;
    expect(accepted.text).toContain('Kính gửi Trần Văn Đức');
    expect(accepted.text).toContain(`Mã tra cứu: ${rec.receipt.secret}`);
    expect(accepted.text).toContain('Giấy tiếp nhận hồ sơ và hẹn trả kết quả được gửi kèm thư này.');
    expect(accepted.html).toContain('Trần Văn Đức');
    expect(accepted.from?.value[0]?.name).toBe(rec.dossier.agencies.receiving.name);
    expect(accepted.to && 'text' in accepted.to ? accepted.to.text : '').toBe('duc.tran@example.vn');
    expect(accepted.attachments.map((a) => a.filename)).toEqual([`Giấy tiếp nhận hồ sơ ${code}.pdf`]);
    expect(accepted.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(JSON.stringify(accepted.headers.get('list'))).toContain('/api/v1/public/notifications/unsubscribe?c=email');
    expect(accepted.messageId).toMatch(/^<[0-9a-f-]{36}@/);
    const returned = mine.find((m) => m.subject === `Đã trả kết quả hồ sơ ${code}`)!;
    expect(returned.text).toContain('Mã bưu gửi: EA123456789VN');
    expect(returned.text).toContain('qua dịch vụ bưu chính công ích');
  });
});

describe('visible failures, never a silent drop', () => {
  it('a landline gets a failed SMS with the reason; an address that bounces gets a failed e-mail', async () => {
    smtp.bounce.add('khong.ton.tai@example.vn');
    const rec = await khaiSinh({ phone: '0237 385 2222', email: 'khong.ton.tai@example.vn' });
    const code = rec.dossier.code as string;
    await deliver();
    const list = await messages(`&dossier=${encodeURIComponent(code)}`);
    const sms = list.items.find((m: any) => m.channel === 'sms');
    const email = list.items.find((m: any) => m.channel === 'email');
    expect(sms.status).toBe('failed');
    expect(sms.lastError).toContain('không phải số di động Việt Nam');
    expect(email.status).toBe('failed');
    expect(email.lastError).toContain('550');
    expect(email.resendable).toBe(true);
    const dead = await messages('&deadLetters=true');
    expect(dead.items.map((m: any) => m.id)).toEqual(expect.arrayContaining([sms.id, email.id]));
    // resend after the mailbox exists: a new message linked to the first, delivered
    smtp.bounce.delete('khong.ton.tai@example.vn');
    const again = await u['demo.admin']!.post(`/api/v1/admin/notifications/messages/${email.id}/resend`);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.resendOf).toBe(email.id);
    await deliver();
    const after = await messages(`&dossier=${encodeURIComponent(code)}&channel=email`);
    expect(after.items.map((m: any) => m.status).sort()).toEqual(['failed', 'sent']);
    const twice = await u['demo.admin']!.post(`/api/v1/admin/notifications/messages/${again.body.id}/resend`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('NOTIFICATION_NOT_RESENDABLE');
  });

  it('refuses a template with an unknown variable on the field (422), saves a good one as a new version used by the next message', async () => {
    const admin = u['demo.admin']!;
    const bad = await admin.request('PUT', '/api/v1/admin/notifications/templates/accepted/sms', { body: 'Hồ sơ {{dossierCode}} hẹn {{ngayHen}}', baseVersion: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: 'body.body', code: 'TEMPLATE_UNKNOWN_VARIABLE' });
    expect(bad.body.errors[0].message).toContain('{{ngayHen}}');
    const noSubject = await admin.request('PUT', '/api/v1/admin/notifications/templates/accepted/email', { subject: '', body: 'x {{dossierCode}}', baseVersion: 1 });
    expect(noSubject.status).toBe(422);
    expect(noSubject.body.errors[0].path).toBe('body.subject');
    const unknownEvent = await admin.request('PUT', '/api/v1/admin/notifications/templates/nope/sms', { body: 'x', baseVersion: 1 });
    expect(unknownEvent.status).toBe(400);
    expect(unknownEvent.body.errors[0].path).toBe('params.event');
    // preview with a real dossier
    const rec = await khaiSinh();
    const code = rec.dossier.code as string;
    const pv = await admin.post('/api/v1/admin/notifications/templates/accepted/sms/preview', { dossierCode: code, body: 'HS {{dossierCode}} ({{procedureName}}) hẹn {{appointment}}' });
    expect(pv.status, JSON.stringify(pv.body)).toBe(200);
    expect(pv.body.body).toContain(`HS ${code} (`);
    expect(pv.body.body).toMatch(/hẹn \d\d\/\d\d\/\d{4}/);
    expect(pv.body.sms).toMatchObject({ encoding: 'GSM7', segments: 1, strippedDiacritics: true });
    expect(pv.body.sms.textSent).toContain('(Thu tuc dang ky khai sinh) hen');
    const pvBad = await admin.post('/api/v1/admin/notifications/templates/accepted/sms/preview', { dossierCode: code, body: '{{x}}' });
    expect(pvBad.status).toBe(422);
    const ok = await admin.request('PUT', '/api/v1/admin/notifications/templates/accepted/sms', { body: 'Đã nhận hồ sơ {{dossierCode}}, mã tra cứu {{lookupSecret}}.', baseVersion: 1 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.versions.map((v: any) => v.version)).toEqual([2, 1]);
    const stale = await admin.request('PUT', '/api/v1/admin/notifications/templates/accepted/sms', { body: 'x {{dossierCode}}', baseVersion: 1 });
    expect(stale.status).toBe(409);
    await deliver(); // the preview's dossier: its messages were written before the new version
    const next = await khaiSinh();
    await deliver();
    const list = await messages(`&dossier=${encodeURIComponent(next.dossier.code)}&channel=sms`);
    expect(list.items[0].templateVersion).toBe(2);
    expect(list.items[0].body).toBe(`Đã nhận hồ sơ ${next.dossier.code}, mã tra cứu ${next.receipt.secret}.`);
    const officials = await u['demo.xa.tiepnhan']!.get('/api/v1/admin/notifications/messages');
    expect(officials.status).toBe(403);
  });

  it('an opted-out address is suppressed; SMS in quiet hours wait for their end', async () => {
    // opt out through the signed link of an e-mail
    const rec = await khaiSinh({ email: 'optout@example.vn', phone: '0987 111 222' });
    await deliver();
    const mail = smtp.received.find((m) => m.subject === `Tiếp nhận hồ sơ ${rec.dossier.code}`)!;
    const link = /(http\S+unsubscribe\S+)/.exec(mail.text ?? '')![1]!;
    const path = link.slice(t.url.length);
    const forged = await t.client().get(path.replace(/s=[^&]+/, 's=AAAA'));
    expect(forged.status).toBe(400);
    // following the link only asks (a mail scanner opening every link opts nobody out) …
    const page = await t.client().get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Ngừng nhận thông báo?');
    expect(page.body).toContain('method="post"');
    // … the RFC 8058 one-click POST (what the confirmation button sends too) opts out
    const oneClick = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Đã ngừng nhận thông báo');
    // 22:00 local: SMS deferred to 07:00, e-mail suppressed
    t.clock.set(new Date('2026-11-23T15:00:00Z'));
    for (const c of Object.values(u)) await c.get('/api/v1/auth/me');
    const late = await khaiSinh({ email: 'optout@example.vn', phone: '0987 111 222' });
    await deliver();
    const list = await messages(`&dossier=${encodeURIComponent(late.dossier.code)}`);
    const byChannel = Object.fromEntries(list.items.map((m: any) => [m.channel, m]));
    expect(byChannel.email.status).toBe('suppressed');
    expect(byChannel.sms.status).toBe('deferred');
    expect(byChannel.sms.notBefore).toBe('2026-11-24T00:00:00.000Z'); // 07:00 in Hanoi
    t.clock.set(new Date('2026-11-24T00:00:30Z'));
    await deliver();
    const after = await messages(`&dossier=${encodeURIComponent(late.dossier.code)}&channel=sms`);
    expect(after.items[0].status).toBe('sent');
    t.clock.advance(HOUR);
  });
});
