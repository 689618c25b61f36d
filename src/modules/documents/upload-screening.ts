// What an upload may not hold besides its own type, decided after its type is sniffed (pure, no I/O).
// - Polyglots: HTML/script markup in the first 1 KiB of any file (the window in which browsers and other
//   sniffers decide a type), in a PDF anywhere outside its stream bodies, in a PNG's text chunks (tEXt, iTXt,
//   zTXt) or after IEND, in a JPEG's comments or after its last EOI; and executable magic (ELF, PE, Mach-O,
//   a #! script) in the first 1 KiB. Short tags (<a, <p) are not looked for: they occur by chance in
//   compressed data; the markers below are long enough not to.
// - PDFs: active content and a readable structure (pdf-active-content.ts).
// - ZIP-based documents: bounds read from the central directory (archive-bounds.ts); Word/Excel files with
//   macros (vbaProject.bin, a VBA storage) or an OLE package (Ole10Native, the classic carrier of programs).
// Every refusal is 422 with a stable code and the reason on the field `file`; files are still served only as
// attachments with their sniffed Content-Type and nosniff (documents.routes.ts sendFile).
import { inflateSync } from 'node:zlib';
import { AppError } from '../../platform/errors.js';
import { message } from '../../platform/i18n/messages.js';
import { documentErrors } from './documents.errors.js';
import { checkArchive } from './archive-bounds.js';
import { scanPdf } from './pdf-active-content.js';
import type { FileKind } from './sniff.js';


export type ScreeningCode = 'PDF_ACTIVE_CONTENT' | 'PDF_INVALID' | 'FILE_POLYGLOT' | 'OFFICE_ACTIVE_CONTENT' | 'ARCHIVE_UNSAFE';

export interface Refusal {
  code: ScreeningCode;
  /** What was found, in both languages (shown on the field). */
  en: string;
  vi: string;
}

/** The browsers' sniffing window (WHATWG MIME sniffing reads up to 1445 bytes; old IE 256). */
export const SNIFF_WINDOW = 1024;

const MARKUP = /<(?:!doctype\s+html|html|head|body|script|svg|iframe|frameset|frame|object|embed|applet|style|link|meta|base|form|img|x:script|\?xml-stylesheet)[\s>/]|javascript:/i;

/** The HTML marker in a text, if any. */
export function markupIn(text: string): string | null {
  const m = MARKUP.exec(text);
  return m ? m[0].replace(/[\s>/]$/, '') : null;
}

/** Executable magic in the bytes (the first KiB of an upload). */
export function executableIn(b: Buffer): string | null {
  const w = b.subarray(0, SNIFF_WINDOW);
  if (w.includes(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return 'ELF';
  for (const m of ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe']) if (w.includes(Buffer.from(m, 'hex'))) return 'Mach-O';
  // MZ alone occurs by chance; a PE has MZ, then at e_lfanew the signature PE\0\0
  for (let i = w.indexOf('MZ'); i >= 0; i = w.indexOf('MZ', i + 1)) {
    if (i + 0x40 > b.length) break;
    const pe = i + b.readUInt32LE(i + 0x3c);
    if (pe + 4 <= b.length && b.readUInt32LE(pe) === 0x00004550) return 'PE (MZ)';
  }
  const text = w.toString('latin1');
  if (/(^|[\r\n])#!\s*\//.test(text)) return '#! script';
  return null;
}

const polyglot = (what: string): Refusal => ({ code: 'FILE_POLYGLOT', en: `it also holds ${what}`, vi: `tệp còn chứa ${what}` });
const inWindow = (b: Buffer) => markupIn(b.toString('latin1', 0, SNIFF_WINDOW));

/** Texts a PNG carries (tEXt, iTXt, zTXt chunks, inflated within a budget) and what follows IEND. */
export function pngTexts(png: Buffer, budget = 8 * 1024 * 1024): { texts: string[]; trailer: Buffer; broken: boolean } {
  const texts: string[] = [];
  let p = 8;
  while (p + 12 <= png.length) {
    const len = png.readUInt32BE(p);
    const type = png.toString('latin1', p + 4, p + 8);
    const data = png.subarray(p + 8, p + 8 + len);
    if (p + 12 + len > png.length) return { texts, trailer: Buffer.alloc(0), broken: true };
    const inflate = (d: Buffer) => {
      const out = inflateSync(d, { maxOutputLength: Math.max(1, budget) });
      budget -= out.length;
      return out;
    };
    try {
      if (type === 'tEXt') texts.push(data.toString('latin1'));
      else if (type === 'zTXt') {
        const z = data.indexOf(0);
        texts.push(data.toString('latin1', 0, z) + inflate(data.subarray(z + 2)).toString('latin1'));
      } else if (type === 'iTXt') {
        const z = data.indexOf(0);
        const compressed = data[z + 1] === 1;
        let q = data.indexOf(0, z + 3); // language tag
        q = data.indexOf(0, q + 1); // translated keyword
        const body = data.subarray(q + 1);
        texts.push(data.toString('utf8', 0, q + 1) + (compressed ? inflate(body) : body).toString('utf8'));
      }
    } catch {
      return { texts, trailer: Buffer.alloc(0), broken: true };
    }
    p += 12 + len;
    if (type === 'IEND') return { texts, trailer: png.subarray(p), broken: false };
  }
  return { texts, trailer: Buffer.alloc(0), broken: false };
}

/** Comments of a JPEG (COM segments before the scan) and what follows its last EOI. */
export function jpegTexts(jpg: Buffer): { texts: string[]; trailer: Buffer } {
  const texts: string[] = [];
  let p = 2;
  let scan = false;
  while (p + 4 <= jpg.length && jpg[p] === 0xff) {
    const marker = jpg[p + 1]!;
    scan = marker === 0xda;
    if (marker === 0xd9 || marker === 0xda) break; // EOI, start of scan (thumbnails in APP1 are skipped whole)
    if (marker === 0xff || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      p += marker === 0xff ? 1 : 2;
      continue;
    }
    const len = jpg.readUInt16BE(p + 2);
    if (marker === 0xfe) texts.push(jpg.toString('latin1', p + 4, p + 2 + len));
    p += 2 + len;
  }
  // entropy-coded data never holds FF D9 (an FF there is stuffed as FF 00): the first one after the scan ends it
  // (a walk that did not reach the scan proves nothing about the rest: no trailer is claimed)
  const eoi = scan ? jpg.indexOf(Buffer.from([0xff, 0xd9]), p) : -1;
  return { texts, trailer: eoi >= 0 ? jpg.subarray(eoi + 2) : Buffer.alloc(0) };
}

/**
 * A compound file (DOC/XLS) has a directory entry of that name: a 128-byte entry (entries start on 128-byte
 * boundaries of the file) whose UTF-16LE name field holds exactly the name, with the matching name length.
 * Text in the document ("Macros" typed in a letter) is not a directory entry.
 */
export function oleHasEntry(ole: Buffer, name: string): boolean {
  const pattern = Buffer.from(`${name}\0`, 'utf16le');
  for (let i = ole.indexOf(pattern); i >= 0; i = ole.indexOf(pattern, i + 1)) {
    if (i % 128 === 0 && i + 66 <= ole.length && ole.readUInt16LE(i + 64) === pattern.length) return true;
  }
  return false;
}

/** null = the upload may be stored. bytes: the whole file (bounded by the upload limit). */
export function screenUpload(bytes: Buffer, kind: FileKind): Refusal | null {
  const exe = executableIn(bytes);
  if (exe) return polyglot(`a program (${exe})`);
  const early = inWindow(bytes);
  if (early) return polyglot(`HTML markup (${early}) in its first ${SNIFF_WINDOW} bytes`);
  switch (kind) {
    case 'pdf': {
      const scan = scanPdf(bytes);
      if (scan.finding?.kind === 'active') return { code: 'PDF_ACTIVE_CONTENT', en: `it holds ${scan.finding.en}`, vi: `tệp chứa ${scan.finding.vi}` };
      if (scan.finding) return { code: 'PDF_INVALID', en: scan.finding.en, vi: scan.finding.vi };
      const m = markupIn(scan.outside);
      return m ? polyglot(`HTML markup (${m}) outside its streams`) : null;
    }
    case 'png': {
      const { texts, trailer, broken } = pngTexts(bytes);
      if (broken) return polyglot('damaged chunks');
      for (const t of texts) {
        const m = markupIn(t);
        if (m) return polyglot(`HTML markup (${m}) in a text chunk`);
      }
      const m = markupIn(trailer.toString('latin1')) ?? (trailer.length ? executableIn(trailer) : null);
      return m ? polyglot(`${m} after the image end (IEND)`) : null;
    }
    case 'jpeg': {
      const { texts, trailer } = jpegTexts(bytes);
      for (const t of texts) {
        const m = markupIn(t);
        if (m) return polyglot(`HTML markup (${m}) in a comment`);
      }
      const m = markupIn(trailer.toString('latin1')) ?? (trailer.length ? executableIn(trailer) : null);
      return m ? polyglot(`${m} after the image end (EOI)`) : null;
    }
    case 'docx':
    case 'xlsx': {
      const f = checkArchive(bytes, kind);
      return f ? { code: f.macros ? 'OFFICE_ACTIVE_CONTENT' : 'ARCHIVE_UNSAFE', en: f.en, vi: f.vi } : null;
    }
    case 'doc':
    case 'xls': {
      const has = (name: string) => oleHasEntry(bytes, name);
      if (has('_VBA_PROJECT_CUR') || has('Macros') || has('VBA') || has('_VBA_PROJECT')) return { code: 'OFFICE_ACTIVE_CONTENT', en: 'it holds macros (VBA)', vi: 'tệp chứa macro (VBA)' };
      if (has('\u0001Ole10Native')) return { code: 'OFFICE_ACTIVE_CONTENT', en: 'it holds an embedded package (Ole10Native)', vi: 'tệp chứa gói nhúng (Ole10Native)' };
      return null;
    }
    default:
      return null;
  }
}

/** The 422 problem for a refusal, with the finding on the field `file`. */
export function refusalError(r: Refusal): AppError {
  const field = (lang: 'vi' | 'en') => `${message(r.code, lang)} (${lang === 'vi' ? r.vi : r.en})`;
  return documentErrors[r.code]({}, { errors: [{ path: 'body.file', code: r.code, messageVi: field('vi'), messageEn: field('en') }] });
}
