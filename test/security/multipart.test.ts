// Issue 12 item 4: a malformed multipart body (wrong or missing boundary, truncated, garbage) is the
// client's mistake: 400 problem+json on the body, never a 500, on every upload route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers.js';
import { receive, startDossierApp } from '../dossiers/fixtures.js';

let t: Awaited<ReturnType<typeof startDossierApp>>;
let desk: HttpClient;
let code: string;
beforeAll(async () => {
  t = await startDossierApp();
  desk = await t.login('demo.tiepnhan');
  code = (await receive(desk)).dossier.code;
});
afterAll(async () => t?.close());

const B = 'motcuaBoundary7MA4YWxkTrZu0gW';
const pdf = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const whole = [
  `--${B}`, 'Content-Disposition: form-data; name="purpose"', '', 'component',
  `--${B}`, 'Content-Disposition: form-data; name="file"; filename="a.pdf"', 'Content-Type: application/pdf', '', pdf,
  `--${B}--`, '',
].join('\r\n');

/** Malformed bodies with the content type each is sent with. */
const MALFORMED: Array<[string, string, string]> = [
  ['missing boundary', 'multipart/form-data', whole],
  ['empty boundary', 'multipart/form-data; boundary=', whole],
  ['wrong boundary', 'multipart/form-data; boundary=other', whole],
  ['truncated in the file', `multipart/form-data; boundary=${B}`, whole.slice(0, whole.indexOf('%%EOF'))],
  ['truncated in the headers', `multipart/form-data; boundary=${B}`, whole.slice(0, whole.indexOf('filename=') + 12)],
  ['no closing delimiter', `multipart/form-data; boundary=${B}`, whole.replace(`--${B}--`, '')],
  ['garbage', `multipart/form-data; boundary=${B}`, '\u0000\u00ff garbage \r\n\r\n--'],
  ['empty', `multipart/form-data; boundary=${B}`, ''],
  ['header without colon', `multipart/form-data; boundary=${B}`, `--${B}\r\nContent-Disposition form-data\r\n\r\nx\r\n--${B}--\r\n`],
];

describe('malformed multipart', () => {
  const routes = () => [`/api/v1/dossiers/${code}/files`, '/api/v1/files', '/api/v1/files/verify-signature'];

  it.each(MALFORMED)('%s → 400 problem+json on every upload route', async (_name, type, body) => {
    for (const path of routes()) {
      const r = await desk.request('POST', path, new TextEncoder().encode(body), { 'content-type': type });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      // a body whose only flaw leaves no readable file part (empty, a garbled part header) says so
      expect(['MULTIPART_INVALID', 'FILE_REQUIRED']).toContain(r.body.code);
      expect(r.body.errors[0].path).toMatch(/^body/);
    }
  });

  it('the well-formed body is still accepted (so the cases above fail for their flaw)', async () => {
    const r = await desk.request('POST', `/api/v1/dossiers/${code}/files`, new TextEncoder().encode(whole), { 'content-type': `multipart/form-data; boundary=${B}` });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });

  it('nothing was stored by the malformed requests', async () => {
    const { rows } = await t.ctx.database.pool.query(`SELECT count(*)::int n FROM files`);
    expect(rows[0].n).toBe(1);
  });
});
