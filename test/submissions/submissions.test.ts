// Online submission over real HTTP: a citizen signs in with a one-time code sent to a local SMTP server,
// opens the e-form of khai sinh (1.001193), keeps a draft from two devices (a stale save is 409 with the
// server copy, nothing lost), uploads one file per component (a huge and a wrong-type file are refused on
// that component, nothing kept), submits (a double click makes one dossier), the commune desk accepts it,
// the citizen sees the receipt (form 01), answers a supplement request, downloads the signed result; another
// dossier is withdrawn. The officials act through their own API, as at the desk.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import type { HttpClient } from '../helpers.js';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.js';
import { XA1_TT, startDossierApp, type T0 } from '../dossiers/fixtures.js';

const KHAI_SINH = '1.001193';
const IN_PERSON_ONLY = '2.000815';
const EMAIL = 'ngoc.citizen@example.vn';
const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0a5e2d40000000049454e44ae426082', 'hex');

let t: Awaited<ReturnType<typeof startDossierApp>>;
let smtp: SmtpSink;
let citizen: HttpClient;
let phone2: HttpClient; // the same citizen on a second device
let u: Record<string, HttpClient>;
let samplePdf: Buffer;
void (null as unknown as typeof T0);

async function mailCode(to: string, before: number): Promise<string> {
  const mine = () => smtp.received.filter((m) => JSON.stringify(m.to).includes(to));
  for (let i = 0; i < 50 && mine().length <= before; i++) {
    await deliverDue(t.ctx, outboxHandlers);
    if (mine().length <= before) await new Promise((r) => setTimeout(r, 50));
  }
  expect(mine().length).toBeGreaterThan(before);
  return /\b(\d{6})\b/.exec(mine().at(-1)!.text ?? '')![1]!;
}

async function signIn(c: HttpClient, email: string) {
  const before = smtp.received.filter((m) => JSON.stringify(m.to).includes(email)).length;
  const start = await c.post('/api/v1/citizen/sign-in/code', { address: email });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const code = await mailCode(email, before);
  const r = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  c.csrf = r.body.csrfToken;
  t.clock.advance(61_000); // one code a minute per address
}

async function upload(c: HttpClient, path: string, file: { name: string; data: Buffer; type?: string }) {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const h: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (c.csrf) h['x-csrf-token'] = c.csrf;
  const res = await fetch(c.base + path, { method: 'POST', headers: h, body: fd });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function getBinary(c: HttpClient, path: string) {
  const res = await fetch(c.base + path, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

const put = (c: HttpClient, path: string, body: unknown, headers: Record<string, string> = {}) => c.request('PUT', path, body, headers);

/** An official's action on the dossier at its current version. */
async function act(c: HttpClient, ref: string, action: string, payload: Record<string, unknown> = {}) {
  const v = (await c.get(`/api/v1/dossiers/${ref}`)).body.version;
  const r = await c.post(`/api/v1/dossiers/${ref}/actions/${action}`, { version: v, payload }, { 'idempotency-key': randomUUID() });
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

async function citizenAct(ref: string, action: string, body: Record<string, unknown> = {}) {
  const v = (await citizen.get(`/api/v1/citizen/dossiers/${ref}`)).body.version;
  return citizen.post(`/api/v1/citizen/dossiers/${ref}/actions/${action}`, { version: v, ...body }, { 'idempotency-key': randomUUID() });
}

/** A draft of khai sinh with every required paper of its case uploaded. */
async function completeDraft(form: any): Promise<{ id: string; version: number }> {
  const d = await citizen.post('/api/v1/citizen/drafts', { procedureCode: KHAI_SINH });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const caseKey = form.hints.cases[0].key;
  const saved = await put(citizen, `/api/v1/citizen/drafts/${d.body.id}`, {
    version: d.body.version,
    form: {
      ...d.body.form,
      receivingAgencyCode: XA1_TT,
      applicant: { kind: 'individual', fullName: 'Nguyễn Thị Bích Ngọc', idNumber: '038190012345', birthDate: '1990-05-01', phone: '0912345678', email: EMAIL },
      caseKey,
      delivery: { method: 'online' },
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  let version = saved.body.version;
  for (const c of form.hints.cases[0].components.filter((x: any) => x.required)) {
    const up = await upload(citizen, `/api/v1/citizen/drafts/${d.body.id}/components/${c.id}/file`, { name: 'giay-to.pdf', data: samplePdf, type: 'application/pdf' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    version = up.body.draft.version;
  }
  return { id: d.body.id, version };
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startDossierApp({ MOTCUA_SMTP_URL: smtp.url, MOTCUA_MAX_FILE_BYTES: String(256 * 1024), MOTCUA_CITIZEN_SESSION_TTL_MINUTES: '10080', MOTCUA_CITIZEN_SESSION_IDLE_MINUTES: '1440' });
  u = {};
  for (const name of ['demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa.lanhdao', 'demo.tiepnhan']) u[name] = await t.login(name);
  samplePdf = (await getBinary(u['demo.tiepnhan']!, '/api/v1/agencies/000.00.01.H56/register.pdf?from=2020-01-01&to=2020-01-02')).body;
  citizen = t.client();
  phone2 = t.client();
  await signIn(citizen, EMAIL);
  await signIn(phone2, EMAIL);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('online submission', () => {
  let form: any;
  let draftId: string;
  let dossierId: string;
  let supplementFileId: string;

  it('the e-form of khai sinh is public; an in-person-only procedure says where to go; drafts need a session', async () => {
    const r = await t.client().get(`/api/v1/public/procedures/${KHAI_SINH}/form`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    form = r.body;
    expect(form.online).toBe(true);
    expect(form.schema.properties.components.properties).toBeTypeOf('object');
    expect(form.schema.definitions.applicant).toBeTypeOf('object');
    expect(form.desks.map((d: any) => d.code)).toContain(XA1_TT);
    expect(form.hints.cases[0].components.some((c: any) => c.required)).toBe(true);

    const off = await t.client().get(`/api/v1/public/procedures/${IN_PERSON_ONLY}/form`);
    expect(off.status).toBe(200);
    expect(off.body.online).toBe(false);
    expect(off.body.desks).toEqual([]);
    const refused = await citizen.post('/api/v1/citizen/drafts', { procedureCode: IN_PERSON_ONLY });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PROCEDURE_NOT_ONLINE');

    expect((await t.client().get('/api/v1/citizen/drafts')).status).toBe(401);
  });

  it('a draft is resumed on a second device; a stale save is 409 with the server copy and nothing is lost', async () => {
    const d = await citizen.post('/api/v1/citizen/drafts', { procedureCode: KHAI_SINH });
    expect(d.status).toBe(201);
    draftId = d.body.id;
    expect(d.body.form.applicant.email).toBe(EMAIL); // pre-filled from the session
    const a = await put(citizen, `/api/v1/citizen/drafts/${draftId}`, { version: 1, form: { ...d.body.form, applicant: { ...d.body.form.applicant, fullName: 'Nguyễn Thị Bích Ngọc' } } });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.version).toBe(2);

    const other = await phone2.get(`/api/v1/citizen/drafts/${draftId}`);
    expect(other.body.form.applicant.fullName).toBe('Nguyễn Thị Bích Ngọc');
    const b = await put(phone2, `/api/v1/citizen/drafts/${draftId}`, { version: 2, form: { ...other.body.form, receivingAgencyCode: XA1_TT } }, { 'if-match': '"2"' });
    expect(b.status).toBe(200);

    // the first device saves on the version it saw: refused, the server copy comes back, both edits are kept
    const stale = await put(citizen, `/api/v1/citizen/drafts/${draftId}`, { version: 2, form: { ...a.body.form, caseKey: 'c1' } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('DRAFT_VERSION_CONFLICT');
    expect(stale.body.detail).toMatch(/thiết bị khác|another device/);
    expect(stale.body.draft.version).toBe(3);
    expect(stale.body.draft.form.receivingAgencyCode).toBe(XA1_TT);
    const merged = await put(citizen, `/api/v1/citizen/drafts/${draftId}`, { version: 3, form: { ...stale.body.draft.form, caseKey: form.hints.cases[0].key } });
    expect(merged.status).toBe(200);
    expect(merged.body.form).toMatchObject({ receivingAgencyCode: XA1_TT, applicant: { fullName: 'Nguyễn Thị Bích Ngọc' } });

    expect((await put(citizen, `/api/v1/citizen/drafts/${draftId}`, { form: {} })).body.code).toBe('DRAFT_VERSION_REQUIRED');
    // another citizen never sees it
    const stranger = t.client();
    await signIn(stranger, 'someone.else@example.vn');
    expect((await stranger.get(`/api/v1/citizen/drafts/${draftId}`)).status).toBe(404);
  });

  it('uploads: a huge file and a wrong type are refused on that component and nothing is kept', async () => {
    const comp = form.hints.cases[0].components.find((c: any) => c.required);
    const path = `/api/v1/citizen/drafts/${draftId}/components/${comp.id}/file`;
    const filesBefore = Number((await t.ctx.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    const huge = await upload(citizen, path, { name: 'lon.pdf', data: Buffer.concat([samplePdf, Buffer.alloc(300 * 1024, 0x20)]), type: 'application/pdf' });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('FILE_TOO_LARGE');
    expect(huge.body.errors[0].path).toBe(`form.components.${comp.id}`);

    const exe = await upload(citizen, path, { name: 'virus.pdf', data: Buffer.from('MZ\x90\x00 this is a program, not a paper'), type: 'application/pdf' });
    expect(exe.status).toBe(415);
    expect(exe.body.errors[0].path).toBe(`form.components.${comp.id}`);

    const filesAfter = Number((await t.ctx.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(filesAfter).toBe(filesBefore);
    const d = await citizen.get(`/api/v1/citizen/drafts/${draftId}`);
    expect(d.body.form.components[comp.id]).toBeUndefined();
  });

  it('submission: form errors on the field, then one dossier for a double click; channel 2, status 1, citizen and assurance kept', async () => {
    const missing = await citizen.post(`/api/v1/citizen/drafts/${draftId}/submit`, {});
    expect(missing.status).toBe(422);
    const required = form.hints.cases[0].components.filter((c: any) => c.required);
    expect(missing.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(required.map((c: any) => `form.components.${c.id}`)));
    expect(missing.body.errors.map((e: any) => e.path)).toContain('form.applicant.idNumber');

    const ready = await completeDraft(form);
    const [one, two] = await Promise.all([citizen.post(`/api/v1/citizen/drafts/${ready.id}/submit`, {}), citizen.post(`/api/v1/citizen/drafts/${ready.id}/submit`, {})]);
    expect([one.status, two.status].sort()).toEqual([200, 201]);
    expect(one.body.dossier.id).toBe(two.body.dossier.id);
    dossierId = one.body.dossier.id;
    expect(one.body.dossier).toMatchObject({ channel: 2, nationalStatus: 1, code: null });
    const again = await citizen.post(`/api/v1/citizen/drafts/${ready.id}/submit`, {});
    expect(again.body.dossier.id).toBe(dossierId);
    const rows = await t.ctx.db.selectFrom('dossiers').select(['id', 'citizen_id', 'submitted_assurance', 'channel', 'national_status']).where('procedure_code', '=', KHAI_SINH).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 2, national_status: 1, submitted_assurance: 'otp' });
    expect(rows[0]!.citizen_id).toBeTruthy();
    // the draft is closed
    expect((await put(citizen, `/api/v1/citizen/drafts/${ready.id}`, { version: ready.version, form: {} })).body.code).toMatch(/DRAFT_ALREADY_SUBMITTED|DRAFT_VERSION_CONFLICT/);

    // in the commune desk's online queue
    const inbox = await u['demo.xa.tiepnhan']!.get('/api/v1/dossiers?status=1');
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    expect(inbox.body.items.map((x: any) => x.id)).toContain(dossierId);

    // the acknowledgement goes out through notifications (the outbox, to the test SMTP server)
    const ack = () => smtp.received.filter((m) => JSON.stringify(m.to).includes(EMAIL) && /Đã nhận hồ sơ nộp trực tuyến/.test(m.subject ?? ''));
    for (let i = 0; i < 50 && ack().length === 0; i++) {
      await deliverDue(t.ctx, outboxHandlers);
      if (ack().length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(ack()).toHaveLength(1);
    expect(ack()[0]!.text).toContain('Thủ tục đăng ký khai sinh');

    const mine = await citizen.get('/api/v1/citizen/dossiers');
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ id: dossierId, nationalStatus: 1, expected: { action: 'wait' } });
    expect((await phone2.get(`/api/v1/citizen/dossiers/${dossierId}`)).status).toBe(200);
  });

  it('accepted at the desk: the citizen sees the code, the appointment and downloads the receipt (form 01)', async () => {
    await act(u['demo.xa.tiepnhan']!, dossierId, 'accept');
    const d = await citizen.get(`/api/v1/citizen/dossiers/${dossierId}`);
    expect(d.status).toBe(200);
    expect(d.body.code).toBeTruthy();
    expect(d.body.appointmentAt).toBeTruthy();
    expect(d.body.forms.receipt).toBe(true);
    const pdf = await getBinary(citizen, `/api/v1/citizen/dossiers/${dossierId}/forms/01.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await getBinary(t.client(), `/api/v1/citizen/dossiers/${dossierId}/forms/01.pdf`)).status).toBe(401);
  });

  it('a supplement request is answered online: the clock restarts, the dossier resumes', async () => {
    const code = (await citizen.get(`/api/v1/citizen/dossiers/${dossierId}`)).body.code;
    await act(u['demo.xa.tiepnhan']!, code, 'forward');
    await act(u['demo.xa.chuyenvien']!, code, 'claim');
    await act(u['demo.xa.chuyenvien']!, code, 'request_supplement', { reason: 'Giấy chứng sinh mờ', items: ['Bản chụp rõ Giấy chứng sinh'] });

    const asked = await citizen.get(`/api/v1/citizen/dossiers/${dossierId}`);
    expect(asked.body.nationalStatus).toBe(5);
    expect(asked.body.expected.action).toBe('supplement');
    expect(asked.body.request).toMatchObject({ kind: 'supplement', reason: 'Giấy chứng sinh mờ', items: ['Bản chụp rõ Giấy chứng sinh'] });
    expect(asked.body.allowed).toContain('receive_supplement');

    const up = await upload(citizen, `/api/v1/citizen/dossiers/${dossierId}/files`, { name: 'giay-chung-sinh.png', data: PNG_1x1, type: 'image/png' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    supplementFileId = up.body.id;
    t.clock.advance(2 * 3_600_000);
    const sent = await citizenAct(dossierId, 'receive_supplement', { fileIds: [up.body.id] });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.nationalStatus).toBe(4);
    const events = (await u['demo.xa.chuyenvien']!.get(`/api/v1/dossiers/${code}/events`)).body;
    const ev = (events.items ?? events).find((e: any) => e.action === 'receive_supplement');
    expect(ev.actor.userId).toMatch(/^citizen:/);
    expect(ev.clock.dueAt).toBeTruthy();
    expect(new Date(ev.clock.dueAt).getTime()).toBeGreaterThan(new Date(asked.body.appointmentAt).getTime());
  });

  it('the signed result is downloaded with its SHA-256 and a verify link', async () => {
    const code = (await citizen.get(`/api/v1/citizen/dossiers/${dossierId}`)).body.code;
    await act(u['demo.xa.chuyenvien']!, code, 'forward');
    await act(u['demo.xa.lanhdao']!, code, 'claim');
    await act(u['demo.xa.lanhdao']!, code, 'approve');
    const clerkView = (await u['demo.xa.lanhdao']!.get(`/api/v1/dossiers/${code}`)).body;
    if (clerkView.allowed?.includes('claim')) await act(u['demo.xa.lanhdao']!, code, 'claim');
    const up = await upload(u['demo.xa.lanhdao']!, `/api/v1/dossiers/${code}/files`, { name: 'Trich luc khai sinh.pdf', data: samplePdf, type: 'application/pdf' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const res = await u['demo.xa.lanhdao']!.post(`/api/v1/dossiers/${code}/results`, { number: '123/TLKS', date: '2026-11-23', signer: 'Trịnh Xuân Bách', title: 'Trích lục khai sinh', fileId: up.body.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await act(u['demo.xa.lanhdao']!, code, 'record_result', { documents: [{ number: '123/TLKS', date: '2026-11-23', signer: 'Trịnh Xuân Bách', fileId: res.body.file.id }] });

    const d = await citizen.get(`/api/v1/citizen/dossiers/${dossierId}`);
    expect(d.body.nationalStatus).toBe(9);
    expect(d.body.expected.action).toBe('collect');
    expect(d.body.results).toHaveLength(1);
    const r = d.body.results[0];
    expect(r.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.verifyUrl).toContain(r.file.sha256);
    const file = await getBinary(citizen, `/api/v1/citizen/dossiers/${dossierId}/results/${r.file.id}`);
    expect(file.status).toBe(200);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(file.body).digest('hex')).toBe(r.file.sha256);
    // the supplement paper the citizen uploaded is not a result
    expect((await getBinary(citizen, `/api/v1/citizen/dossiers/${dossierId}/results/${supplementFileId}`)).status).toBe(404);
  });

  it('another dossier is withdrawn at the citizen’s request (status 7), recorded as the citizen’s', async () => {
    const ready = await completeDraft(form);
    const s = await citizen.post(`/api/v1/citizen/drafts/${ready.id}/submit`, {});
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    const id = s.body.dossier.id;
    await act(u['demo.xa.tiepnhan']!, id, 'accept');
    const w = await citizenAct(id, 'request_withdrawal', { reason: 'Nộp nhầm thủ tục' });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body.nationalStatus).toBe(7);
    const bad = await citizenAct(id, 'approve');
    expect(bad.status).toBe(400);
    const list = await citizen.get('/api/v1/citizen/dossiers');
    expect(list.body.items.find((x: any) => x.id === id).nationalStatus).toBe(7);
  });
});
