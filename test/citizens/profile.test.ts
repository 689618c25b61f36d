// The citizen's profile and representations over real HTTP: fields checked at once on their paths, the
// address against the current communes, a new phone proven by a code, identity fields the provider proved
// not overwritten, representations with an uploaded authorisation PDF (screened; a wrong type refused and
// nothing kept), listed, revoked; and the read API the online submission uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../helpers.js';
import { startDossierApp } from '../dossiers/fixtures.js';
import type { TestApp, ManualClock } from '../helpers.js';
import { PDFDocument } from 'pdf-lib';
import { profileOf, representationOf } from '../../src/modules/citizens/citizens.read.js';

let t: TestApp & { clock: ManualClock };
let c: HttpClient;
let citizenId: string;

/** The code the built-in sink holds for an address (the recording notifier: nothing left the machine). */
async function codeSentTo(address: string): Promise<string> {
  const m = await t.ctx.db.selectFrom('notification_messages').select(['body']).where('address', '=', address).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return /\b(\d{6})\b/.exec(m.body)![1]!;
}

async function signIn(phone: string): Promise<HttpClient> {
  const client = t.client();
  const start = await client.post('/api/v1/citizen/sign-in/code', { address: phone });
  expect(start.status).toBe(200);
  const r = await client.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code: await codeSentTo(phone) });
  expect(r.status).toBe(200);
  client.csrf = r.body.csrfToken;
  return client;
}

function upload(client: HttpClient, fields: Record<string, string>, file?: { name: string; data: Buffer; type: string }) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append('document', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const h: Record<string, string> = { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (client.csrf) h['x-csrf-token'] = client.csrf;
  return fetch(client.base + '/api/v1/citizen/representations', { method: 'POST', headers: h, body: fd }).then(async (r) => ({ status: r.status, body: await r.json() }));
}

let pdf: Buffer;

beforeAll(async () => {
  t = await startDossierApp();
  c = await signIn('0987000111');
  citizenId = (await c.get('/api/v1/citizen/session')).body.citizen.id;
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('GIAY UY QUYEN', { x: 50, y: 780, size: 18 });
  pdf = Buffer.from(await doc.save());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
afterAll(async () => {
  await t?.close();
});

const GOOD = { fullName: 'Nguyễn Thị Bích Ngọc', idNumber: '038190012345', birthDate: '1990-05-01', address: { line: '12 Lê Lợi', communeCode: '14797' } };

describe('profile', () => {
  it('starts with the proven phone and nothing else, and needs a citizen session', async () => {
    const r = await c.get('/api/v1/citizen/profile');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ phone: '0987000111', email: null, fullName: null, address: null, verified: { identity: null } });
    expect(r.body.verified.phone).toBe(t.clock.now().toISOString());
    const anon = await t.client().get('/api/v1/citizen/profile');
    expect(anon.status).toBe(401);
    expect(anon.body.code).toBe('CITIZEN_UNAUTHENTICATED');
    // an official's session is no citizen's
    const official = await t.login('demo.tiepnhan');
    expect((await official.get('/api/v1/citizen/profile')).body.code).toBe('CITIZEN_UNAUTHENTICATED');
  });

  it('saves name, ID number, birth date and an address of the two-tier system with the units\' names', async () => {
    const r = await c.request('PUT', '/api/v1/citizen/profile', GOOD);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ fullName: 'Nguyễn Thị Bích Ngọc', idNumber: '038190012345', birthDate: '1990-05-01', address: { line: '12 Lê Lợi', communeCode: '14797', provinceCode: '38' } });
    expect(r.body.address.communeName).toBeTruthy();
    expect(r.body.address.provinceName).toMatch(/Thanh Hóa/);
    expect(await profileOf(t.ctx, citizenId)).toEqual(r.body);
    expect(await profileOf(t.ctx, 'not-a-uuid')).toBeNull();
  });

  it('reports every wrong field at once on its path, and changes nothing', async () => {
    const r = await c.request('PUT', '/api/v1/citizen/profile', { fullName: 'Ngọc', idNumber: '038200012345', birthDate: '2099-01-01', address: { line: 'x', communeCode: '99999' } }, { 'accept-language': 'en' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('PROFILE_INVALID');
    const paths = Object.fromEntries(r.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]));
    expect(paths).toMatchObject({ 'body.birthDate': 'DATE_IN_FUTURE', 'body.address.communeCode': 'ADMIN_UNIT_UNKNOWN', 'body.idNumber': 'ID_NUMBER_BIRTH_YEAR' });
    const shape = await c.request('PUT', '/api/v1/citizen/profile', { ...GOOD, birthDate: '30/02/1990', fullName: '<b>x</b>' });
    expect(shape.status).toBe(400);
    expect(shape.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.birthDate', 'body.fullName']);
    expect((await c.get('/api/v1/citizen/profile')).body.fullName).toBe('Nguyễn Thị Bích Ngọc');
  });

  it('changes the e-mail only with a code sent to it; an address of another account is refused', async () => {
    const start = await c.post('/api/v1/citizen/profile/contact', { address: 'ngoc@example.vn' });
    expect(start.status).toBe(200);
    const wrong = await c.post('/api/v1/citizen/profile/contact/verify', { challengeId: start.body.challengeId, code: '000000' === (await codeSentTo('ngoc@example.vn')) ? '111111' : '000000' });
    expect(wrong.body.code).toBe('SIGN_IN_CODE_WRONG');
    const ok = await c.post('/api/v1/citizen/profile/contact/verify', { challengeId: start.body.challengeId, code: await codeSentTo('ngoc@example.vn') });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ email: 'ngoc@example.vn', phone: '0987000111' });
    expect(ok.body.verified.email).toBeTruthy();

    // a sign-in code cannot be used to verify a contact, nor someone else's verify code
    const other = await signIn('0987000222');
    t.clock.advance(61_000);
    const theirs = await other.post('/api/v1/citizen/profile/contact', { address: '0987000111' });
    const taken = await other.post('/api/v1/citizen/profile/contact/verify', { challengeId: theirs.body.challengeId, code: await codeSentTo('0987000111') });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('ADDRESS_TAKEN');
    const stolen = await c.post('/api/v1/citizen/profile/contact/verify', { challengeId: theirs.body.challengeId, code: await codeSentTo('0987000111') });
    expect(stolen.body.code).toBe('SIGN_IN_CODE_EXPIRED');
  });

  it('keeps the fields the identity provider proved', async () => {
    await t.ctx.db.updateTable('citizens').set({ identity_verified_at: t.clock.now() }).where('id', '=', citizenId).execute();
    const same = await c.request('PUT', '/api/v1/citizen/profile', { ...GOOD, address: { line: '15 Lê Lợi', communeCode: '14797' } });
    expect(same.status).toBe(200);
    expect(same.body.address.line).toBe('15 Lê Lợi');
    const changed = await c.request('PUT', '/api/v1/citizen/profile', { ...GOOD, fullName: 'Nguyễn Thị Ngọc', idNumber: null });
    expect(changed.status).toBe(422);
    expect(changed.body.errors).toEqual([
      expect.objectContaining({ path: 'body.fullName', code: 'PROFILE_FIELD_VERIFIED' }),
      expect.objectContaining({ path: 'body.idNumber', code: 'PROFILE_FIELD_VERIFIED' }),
    ]);
    expect((await c.get('/api/v1/citizen/profile')).body.fullName).toBe('Nguyễn Thị Bích Ngọc');
  });
});

describe('representations', () => {
  let repId: string;

  it('records a person who authorised the citizen, with the authorisation PDF', async () => {
    const r = await upload(c, { partyKind: 'individual', partyName: 'Lê Văn Bình', partyIdNumber: '001085001234', partyAddressLine: '3 Trần Phú', partyUnitCode: '14797', partyPhone: '0903 123 456', validUntil: '2027-12-31' }, { name: 'Giấy ủy quyền.pdf', data: pdf, type: 'application/pdf' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ partyKind: 'individual', basis: 'authorisation', partyName: 'Lê Văn Bình', partyIdNumber: '001085001234', partyPhone: '0903123456', status: 'active', validUntil: '2027-12-31', document: { name: 'Giấy ủy quyền.pdf', kind: 'pdf', size: pdf.length } });
    expect(r.body.partyAddress.communeName).toBeTruthy();
    repId = r.body.id;
    const doc = await fetch(`${t.url}/api/v1/citizen/representations/${repId}/document`, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(doc.status).toBe(200);
    expect(Buffer.from(await doc.arrayBuffer()).equals(pdf)).toBe(true);
    // nobody else reads it
    const other = await signIn('0987000333');
    expect((await other.get(`/api/v1/citizen/representations/${repId}/document`)).status).toBe(404);
    expect(await representationOf(t.ctx, citizenId, repId)).toMatchObject({ id: repId, status: 'active' });
    expect(await representationOf(t.ctx, (await other.get('/api/v1/citizen/session')).body.citizen.id, repId)).toBeNull();
  });

  it('records an organisation represented at law, and refuses missing or wrong party fields before storing anything', async () => {
    t.clock.advance(60_000); // a later record (the list is newest first; the same instant would tie)
    const org = await upload(c, { partyKind: 'organisation', basis: 'legal_representative', partyName: 'Công ty TNHH Ánh Dương', partyTaxCode: '0101234567' }, { name: 'dieu-le.pdf', data: pdf, type: 'application/pdf' });
    expect(org.status).toBe(201);
    expect(org.body).toMatchObject({ partyKind: 'organisation', basis: 'legal_representative', partyTaxCode: '0101234567', partyIdNumber: null });

    const filesBefore = (await t.ctx.db.selectFrom('files').select('id').execute()).length;
    const bad = await upload(c, { partyKind: 'organisation', partyName: 'Công ty X', partyTaxCode: '12', partyEmail: 'not-mail', validUntil: '2020-01-01' }, { name: 'a.pdf', data: pdf, type: 'application/pdf' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('REPRESENTATION_INVALID');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.partyEmail', 'body.partyTaxCode', 'body.validUntil']);
    const noFile = await upload(c, { partyKind: 'individual', partyName: 'Lê Văn Bình', partyIdNumber: '001085001234' });
    expect(noFile.body.errors[0]).toMatchObject({ path: 'body.document', code: 'FILE_REQUIRED' });
    expect((await t.ctx.db.selectFrom('files').select('id').execute()).length).toBe(filesBefore);
  });

  it('refuses a file that is not a document (by its content, whatever its name) and keeps nothing', async () => {
    const filesBefore = (await t.ctx.db.selectFrom('files').select('id').execute()).length;
    const html = await upload(c, { partyKind: 'individual', partyName: 'Lê Văn Bình', partyIdNumber: '001085001234' }, { name: 'uy-quyen.pdf', data: Buffer.from('<html><script>alert(1)</script></html>'), type: 'application/pdf' });
    expect(html.status).toBe(415);
    expect(html.body.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const active = Buffer.concat([pdf, Buffer.from('\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n')]);
    const js = await upload(c, { partyKind: 'individual', partyName: 'Lê Văn Bình', partyIdNumber: '001085001234' }, { name: 'uy-quyen.pdf', data: active, type: 'application/pdf' });
    expect(js.status).toBe(422);
    expect(js.body.code).toBe('PDF_ACTIVE_CONTENT');
    expect((await t.ctx.db.selectFrom('files').select('id').execute()).length).toBe(filesBefore);
    expect((await c.get('/api/v1/citizen/representations')).body.items).toHaveLength(2);
  });

  it('lists newest first and revokes; a revoked one stays listed as revoked, an expired one shows as expired', async () => {
    const list = await c.get('/api/v1/citizen/representations');
    expect(list.body.items.map((r: { partyName: string }) => r.partyName)).toEqual(['Công ty TNHH Ánh Dương', 'Lê Văn Bình']);
    expect((await c.delete(`/api/v1/citizen/representations/${repId}`)).status).toBe(204);
    expect((await c.delete(`/api/v1/citizen/representations/${repId}`)).status).toBe(204);
    const other = await signIn('0987000444');
    expect((await other.delete(`/api/v1/citizen/representations/${repId}`)).body.code).toBe('REPRESENTATION_NOT_FOUND');
    expect(await representationOf(t.ctx, citizenId, repId)).toMatchObject({ status: 'revoked' });

    const later = await upload(c, { partyKind: 'individual', partyName: 'Phạm Thu Hà', partyIdNumber: '001190004321', validUntil: '2026-11-30' }, { name: 'uq.pdf', data: pdf, type: 'application/pdf' });
    expect(later.body.status).toBe('active');
    t.clock.advance(8 * 86_400_000);
    expect((await representationOf(t.ctx, citizenId, later.body.id))!.status).toBe('expired');
  });
});
