// A dossier of the bundled catalogue's justice procedure (PROV_PROC) taken to an issued result over HTTP by
// the demo officials: received at the provincial centre, handled, approved, the result PDF uploaded and
// registered (signed with the agency's certificate unless `sign: false`), recorded.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { HttpClient } from '../helpers.js';
import { act, receive } from '../dossiers/fixtures.js';

export const RESULT_OFFICIALS = ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu'] as const;

async function uploadPdf(c: HttpClient, path: string, name: string, data: Buffer) {
  const fd = new FormData();
  fd.append('purpose', 'result');
  fd.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), name);
  const res = await fetch(c.base + path, { method: 'POST', headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf ?? '' }, body: fd });
  return { status: res.status, body: await res.json() };
}

/** A small valid PDF rendered by motcua itself (the register of an empty period). */
export async function samplePdf(c: HttpClient): Promise<Buffer> {
  const res = await fetch(`${c.base}/api/v1/agencies/000.00.01.H56/register.pdf?from=2020-01-01&to=2020-01-02`, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return Buffer.from(await res.arrayBuffer());
}

export async function issuedResult(u: Record<string, HttpClient>, doc: { number: string; date: string; signer: string; title: string; sign?: boolean }, pdf: Buffer) {
  const r = await receive(u['demo.tiepnhan']!, { delivery: { method: 'online' } });
  const code = r.dossier.code as string;
  await act(u['demo.tiepnhan']!, code, 'forward');
  await act(u['demo.chuyenvien']!, code, 'claim');
  await act(u['demo.chuyenvien']!, code, 'forward');
  await act(u['demo.lanhdao']!, code, 'claim');
  await act(u['demo.lanhdao']!, code, 'approve');
  await act(u['demo.vanthu']!, code, 'claim');
  const up = await uploadPdf(u['demo.vanthu']!, `/api/v1/dossiers/${code}/files`, `${doc.number.replace(/\W+/g, '-')}.pdf`, pdf);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const res = await u['demo.vanthu']!.post(`/api/v1/dossiers/${code}/results`, { number: doc.number, date: doc.date, signer: doc.signer, title: doc.title, fileId: up.body.id, ...(doc.sign === false ? { sign: false } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await act(u['demo.vanthu']!, code, 'record_result', { documents: [{ number: doc.number, date: doc.date, signer: doc.signer, fileId: res.body.file.id }] });
  return { code, secret: r.receipt.secret as string, sha256: res.body.file.sha256 as string, fileId: res.body.file.id as string, sourceSha256: createHash('sha256').update(pdf).digest('hex') };
}
