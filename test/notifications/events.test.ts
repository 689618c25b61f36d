// Every applicant-facing event of the default process (Sở Tư pháp procedure 1.009832 received at the
// provincial centre) becomes its messages in the built-in sink, with the representative as a second
// recipient; sign-in codes bypass quiet hours and opt-outs; delivery receipts move a sent SMS to delivered or
// failed, never backwards; the officials' digest is opt-in. Real HTTP, real database, the recording notifier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { recordDeliveryReceipt, sendDigests, sendSignInCode } from '../../src/modules/notifications/notifications.service.js';
import { RecordingNotifier } from '../../src/platform/ports/notifier.js';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { HOUR, act, receive, startDossierApp } from '../dossiers/fixtures.js';

let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  t = await startDossierApp();
  for (const n of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.thuphi', 'demo.admin']) u[n] = await t.login(n);
});
afterAll(async () => t?.close());

const deliver = () => deliverDue(t.ctx, outboxHandlers);
const msgs = async (code: string) => (await u['demo.admin']!.get(`/api/v1/admin/notifications/messages?pageSize=200&dossier=${encodeURIComponent(code)}`)).body.items as any[];
const REP = { fullName: 'Phạm Minh Tuấn', idNumber: '038090000111', phone: '0868 123 456', email: 'tuan.pham@example.vn', authorisationDocument: 'Giấy ủy quyền số 12/UQ' };

describe('events of the default process', () => {
  it('supplement, payment, apology: applicant and representative, SMS and e-mail, with the right facts', async () => {
    const rec = await receive(u['demo.tiepnhan']!, { representative: REP });
    const code = rec.dossier.code as string;
    await act(u['demo.tiepnhan']!, code, 'forward');
    await act(u['demo.chuyenvien']!, code, 'claim');
    await act(u['demo.chuyenvien']!, code, 'request_supplement', { reason: 'Thiếu bản sao', items: ['Bản sao giấy khai sinh', 'Sổ hộ khẩu'] });
    await act(u['demo.tiepnhan']!, code, 'receive_supplement');
    await act(u['demo.chuyenvien']!, code, 'request_payment', { amount: 1200000, reason: 'Lệ phí' });
    await act(u['demo.thuphi']!, code, 'confirm_payment', { amount: 1200000, receiptNumber: 'BL-9', method: 'cash' });
    const d = (await u['demo.lanhdao']!.get(`/api/v1/dossiers/${code}`)).body;
    const newDueAt = new Date(new Date(d.dueAt).getTime() + 3 * 24 * HOUR).toISOString();
    await act(u['demo.lanhdao']!, code, 'apologize', { reason: 'Cần xác minh thêm', newDueAt });
    await deliver();
    const all = await msgs(code);
    const key = (m: any) => `${m.event}/${m.channel}/${m.recipientRole}`;
    expect(all.map(key).sort()).toEqual(
      ['accepted', 'apology', 'payment_requested', 'supplement_requested'].flatMap((e) => [`${e}/email/applicant`, `${e}/email/representative`, `${e}/sms/applicant`, `${e}/sms/representative`]).sort(),
    );
    expect(all.every((m) => m.status === 'sent' && m.notSentOutside)).toBe(true);
    const sup = all.find((m) => m.event === 'supplement_requested' && m.channel === 'email' && m.recipientRole === 'representative');
    expect(sup.address).toBe('tuan.pham@example.vn');
    expect(sup.body).toContain('Kính gửi Phạm Minh Tuấn');
    expect(sup.body).toContain('- Bản sao giấy khai sinh\n- Sổ hộ khẩu');
    const pay = all.find((m) => m.event === 'payment_requested' && m.channel === 'sms' && m.recipientRole === 'applicant');
    expect(pay.body).toContain('1.200.000 đồng');
    const apo = all.find((m) => m.event === 'apology' && m.channel === 'email' && m.recipientRole === 'applicant');
    expect(apo.subject).toBe(`Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${code}`);
    expect(apo.body).toContain('Lý do: Cần xác minh thêm');
    expect(apo.body).toMatch(/Ngày hẹn trả kết quả mới: \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    // the lookup secret is only in the acceptance messages
    const secret = rec.receipt.secret as string;
    expect(all.filter((m) => m.body.includes(secret)).map((m) => m.event)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    // what the notifier was handed: one call per message, keyed by the message id
    const recorder = (t.ctx.notifier as RecordingNotifier).recorder;
    for (const m of all) expect(recorder.entries.filter((e) => e.idempotencyKey === m.id)).toHaveLength(1);
  });

  it('incomplete and refused at the desk: guidance with the missing papers, refusal with the reason', async () => {
    const inc = await receive(u['demo.tiepnhan']!, { outcome: 'incomplete', reason: 'Thiếu giấy tờ', items: ['Tờ khai'] });
    const ref = await receive(u['demo.tiepnhan']!, { outcome: 'refuse', reason: 'Không thuộc thẩm quyền' });
    await deliver();
    const all = (await u['demo.admin']!.get('/api/v1/admin/notifications/messages?pageSize=200')).body.items as any[];
    const byKind = (e: string) => all.filter((m) => m.event === e && m.createdAt === t.clock.now().toISOString());
    expect(byKind('completion_requested').map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    expect(byKind('completion_requested')[0].body).toContain('Tờ khai');
    expect(byKind('refused').find((m: any) => m.channel === 'sms').body).toContain('Lý do: Không thuộc thẩm quyền');
    expect(inc.dossier.code ?? null).toBeNull();
    expect(ref.dossier.code ?? null).toBeNull();
  });
});

describe('sign-in codes, receipts, digest', () => {
  it('sends a sign-in code at 23:00 and to an opted-out number; a receipt moves it to delivered, never back', async () => {
    await t.ctx.database.pool.query(`INSERT INTO notification_optouts (channel, address, created_at, source) VALUES ('sms', '0977000111', now(), 'admin')`);
    t.clock.set(new Date('2026-11-23T16:00:00Z')); // 23:00 in Hanoi
    for (const c of Object.values(u)) await c.get('/api/v1/auth/me');
    const r = await t.ctx.db.transaction().execute((trx) => sendSignInCode(t.ctx, trx, { channel: 'sms', to: '+84977000111', code: '482913', purpose: 'đăng nhập', challengeId: 'c-1' }));
    expect(r.status).toBe('queued');
    const bad = await t.ctx.db.transaction().execute((trx) => sendSignInCode(t.ctx, trx, { channel: 'sms', to: '024 3825 1234', code: '111222', purpose: 'đăng nhập', challengeId: 'c-2' }));
    expect(bad.status).toBe('failed');
    await deliver();
    const list = (await u['demo.admin']!.get('/api/v1/admin/notifications/messages?event=sign_in_code')).body.items as any[];
    const m = list.find((x) => x.id === r.id);
    expect(m.status).toBe('sent');
    expect(m.body).toBe('Mã xác thực đăng nhập: 482913 (hiệu lực 5 phút). Không cung cấp mã này cho người khác.');
    expect(await recordDeliveryReceipt(t.ctx, { providerMessageId: m.providerMessageId, state: 'delivered', at: t.clock.now() })).toEqual({ matched: true, updated: true });
    expect(await recordDeliveryReceipt(t.ctx, { providerMessageId: m.providerMessageId, state: 'expired', at: t.clock.now(), errorCode: '0x0b' })).toEqual({ matched: true, updated: false });
    expect(await recordDeliveryReceipt(t.ctx, { providerMessageId: 'nope', state: 'delivered', at: t.clock.now() })).toEqual({ matched: false, updated: false });
    const after = (await u['demo.admin']!.get('/api/v1/admin/notifications/messages?status=delivered')).body.items as any[];
    expect(after.map((x) => x.id)).toContain(r.id);
  });

  it('the digest goes only to officials who asked for it, once a day', async () => {
    const me = u['demo.chuyenvien']!;
    expect((await me.get('/api/v1/me/notifications/digest')).body).toEqual({ subscribed: false });
    expect((await sendDigests(t.ctx)).sent).toBe(0);
    await t.ctx.database.pool.query(`UPDATE users SET email = 'chuyenvien@stp.example.vn' WHERE username = 'demo.chuyenvien'`);
    expect((await me.request('PUT', '/api/v1/me/notifications/digest', { subscribed: true })).body).toEqual({ subscribed: true });
    // a dossier assigned to the handler, past its appointment
    const rec = await receive(u['demo.tiepnhan']!);
    await act(u['demo.tiepnhan']!, rec.dossier.code, 'forward');
    await act(me, rec.dossier.code, 'claim');
    t.clock.advance(30 * 24 * HOUR);
    u['demo.admin'] = await t.login('demo.admin'); // sessions last 7 days at most
    const { sweepDeadlines } = await import('../../src/modules/dossiers/dossiers.service.js');
    await sweepDeadlines(t.ctx, t.clock.now());
    expect((await sendDigests(t.ctx)).sent).toBe(1);
    expect((await sendDigests(t.ctx)).sent).toBe(0); // same day
    await deliver();
    const dg = (await u['demo.admin']!.get('/api/v1/admin/notifications/messages?event=official_digest')).body.items as any[];
    expect(dg).toHaveLength(1);
    expect(dg[0].address).toBe('chuyenvien@stp.example.vn');
    expect(dg[0].body).toContain(`${rec.dossier.code}`);
    expect(dg[0].body).toContain('(quá hạn)');
  });
});
