// Idempotency-Key on the citizen's writes over HTTP (draft create, submit, supplement, withdrawal request): the
// same key replayed answers the same thing and writes nothing twice; the key reused with a different request
// is 422 IDEMPOTENCY_KEY_REUSED and writes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers.js';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.js';
import { startDossierApp } from '../dossiers/fixtures.js';
import { KHAI_SINH, completeDraft, officialAct, samplePdf, signInCitizen, upload, type App } from './citizen-http.js';

const EMAIL = 'idem.citizen@example.vn';
const KHAI_TU = '1.000656';
let t: App;
let smtp: SmtpSink;
let citizen: HttpClient;
let u: Record<string, HttpClient>;
let pdf: Buffer;

const count = async (table: 'submission_drafts' | 'dossiers', citizenId?: string) => {
  let q = t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (citizenId) q = q.where('citizen_id', '=', citizenId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const eventsOf = async (dossierId: string, action: string) =>
  Number((await t.ctx.db.selectFrom('dossier_events').select((eb) => eb.fn.countAll<number>().as('n')).where('dossier_id', '=', dossierId).where('action', '=', action).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startDossierApp({ MOTCUA_SMTP_URL: smtp.url, MOTCUA_CITIZEN_SESSION_TTL_MINUTES: '10080', MOTCUA_CITIZEN_SESSION_IDLE_MINUTES: '1440' });
  u = {};
  for (const name of ['demo.xa.tiepnhan', 'demo.xa.chuyenvien']) u[name] = await t.login(name);
  pdf = await samplePdf(u['demo.xa.tiepnhan']!);
  citizen = t.client();
  await signInCitizen(t, smtp, citizen, EMAIL);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('Idempotency-Key on citizen writes', () => {
  it('draft create: a replay answers the same draft, one row; the key with another procedure is refused', async () => {
    const key = randomUUID();
    const before = await count('submission_drafts');
    const a = await citizen.post('/api/v1/citizen/drafts', { procedureCode: KHAI_SINH }, { 'idempotency-key': key });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const b = await citizen.post('/api/v1/citizen/drafts', { procedureCode: KHAI_SINH }, { 'idempotency-key': key });
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body).toEqual(a.body);
    expect(await count('submission_drafts')).toBe(before + 1);

    const other = await citizen.post('/api/v1/citizen/drafts', { procedureCode: KHAI_TU }, { 'idempotency-key': key });
    expect(other.status, JSON.stringify(other.body)).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('submission_drafts')).toBe(before + 1);
    // without a key each start is a new draft; a bad key is a clear 400
    expect((await citizen.post('/api/v1/citizen/drafts', { procedureCode: KHAI_SINH }, { 'idempotency-key': 'x'.repeat(201) })).status).toBe(400);
  });

  it('submit: the same key answers the same dossier (200), one dossier; the key on another draft is refused and files nothing', async () => {
    const one = await completeDraft(citizen, pdf, EMAIL);
    const key = randomUUID();
    const first = await citizen.post(`/api/v1/citizen/drafts/${one.id}/submit`, {}, { 'idempotency-key': key });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await citizen.post(`/api/v1/citizen/drafts/${one.id}/submit`, {}, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const dossiers = await count('dossiers');

    const two = await completeDraft(citizen, pdf, EMAIL);
    const reused = await citizen.post(`/api/v1/citizen/drafts/${two.id}/submit`, {}, { 'idempotency-key': key });
    expect(reused.status, JSON.stringify(reused.body)).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('dossiers')).toBe(dossiers);
    expect((await citizen.get(`/api/v1/citizen/drafts/${two.id}`)).body.status).toBe('open');
    // with a fresh key it is filed
    const ok = await citizen.post(`/api/v1/citizen/drafts/${two.id}/submit`, {}, { 'idempotency-key': randomUUID() });
    expect(ok.status).toBe(201);
    expect(ok.body.dossier.id).not.toBe(first.body.dossier.id);
  });

  it('supplement send and withdrawal request: a replay writes one event; the key with another body is refused', async () => {
    const d1 = await completeDraft(citizen, pdf, EMAIL);
    const s1 = await citizen.post(`/api/v1/citizen/drafts/${d1.id}/submit`, {}, { 'idempotency-key': randomUUID() });
    const id = s1.body.dossier.id as string;
    await officialAct(u['demo.xa.tiepnhan']!, id, 'accept');
    await officialAct(u['demo.xa.tiepnhan']!, id, 'forward');
    await officialAct(u['demo.xa.chuyenvien']!, id, 'claim');
    await officialAct(u['demo.xa.chuyenvien']!, id, 'request_supplement', { reason: 'Giấy chứng sinh mờ', items: ['Bản chụp rõ Giấy chứng sinh'] });
    const up = await upload(citizen, `/api/v1/citizen/dossiers/${id}/files`, { name: 'giay-chung-sinh.pdf', data: pdf, type: 'application/pdf' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const version = (await citizen.get(`/api/v1/citizen/dossiers/${id}`)).body.version;
    const key = randomUUID();
    const body = { version, fileIds: [up.body.id] };
    const sent = await citizen.post(`/api/v1/citizen/dossiers/${id}/actions/receive_supplement`, body, { 'idempotency-key': key });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const replay = await citizen.post(`/api/v1/citizen/dossiers/${id}/actions/receive_supplement`, body, { 'idempotency-key': key });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(sent.body);
    expect(await eventsOf(id, 'receive_supplement')).toBe(1);
    const changed = await citizen.post(`/api/v1/citizen/dossiers/${id}/actions/receive_supplement`, { version: version + 1, fileIds: [up.body.id] }, { 'idempotency-key': key });
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const d2 = await completeDraft(citizen, pdf, EMAIL);
    const s2 = await citizen.post(`/api/v1/citizen/drafts/${d2.id}/submit`, {}, { 'idempotency-key': randomUUID() });
    const id2 = s2.body.dossier.id as string;
    await officialAct(u['demo.xa.tiepnhan']!, id2, 'accept');
    const v2 = (await citizen.get(`/api/v1/citizen/dossiers/${id2}`)).body.version;
    const wkey = randomUUID();
    const w = await citizen.post(`/api/v1/citizen/dossiers/${id2}/actions/request_withdrawal`, { version: v2, reason: 'Nộp nhầm thủ tục' }, { 'idempotency-key': wkey });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body.nationalStatus).toBe(7);
    const w2 = await citizen.post(`/api/v1/citizen/dossiers/${id2}/actions/request_withdrawal`, { version: v2, reason: 'Nộp nhầm thủ tục' }, { 'idempotency-key': wkey });
    expect(w2.status).toBe(200);
    expect(w2.body).toEqual(w.body);
    expect(await eventsOf(id2, 'request_withdrawal')).toBe(1);
    const w3 = await citizen.post(`/api/v1/citizen/dossiers/${id2}/actions/request_withdrawal`, { version: v2, reason: 'Lý do khác' }, { 'idempotency-key': wkey });
    expect(w3.status).toBe(422);
    expect(w3.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // the key is the citizen's: the same key on another dossier's action is another request, refused
    expect((await citizen.post(`/api/v1/citizen/dossiers/${id}/actions/request_withdrawal`, { version: v2, reason: 'Nộp nhầm thủ tục' }, { 'idempotency-key': wkey })).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // the action's key is required
    expect((await citizen.post(`/api/v1/citizen/dossiers/${id2}/actions/cancel_withdrawal`, { version: v2 + 1 })).status).toBe(400);
  });
});
