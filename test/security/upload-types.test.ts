// Issue 12 item 8 (part): the stored name carries the extension of the sniffed type, and a part whose
// declared Content-Type contradicts its content (a PNG declared text/html, a PDF declared image/png) is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers.js';
import { receive, startDossierApp } from '../dossiers/fixtures.js';
import { withKindExtension, declaredTypeDisagrees } from '../../src/modules/documents/sniff.js';

let t: Awaited<ReturnType<typeof startDossierApp>>;
let desk: HttpClient;
let code: string;
beforeAll(async () => {
  t = await startDossierApp();
  desk = await t.login('demo.tiepnhan');
  code = (await receive(desk)).dossier.code;
});
afterAll(async () => t?.close());

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b5f6a60000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function multipart(filename: string, type: string, content: Buffer): { body: Uint8Array; type: string } {
  const b = 'uploadTypesBoundary';
  const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${b}--\r\n`)]), type: `multipart/form-data; boundary=${b}` };
}

const upload = (filename: string, type: string, content: Buffer) => {
  const m = multipart(filename, type, content);
  return desk.request('POST', `/api/v1/dossiers/${code}/files`, m.body, { 'content-type': m.type });
};

describe('upload types', () => {
  it('stores the sniffed extension, never the uploader\'s', async () => {
    const cases: Array<[string, string, Buffer, string]> = [
      ['poly.html', 'application/octet-stream', PNG, 'poly.png'],
      ['x.exe', 'application/octet-stream', PDF, 'x.pdf'],
      ['giay-to.PDF', 'application/pdf', PDF, 'giay-to.PDF'],
      ['anh.jpeg.png', 'image/png', PNG, 'anh.jpeg.png'],
      ['không-đuôi', 'application/octet-stream', PDF, 'không-đuôi.pdf'],
    ];
    for (const [name, type, content, stored] of cases) {
      const r = await upload(name, type, content);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.name).toBe(stored);
      const dl = await desk.get(`/api/v1/files/${r.body.id}`);
      expect(dl.headers.get('content-disposition')).toContain(encodeURIComponent(stored));
    }
  });

  it('refuses a declared type that contradicts the content with 415, storing nothing', async () => {
    const { rows: before } = await t.ctx.database.pool.query('SELECT count(*)::int n FROM files');
    for (const [name, type, content] of [['a.png', 'text/html', PNG], ['a.pdf', 'image/png', PDF], ['a.pdf', 'application/x-msdownload', PDF], ['a.png', 'image/svg+xml', PNG]] as const) {
      const r = await upload(name, type, content);
      expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(415);
      expect(r.body.code).toBe('FILE_TYPE_MISMATCH');
    }
    const { rows: after } = await t.ctx.database.pool.query('SELECT count(*)::int n FROM files');
    expect(after[0].n).toBe(before[0].n);
  });

  it('pure rules', () => {
    expect(withKindExtension('scan.jpeg', 'jpeg')).toBe('scan.jpeg');
    expect(withKindExtension('scan.', 'pdf')).toBe('scan.pdf');
    expect(withKindExtension('.htaccess', 'pdf')).toBe('.htaccess.pdf');
    expect(declaredTypeDisagrees(undefined, 'pdf')).toBe(false);
    expect(declaredTypeDisagrees('application/pdf; charset=binary', 'pdf')).toBe(false);
    expect(declaredTypeDisagrees('image/jpg', 'jpeg')).toBe(false);
    expect(declaredTypeDisagrees('text/html', 'png')).toBe(true);
  });
});
