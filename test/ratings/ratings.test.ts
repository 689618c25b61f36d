// Satisfaction ratings over real HTTP on a real catalogue procedure: the three channels (the receipt's secret
// — the tracking page and the invitation link —, the citizen's account, the counter kiosk), the abuse rules
// (one rating per dossier, only the rater changes it within the window, officials cannot rate, the kiosk rates
// only the dossier handed to it, once), the leaders' report, the officials' report and QĐ 766 5.4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, startDossierApp } from '../dossiers/fixtures.js';
import type { ManualClock, TestApp } from '../helpers.js';
import { answers, dossier, loginOfficials, type Officials } from './helpers.js';

let t: TestApp & { clock: ManualClock };
let o: Officials;

beforeAll(async () => {
  t = await startDossierApp();
  o = await loginOfficials(t);
});
afterAll(async () => { await t?.close(); });

const period = () => `from=2026-11-01&to=2026-12-31`;
const indicator54 = async () => {
  const r = await o.control.get(`/api/v1/reports/indicators?${period()}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.groups.find((g: any) => g.code === 'MDHL').indicators.find((i: any) => i.code === '5.4');
};
const rate = (d: { code: string; secret: string }, body: Record<string, unknown>) => t.client().post('/api/v1/public/ratings', { code: d.code, secret: d.secret, ...body });

describe('rating by the receipt secret (tracking page, invitation link)', () => {
  it('shows the form once the result is returned, refuses before, and keeps one rating per dossier', async () => {
    const early = await dossier(o, 'accepted');
    const form0 = await t.client().get(`/api/v1/public/ratings?code=${early.code}&secret=${early.secret}`);
    expect(form0.status).toBe(200);
    expect(form0.body).toMatchObject({ canRate: false, reason: 'RATING_NOT_RETURNED', rated: false });
    expect(form0.body.criteria.map((c: any) => c.key)).toEqual(['overall', 'attitude', 'timeliness', 'convenience', 'transparency']);
    const refused = await rate(early, { answers: answers(3) });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('RATING_NOT_RETURNED');

    const d = await dossier(o);
    const wrong = await rate({ code: d.code, secret: 'AAAAABBBBBCCCCC' }, { answers: answers(3) });
    expect(wrong.status).toBe(404);
    const missing = await rate(d, { answers: { attitude: 2 } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ path: 'body.answers.overall', code: 'RATING_ANSWER_REQUIRED' });
    const ok = await rate(d, { answers: answers(2, { attitude: 3 }), comment: 'Cán bộ hướng dẫn tận tình.' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ canRate: true, rated: true, rating: { answers: { overall: 2, attitude: 3 }, channel: 'link', comment: 'Cán bộ hướng dẫn tận tình.' } });
    expect(ok.body.rating.editableUntil).toBe(new Date(t.clock.now().getTime() + 7 * 24 * HOUR).toISOString());

    // changed within the window by the same rater (the clock is put back afterwards: the officials' sessions)
    const start = t.clock.now();
    t.clock.advance(2 * 24 * HOUR);
    const changed = await rate(d, { answers: answers(1), comment: 'Phải đi lại nhiều lần.' });
    expect(changed.status).toBe(200);
    expect(changed.body.rating.answers).toEqual({ overall: 1 });
    // not after the window
    t.clock.advance(6 * 24 * HOUR);
    const late = await rate(d, { answers: answers(3) });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('RATING_WINDOW_CLOSED');
    const form = await t.client().get(`/api/v1/public/ratings?code=${d.code}&secret=${d.secret}`);
    expect(form.body).toMatchObject({ canRate: false, reason: 'RATING_WINDOW_CLOSED', rated: true, rating: { answers: { overall: 1 } } });
    t.clock.set(start);
  });

  it('officials cannot rate (their session is refused on the public routes)', async () => {
    const d = await dossier(o);
    for (const who of [o.returner, o.desk, o.control]) {
      const r = await who.post('/api/v1/public/ratings', { code: d.code, secret: d.secret, answers: answers(3) });
      expect(r.status, JSON.stringify(r.body)).toBe(403);
      expect(r.body.code).toBe('RATING_OFFICIALS_CANNOT_RATE');
    }
    const form = await t.client().get(`/api/v1/public/ratings?code=${d.code}&secret=${d.secret}`);
    expect(form.body.rated).toBe(false);
  });
});

describe('the counter kiosk', () => {
  it('is paired by a desk official, rates only the dossier handed to it, once', async () => {
    // only reception / return officers pair kiosks
    const no = await o.handler.post('/api/v1/ratings/kiosks', {});
    expect(no.status).toBe(403);
    expect(no.body.code).toBe('RATINGS_FORBIDDEN');
    const none = await o.returner.post('/api/v1/ratings/kiosk-handover', { dossier: 'X' });
    expect([404, 409]).toContain(none.status);

    const paired = await o.returner.post('/api/v1/ratings/kiosks', { label: 'Quầy 5' });
    expect(paired.status, JSON.stringify(paired.body)).toBe(201);
    expect(paired.body.url).toContain('/kiosk/danh-gia#k=');
    const kiosk = t.client();
    const H = { 'x-kiosk-token': paired.body.token as string };
    const idle = await kiosk.get('/api/v1/public/kiosk/rating', H);
    expect(idle.status).toBe(200);
    expect(idle.body).toEqual({ label: 'Quầy 5', form: null });
    expect((await kiosk.get('/api/v1/public/kiosk/rating', { 'x-kiosk-token': 'forged' })).body.code).toBe('RATING_KIOSK_UNKNOWN');

    const open = await dossier(o, 'accepted');
    const notYet = await o.returner.post('/api/v1/ratings/kiosk-handover', { dossier: open.code });
    expect(notYet.status).toBe(409);
    expect(notYet.body.code).toBe('RATING_NOT_RETURNED');

    const d = await dossier(o);
    const other = await dossier(o);
    const nothing = await kiosk.post('/api/v1/public/kiosk/rating', { code: d.code, answers: answers(3) }, H);
    expect(nothing.status).toBe(409);
    expect(nothing.body.code).toBe('RATING_KIOSK_NOTHING');

    const hand = await o.returner.post('/api/v1/ratings/kiosk-handover', { dossier: d.code });
    expect(hand.status, JSON.stringify(hand.body)).toBe(200);
    const cur = await kiosk.get('/api/v1/public/kiosk/rating', H);
    expect(cur.body.form).toMatchObject({ code: d.code, canRate: true, rated: false });
    // not another dossier than the one handed to it
    const wrongOne = await kiosk.post('/api/v1/public/kiosk/rating', { code: other.code, answers: answers(3) }, H);
    expect(wrongOne.body.code).toBe('RATING_KIOSK_NOTHING');
    const ok = await kiosk.post('/api/v1/public/kiosk/rating', { code: d.code, answers: answers(3, { attitude: 3, timeliness: 2 }) }, H);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.rating.channel).toBe('kiosk');
    // once: the kiosk holds nothing now, and a second tap is refused
    expect((await kiosk.get('/api/v1/public/kiosk/rating', H)).body.form).toBeNull();
    const again = await kiosk.post('/api/v1/public/kiosk/rating', { code: d.code, answers: answers(1) }, H);
    expect(again.body.code).toBe('RATING_KIOSK_NOTHING');
    // handed again: the kiosk sees it rated and cannot change it; the secret holder cannot either
    await o.returner.post('/api/v1/ratings/kiosk-handover', { dossier: d.code });
    expect((await kiosk.get('/api/v1/public/kiosk/rating', H)).body.form).toMatchObject({ rated: true, canRate: false, reason: 'RATING_ALREADY_GIVEN', rating: null });
    expect((await kiosk.post('/api/v1/public/kiosk/rating', { code: d.code, answers: answers(1) }, H)).body.code).toBe('RATING_ALREADY_GIVEN');
    expect((await rate(d, { answers: answers(1) })).body.code).toBe('RATING_ALREADY_GIVEN');

    // revoked: the token is dead
    const revoked = await o.returner.delete(`/api/v1/ratings/kiosks/${paired.body.id}`);
    expect(revoked.status).toBe(200);
    expect((await kiosk.get('/api/v1/public/kiosk/rating', H)).status).toBe(401);
  });
});

describe('reports', () => {
  it('QĐ 766 5.4 follows the dislikes; the ratings report and the officials report show the ratings', async () => {
    const before = await indicator54();
    expect(before.available).toBe(true);
    const d1 = await dossier(o);
    const d2 = await dossier(o);
    const mid = await indicator54();
    expect(mid.denominator).toBe(before.denominator + 2);
    expect(mid.numerator).toBe(before.numerator + 2);
    expect((await rate(d1, { answers: answers(1), comment: 'Chờ lâu.' })).status).toBe(200);
    expect((await rate(d2, { answers: answers(3) })).status).toBe(200);
    const after = await indicator54();
    expect(after.numerator).toBe(mid.numerator - 1);
    expect(after.denominator).toBe(mid.denominator);
    expect(after.score).toBe(Math.round(Math.min(6, (6 * after.numerator / after.denominator) / 0.9) * 100) / 100);

    const rep = await o.control.get(`/api/v1/reports/ratings?${period()}&groupBy=official`);
    expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    const lan = rep.body.rows.find((r: any) => r.label === 'Vũ Thị Lan Anh');
    expect(lan.ratings).toBe(rep.body.totals.ratings);
    expect(rep.body.comments.some((c: any) => c.comment === 'Chờ lâu.' && c.overall === 1)).toBe(true);
    const byProc = await o.control.get(`/api/v1/reports/ratings?${period()}&groupBy=procedure`);
    expect(byProc.body.rows[0]).toMatchObject({ key: '1.009832' });
    expect(byProc.body.rows[0].counts.overall['1']).toBeGreaterThanOrEqual(1);
    // the staff evaluation: the handler finished steps of every rated dossier
    const off = await o.control.get(`/api/v1/reports/officials?${period()}`);
    const duc = off.body.rows.find((r: any) => r.fullName === 'Trần Minh Đức');
    expect(duc.ratings).toBe(rep.body.totals.ratings);
    expect(duc.satisfiedRate).toBe(rep.body.rows.find((r: any) => r.label === 'Trần Minh Đức').satisfiedPct);
    // officials without report roles get nothing
    expect((await o.handler.get(`/api/v1/reports/ratings?${period()}`)).status).toBe(403);
  });
});

describe('QĐ 766 5.4 and petitions', () => {
  const record = (dossierCode: string) => o.control.post('/api/v1/petitions', {
    channel: 'phone', kind: 'behaviour', title: 'Cán bộ hẹn nhiều lần', content: 'Tôi phải đến ba lần mới nhận được kết quả.', dossierCode,
    petitioner: { name: 'Lê Văn Hùng', phone: '0912345678' },
  });

  it('a petition about a dossier counts it against 5.4, once per dossier; a disliked one is not counted twice; a refused petition no longer counts', async () => {
    const d1 = await dossier(o);
    const d2 = await dossier(o);
    expect((await rate(d1, { answers: answers(1) })).status).toBe(200);
    const before = await indicator54();

    const p2 = await record(d2.code.toLowerCase());
    expect(p2.status, JSON.stringify(p2.body)).toBe(201);
    const after = await indicator54();
    expect(after.denominator).toBe(before.denominator);
    expect(after.numerator).toBe(before.numerator - 1);
    expect(after.score).toBe(Math.round(Math.min(6, (6 * after.numerator / after.denominator) / 0.9) * 100) / 100);

    // a second petition about the same dossier, and one about a dossier already rated "không hài lòng": no change
    const p2b = await record(d2.code);
    expect(p2b.status).toBe(201);
    expect((await record(d1.code)).status).toBe(201);
    expect((await indicator54()).numerator).toBe(after.numerator);

    // petitions not taken up (không thụ lý) are not complaints about the dossier
    const refuse = async (code: string) => {
      const v = (await o.control.get(`/api/v1/petitions/${code}`)).body.version;
      const r = await o.control.post(`/api/v1/petitions/${code}/actions/refuse`, { version: v, reason: 'Trùng nội dung đã trả lời.' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await refuse(p2.body.code);
    expect((await indicator54()).numerator).toBe(after.numerator); // the other petition about d2 still counts
    await refuse(p2b.body.code);
    expect((await indicator54()).numerator).toBe(before.numerator);
  });
});
