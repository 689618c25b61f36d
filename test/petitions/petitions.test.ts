// Petitions (phản ánh, kiến nghị) and Q&A over real HTTP: a citizen signs in with a one-time code, files a
// petition online about a real catalogue procedure (1.009832); the province's procedure-control office
// assigns it to the Department of Justice, which answers and publishes it; the citizen rates it. A phone
// petition is recorded at the desk and refused; another waits for more information. Other agencies'
// officials and the public see the petitioner masked or not at all. Deadlines count working days with an
// admin-added day off; the 24-hour limits use the injected clock; QĐ 766 5.1 and 5.3 follow the records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import type { HttpClient } from '../helpers.js';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.js';
import { PROV_PROC, STP, startDossierApp } from '../dossiers/fixtures.js';

const EMAIL = 'lan.petition@example.vn';
const PERIOD = 'from=2026-11-01&to=2026-12-31';

let t: Awaited<ReturnType<typeof startDossierApp>>;
let smtp: SmtpSink;
let citizen: HttpClient;
let u: Record<string, HttpClient>;

function expectProblem(r: { status: number; body: any }, status: number, code?: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  if (code) expect(r.body.code).toBe(code);
}

async function signIn(c: HttpClient, email: string) {
  const mine = () => smtp.received.filter((m) => JSON.stringify(m.to).includes(email));
  const before = mine().length;
  const start = await c.post('/api/v1/citizen/sign-in/code', { address: email });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  for (let i = 0; i < 50 && mine().length <= before; i++) {
    await deliverDue(t.ctx, outboxHandlers);
    if (mine().length <= before) await new Promise((r) => setTimeout(r, 50));
  }
  const code = /\b(\d{6})\b/.exec(mine().at(-1)!.text ?? '')![1]!;
  const r = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  c.csrf = r.body.csrfToken;
  const prof = await c.request('PUT', '/api/v1/citizen/profile', { fullName: 'Nguyễn Thị Lan', idNumber: null, birthDate: null, address: null });
  expect(prof.status, JSON.stringify(prof.body)).toBe(200);
}

async function act(c: HttpClient, code: string, action: string, body: Record<string, unknown> = {}) {
  const v = (await c.get(`/api/v1/petitions/${code}`)).body.version;
  return c.post(`/api/v1/petitions/${code}/actions/${action}`, { version: v, ...body });
}

async function indicator(code: string) {
  const r = await u['demo.lanhdaotinh']!.get(`/api/v1/reports/indicators?${PERIOD}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.groups.flatMap((g: any) => g.indicators).find((i: any) => i.code === code);
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startDossierApp({ MOTCUA_SMTP_URL: smtp.url });
  await signInAll();
}, 120_000);

/** Everyone signs in (again: sessions end after a day idle). */
async function signInAll() {
  u = {};
  for (const name of ['demo.admin', 'demo.kiemsoat', 'demo.chuyenvien', 'demo.xa.chuyenvien', 'demo.tiepnhan', 'demo.lanhdaotinh']) u[name] = await t.login(name);
  citizen = t.client();
  await signIn(citizen, EMAIL);
}

async function advance(ms: number) {
  t.clock.advance(ms);
  await signInAll();
}

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

let online: string;

describe('a petition filed online', () => {
  it('with no petitions, 5.1 and 5.3 score the full 6 (ratio N/A)', async () => {
    for (const c of ['5.1', '5.3']) expect(await indicator(c)).toMatchObject({ available: true, ratio: null, score: 6, denominator: 0 });
  });

  it('is filed by the signed-in citizen, with the legal deadlines in working days', async () => {
    expectProblem(await t.client().post('/api/v1/citizen/petitions', { kind: 'regulation', title: 'x', content: 'y' }), 401);
    expectProblem(await citizen.post('/api/v1/citizen/petitions', { kind: 'other', title: 'x', content: 'y' }), 400);
    const bad = await citizen.post('/api/v1/citizen/petitions', { kind: 'regulation', title: 'x', content: 'y', procedureCode: '9.999999' });
    expectProblem(bad, 422, 'PETITION_PROCEDURE_UNKNOWN');
    expect(bad.body.errors[0].path).toBe('body.procedureCode');
    const r = await citizen.post('/api/v1/citizen/petitions', {
      kind: 'regulation', title: 'Thành phần hồ sơ chưa rõ', content: 'Đề nghị hướng dẫn rõ bản sao giấy tờ cần nộp.', procedureCode: PROV_PROC,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    online = r.body.code;
    expect(online).toMatch(/^PAKN-261123-/);
    // Monday 23/11 09:00 + 2 and + 15 working days
    expect(r.body).toMatchObject({ status: 'received', channel: 'online', refuseDueAt: '2026-11-25T02:00:00.000Z', handleDueAt: '2026-12-14T02:00:00.000Z', petitioner: { name: 'Nguyễn Thị Lan', email: EMAIL, masked: false } });
  });

  it('reaches the province intake; other officials see it masked and cannot act', async () => {
    const inbox = await u['demo.kiemsoat']!.get('/api/v1/petitions');
    const mine = inbox.body.items.find((x: any) => x.code === online);
    expect(mine).toMatchObject({ petitioner: { name: 'Nguyễn Thị Lan', email: EMAIL, masked: false } });
    expect(mine.actions).toEqual(expect.arrayContaining(['assign', 'refuse', 'request_info']));
    expect((await u['demo.chuyenvien']!.get('/api/v1/petitions')).body.items.some((x: any) => x.code === online)).toBe(false);
    const other = await u['demo.xa.chuyenvien']!.get(`/api/v1/petitions/${online}`);
    expect(other.body.petitioner).toMatchObject({ name: 'Nguyễn T. L.', email: 'l***@example.vn', address: null, masked: true });
    expect(JSON.stringify(other.body)).not.toContain(EMAIL);
    expectProblem(await act(u['demo.xa.chuyenvien']!, online, 'assign', { agencyCode: STP }), 403, 'PETITION_FORBIDDEN');
  });

  it('is classified and assigned to the Department of Justice, whose officials see the petitioner', async () => {
    expectProblem(await act(u['demo.kiemsoat']!, online, 'assign', {}), 422);
    expectProblem(await act(u['demo.kiemsoat']!, online, 'assign', { agencyCode: 'NOPE' }), 422, 'PETITION_AGENCY_UNKNOWN');
    expectProblem(await u['demo.kiemsoat']!.post(`/api/v1/petitions/${online}/actions/assign`, { version: 99, agencyCode: STP }), 409, 'PETITION_VERSION_CONFLICT');
    const r = await act(u['demo.kiemsoat']!, online, 'assign', { agencyCode: STP, kind: 'behaviour' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'assigned', kind: 'behaviour', agency: { code: STP } });
    const handler = await u['demo.chuyenvien']!.get('/api/v1/petitions');
    expect(handler.body.items.find((x: any) => x.code === online)).toMatchObject({ petitioner: { masked: false, email: EMAIL } });
    expectProblem(await act(u['demo.chuyenvien']!, online, 'publish', { public: true }), 409, 'PETITION_ACTION_NOT_ALLOWED');
  });

  it('is answered, published and rated; every change is in the history', async () => {
    await advance(3 * 86_400_000);
    const a = await act(u['demo.chuyenvien']!, online, 'answer', { answer: 'Chỉ cần bản sao có chứng thực hoặc bản chụp kèm bản chính để đối chiếu.' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.status).toBe('answered');
    const p = await act(u['demo.chuyenvien']!, online, 'publish', { public: true });
    expect(p.body).toMatchObject({ status: 'published', public: true });
    expect(p.body.events.map((e: any) => e.kind)).toEqual(['receive', 'assign', 'answer', 'publish']);
    expect(p.body.events[2]).toMatchObject({ actor: 'demo.chuyenvien', actorKind: 'official', actorName: 'Trần Minh Đức', details: { onTime: true } });
    // the history names the petitioner to the handling agency, never the account id
    expect(p.body.events[0]).toMatchObject({ actor: 'citizen', actorKind: 'citizen', actorName: 'Nguyễn Thị Lan' });
    expect(p.body.events[1]).toMatchObject({ actorKind: 'official', actorName: 'Bùi Thị Kim Oanh' });
    expect(JSON.stringify(p.body.events)).not.toContain('citizen:');
    const masked = await u['demo.xa.chuyenvien']!.get(`/api/v1/petitions/${online}`);
    expect(masked.body.events[0]).toMatchObject({ actor: 'citizen', actorName: null });

    const pub = await t.client().get('/api/v1/public/petitions');
    const item = pub.body.items.find((x: any) => x.code === online);
    expect(item.answer).toContain('bản sao');
    expect(JSON.stringify(pub.body)).not.toMatch(/Lan|example\.vn/);

    const list = await citizen.get('/api/v1/citizen/petitions');
    expect(list.body.items[0]).toMatchObject({ code: online, status: 'published', actions: ['rate'] });
    expectProblem(await citizen.post(`/api/v1/citizen/petitions/${online}/rating`, { rating: 'great' }), 400);
    const rated = await citizen.post(`/api/v1/citizen/petitions/${online}/rating`, { rating: 'satisfied', comment: 'Rõ ràng' });
    expect(rated.body).toMatchObject({ status: 'rated', rating: 'satisfied' });
    expectProblem(await citizen.post(`/api/v1/citizen/petitions/${online}/rating`, { rating: 'unsatisfied' }), 409, 'PETITION_ACTION_NOT_ALLOWED');
  });

  it('changes 5.1 and 5.3', async () => {
    expect(await indicator('5.1')).toMatchObject({ numerator: 1, denominator: 1, ratio: 100, score: 6 });
    expect(await indicator('5.3')).toMatchObject({ numerator: 1, denominator: 1, ratio: 100, score: 6 });
  });
});

describe('desk and phone petitions', () => {
  let phone: string;
  it('an official records one with the petitioner’s contact; without a contact it is refused on the field', async () => {
    const body = { channel: 'phone', kind: 'behaviour', title: 'Cán bộ hẹn sai ngày', content: 'Hẹn trả kết quả nhưng không có.', petitioner: { name: 'Trần Văn Bình' } };
    const none = await u['demo.tiepnhan']!.post('/api/v1/petitions', body);
    expectProblem(none, 422, 'PETITION_CONTACT_REQUIRED');
    expect(none.body.errors[0].path).toBe('body.petitioner.phone');
    expectProblem(await u['demo.tiepnhan']!.post('/api/v1/petitions', { ...body, channel: 'online' }), 400);
    const r = await u['demo.tiepnhan']!.post('/api/v1/petitions', { ...body, petitioner: { name: 'Trần Văn Bình', phone: '0912345678' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    phone = r.body.code;
    expect(r.body).toMatchObject({ channel: 'phone', status: 'received', petitioner: { phone: '0912345678', masked: false } });
    expect((await u['demo.xa.chuyenvien']!.get(`/api/v1/petitions/${phone}`)).body.petitioner).toMatchObject({ phone: '09******78', masked: true });
  });

  it('is refused (không thụ lý) with a reason; nothing can follow', async () => {
    expectProblem(await act(u['demo.kiemsoat']!, phone, 'refuse', {}), 422);
    const r = await act(u['demo.kiemsoat']!, phone, 'refuse', { reason: 'Nội dung đã được giải quyết trước đó.' });
    expect(r.body).toMatchObject({ status: 'refused', refuseReason: 'Nội dung đã được giải quyết trước đó.', actions: [] });
    expectProblem(await act(u['demo.kiemsoat']!, phone, 'assign', { agencyCode: STP }), 409, 'PETITION_ACTION_NOT_ALLOWED');
  });
});

describe('more information, and deadlines over a day off', () => {
  it('asks the petitioner for information; the supplement restarts the deadlines, skipping the day off', async () => {
    const add = await u['demo.admin']!.post('/api/v1/calendar/holidays', { date: '2026-12-10', kind: 'holiday', nameVi: 'Ngày nghỉ (thử nghiệm)', nameEn: 'Day off (test)', source: 'QĐ thử nghiệm' });
    expect(add.status, JSON.stringify(add.body)).toBe(201);
    // now Thursday 26/11 09:00
    const r = await citizen.post('/api/v1/citizen/petitions', { kind: 'regulation', title: 'Lệ phí', content: 'Lệ phí khác nhau giữa các nơi?', dossierCode: 'H56.99-261123-0001' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // 26/11 + 15 working days = 17/12, one more for the day off on 10/12
    expect(r.body.handleDueAt).toBe('2026-12-18T02:00:00.000Z');
    const code = r.body.code;
    const ask = await act(u['demo.kiemsoat']!, code, 'request_info', { message: 'Cho biết nơi đã nộp hồ sơ.' });
    expect(ask.body).toMatchObject({ status: 'info_requested', infoRequest: 'Cho biết nơi đã nộp hồ sơ.', infoDueAt: '2026-12-03T02:00:00.000Z' });
    expectProblem(await t.client().post(`/api/v1/citizen/petitions/${code}/supplement`, { content: 'x' }), 401);
    await advance(86_400_000); // Friday 27/11
    const sup = await citizen.post(`/api/v1/citizen/petitions/${code}/supplement`, { content: 'Nộp tại Trung tâm Phục vụ hành chính công tỉnh.' });
    expect(sup.body).toMatchObject({ status: 'received', handleDueAt: '2026-12-21T02:00:00.000Z' });
    expect(sup.body.content).toContain('Trung tâm Phục vụ');
  });

  it('exposes the dossiers a petition names (for 5.4)', async () => {
    const { countDossiersWithPetition } = await import('../../src/modules/petitions/petitions.read.js');
    expect(await countDossiersWithPetition(t.ctx.db, { start: new Date('2026-11-01T00:00:00+07:00'), end: new Date('2027-01-01T00:00:00+07:00') })).toBe(1);
  });
});

describe('an answer after the deadline', () => {
  it('lowers 5.1; an unanswered petition past its deadline counts as late', async () => {
    const r = await citizen.post('/api/v1/citizen/petitions', { kind: 'behaviour', title: 'Chậm trả lời', content: 'Hồ sơ chưa có kết quả.' });
    const code = r.body.code;
    await act(u['demo.kiemsoat']!, code, 'assign', { agencyCode: STP });
    await advance(25 * 86_400_000); // 22/12: past 15 working days
    expect((await u['demo.chuyenvien']!.get('/api/v1/petitions?view=overdue')).body.items.map((x: any) => x.code)).toContain(code);
    const a = await act(u['demo.chuyenvien']!, code, 'answer', { answer: 'Đã có kết quả.' });
    expect(a.body.events.at(-1).details).toEqual({ onTime: false });
    await act(u['demo.chuyenvien']!, code, 'publish', { public: false });
    const rated = await citizen.post(`/api/v1/citizen/petitions/${code}/rating`, { rating: 'unsatisfied' });
    expect(rated.body.rating).toBe('unsatisfied');
    // due: the first (on time), this one (late), the supplemented one (deadline 21/12 passed, unanswered)
    expect(await indicator('5.1')).toMatchObject({ numerator: 1, denominator: 3, ratio: 33.33, score: 2 });
    expect(await indicator('5.3')).toMatchObject({ numerator: 1, denominator: 2, ratio: 50, score: 3 });
    // not public: not on the public list
    expect((await t.client().get('/api/v1/public/petitions')).body.items.some((x: any) => x.code === code)).toBe(false);
  });
});

describe('abuse: 24-hour limits (the injected clock)', () => {
  it('limits petitions per citizen account and per network address', async () => {
    await advance(2 * 86_400_000);
    for (let i = 0; i < 5; i++) expect((await citizen.post('/api/v1/citizen/petitions', { kind: 'regulation', title: `Góp ý ${i}`, content: 'Nội dung' })).status).toBe(201);
    const over = await citizen.post('/api/v1/citizen/petitions', { kind: 'regulation', title: 'Góp ý 6', content: 'Nội dung' });
    expectProblem(over, 429, 'PETITION_RATE_LIMITED');
    expect(over.body.detail ?? over.body.title).toMatch(/5/);
    await advance(86_400_000 + 1000);
    expect((await citizen.post('/api/v1/citizen/petitions', { kind: 'regulation', title: 'Góp ý 7', content: 'Nội dung' })).status).toBe(201);
    await t.ctx.db.updateTable('petition_settings').set({ config: JSON.stringify({ perCitizenPerDay: 100, perIpPerDay: 1 }) }).execute();
    expectProblem(await citizen.post('/api/v1/citizen/petitions', { kind: 'regulation', title: 'Góp ý 8', content: 'Nội dung' }), 429, 'PETITION_RATE_LIMITED');
    await t.ctx.db.updateTable('petition_settings').set({ config: JSON.stringify({}) }).execute();
  });
});

describe('questions and answers', () => {
  let q: string;
  it('a citizen asks about a procedure; it goes to the agency that performs it', async () => {
    expectProblem(await citizen.post('/api/v1/citizen/questions', { procedureCode: '9.999999', content: 'x' }), 422, 'PETITION_PROCEDURE_UNKNOWN');
    const r = await citizen.post('/api/v1/citizen/questions', { procedureCode: PROV_PROC, content: 'Có được nộp bản chụp giấy khai sinh không?', agencyCode: STP });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    q = r.body.code;
    expect(r.body).toMatchObject({ status: 'asked', agency: { code: STP }, procedureCode: PROV_PROC });
    expect(new Date(r.body.dueAt).getTime()).toBeGreaterThan(new Date(r.body.askedAt).getTime());
  });

  it('an official of that agency answers and publishes it; others cannot', async () => {
    const inbox = await u['demo.chuyenvien']!.get('/api/v1/questions');
    const item = inbox.body.items.find((x: any) => x.code === q);
    expect(item.asker).toMatchObject({ name: 'Nguyễn Thị Lan', masked: false });
    expect((await u['demo.xa.chuyenvien']!.get('/api/v1/questions')).body.items.some((x: any) => x.code === q)).toBe(false);
    expectProblem(await u['demo.xa.chuyenvien']!.post(`/api/v1/questions/${q}/answer`, { version: item.version, answer: 'x' }), 403);
    expectProblem(await u['demo.chuyenvien']!.post(`/api/v1/questions/${q}/publish`, { version: item.version }), 409, 'QUESTION_NOT_ANSWERED');
    const a = await u['demo.chuyenvien']!.post(`/api/v1/questions/${q}/answer`, { version: item.version, answer: 'Được, kèm bản chính để đối chiếu.', publish: true });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.status).toBe('published');
  });

  it('the published answer shows on the procedure page, found without diacritics, with no personal data', async () => {
    const all = await t.client().get(`/api/v1/public/questions?procedure=${PROV_PROC}`);
    expect(all.body.items.map((x: any) => x.code)).toContain(q);
    expect(JSON.stringify(all.body)).not.toMatch(/Lan|example\.vn/);
    const found = await t.client().get(`/api/v1/public/questions?procedure=${PROV_PROC}&q=${encodeURIComponent('giay khai sinh doi chieu')}`);
    expect(found.body.items.map((x: any) => x.code)).toEqual([q]);
    const none = await t.client().get(`/api/v1/public/questions?q=${encodeURIComponent('ho chieu')}`);
    expect(none.body.items).toEqual([]);
  });
});
