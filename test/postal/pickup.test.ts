// Collection at home (nhận hồ sơ tại nhà, channel 3) against the simulated VNPost over real HTTP: the desk books
// a postal worker with the procedure case's components as the checklist; the INBOUND_DOSSIER order is booked
// through the outbox; when the post office reports the papers picked up (by callback or by the scheduled
// query), the dossier appears in the desk's queue for reception (status 1, channel 3) — once — and the desk
// accepts it. Bad bookings are refused on the field; the 18 common procedures of the national catalogue are
// all collected.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import { startSimulatedPost, type SimulatedPostServer } from '../../src/platform/ports/postal-sim.js';
import { trackPostalOrders } from '../../src/modules/postal/postal.service.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import { COMMUNE_PROC, HOUR, XA1_TT, applicant, startDossierApp, versionOf } from '../dossiers/fixtures.js';
import { COMMUNE_DESK, PROVINCE_DESK } from '../dossiers/every-procedure.js';

const SECRET = 'vnpost-callback-secret-h56';
let post: SimulatedPostServer;
let t: TestApp & { clock: ManualClock };
const u: Record<string, HttpClient> = {};

beforeAll(async () => {
  post = await startSimulatedPost({ customerKey: 'ck-h56', secretKey: 'sk-h56', now: () => t.clock.now() });
  t = await startDossierApp({
    MOTCUA_POSTAL: 'vnpost', MOTCUA_VNPOST_URL: post.url, MOTCUA_VNPOST_CUSTOMER_CODE: 'H56TTHC', MOTCUA_VNPOST_CUSTOMER_KEY: 'ck-h56', MOTCUA_VNPOST_SECRET_KEY: 'sk-h56',
    MOTCUA_POSTAL_SENDER_TEL: '0237 385 2222', MOTCUA_VNPOST_CALLBACK_SECRET: SECRET,
  });
  post.callbacks = { url: `${t.url}/api/v1/postal/tracking-callback`, secret: SECRET };
  for (const n of ['demo.tiepnhan', 'demo.xa.tiepnhan', 'demo.xa2.tiepnhan']) u[n] = await t.login(n);
});
afterAll(async () => {
  await t?.close();
  await post?.close();
});

const book = (desk: string, body: Record<string, unknown>) => u[desk]!.post('/api/v1/postal/pickups', body);
const queue = async (desk: string) => (await u[desk]!.get('/api/v1/dossiers?status=1&pageSize=200')).body.items as any[];
const pickups = async (desk: string, code: string) => (await u[desk]!.get(`/api/v1/postal/pickups?desk=${code}`)).body.items as any[];
const sentOrder = (ref: string) => [...post.office.orders.values()].find((o) => o.order.OrderNumber === ref);

describe('collection at home', () => {
  it('books the postal worker with the case checklist; picked up → in the desk queue with channel 3, once; the desk accepts it', async () => {
    const desk = 'demo.xa.tiepnhan';
    const proc = (await u[desk]!.get(`/api/v1/procedures/${COMMUNE_PROC}`)).body;
    const first = proc.cases[0];
    const r = await book(desk, { procedureCode: COMMUNE_PROC, caseKey: first.key, receivingAgencyCode: XA1_TT, applicant: applicant(), pickupAddress: { line: '8 Bà Triệu', communeCode: '14797' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const names = new Map((proc.components as any[]).map((c) => [c.id, c.name]));
    expect(r.body).toMatchObject({ status: 'booking', itemCode: null, dossierId: null, deskCode: XA1_TT, procedureCode: COMMUNE_PROC, orderNumber: expect.stringMatching(/^NHS-[0-9A-F]{12}$/) });
    expect(r.body.checklist.map((c: any) => c.componentId)).toEqual(first.components.map((c: any) => c.id));
    expect(r.body.checklist.map((c: any) => c.name)).toEqual(first.components.map((c: any) => names.get(c.id)));
    const before = (await queue(desk)).length;

    await deliverDue(t.ctx, outboxHandlers);
    const sent = sentOrder(r.body.orderNumber)!;
    expect(sent.order).toMatchObject({
      Direction: 'INBOUND_DOSSIER', CustomerCode: 'H56TTHC', CODAmount: 0, SenderName: 'Nguyễn Thị Bích Ngọc', SenderAddress: '8 Bà Triệu', SenderTel: '0912345678',
      SenderProvince: '38', SenderCommune: '14797', ReceiverTel: '02373852222', ReceiverProvince: '38',
    });
    for (const c of r.body.checklist.slice(0, 3)) expect(sent.order.SenderDesc).toContain(c.name.slice(0, 60));
    let [mine] = await pickups(desk, XA1_TT);
    expect(mine).toMatchObject({ id: r.body.id, status: 'booked', itemCode: sent.itemCode, dossierId: null });
    expect((await queue(desk)).length).toBe(before); // not in the queue before the post has the papers

    // the postal worker collects the papers: reported by callback
    t.clock.advance(HOUR);
    expect(await post.advance(sent.itemCode, 6, 'Phường Hạc Thành')).toMatchObject({ status: 200, body: { Recorded: 1 } });
    [mine] = await pickups(desk, XA1_TT);
    expect(mine).toMatchObject({ status: 'collected', dossierId: expect.any(String), dossierCode: null, problem: null });
    const inQueue = (await queue(desk)).filter((d) => d.id === mine.dossierId);
    expect(inQueue).toHaveLength(1);
    expect(inQueue[0]).toMatchObject({ channel: 3, nationalStatus: 1, code: null });
    const dossier = (await u[desk]!.get(`/api/v1/dossiers/${mine.dossierId}`)).body;
    expect(dossier.filing.postalPickup).toMatchObject({ itemCode: sent.itemCode, pickupReference: r.body.orderNumber, collectedAt: t.clock.now().toISOString() });
    expect(dossier.filing.components.map((c: any) => c.componentId)).toEqual(first.components.map((c: any) => c.id));
    const postalView = (await u[desk]!.get(`/api/v1/dossiers/${mine.dossierId}/postal`)).body.items as any[];
    expect(postalView).toEqual([expect.objectContaining({ direction: 'INBOUND_DOSSIER', itemCode: sent.itemCode, status: 'collected' })]);
    expect((await u[desk]!.get(`/api/v1/dossiers?channel=3&status=1&pageSize=200`)).body.items.map((d: any) => d.id)).toContain(mine.dossierId);

    // the same report again, the query, the delivery to the desk: still one dossier
    expect(await post.notify(sent.itemCode)).toMatchObject({ status: 200 });
    expect(await trackPostalOrders(t.ctx)).toMatchObject({ changes: 0 });
    t.clock.advance(HOUR);
    expect((await post.advance(sent.itemCode, 14, 'Bộ phận Một cửa Phường Hạc Thành'))?.status).toBe(200);
    expect((await queue(desk)).length).toBe(before + 1);
    const filed = await t.ctx.db.selectFrom('dossiers').select('id').where('channel', '=', 3).where('submitted_assurance', '=', 'postal').execute();
    expect(filed.filter((d) => d.id === mine.dossierId)).toHaveLength(1);

    // the desk receives it as it receives an online filing: a code, status 2
    const accepted = await u[desk]!.post(`/api/v1/dossiers/${mine.dossierId}/actions/accept`, { version: await versionOf(u[desk]!, mine.dossierId) });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const after = (await u[desk]!.get(`/api/v1/dossiers/${mine.dossierId}`)).body;
    expect(after).toMatchObject({ channel: 3, code: expect.any(String), nationalStatus: 2 });
    expect((await pickups(desk, XA1_TT)).find((x) => x.id === mine.id)).toMatchObject({ dossierId: mine.dossierId, dossierCode: after.code });
  });

  it('refuses bad bookings on the field, books nothing, and keeps other desks out', async () => {
    const desk = 'demo.xa.tiepnhan';
    const base = { procedureCode: COMMUNE_PROC, receivingAgencyCode: XA1_TT, applicant: applicant() };
    const count = async () => Number((await t.ctx.db.selectFrom('postal_orders').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    const noPhone = await book(desk, { ...base, applicant: applicant({ phone: undefined }) });
    expect(noPhone).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'body.applicant.phone', code: 'PICKUP_PHONE_REQUIRED' })] } });
    const noAddress = await book(desk, { ...base, applicant: applicant({ address: undefined }) });
    expect(noAddress.body.errors[0]).toMatchObject({ path: 'body.applicant.address', code: 'PICKUP_ADDRESS_REQUIRED' });
    const unknown = await book(desk, { ...base, procedureCode: '9.999999' });
    expect(unknown).toMatchObject({ status: 422, body: { errors: [expect.objectContaining({ path: 'body.procedureCode' })] } });
    const badCase = await book(desk, { ...base, caseKey: 'c99' });
    expect(badCase.body.errors[0]).toMatchObject({ path: 'body.caseKey' });
    const badShape = await book(desk, { ...base, pickupAddress: { line: 'x', communeCode: '12' } });
    expect(badShape).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ path: 'body.pickupAddress.communeCode' })] } });
    const otherDesk = await book('demo.xa2.tiepnhan', base);
    expect(otherDesk.status).toBe(403);
    expect((await u['demo.xa2.tiepnhan']!.get(`/api/v1/postal/pickups?desk=${XA1_TT}`)).status).toBe(403);
    expect(await count()).toBe(n);
  });
});

describe('the 18 common procedures of the national catalogue, collected at home', () => {
  it('each is booked with its first case checklist and lands in its desk queue with channel 3 when picked up (scheduled query)', async () => {
    const common = JSON.parse(readFileSync(new URL('../../../shared/data/tthc/tthc_sample_18_common.json', import.meta.url), 'utf8')) as { ma_thu_tuc: string }[];
    const problems: string[] = [];
    const booked: { code: string; desk: string; deskCode: string; id: string; ref: string }[] = [];
    for (const p of common) {
      const detail = await u['demo.tiepnhan']!.get(`/api/v1/procedures/${p.ma_thu_tuc}`);
      if (detail.status !== 200) { problems.push(`${p.ma_thu_tuc}: not in the catalogue (${detail.status})`); continue; }
      const first = detail.body.cases[0] as { key: string } | undefined;
      let spec = PROVINCE_DESK;
      let competent: string | undefined;
      for (const s of [COMMUNE_DESK, PROVINCE_DESK]) {
        const comp = await u['demo.tiepnhan']!.get(`/api/v1/procedures/${p.ma_thu_tuc}/competence?desk=${s.code}`);
        if (comp.status === 200 && comp.body.candidates.length > 0) { spec = s; competent = comp.body.candidates[0].code; break; }
      }
      const r = await book(spec.user, { procedureCode: p.ma_thu_tuc, receivingAgencyCode: spec.code, ...(competent ? { competentAgencyCode: competent } : {}), ...(first ? { caseKey: first.key } : {}), applicant: applicant() });
      if (r.status !== 201) { problems.push(`${p.ma_thu_tuc}: booking ${r.status} ${JSON.stringify(r.body.errors ?? r.body.code).slice(0, 200)}`); continue; }
      if (first && r.body.checklist.length === 0) problems.push(`${p.ma_thu_tuc}: empty checklist`);
      booked.push({ code: p.ma_thu_tuc, desk: spec.user, deskCode: spec.code, id: r.body.id, ref: r.body.orderNumber });
    }
    await deliverDue(t.ctx, outboxHandlers);
    t.clock.advance(HOUR);
    for (const b of booked) post.office.advance(sentOrder(b.ref)!.itemCode, 6, 'Bưu cục');
    const callbacks = post.callbacks;
    post.callbacks = undefined;
    try { await trackPostalOrders(t.ctx); } finally { post.callbacks = callbacks; }
    for (const b of booked) {
      const row = (await pickups(b.desk, b.deskCode)).find((x) => x.id === b.id);
      if (!row?.dossierId) { problems.push(`${b.code}: not registered (${row?.status}: ${row?.problem})`); continue; }
      const d = (await queue(b.desk)).find((x) => x.id === row.dossierId);
      if (!d || d.channel !== 3) problems.push(`${b.code}: not in the ${b.deskCode} queue with channel 3`);
    }
    expect(problems).toEqual([]);
    expect(booked.length).toBe(common.length);
  });
});
