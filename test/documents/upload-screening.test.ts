// Issue 12 item 8: the pure screening of uploads — active content in PDFs (also hex-escaped and inside
// compressed object streams), polyglots, executable magic, ZIP central-directory bounds. Property tests:
// random benign PDFs made with pdf-lib pass; the same PDFs with a JavaScript action injected in random
// places and spellings are refused.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFInvalidObject, PDFName, PDFObjectStream, StandardFonts, type PDFObject, type PDFRef } from 'pdf-lib';
import { decodePdfName, scanPdf } from '../../src/modules/documents/pdf-active-content.js';
import { checkArchive, ARCHIVE_LIMITS } from '../../src/modules/documents/archive-bounds.js';
import { executableIn, markupIn, oleHasEntry, screenUpload } from '../../src/modules/documents/upload-screening.js';
import { oleFile } from './zip-tools.js';
import { signPdf } from '../../src/modules/documents/signature.js';
import { crc32, docxEntries, makeZip } from './zip-tools.js';
import { testPki } from './pki.js';

// ---- PDFs ----

const escapeName = (name: string, mask: number, upper: boolean) =>
  [...name].map((ch, i) => ((mask >> i) & 1 ? `#${ch.charCodeAt(0).toString(16)[upper ? 'toUpperCase' : 'toLowerCase']()}` : ch)).join('');

interface BenignSpec {
  pages: number;
  text: string;
  title: string;
  objectStreams: boolean;
  link: boolean;
}

const benignSpec: fc.Arbitrary<BenignSpec> = fc.record({
  pages: fc.integer({ min: 1, max: 3 }),
  text: fc.stringMatching(/^[A-Za-z0-9 .,]{0,60}$/),
  title: fc.stringMatching(/^[A-Za-z0-9 ]{0,30}$/),
  objectStreams: fc.boolean(),
  link: fc.boolean(),
});

async function benignDoc(s: BenignSpec): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.setTitle(s.title || 'Don de nghi');
  doc.setAuthor('UBND xa');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < s.pages; i++) {
    const page = doc.addPage();
    page.drawText(s.text || 'Xin chao', { x: 50, y: 700, size: 12, font });
    if (s.link) {
      // a URI link and a GoTo open action are ordinary and stay accepted
      const uri = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 100, 20], A: { S: 'URI', URI: 'https://dichvucong.gov.vn' } }));
      page.node.set(PDFName.of('Annots'), doc.context.obj([uri]));
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj([page.ref, PDFName.of('Fit')]));
    }
  }
  return doc;
}

const save = async (doc: PDFDocument, objectStreams: boolean) => Buffer.from(await doc.save({ useObjectStreams: objectStreams }));

type Place = 'OpenAction' | 'PageAA' | 'Annot' | 'NamesTree';

/**
 * Adds `<</S/JavaScript/JS(...)>>` with the names spelled as given, reachable from `place`; hidden: the
 * injected objects are written inside a FlateDecode object stream (pdf-lib keeps raw objects out of its own).
 */
function injectJs(doc: PDFDocument, place: Place, spell: (n: string) => string, hidden: boolean): void {
  const packed: Array<[PDFRef, PDFObject]> = [];
  const raw = (s: string) => {
    const obj = PDFInvalidObject.of(new Uint8Array(Buffer.from(s, 'latin1')));
    if (!hidden) return doc.context.register(obj);
    const ref = doc.context.nextRef();
    packed.push([ref, obj]);
    return ref;
  };
  const r = (ref: PDFRef) => `${ref.objectNumber} ${ref.generationNumber} R`;
  const action = raw(`<</Type/Action/S/${spell('JavaScript')}/${spell('JS')}(app.alert\\(1\\))>>`);
  const page = doc.getPages()[0]!;
  switch (place) {
    case 'OpenAction':
      doc.catalog.set(PDFName.of('OpenAction'), action);
      break;
    case 'PageAA':
      page.node.set(PDFName.of('Annots'), doc.context.obj([raw(`<</Type/Annot/Subtype/Widget/Rect[0 0 10 10]/${spell('AA')}<</E ${r(action)}>>>>`)]));
      break;
    case 'Annot':
      page.node.set(PDFName.of('Annots'), doc.context.obj([raw(`<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/A ${r(action)}>>`)]));
      break;
    case 'NamesTree':
      doc.catalog.set(PDFName.of('Names'), raw(`<</${spell('JavaScript')}<</Names[(a) ${r(action)}]>>>>`));
      break;
  }
  if (hidden) doc.context.register(PDFObjectStream.withContextAndObjects(doc.context, packed, true));
}

describe('PDF active content', () => {
  it('names are decoded as readers decode them', () => {
    expect(decodePdfName('J#61vaScript')).toBe('JavaScript');
    expect(decodePdfName('#4a#53')).toBe('JS');
    expect(decodePdfName('#6a#73')).toBe('js');
    expect(escapeName('JS', 3, false)).toBe('#4a#53');
  });

  it('random benign PDFs made with pdf-lib are accepted (with and without object streams)', async () => {
    await fc.assert(
      fc.asyncProperty(benignSpec, async (s) => {
        const pdf = await save(await benignDoc(s), s.objectStreams);
        expect(scanPdf(pdf).finding).toBeNull();
        expect(screenUpload(pdf, 'pdf')).toBeNull();
      }),
      { numRuns: 25, seed: 812 },
    );
  });

  it('a JavaScript action injected anywhere, spelled with #xx escapes, in or out of an object stream, is refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        benignSpec,
        fc.constantFrom<Place>('OpenAction', 'PageAA', 'Annot', 'NamesTree'),
        fc.integer({ min: 0, max: 1023 }),
        fc.boolean(),
        async (s, place, mask, upper) => {
          const doc = await benignDoc(s);
          injectJs(doc, place, (n) => escapeName(n, mask, upper), s.objectStreams);
          const pdf = await save(doc, s.objectStreams);
          // with object streams the script is compressed: the raw bytes do not show it
          if (s.objectStreams) expect(pdf.includes('app.alert')).toBe(false);
          const scan = scanPdf(pdf);
          expect(scan.finding?.kind).toBe('active');
          expect(screenUpload(pdf, 'pdf')?.code).toBe('PDF_ACTIVE_CONTENT');
        },
      ),
      { numRuns: 40, seed: 1201 },
    );
  });

  const wrap = (body: string) => Buffer.from(`%PDF-1.7\n${body}\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');

  it.each([
    ['Launch', '1 0 obj<</Type/Catalog/OpenAction<</S/Launch/F(cmd.exe)>>>>endobj'],
    ['EmbeddedFiles', '1 0 obj<</Type/Catalog/Names<</EmbeddedFiles<</Names[(a) 2 0 R]>>>>>>endobj'],
    ['RichMedia', '1 0 obj<</Type/Annot/Subtype/RichMedia>>endobj'],
    ['XFA', '1 0 obj<</Type/Catalog/AcroForm<</XFA 2 0 R>>>>endobj'],
    ['SubmitForm', '1 0 obj<</S/SubmitForm/F(https://x.example)>>endobj'],
    ['ImportData', '1 0 obj<</S/ImportData/F(a.fdf)>>endobj'],
    ['lower-case hex', '1 0 obj<</OpenAction<</S/J#61v#61Script/#4a#53(x)>>>>endobj'],
    ['a name in a comment (a rebuilding reader may take it)', '%/JS (x)\n1 0 obj<<>>endobj'],
    ['an object hidden behind a fake stream in a comment', '%<</Length 60>>stream\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\nendstream'],
    ['a fake stream inside a string', '1 0 obj<</T(<</Length 40>>stream\n)>>endobj 2 0 obj<</S/JavaScript/JS(x)>>endobj\n(endstream)'],
  ])('%s is refused', (_what, body) => {
    expect(scanPdf(wrap(body)).finding?.kind).toBe('active');
  });

  it('stream bodies are skipped by their /Length (binary data that spells /JS is not a name)', () => {
    const data = Buffer.from('q /JS gs /AA Do Q <html><script>');
    const pdf = Buffer.concat([Buffer.from(`%PDF-1.4\n1 0 obj<</Length ${data.length}>>stream\n`), data, Buffer.from('\nendstream endobj\ntrailer<<>>\n%%EOF\n')]);
    expect(scanPdf(pdf).finding).toBeNull();
    // an indirect /Length is resolved
    const ind = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj<</Length 2 0 R>>stream\n'), data, Buffer.from(`\nendstream endobj 2 0 obj ${data.length} endobj\ntrailer<<>>\n%%EOF\n`)]);
    expect(scanPdf(ind).finding).toBeNull();
  });

  it('object streams that cannot be inspected, or inflate past the budget, make the PDF unreadable', () => {
    const objstm = (dict: string, data: Buffer) =>
      Buffer.concat([Buffer.from(`%PDF-1.5\n1 0 obj<</Type/ObjStm/N 1/First 4${dict}/Length ${data.length}>>stream\n`), data, Buffer.from('\nendstream endobj\ntrailer<<>>\n%%EOF\n')]);
    const inner = Buffer.from('2 0 <</S/JavaScript/JS(x)>>');
    expect(scanPdf(objstm('/Filter/FlateDecode', deflateSync(inner))).finding?.kind).toBe('active');
    expect(scanPdf(objstm('/Filter/Fl#61teDecode', deflateSync(inner))).finding?.kind).toBe('active');
    expect(scanPdf(objstm('', inner)).finding?.kind).toBe('active');
    // without /Type /ObjStm (readers find compressed objects through the xref), or with an indirect filter
    const untyped = Buffer.concat([Buffer.from('%PDF-1.5\n1 0 obj<</N 1/First 4/Filter/FlateDecode>>stream\n'), deflateSync(inner), Buffer.from('\nendstream endobj\ntrailer<<>>\n%%EOF\n')]);
    expect(scanPdf(untyped).finding?.kind).toBe('active');
    expect(scanPdf(objstm('/Filter 9 0 R', deflateSync(inner))).finding?.kind).toBe('invalid');
    expect(scanPdf(objstm('/Filter/FlateDecode/DecodeParms 9 0 R', deflateSync(inner))).finding?.kind).toBe('invalid');
    expect(scanPdf(objstm('/Filter/FlateDecode', Buffer.from('not zlib at all'))).finding?.kind).toBe('invalid');
    expect(scanPdf(objstm('/Filter/LZWDecode', inner)).finding?.kind).toBe('invalid');
    expect(scanPdf(objstm('/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 5>>', deflateSync(inner))).finding?.kind).toBe('invalid');
    // an object stream's /Type hidden after thousands of tokens is not skipped unread
    const pad = `/Pad[${'0 '.repeat(5000)}]`;
    expect(scanPdf(objstm(`${pad}/Filter/FlateDecode`, deflateSync(inner))).finding?.kind).toBe('invalid');
    const notObjStm = Buffer.from(`%PDF-1.4\n1 0 obj<<${pad}/Length 4>>stream\n/JS \nendstream endobj trailer<<>>\n%%EOF\n`);
    expect(scanPdf(notObjStm).finding).toBeNull(); // a large dictionary of another stream: its body is still skipped
    const big = deflateSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(scanPdf(objstm('/Filter/FlateDecode', big), { maxInflatedBytes: 1024 * 1024 }).finding?.kind).toBe('invalid');
    expect(scanPdf(objstm('/Filter/FlateDecode', big)).finding).toBeNull();
  });

  it('the scan is bounded: past the token budget the PDF is not inspected but refused', () => {
    const many = Buffer.from(`%PDF-1.4\n${'1 0 obj <</A [1 2 3]>> endobj\n'.repeat(2000)}trailer<<>>\n%%EOF\n`);
    expect(scanPdf(many).finding).toBeNull();
    expect(scanPdf(many, { maxTokens: 10_000 }).finding).toMatchObject({ kind: 'invalid', en: expect.stringMatching(/too many/) });
    // megabytes of digits do not make the /Length look-up quadratic
    const t0 = Date.now();
    expect(scanPdf(Buffer.from(`%PDF-1.4\n${'7'.repeat(4_000_000)}\n1 0 obj<<>>endobj trailer<<>>\n%%EOF`)).finding).toBeNull();
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('%PDF- followed by something else is not a PDF; with a program behind it, a polyglot', () => {
    const elf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(2000, 1)]);
    expect(screenUpload(elf, 'pdf')?.code).toBe('FILE_POLYGLOT');
    expect(scanPdf(elf).finding?.kind).toBe('invalid');
    expect(screenUpload(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x41)]), 'pdf')?.code).toBe('PDF_INVALID');
    expect(screenUpload(Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n'), 'pdf')?.code).toBe('PDF_INVALID'); // no trailer, no %%EOF
    expect(screenUpload(Buffer.from('%PDF-1.4\n#!/bin/sh\nrm -rf /\n1 0 obj<<>>endobj trailer<<>>\n%%EOF'), 'pdf')?.code).toBe('FILE_POLYGLOT');
  });

  it('a PDF/HTML polyglot is refused: markup in the first KiB, or anywhere outside streams', () => {
    expect(screenUpload(Buffer.from('%PDF-1.4\n%<html><script>alert(1)</script>\n1 0 obj<<>>endobj trailer<<>>\n%%EOF\n'), 'pdf')?.code).toBe('FILE_POLYGLOT');
    const far = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n'), Buffer.alloc(5000, 0x20), Buffer.from('trailer<<>>\n%%EOF\n<!DOCTYPE html><body onload=alert(1)>')]);
    expect(screenUpload(far, 'pdf')?.code).toBe('FILE_POLYGLOT');
  });

  it('a PDF signed by our signer is accepted (refusing, not rewriting, keeps signatures intact)', async () => {
    const doc = await benignDoc({ pages: 1, text: 'Quyet dinh', title: 'QD', objectStreams: false, link: false });
    const now = new Date('2026-11-23T03:00:00Z');
    const pki = testPki(now);
    const signed = await signPdf(await save(doc, false), { p12: pki.issue('So Tu phap', 'UBND tinh').p12('pw'), passphrase: 'pw', reason: 'Ban hanh', location: 'Thanh Hoa', signingTime: now });
    expect(scanPdf(signed).finding).toBeNull();
    expect(screenUpload(signed, 'pdf')).toBeNull();
  });
});

// ---- polyglots and programs ----

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const IHDR = chunk('IHDR', Buffer.from('0000000100000001080600000000', 'hex').subarray(0, 13));
const IDAT = chunk('IDAT', deflateSync(Buffer.from([0, 0, 0, 0, 0])));
const png = (...extra: Buffer[]) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), IHDR, ...extra, IDAT, chunk('IEND', Buffer.alloc(0))]);
const padding = chunk('tEXt', Buffer.from(`Comment\0${'x'.repeat(1100)}`));

function jpeg(com: string, after = ''): Buffer {
  const seg = (m: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, m, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.alloc(1200, 0x11)), // an APP1 block pushes the comment past the first KiB
    seg(0xfe, Buffer.from(com, 'latin1')),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56]),
    Buffer.from([0xff, 0xd9]),
    Buffer.from(after, 'latin1'),
  ]);
}

describe('polyglots and programs', () => {
  it('PNG: benign text chunks pass; HTML in tEXt, zTXt or iTXt (past the first KiB) or after IEND is refused', () => {
    const xmp = chunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'));
    expect(screenUpload(png(padding, xmp, chunk('tEXt', Buffer.from('Software\0GIMP'))), 'png')).toBeNull();
    expect(screenUpload(png(padding, chunk('tEXt', Buffer.from('Comment\0<script>alert(1)</script>'))), 'png')?.code).toBe('FILE_POLYGLOT');
    expect(screenUpload(png(padding, chunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0'), deflateSync(Buffer.from('<svg onload=alert(1)>'))]))), 'png')?.code).toBe('FILE_POLYGLOT');
    expect(screenUpload(png(padding, chunk('iTXt', Buffer.concat([Buffer.from('Comment\0\x01\0\0\0'), deflateSync(Buffer.from('<iframe src=x>'))]))), 'png')?.code).toBe('FILE_POLYGLOT');
    expect(screenUpload(Buffer.concat([png(padding), Buffer.from('<html><script>alert(1)</script>')]), 'png')?.code).toBe('FILE_POLYGLOT');
    expect(screenUpload(Buffer.concat([png(), Buffer.from('<html>')]), 'png')?.code).toBe('FILE_POLYGLOT'); // in the first KiB
  });

  it('JPEG: HTML in a comment past the first KiB or after EOI is refused', () => {
    expect(screenUpload(jpeg('Chup tai UBND xa'), 'jpeg')).toBeNull();
    expect(screenUpload(jpeg('<script>alert(1)</script>'), 'jpeg')?.code).toBe('FILE_POLYGLOT');
    expect(screenUpload(jpeg('ok', '<!doctype html><p>'), 'jpeg')?.code).toBe('FILE_POLYGLOT');
    expect(screenUpload(jpeg('ok', `<html>${'\xff\xd9'}`), 'jpeg')?.code).toBe('FILE_POLYGLOT');
  });

  it('markers and magic', () => {
    expect(markupIn('a <SCRIPT>b')).toBe('<SCRIPT');
    expect(markupIn('<x:xmpmeta><rdf:RDF>')).toBeNull();
    expect(markupIn('<a href=x> <p> <b>')).toBeNull(); // short tags occur by chance in binary data
    expect(executableIn(Buffer.from('xxMZ\x90\0'))).toBeNull(); // MZ without a PE header
    const pe = Buffer.alloc(0x100);
    pe.write('MZ', 0);
    pe.writeUInt32LE(0x80, 0x3c);
    pe.write('PE\0\0', 0x80, 'latin1');
    expect(executableIn(pe)).toBe('PE (MZ)');
    expect(executableIn(Buffer.from('%PDF-1.4\n\xcf\xfa\xed\xfe', 'latin1'))).toBe('Mach-O');
    expect(executableIn(Buffer.from('#!/usr/bin/env node\n'))).toBe('#! script');
  });

  it('random binary data (compressed-looking) rarely trips the first-KiB rules', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1024, maxLength: 1024 }), (b) => {
        const buf = Buffer.from(b);
        expect(markupIn(buf.toString('latin1'))).toBeNull();
        expect(executableIn(buf)).toBeNull();
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

// ---- legacy Office ----

describe('DOC/XLS with macros or an OLE package', () => {
  it('a VBA storage or an Ole10Native stream in the directory is refused; the word typed in the text is not', () => {
    expect(screenUpload(oleFile(['Root Entry', 'WordDocument', '1Table']), 'doc')).toBeNull();
    expect(screenUpload(oleFile(['Root Entry', 'WordDocument', 'Macros', 'VBA']), 'doc')?.code).toBe('OFFICE_ACTIVE_CONTENT');
    expect(screenUpload(oleFile(['Root Entry', 'Workbook', '_VBA_PROJECT_CUR']), 'xls')?.code).toBe('OFFICE_ACTIVE_CONTENT');
    expect(screenUpload(oleFile(['Root Entry', 'WordDocument', '\u0001Ole10Native']), 'doc')?.en).toMatch(/Ole10Native/);
    const text = Buffer.concat([oleFile(['Root Entry', 'WordDocument']), Buffer.from('xx Macros and VBA are words here', 'utf16le')]);
    expect(oleHasEntry(text, 'Macros')).toBe(false);
    expect(screenUpload(text, 'doc')).toBeNull();
    expect(screenUpload(makeZip([...docxEntries(), { name: 'word/vbaProject.bin', data: Buffer.from('x') }]), 'docx')?.code).toBe('OFFICE_ACTIVE_CONTENT');
  });
});

// ---- archives ----

describe('archive bounds (central directory only)', () => {
  const docx = (extra: Parameters<typeof makeZip>[0] = []) => makeZip([...docxEntries(), ...extra]);

  it('a small DOCX passes, also with a chart workbook under embeddings/', () => {
    expect(checkArchive(docx(), 'docx')).toBeNull();
    expect(checkArchive(docx([{ name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: Buffer.from('PK…') }]), 'docx')).toBeNull();
    expect(screenUpload(docx(), 'docx')).toBeNull();
  });

  it('a zip bomb is refused from its directory: honest sizes (ratio), a claimed 1 GiB (total), without inflating', () => {
    const zeros = Buffer.alloc(4 * 1024 * 1024); // deflates to ~4 KiB
    expect(checkArchive(docx([{ name: 'word/media/a.xml', data: zeros }]), 'docx')?.en).toMatch(/expands more than 100 times/);
    const claim = docx([{ name: 'word/media/a.xml', data: Buffer.alloc(100_000, 0x41), claimedSize: 1024 ** 3 }]);
    expect(claim.length).toBeLessThan(10_000);
    expect(checkArchive(claim, 'docx')?.en).toMatch(/once uncompressed/);
    // many entries whose sum is over the limit
    const many = docx(Array.from({ length: 30 }, (_, i) => ({ name: `word/p${i}.xml`, data: Buffer.alloc(10, 0x41), claimedSize: 4 * 1024 * 1024 })));
    expect(checkArchive(many, 'docx')?.en).toMatch(/once uncompressed|expands/);
  });

  it('too many entries, unsafe paths, nested archives, macros, duplicates, overlaps, no OOXML markers', () => {
    const tiny = { data: Buffer.from('x'), method: 0 as const };
    expect(checkArchive(docx(Array.from({ length: ARCHIVE_LIMITS.maxEntries }, (_, i) => ({ name: `word/e${i}`, ...tiny }))), 'docx')?.en).toMatch(/more than 10000 entries/);
    for (const name of ['../../evil.sh', 'word/../../x', '/etc/passwd', 'C:/x', 'word\\x']) expect(checkArchive(docx([{ name, ...tiny }]), 'docx')?.en, name).toMatch(/unsafe path/);
    for (const name of ['word/media/inner.zip', 'payload.exe', 'word/x.js']) expect(checkArchive(docx([{ name, ...tiny }]), 'docx')?.en, name).toMatch(/nested/);
    expect(checkArchive(docx([{ name: 'word/vbaProject.bin', ...tiny }]), 'docx')?.en).toMatch(/macros/);
    expect(checkArchive(docx([{ name: 'WORD/document.xml', ...tiny }]), 'docx')?.en).toMatch(/duplicate/);
    expect(checkArchive(makeZip(docxEntries().slice(1)), 'docx')?.en).toMatch(/Content_Types/);
    expect(checkArchive(docx(), 'xlsx')?.en).toMatch(/xl\//);
    // two directory entries pointing at the same local data (the overlapping "better zip bomb")
    const z = docx();
    const cd = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const second = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), cd + 4);
    z.writeUInt32LE(0, second + 42);
    expect(checkArchive(z, 'docx')?.en).toMatch(/overlapping|duplicate/);
    // damaged: no end record, a truncated directory
    expect(checkArchive(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]), 'docx')?.en).toMatch(/end of central directory/);
    const cut = docx();
    cut.writeUInt32LE(cut.readUInt32LE(cut.length - 6) + 5, cut.length - 6);
    expect(checkArchive(cut, 'docx')?.en).toMatch(/damaged/);
  });
});
