// HTTP helpers of the citizen-side tests: a citizen signed in with a code mailed to a local SMTP server,
// multipart uploads with the citizen's cookie, a complete khai sinh draft, an official's action.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { outboxHandlers } from '../../src/app.js';
import { deliverDue } from '../../src/platform/outbox/outbox.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import type { SmtpSink } from '../notifications/smtp-sink.js';
import { XA1_TT } from '../dossiers/fixtures.js';

export const KHAI_SINH = '1.001193';
export type App = TestApp & { clock: ManualClock };

export async function signInCitizen(t: App, smtp: SmtpSink, c: HttpClient, email: string): Promise<void> {
  const mine = () => smtp.received.filter((m) => JSON.stringify(m.to).includes(email));
  const before = mine().length;
  const start = await c.post('/api/v1/citizen/sign-in/code', { address: email });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  for (let i = 0; i < 50 && mine().length <= before; i++) {
    await deliverDue(t.ctx, outboxHandlers);
    if (mine().length <= before) await new Promise((r) => setTimeout(r, 50));
  }
  expect(mine().length).toBeGreaterThan(before);
  const code = /\b(\d{6})\b/.exec(mine().at(-1)!.text ?? '')![1]!;
  const r = await c.post('/api/v1/citizen/sign-in/code/verify', { challengeId: start.body.challengeId, code });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  c.csrf = r.body.csrfToken;
  t.clock.advance(61_000); // one code a minute per address
}

export async function upload(c: HttpClient, path: string, file: { name: string; data: Buffer; type?: string }) {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const h: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (c.csrf) h['x-csrf-token'] = c.csrf;
  const res = await fetch(c.base + path, { method: 'POST', headers: h, body: fd });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A small valid PDF rendered by motcua (the register of an empty period of the official's desk). */
export async function samplePdf(official: HttpClient, desk = XA1_TT): Promise<Buffer> {
  const res = await fetch(`${official.base}/api/v1/agencies/${desk}/register.pdf?from=2020-01-01&to=2020-01-02`, { headers: { cookie: [...official.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** A khai sinh draft (the real catalogue record) with every required paper of its first case uploaded. */
export async function completeDraft(citizen: HttpClient, pdf: Buffer, email: string): Promise<{ id: string; version: number }> {
  const form = (await citizen.get(`/api/v1/public/procedures/${KHAI_SINH}/form`)).body;
  const d = await citizen.post('/api/v1/citizen/drafts', { procedureCode: KHAI_SINH });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const saved = await citizen.request('PUT', `/api/v1/citizen/drafts/${d.body.id}`, {
    version: d.body.version,
    form: {
      ...d.body.form,
      receivingAgencyCode: XA1_TT,
      applicant: { kind: 'individual', fullName: 'Nguyễn Thị Bích Ngọc', idNumber: '038190012345', birthDate: '1990-05-01', phone: '0912345678', email },
      caseKey: form.hints.cases[0].key,
      delivery: { method: 'online' },
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  let version = saved.body.version;
  for (const c of form.hints.cases[0].components.filter((x: any) => x.required)) {
    const up = await upload(citizen, `/api/v1/citizen/drafts/${d.body.id}/components/${c.id}/file`, { name: 'giay-to.pdf', data: pdf, type: 'application/pdf' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    version = up.body.draft.version;
  }
  return { id: d.body.id, version };
}

/** An official's action on the dossier at its current version. */
export async function officialAct(c: HttpClient, ref: string, action: string, payload: Record<string, unknown> = {}) {
  const v = (await c.get(`/api/v1/dossiers/${ref}`)).body.version;
  const r = await c.post(`/api/v1/dossiers/${ref}/actions/${action}`, { version: v, payload }, { 'idempotency-key': randomUUID() });
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}
