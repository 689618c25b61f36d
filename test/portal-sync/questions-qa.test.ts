// Questions citizens sent on the national portal (LayDanhSachHoiDapGuiTuDVCQG), against the simulated DVCQG
// over real HTTP (the `dvcqg` adapter): each lands once in the officials' Q&A inbox of the agency the portal
// names, or of the only agency performing the procedure it names; one no agency decides is held with the reason
// and tried again; an official's answer goes back to the portal (DongBoKetQuaHoiDapGuiTuDVCQG) through the
// outbox — an outage delays it, loses nothing; a corrected answer replaces it —, and the administrators see
// each hand-over and answer. Tried on the 18 common procedures of the national catalogue.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { startSimulatedPortal, type SimulatedPortalServer } from '../../src/platform/ports/national-portal-sim.js';
import { pullPortalQuestions } from '../../src/modules/portal-sync/portal-sync.service.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import { COMMUNE_PROC, PROV_PROC, STP, XA1, startDossierApp } from '../dossiers/fixtures.js';

let sim: SimulatedPortalServer;
let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  sim = await startSimulatedPortal({ username: 'h56-motcua', password: 'bí-mật-1', systemCode: 'H56' });
  t = await startDossierApp({
    MOTCUA_NATIONAL_PORTAL: 'dvcqg', MOTCUA_DVCQG_URL: sim.url, MOTCUA_DVCQG_USERNAME: 'h56-motcua', MOTCUA_DVCQG_PASSWORD: 'bí-mật-1', MOTCUA_DVCQG_SYSTEM_CODE: 'H56',
  });
  for (const n of ['demo.chuyenvien', 'demo.xa.chuyenvien', 'demo.admin']) u[n] = await t.login(n);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const adminRows = async () => (await u['demo.admin']!.get('/api/v1/admin/portal-sync/questions')).body.items as any[];
const adminRow = async (id: string) => (await adminRows()).find((r) => r.portalId === id);
const inbox = async (who: string, status = 'all') => {
  const r = await u[who]!.get(`/api/v1/questions?status=${status}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items as any[];
};
const answer = (who: string, q: { code: string; version: number }, text: string, publish = false) =>
  u[who]!.post(`/api/v1/questions/${q.code}/answer`, { version: q.version, answer: text, publish });

describe('questions from the national portal in the Q&A inbox', () => {
  it('land once in the inbox of the agency the portal names, with the asker and the procedure', async () => {
    sim.portal.addQuestion({ ID: 'DVC-HD-1', MADONVI: STP, MATTHCDP: PROV_PROC, HOVATEN: 'Lê Văn Nam', SODIENTHOAI: '0912000111', THUDIENTU: 'nam@example.vn', NOIDUNG: 'Cấp lại thẻ giám định viên có cần nộp bản sao căn cước không?' });
    expect(await pullPortalQuestions(t.ctx)).toEqual({ pulled: 1, new: 1, handedOver: 1, held: 0 });
    expect(await pullPortalQuestions(t.ctx)).toEqual({ pulled: 1, new: 0, handedOver: 0, held: 0 });

    const mine = (await inbox('demo.chuyenvien', 'asked')).filter((q) => q.source === 'dvcqg');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      source: 'dvcqg', procedureCode: PROV_PROC, procedureName: expect.stringContaining('giám định viên tư pháp'), agency: { code: STP }, status: 'asked',
      asker: { name: 'Lê Văn Nam', phone: '0912000111', email: 'nam@example.vn', masked: false }, content: expect.stringContaining('bản sao căn cước'),
    });
    // the deadline counts working days from the pull (the injected clock)
    expect(new Date(mine[0].dueAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(await adminRow('DVC-HD-1')).toMatchObject({ questionCode: mine[0].code, handoverError: null, answerSyncedAt: null });
    // the commune's officials do not see it
    expect((await inbox('demo.xa.chuyenvien')).some((q) => q.code === mine[0].code)).toBe(false);
  });

  it("the official's answer goes back to the portal through the outbox; the portal stops listing the question", async () => {
    const q = (await inbox('demo.chuyenvien', 'asked')).find((x) => x.source === 'dvcqg')!;
    const bad = await u['demo.chuyenvien']!.post(`/api/v1/questions/${q.code}/answer`, { version: q.version, answer: '' });
    expect(bad.status).toBe(400);
    const r = await answer('demo.chuyenvien', q, 'Không cần: cơ quan tra cứu Cơ sở dữ liệu quốc gia về dân cư.', true);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'published', source: 'dvcqg' });
    expect(sim.portal.answers.has('DVC-HD-1')).toBe(false); // sent after the commit, by the outbox
    await deliverDue(t.ctx, outboxHandlers);
    expect(sim.portal.answers.get('DVC-HD-1')).toBe('Không cần: cơ quan tra cứu Cơ sở dữ liệu quốc gia về dân cư.');
    expect(await adminRow('DVC-HD-1')).toMatchObject({ answer: 'Không cần: cơ quan tra cứu Cơ sở dữ liệu quốc gia về dân cư.', answerSyncedAt: expect.any(String), answerError: null });
    expect(sim.requests.some((x: any) => x.body?.service === 'DongBoKetQuaHoiDapGuiTuDVCQG')).toBe(true);
    expect((await pullPortalQuestions(t.ctx)).pulled).toBe(0);
    // published on the procedure page like a local one, without the asker
    const pub = await t.client().get(`/api/v1/public/questions?procedure=${PROV_PROC}&q=co so du lieu dan cu`);
    expect(pub.body.items.map((x: any) => x.code)).toContain(q.code);
    expect(JSON.stringify(pub.body)).not.toMatch(/Lê Văn Nam|0912000111/);
  });

  it('an outage delays the answer and loses nothing; a corrected answer replaces it', async () => {
    sim.portal.addQuestion({ ID: 'DVC-HD-2', MADONVI: STP, HOVATEN: 'Phạm Thu Hà', NOIDUNG: 'Sở Tư pháp làm việc sáng thứ Bảy không?' });
    expect(await pullPortalQuestions(t.ctx)).toMatchObject({ new: 1, handedOver: 1 });
    const q = (await inbox('demo.chuyenvien', 'asked')).find((x) => x.content.includes('thứ Bảy'))!;
    expect(q).toMatchObject({ procedureCode: null, procedureName: null, agency: { code: STP } });
    sim.down = true;
    const first = await answer('demo.chuyenvien', q, 'Có, từ 7 giờ 30 đến 11 giờ 30.');
    expect(first.status).toBe(200);
    const failed = await deliverDue(t.ctx, outboxHandlers);
    expect(failed.failed).toBeGreaterThanOrEqual(1);
    expect(sim.portal.answers.has('DVC-HD-2')).toBe(false);
    expect(await adminRow('DVC-HD-2')).toMatchObject({ answerSyncedAt: null });
    // corrected while the portal is still down
    const second = await answer('demo.chuyenvien', first.body, 'Có, sáng thứ Bảy từ 7 giờ 30 đến 11 giờ 30 (trừ ngày lễ).');
    expect(second.status).toBe(200);
    sim.down = false;
    t.clock.advance(10 * 60_000); // past the outbox back-off
    await deliverDue(t.ctx, outboxHandlers);
    expect(sim.portal.answers.get('DVC-HD-2')).toBe('Có, sáng thứ Bảy từ 7 giờ 30 đến 11 giờ 30 (trừ ngày lễ).');
    expect(await adminRow('DVC-HD-2')).toMatchObject({ answer: 'Có, sáng thứ Bảy từ 7 giờ 30 đến 11 giờ 30 (trừ ngày lễ).', answerSyncedAt: expect.any(String) });
  });

  it('a question no agency decides is held with the reason and handed over once it can be; a commune question reaches the commune', async () => {
    sim.portal.addQuestion({ ID: 'DVC-HD-3', MATTHCDP: COMMUNE_PROC, HOVATEN: 'Đỗ Minh Khôi', NOIDUNG: 'Đăng ký khai sinh cho con ở phường nào?' });
    sim.portal.addQuestion({ ID: 'DVC-HD-4', MADONVI: '999.99.99.H56', HOVATEN: 'Đỗ Minh Khôi', NOIDUNG: 'Hỏi về chứng thực.' });
    sim.portal.addQuestion({ ID: 'DVC-HD-5', MADONVI: XA1, MATTHCDP: COMMUNE_PROC, HOVATEN: 'Đỗ Minh Khôi', SODIENTHOAI: '0987000222', NOIDUNG: 'Đăng ký khai sinh có phải mang sổ hộ khẩu không?' });
    expect(await pullPortalQuestions(t.ctx)).toMatchObject({ new: 3, handedOver: 1, held: 2 });
    expect(await adminRow('DVC-HD-3')).toMatchObject({ questionCode: null, handoverError: expect.stringContaining('MADONVI') });
    expect(await adminRow('DVC-HD-4')).toMatchObject({ questionCode: null, handoverError: expect.stringContaining('999.99.99.H56') });
    const xa = (await inbox('demo.xa.chuyenvien', 'asked')).find((x) => x.content.includes('sổ hộ khẩu'));
    expect(xa).toMatchObject({ source: 'dvcqg', procedureCode: COMMUNE_PROC, agency: { code: XA1 }, asker: { name: 'Đỗ Minh Khôi', phone: '0987000222' } });
    // held ones are tried again on every pull, and stay held while nothing changed
    expect(await pullPortalQuestions(t.ctx)).toMatchObject({ new: 0, handedOver: 0, held: 2 });
  });
});

describe('portal questions about the 18 common procedures of the national catalogue', () => {
  it('each reaches the agency the portal names; without one, the only agency performing it, else it is held with the reason', async () => {
    const common = JSON.parse(readFileSync(new URL('../../../shared/data/tthc/tthc_sample_18_common.json', import.meta.url), 'utf8')) as { ma_thu_tuc: string; ten_thu_tuc: string }[];
    const outcomes: string[] = [];
    for (const [i, p] of common.entries()) {
      const detail = await u['demo.admin']!.get(`/api/v1/procedures/${p.ma_thu_tuc}`);
      const performers = detail.status === 200 ? (detail.body.agencies as { code: string }[]) : [];
      const id = `DVC-18-${i}`;
      sim.portal.addQuestion({ ID: id, MATTHCDP: p.ma_thu_tuc, HOVATEN: 'Nguyễn Văn Bình', NOIDUNG: `Hỏi về thủ tục ${p.ten_thu_tuc}` });
      // the same question naming one of its performers is always handed over to that agency
      if (performers[0]) sim.portal.addQuestion({ ID: `${id}-a`, MATTHCDP: p.ma_thu_tuc, MADONVI: performers[0].code, HOVATEN: 'Nguyễn Văn Bình', NOIDUNG: `Hỏi cơ quan về thủ tục ${p.ten_thu_tuc}` });
      await pullPortalQuestions(t.ctx);
      const row = await adminRow(id);
      if (performers.length === 1) expect(row.questionCode, `${p.ma_thu_tuc}: one performer`).toMatch(/^HD-/);
      else expect(row, `${p.ma_thu_tuc}: ${performers.length} performers`).toMatchObject({ questionCode: null, handoverError: expect.stringContaining('MADONVI') });
      if (performers[0]) expect((await adminRow(`${id}-a`)).questionCode, `${p.ma_thu_tuc} at ${performers[0].code}`).toMatch(/^HD-/);
      outcomes.push(`${p.ma_thu_tuc}:${performers.length}:${row.questionCode ? 'inbox' : 'held'}`);
    }
    // every one of the 18 is performed by several agencies here (the communes, or the province and the
    // communes): without MADONVI none decides, so each waits with the reason; with it, each is handed over
    expect(outcomes).toHaveLength(18);
    expect(outcomes.filter((o) => o.endsWith('held'))).toHaveLength(outcomes.filter((o) => !o.includes(':1:')).length);
  });
});
