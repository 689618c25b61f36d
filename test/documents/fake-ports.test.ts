// The documents module on the context's ports with fakes (as tests get them, through the composition root):
// uploads go to an in-memory blob store, not to disk, and the result is signed by the test-PKI signer — a
// real signature that verifies against the fake's CA.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, startTestApp, type HttpClient, type TestApp } from '../helpers.js';
import { T0, act, receive } from '../dossiers/fixtures.js';
import { MemoryBlobStore } from '../../src/platform/ports/blob-store.js';
import { TestPkiSigner } from '../../src/platform/ports/signer.js';
import { verifyPdfSignatures } from '../../src/modules/documents/signature.js';

let t: TestApp;
const u: Record<string, HttpClient> = {};
const clock = new ManualClock(T0);
const blobStore = new MemoryBlobStore();
const signer = new TestPkiSigner(clock);
const filesDir = join(mkdtempSync(join(tmpdir(), 'motcua-fake-ports-')), 'files');

beforeAll(async () => {
  t = await startTestApp({ clock, env: { MOTCUA_FILES_DIR: filesDir, MOTCUA_SESSION_TTL_MINUTES: '10080', MOTCUA_SESSION_IDLE_MINUTES: '1440' }, ports: { blobStore, signer } });
  for (const name of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu']) u[name] = await t.login(name);
});
afterAll(async () => {
  await t?.close();
  rmSync(join(filesDir, '..'), { recursive: true, force: true });
});

async function upload(c: HttpClient, path: string, name: string, data: Buffer) {
  const fd = new FormData();
  fd.append('purpose', 'result');
  fd.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), name);
  const res = await fetch(c.base + path, { method: 'POST', headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf! }, body: fd });
  return { status: res.status, body: await res.json() };
}

async function getBinary(c: HttpClient, path: string) {
  const res = await fetch(c.base + path, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

describe('documents on fake ports', () => {
  it('a result is stored in the memory blob store and signed by the test-PKI signer; the signature verifies', async () => {
    const r = await receive(u['demo.tiepnhan']!, { delivery: { method: 'online' } });
    const code = r.dossier.code as string;
    await act(u['demo.tiepnhan']!, code, 'forward');
    await act(u['demo.chuyenvien']!, code, 'claim');
    await act(u['demo.chuyenvien']!, code, 'forward');
    await act(u['demo.lanhdao']!, code, 'claim');
    await act(u['demo.lanhdao']!, code, 'approve');
    await act(u['demo.vanthu']!, code, 'claim');
    const pdf = (await getBinary(u['demo.tiepnhan']!, '/api/v1/agencies/000.00.01.H56/register.pdf?from=2020-01-01&to=2020-01-02')).body;
    const up = await upload(u['demo.vanthu']!, `/api/v1/dossiers/${code}/files`, 'Quyết định.pdf', pdf);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(blobStore.blobs.has(up.body.sha256)).toBe(true);
    const res = await u['demo.vanthu']!.post(`/api/v1/dossiers/${code}/results`, { number: '7/QĐ-STP', date: '2026-11-23', signer: 'Phạm Quốc Hưng', fileId: up.body.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.digitallySigned).toBe(true);
    expect(blobStore.blobs.has(res.body.file.sha256)).toBe(true);
    expect(existsSync(filesDir)).toBe(false); // nothing written to disk
    expect(signer.signed).toHaveLength(1);
    expect(signer.signed[0]!.reason).toContain(code);
    const signed = await getBinary(u['demo.vanthu']!, `/api/v1/files/${res.body.file.id}`);
    expect(signed.status).toBe(200);
    const v = verifyPdfSignatures(signed.body, { trustedCaPem: signer.caPem, now: clock.now() });
    expect(v).toMatchObject({ signed: true, valid: true, modifiedAfterSigning: false });
    expect(v.signatures[0]!.trusted).toBe(true);
    expect(v.signatures[0]!.signer?.commonName).toBe(signer.signed[0]!.agencyCode);
  });
});
