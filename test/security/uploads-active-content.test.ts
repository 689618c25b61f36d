// Issue 12 item 8 over HTTP: a PDF with an OpenAction script, PDF/HTML and PNG/HTML polyglots, `%PDF-`
// followed by an ELF, and a zip bomb posing as a DOCX are refused with 422 problem+json (stable code, the
// reason on the field `file` in Vietnamese and English), on both upload routes, leaving no file row and no
// blob on disk. Benign and signed files are still accepted, stored under the sniffed extension and served as
// attachments with the sniffed type and nosniff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { HttpClient } from '../helpers.js';
import { T0, receive, startDossierApp } from '../dossiers/fixtures.js';
import { signPdf } from '../../src/modules/documents/signature.js';
import { crc32, docxEntries, makeZip, oleFile } from '../documents/zip-tools.js';
import { testPki } from '../documents/pki.js';

let t: Awaited<ReturnType<typeof startDossierApp>>;
let desk: HttpClient;
let code: string;
const filesDir = mkdtempSync(join(tmpdir(), 'motcua-active-'));
beforeAll(async () => {
  t = await startDossierApp({ MOTCUA_FILES_DIR: filesDir });
  desk = await t.login('demo.tiepnhan');
  code = (await receive(desk)).dossier.code;
});
afterAll(async () => {
  await t?.close();
  rmSync(filesDir, { recursive: true, force: true });
});

function multipart(filename: string, type: string, content: Buffer): { body: Uint8Array; type: string } {
  const b = 'activeContentBoundary';
  const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${b}--\r\n`)]), type: `multipart/form-data; boundary=${b}` };
}

const upload = (path: string, filename: string, content: Buffer, lang = 'vi', type = 'application/octet-stream') => {
  const m = multipart(filename, type, content);
  return desk.request('POST', path, m.body, { 'content-type': m.type, 'accept-language': lang });
};

const blobOnDisk = (content: Buffer) => {
  const h = createHash('sha256').update(content).digest('hex');
  return existsSync(join(filesDir, 'sha256', h.slice(0, 2), h.slice(2, 4), h));
};
const fileRows = async () => (await t.ctx.database.pool.query('SELECT count(*)::int n FROM files')).rows[0].n as number;

// ---- the files of the issue ----

async function pdfWithOpenActionJs(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const js = doc.context.register(doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("pwned")') }));
  doc.catalog.set(PDFName.of('OpenAction'), js);
  return Buffer.from(await doc.save()); // pdf-lib writes the action inside a compressed object stream
}

const pdfHtmlPolyglot = Buffer.from('%PDF-1.4\n%<html><body><script>alert(document.cookie)</script></body></html>\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const png = (...extra: Buffer[]) =>
  Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', Buffer.from('00000001000000010806000000', 'hex')),
    ...extra,
    chunk('IDAT', deflateSync(Buffer.from([0, 0, 0, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
const pngHtmlPolyglot = png(chunk('tEXt', Buffer.from('Comment\0<html><script>alert(1)</script></html>')));
const pngHtmlAfter1K = png(chunk('tEXt', Buffer.from(`Comment\0${'x'.repeat(1200)}`)), chunk('iTXt', Buffer.from('Comment\0\0\0\0\0<svg onload=alert(1)>')));

const pdfThenElf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]), Buffer.alloc(3000, 0x90)]);

// 4 MiB of zeros deflate to ~4 KiB; the directory of the second bomb claims 1 GiB for a 100 KB entry
const zipBomb = makeZip([...docxEntries(), { name: 'word/media/image1.xml', data: Buffer.alloc(4 * 1024 * 1024) }]);
const zipBombClaim = makeZip([...docxEntries(), { name: 'word/document2.xml', data: Buffer.alloc(100_000, 0x41), claimedSize: 1024 ** 3 }]);

const REFUSED: Array<[string, string, () => Buffer | Promise<Buffer>, string]> = [
  ['a PDF with an OpenAction script (in an object stream)', 'don.pdf', pdfWithOpenActionJs, 'PDF_ACTIVE_CONTENT'],
  ['a PDF/HTML polyglot', 'poly.html', () => pdfHtmlPolyglot, 'FILE_POLYGLOT'],
  ['a PNG/HTML polyglot (text chunk in the first KiB)', 'poly.html', () => pngHtmlPolyglot, 'FILE_POLYGLOT'],
  ['a PNG with HTML in a text chunk past the first KiB', 'anh.png', () => pngHtmlAfter1K, 'FILE_POLYGLOT'],
  ['%PDF- followed by an ELF', 'x.exe', () => pdfThenElf, 'FILE_POLYGLOT'],
  ['%PDF- followed by no PDF at all', 'x.pdf', () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]), 'PDF_INVALID'],
  ['a zip bomb posing as a DOCX', 'bom.docx', () => zipBomb, 'ARCHIVE_UNSAFE'],
  ['a DOCX whose directory claims 1 GiB', 'bom.docx', () => zipBombClaim, 'ARCHIVE_UNSAFE'],
  ['a Word 97 document with macros', 'don.doc', () => oleFile(['Root Entry', 'WordDocument', '1Table', 'Macros', 'VBA']), 'OFFICE_ACTIVE_CONTENT'],
  ['a DOCX with a path-traversal entry', 'a.docx', () => makeZip([...docxEntries(), { name: '../../../../tmp/x.sh', data: Buffer.from('#!/bin/sh') }]), 'ARCHIVE_UNSAFE'],
];

describe('active content and polyglots are refused over HTTP', () => {
  it.each(REFUSED)('%s → 422 on both upload routes, problem+json on the field, vi and en, nothing stored', async (_what, name, make, errCode) => {
    const content = await make();
    const before = await fileRows();
    for (const path of [`/api/v1/dossiers/${code}/files`, '/api/v1/files']) {
      const vi = await upload(path, name, content, 'vi');
      expect(vi.status, `${path}: ${JSON.stringify(vi.body)}`).toBe(422);
      expect(vi.headers.get('content-type')).toContain('application/problem+json');
      expect(vi.body.code).toBe(errCode);
      expect(vi.body.errors).toHaveLength(1);
      expect(vi.body.errors[0]).toMatchObject({ path: 'body.file', code: errCode });
      expect(vi.body.errors[0].message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
      const en = await upload(path, name, content, 'en');
      expect(en.status).toBe(422);
      expect(en.body.code).toBe(errCode);
      expect(en.body.errors[0].message).toMatch(/not accepted|cannot be read/);
      expect(en.body.errors[0].message).not.toBe(vi.body.errors[0].message);
    }
    expect(await fileRows()).toBe(before);
    expect(blobOnDisk(content)).toBe(false);
    expect(readdirSync(join(filesDir, 'tmp'))).toEqual([]);
  });
});

describe('what stays accepted', () => {
  it('a benign PDF (object streams), a signed PDF, a DOCX and a PNG: 201 under the sniffed extension, served as attachments with nosniff', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj([doc.getPages()[0]!.ref, PDFName.of('Fit')])); // a GoTo open action is harmless
    const benign = Buffer.from(await doc.save());
    const pki = testPki(T0);
    const signed = await signPdf(Buffer.from(await doc.save({ useObjectStreams: false })), {
      p12: pki.issue('Sở Tư pháp', 'UBND tỉnh').p12('pw'), passphrase: 'pw', reason: 'Ban hành', location: 'Thanh Hóa', signingTime: T0,
    });
    const docx = makeZip(docxEntries());
    const cases: Array<[string, Buffer, string, string]> = [
      ['don.exe', benign, 'don.pdf', 'application/pdf'],
      ['quyet-dinh.pdf', signed, 'quyet-dinh.pdf', 'application/pdf'],
      ['to-khai.html', docx, 'to-khai.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['anh.html', png(chunk('tEXt', Buffer.from('Software\0motcua'))), 'anh.png', 'image/png'],
    ];
    for (const [name, content, stored, type] of cases) {
      const r = await upload(`/api/v1/dossiers/${code}/files`, name, content);
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body.name).toBe(stored);
      expect(blobOnDisk(content)).toBe(true);
      const dl = await desk.get(`/api/v1/files/${r.body.id}`);
      expect(dl.status).toBe(200);
      expect(dl.headers.get('content-type')).toBe(type);
      expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
      expect(dl.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="[^"]*"; filename\\*=UTF-8''${encodeURIComponent(stored).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    }
  });

  it('an identical refused upload after an accepted one never deletes the accepted blob', async () => {
    const content = png();
    const ok = await upload(`/api/v1/dossiers/${code}/files`, 'a.png', content);
    expect(ok.status).toBe(201);
    expect(blobOnDisk(content)).toBe(true);
    // the same bytes declared as HTML: 415 (mismatch) — the shared blob stays
    expect((await upload(`/api/v1/dossiers/${code}/files`, 'a.png', content, 'vi', 'text/html')).status).toBe(415);
    expect(blobOnDisk(content)).toBe(true);
  });
});
