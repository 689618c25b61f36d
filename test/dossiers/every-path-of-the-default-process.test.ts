// Every path of the default process over HTTP, with different demo officials: reception at the centre →
// handler in Sở Tư pháp → leader approval → clerk result → return at the centre; supplement; transfer
// commune ↔ department; consult; payment; refusal and completion at the desk; online reception; reject
// after appraisal; withdrawal + stop; apology; send back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import {
  COMMUNE_PROC, DOC, HOUR, STP, SXD, XA1, XA1_TT, act, receive, startDossierApp, tryAct, versionOf,
} from './fixtures.js';

let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  t = await startDossierApp();
  for (const name of [
    'demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua', 'demo.thuphi',
    'demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa.lanhdao', 'demo.kiemsoat',
  ]) u[name] = await t.login(name);
});
afterAll(async () => t?.close());

/** Moves the clock and keeps every session alive (sessions expire after 24 idle hours here). */
async function advance(ms: number) {
  t.clock.advance(ms);
  for (const c of Object.values(u)) await c.get('/api/v1/auth/me');
}

const status = async (c: HttpClient, ref: string) => (await c.get(`/api/v1/dossiers/${ref}`)).body;

/** Accepted at the centre and handed to the handling step in Sở Tư pháp, claimed by the handler. */
async function atHandler(): Promise<string> {
  const r = await receive(u['demo.tiepnhan']!);
  const code = r.dossier.code as string;
  await act(u['demo.tiepnhan']!, code, 'forward');
  await act(u['demo.chuyenvien']!, code, 'claim');
  return code;
}

describe('main path', () => {
  it('reception → handling → approval → issue → return, with the receipt, pools, control slip and public look-up', async () => {
    const rec = await receive(u['demo.tiepnhan']!);
    const code = rec.dossier.code as string;
    expect(code).toMatch(/^000\.00\.01\.H56-261123-\d{4}$/);
    expect(rec.dossier.nationalStatus).toBe(2);
    // form 01 data
    expect(rec.receipt.form).toBe('01');
    expect(rec.receipt.secret).toMatch(/^[2-9A-HJ-NP-Z]{5} [2-9A-HJ-NP-Z]{5} [2-9A-HJ-NP-Z]{5}$/); // typeable from paper (issue 11)
    expect(rec.receipt.legalTimeLimit.workingDays).toBe(15);
    expect(rec.receipt.receivedAtLocal).toBe('2026-11-23T09:00');
    expect(rec.receipt.appointmentAt).toBeTruthy();
    expect(rec.receipt.components).toHaveLength(2);
    expect(rec.receipt.delivery.place.code).toBe('000.00.01.H56');
    expect(rec.receipt.applicant.phone).toBe('0912345678');
    expect(new Date(rec.receipt.appointmentAt).getTime()).toBeGreaterThan(t.clock.now().getTime() + 15 * 24 * HOUR);

    await advance(HOUR);
    const fwd = await act(u['demo.tiepnhan']!, code, 'forward');
    expect(fwd.dossier.nationalStatus).toBe(4);
    expect(fwd.dossier.agencies.current.code).toBe(STP);
    // the handler sees it in the pool of the handler role, not yet "mine"
    const pool = await u['demo.chuyenvien']!.get('/api/v1/dossiers?pool=true');
    expect(pool.body.items.map((i: any) => i.code)).toContain(code);
    const mine = await u['demo.chuyenvien']!.get('/api/v1/dossiers?mine=true');
    expect(mine.body.items.map((i: any) => i.code)).not.toContain(code);
    // the clerk cannot act on the handling step
    const wrong = await tryAct(u['demo.vanthu']!, code, 'forward');
    expect(wrong.status).toBe(403);
    expect(wrong.body.allowed).toEqual([]);

    await act(u['demo.chuyenvien']!, code, 'claim');
    await advance(2 * HOUR);
    await act(u['demo.chuyenvien']!, code, 'forward');
    await act(u['demo.lanhdao']!, code, 'claim');
    const appr = await act(u['demo.lanhdao']!, code, 'approve');
    expect(appr.dossier.step.key).toBe('issue');
    await act(u['demo.vanthu']!, code, 'claim');
    const res = await act(u['demo.vanthu']!, code, 'record_result', { documents: [DOC] });
    expect(res.dossier.nationalStatus).toBe(9);
    expect(res.dossier.agencies.current.code).toBe('000.00.01.H56');
    await act(u['demo.traketqua']!, code, 'claim');
    const ret = await act(u['demo.traketqua']!, code, 'return_result', { method: 'counter', recipient: 'Nguyễn Thị Bích Ngọc' });
    expect(ret.dossier.nationalStatus).toBe(10);
    expect(ret.allowed).toEqual([]);

    const events = await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/events`);
    expect(events.body.items.map((e: any) => e.action)).toEqual([
      'receive', 'forward', 'claim', 'forward', 'claim', 'approve', 'claim', 'record_result', 'claim', 'return_result',
    ]);
    const slip = await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/control-slip`);
    expect(slip.status).toBe(200);
    expect(slip.body.rows.map((r: any) => r.action)).toEqual(['forward', 'forward', 'approve', 'record_result', 'return_result']);
    expect(slip.body.rows[0].classification).toBe('early');
    expect(slip.body.rows.at(-1).receiver.applicant).toBe(true);

    // the citizen's look-up: same 404 for a wrong secret and a wrong code
    const pub = await t.client().get(`/api/v1/public/dossiers/${code}?secret=${rec.receipt.secret}`);
    expect(pub.status).toBe(200);
    expect(pub.body.nationalStatus).toBe(10);
    expect(JSON.stringify(pub.body)).not.toContain('038190012345');
    expect(JSON.stringify(pub.body)).not.toContain('Bích Ngọc');
    const badSecret = await t.client().get(`/api/v1/public/dossiers/${code}?secret=wrong`);
    const badCode = await t.client().get(`/api/v1/public/dossiers/000.00.01.H56-261123-9999?secret=${rec.receipt.secret}`);
    expect(badSecret.status).toBe(404);
    expect(badCode.status).toBe(404);
    const shape = (b: any) => ({ ...b, instance: undefined, requestId: undefined });
    expect(shape(badSecret.body)).toEqual(shape(badCode.body));
  });
});

describe('side roads', () => {
  it('supplement: the clock stops, restarts from zero on receipt; a second request is refused (ND 118 Art. 11)', async () => {
    const code = await atHandler();
    const before = await status(u['demo.chuyenvien']!, code);
    await advance(HOUR);
    const req = await act(u['demo.chuyenvien']!, code, 'request_supplement', { reason: 'Thiếu bản sao giấy khai sinh', items: ['Giấy khai sinh'] });
    expect(req.dossier.nationalStatus).toBe(5);
    await advance(20 * HOUR);
    const got = await act(u['demo.tiepnhan']!, code, 'receive_supplement');
    expect(got.dossier.nationalStatus).toBe(4);
    expect(new Date(got.dossier.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime());
    expect(got.dossier.originalDueAt).toBe(before.originalDueAt);
    const again = await tryAct(u['demo.chuyenvien']!, code, 'request_supplement', { reason: 'Lần hai' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('LIMIT_REACHED');
    expect(again.body.allowed).toContain('forward');
    expect(again.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('payment: status 6, the cashier confirms, processing resumes', async () => {
    const code = await atHandler();
    const r = await act(u['demo.chuyenvien']!, code, 'request_payment', { amount: 200000, reason: 'Lệ phí' });
    expect(r.dossier.nationalStatus).toBe(6);
    const ok = await act(u['demo.thuphi']!, code, 'confirm_payment', { amount: 200000, receiptNumber: 'BL-001', method: 'cash' });
    expect(ok.dossier.nationalStatus).toBe(4);
    expect(ok.dossier.detail.payments[0].paidAt).toBeTruthy();
  });

  it('consult: a sub-task for another agency, answered in the dossier by that agency', async () => {
    const code = await atHandler();
    const r = await act(u['demo.chuyenvien']!, code, 'consult', { agencyCode: XA1, hours: 16, question: 'Xác nhận cư trú?' });
    expect(r.dossier.detail.openConsultations).toHaveLength(1);
    // the consulted commune now sees the dossier and may answer
    const seen = await u['demo.xa.chuyenvien']!.get(`/api/v1/dossiers/${code}`);
    expect(seen.status).toBe(200);
    const allowed = await u['demo.xa.chuyenvien']!.get(`/api/v1/dossiers/${code}/allowed-actions`);
    expect(allowed.body.allowed).toEqual(['answer_consultation']);
    const a = await act(u['demo.xa.chuyenvien']!, code, 'answer_consultation', { answer: 'Có cư trú tại địa phương' });
    expect(a.dossier.detail.openConsultations).toHaveLength(0);
    expect(a.dossier.detail.closedConsultations[0].answer).toBe('Có cư trú tại địa phương');
    expect(a.dossier.detail.closedConsultations[0].classification).toBe('early');
  });

  it('send back from approval to handling, to the handler who finished it', async () => {
    const code = await atHandler();
    await act(u['demo.chuyenvien']!, code, 'forward');
    await act(u['demo.lanhdao']!, code, 'claim');
    const back = await act(u['demo.lanhdao']!, code, 'send_back', { toStep: 'handling', reason: 'Bổ sung ý kiến thẩm định' });
    expect(back.dossier.step.key).toBe('handling');
    expect(back.dossier.assigneeId).toBe((await u['demo.chuyenvien']!.get('/api/v1/auth/me')).body.id);
  });

  it('reject after appraisal: the result (refusal) goes to the return desk and is returned', async () => {
    const code = await atHandler();
    await act(u['demo.chuyenvien']!, code, 'forward');
    await act(u['demo.lanhdao']!, code, 'claim');
    const rej = await act(u['demo.lanhdao']!, code, 'reject', { reason: 'Không đủ điều kiện theo quy định' });
    expect(rej.dossier.nationalStatus).toBe(9);
    expect(rej.dossier.detail.result.outcome).toBe('rejected');
    expect(rej.dossier.step.key).toBe('return');
    await act(u['demo.traketqua']!, code, 'claim');
    const ret = await act(u['demo.traketqua']!, code, 'return_result', { method: 'post', trackingNumber: 'EMS123456789VN' });
    expect(ret.dossier.nationalStatus).toBe(10);
  });

  it('withdrawal at the citizen\'s request, then stop (form 05)', async () => {
    const code = await atHandler();
    const w = await act(u['demo.tiepnhan']!, code, 'request_withdrawal', { reason: 'Công dân xin rút hồ sơ' });
    expect(w.dossier.nationalStatus).toBe(7);
    const s = await act(u['demo.tiepnhan']!, code, 'stop', { reason: 'Theo yêu cầu', noticeNumber: '05/TB' });
    expect(s.dossier.nationalStatus).toBe(8);
    const after = await tryAct(u['demo.chuyenvien']!, code, 'forward');
    expect(after.status).toBe(409);
    expect(after.body.allowed).toEqual([]);
  });

  it('apology (form 04): before the due date, once, with a new date; the dossier counts as late', async () => {
    const code = await atHandler();
    const d = await status(u['demo.lanhdao']!, code);
    const newDueAt = new Date(new Date(d.dueAt).getTime() + 3 * 24 * HOUR).toISOString();
    const a = await act(u['demo.lanhdao']!, code, 'apologize', { reason: 'Cần xác minh thêm', newDueAt });
    expect(a.dossier.dueAt).toBe(newDueAt);
    expect(a.dossier.detail.lateForIndicators).toBe(true);
    expect(a.dossier.originalDueAt).toBe(d.originalDueAt);
    const again = await tryAct(u['demo.lanhdao']!, code, 'apologize', { reason: 'Lần hai', newDueAt: new Date(new Date(newDueAt).getTime() + 86_400_000).toISOString() });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('LIMIT_REACHED');
  });
});

describe('at the desk', () => {
  it('refusal at the desk: form 03, status 3, no code', async () => {
    const r = await receive(u['demo.tiepnhan']!, { outcome: 'refuse', reason: 'Thủ tục không thuộc thẩm quyền' });
    expect(r.refusal.form).toBe('03');
    expect(r.refusal.reason).toBe('Thủ tục không thuộc thẩm quyền');
    expect(r.dossier.code).toBeNull();
    expect(r.dossier.nationalStatus).toBe(3);
    expect(r.receipt).toBeUndefined();
  });

  it('incomplete: guidance (form 02) without a code; resubmitted and accepted with a code and a receipt', async () => {
    const r = await receive(u['demo.tiepnhan']!, { outcome: 'incomplete', reason: 'Thiếu giấy tờ', items: ['Bản sao giấy khai sinh'] });
    expect(r.guidance.form).toBe('02');
    expect(r.guidance.items).toEqual(['Bản sao giấy khai sinh']);
    expect(r.dossier.code).toBeNull();
    expect(r.dossier.nationalStatus).toBe(1);
    const id = r.dossier.id as string;
    await act(u['demo.tiepnhan']!, id, 'resubmit');
    const acc = await act(u['demo.tiepnhan']!, id, 'accept');
    expect(acc.dossier.code).toMatch(/^000\.00\.01\.H56-\d{6}-\d{4}$/);
    expect(acc.receipt.secret).toBeTruthy();
    expect(acc.dossier.nationalStatus).toBe(2);
  });

  it('online (channel 2): status 1 with submittedAt, then accepted at the desk; the clock starts at acceptance', async () => {
    const submittedAt = new Date(t.clock.now().getTime() - 20 * HOUR).toISOString();
    const r = await receive(u['demo.tiepnhan']!, { channel: 2, submittedAt });
    expect(r.dossier.nationalStatus).toBe(1);
    expect(r.dossier.code).toBeNull();
    expect(r.dossier.submittedAt).toBe(submittedAt);
    const acc = await act(u['demo.tiepnhan']!, r.dossier.id, 'accept');
    expect(acc.dossier.nationalStatus).toBe(2);
    expect(acc.dossier.acceptedAt).toBe(t.clock.now().toISOString());
    expect(acc.dossier.submittedAt).toBe(submittedAt);
    // and the online dossier can be sent back for completion before acceptance
    const r2 = await receive(u['demo.tiepnhan']!, { channel: 2 });
    const back = await act(u['demo.tiepnhan']!, r2.dossier.id, 'request_completion', { reason: 'Ảnh chụp mờ', items: ['Bản quét CCCD'] });
    expect(back.dossier.state).toBe('needs_completion');
  });
});

describe('inter-agency transfer (liên thông) commune ↔ department', () => {
  it('goes to Sở Tư pháp and comes back; both see the full trail; then finishes at the commune', async () => {
    const xa = u['demo.xa.tiepnhan']!;
    const r = await receive(xa, { procedureCode: COMMUNE_PROC, competentAgencyCode: undefined, applicant: { fullName: 'Lê Văn Hùng', kind: 'individual', idNumber: '038085001122', phone: '0987654321' } });
    const code = r.dossier.code as string;
    expect(code.startsWith(`${XA1_TT}-`)).toBe(true);
    expect(r.dossier.agencies.competent.code).toBe(XA1);
    await act(xa, code, 'forward');
    await act(u['demo.xa.chuyenvien']!, code, 'claim');
    const tr = await act(u['demo.xa.chuyenvien']!, code, 'transfer', { agencyCode: STP, hours: 16 });
    expect(tr.dossier.state).toBe('transferred');
    expect(tr.dossier.agencies.current.code).toBe(STP);
    // it enters the department's inbox
    const inbox = await u['demo.chuyenvien']!.get(`/api/v1/dossiers?q=${encodeURIComponent(code)}`);
    expect(inbox.body.items.map((i: any) => i.code)).toEqual([code]);
    await act(u['demo.chuyenvien']!, code, 'claim');
    const back = await act(u['demo.chuyenvien']!, code, 'return_transfer', { result: [DOC] });
    expect(back.dossier.agencies.current.code).toBe(XA1);
    expect(back.dossier.state).toBe('processing');
    // both agencies keep seeing the full trail
    for (const c of [u['demo.chuyenvien']!, u['demo.xa.chuyenvien']!]) {
      const ev = await c.get(`/api/v1/dossiers/${code}/events`);
      expect(ev.status).toBe(200);
      expect(ev.body.items.map((e: any) => e.action)).toContain('return_transfer');
    }
    await act(u['demo.xa.chuyenvien']!, code, 'forward');
    await act(u['demo.xa.lanhdao']!, code, 'claim');
    await act(u['demo.xa.lanhdao']!, code, 'approve');
    await act(u['demo.xa.lanhdao']!, code, 'claim');
    await act(u['demo.xa.lanhdao']!, code, 'record_result', { documents: [DOC] });
    await act(xa, code, 'claim');
    const done = await act(xa, code, 'return_result', { method: 'counter' });
    expect(done.dossier.nationalStatus).toBe(10);
    const slip = await xa.get(`/api/v1/dossiers/${code}/control-slip`);
    expect(slip.body.cooperatingAgencyIds).toHaveLength(1);
    expect(slip.body.rows.map((x: any) => x.action)).toContain('transfer');
    // the department's leader sees it too, a commune-2 official does not
    expect((await u['demo.lanhdao']!.get(`/api/v1/dossiers/${code}`)).status).toBe(200);
  });
});

describe('search', () => {
  it('finds by code, name with and without diacritics, ID number and phone; filters by status', async () => {
    const r = await receive(u['demo.tiepnhan']!, { applicant: { kind: 'individual', fullName: 'Trần Thị Hường', idNumber: '038195067890', phone: '0356111222' } });
    const code = r.dossier.code;
    const find = async (q: string) => (await u['demo.kiemsoat']!.get(`/api/v1/dossiers?q=${encodeURIComponent(q)}&pageSize=50`)).body.items.map((i: any) => i.code);
    expect(await find(code)).toEqual([code]);
    expect(await find('Trần Thị Hường')).toContain(code);
    expect(await find('tran thi huong')).toContain(code);
    expect(await find('038195067890')).toEqual([code]);
    expect(await find('+84 356 111 222')).toEqual([code]);
    const st = await u['demo.kiemsoat']!.get('/api/v1/dossiers?status=2&pageSize=5&page=1');
    expect(st.status).toBe(200);
    expect(st.body.total).toBeGreaterThanOrEqual(1);
    expect(st.body.items.every((i: any) => i.nationalStatus === 2)).toBe(true);
    expect(st.body.items.length).toBeLessThanOrEqual(5);
    void versionOf;
  });
});
