// Active content in an uploaded PDF, found by a bounded lexer of our own (pure, no I/O).
//
// Refuse, not neutralise: rewriting a PDF to strip its actions would break any digital signature it carries
// (signed documents are the most valuable uploads here) and would store bytes that differ from what the
// citizen handed in; the uploader can always print the document to PDF again. So a PDF holding JavaScript,
// automatic actions, launch/submit/import actions, embedded files, RichMedia or XFA is refused as a whole.
//
// Why not pdf-lib at upload time: its parser has no time bound and recovers from broken files in its own
// ways. This lexer reads the file once, front to back, as a reader does (comments, literal and hex strings,
// dictionaries, `stream … endstream` bodies skipped by their /Length), decodes #xx escapes in names
// (/J#61vaScript is /JavaScript), and inflates FlateDecode object streams (/Type /ObjStm) within a byte
// budget, so that a name hidden in a compressed object stream is seen too (a stream with /N and /First is
// read as an object stream whatever its /Type says: readers locate compressed objects by the xref alone). Names found in comments and
// strings also count (a reader that rebuilds a broken file may take them for objects): false refusals of
// that kind are rare, missed scripts are not acceptable. What cannot be inspected (an object stream with
// another filter, a predictor, encryption or corrupt data) is refused as not a readable PDF.
import { inflateSync } from 'node:zlib';

/** Names whose presence makes a PDF active, with what they are. */
export const ACTIVE_NAMES: ReadonlyMap<string, { en: string; vi: string }> = new Map([
  ['JS', { en: 'JavaScript (/JS)', vi: 'mã JavaScript (/JS)' }],
  ['JavaScript', { en: 'JavaScript (/JavaScript)', vi: 'mã JavaScript (/JavaScript)' }],
  ['AA', { en: 'additional actions run on events (/AA)', vi: 'hành động tự chạy theo sự kiện (/AA)' }],
  ['Launch', { en: 'a Launch action (/Launch)', vi: 'hành động mở chương trình (/Launch)' }],
  ['EmbeddedFile', { en: 'an embedded file (/EmbeddedFile)', vi: 'tệp nhúng (/EmbeddedFile)' }],
  ['EmbeddedFiles', { en: 'embedded files (/EmbeddedFiles)', vi: 'tệp nhúng (/EmbeddedFiles)' }],
  ['RichMedia', { en: 'RichMedia content (/RichMedia)', vi: 'nội dung đa phương tiện chủ động (/RichMedia)' }],
  ['RichMediaExecute', { en: 'a RichMediaExecute action', vi: 'hành động RichMediaExecute' }],
  ['XFA', { en: 'an XFA form (/XFA)', vi: 'biểu mẫu XFA (/XFA)' }],
  ['SubmitForm', { en: 'a SubmitForm action (/SubmitForm)', vi: 'hành động gửi dữ liệu biểu mẫu (/SubmitForm)' }],
  ['ImportData', { en: 'an ImportData action (/ImportData)', vi: 'hành động nhập dữ liệu (/ImportData)' }],
  ['GoToE', { en: 'a GoToE action into an embedded file (/GoToE)', vi: 'hành động mở tệp nhúng (/GoToE)' }],
]);

export type PdfFinding =
  | { kind: 'active'; name: string; en: string; vi: string }
  | { kind: 'invalid'; en: string; vi: string };

export interface PdfScanOptions {
  /** Bytes all object streams together may inflate to (default 64 MiB). */
  maxInflatedBytes?: number;
  /**
   * Tokens outside stream bodies (default 2,000,000): bounds the time of one scan on the event loop. Real
   * documents keep their bulk in streams (a 500-page form has a few hundred thousand tokens outside them).
   */
  maxTokens?: number;
}

export interface PdfScan {
  finding: PdfFinding | null;
  /** The bytes outside stream bodies (latin1), for the markup checks of the caller. */
  outside: string;
  objectStreams: number;
}

/** Byte classes: 1 white space, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const b of [0, 9, 10, 12, 13, 32]) CLASS[b] = 1;
for (const b of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[b] = 2;
const isWs = (b: number) => CLASS[b] === 1;
const ENDSTREAM = Buffer.from('endstream');

/** /J#61vaScript → JavaScript (hex digits of either case, as readers decode them). */
export function decodePdfName(raw: string): string {
  if (!raw.includes('#')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const h = raw.slice(i + 1, i + 3);
    if (raw[i] === '#' && /^[0-9a-fA-F]{2}$/.test(h)) {
      out += String.fromCharCode(parseInt(h, 16));
      i += 2;
    } else out += raw[i];
  }
  return out;
}

type Tok =
  | { t: 'name'; v: string }
  | { t: 'num'; v: number }
  | { t: 'kw'; v: string }
  | { t: 'str' | 'hex' | 'comment' | '<<' | '>>' | '[' | ']' | '{' | '}' };

const STR: Tok = { t: 'str' };
const HEX: Tok = { t: 'hex' };
const OPEN: Tok = { t: '<<' };
const CLOSE: Tok = { t: '>>' };
const ARR: Tok = { t: '[' };
const ARR_END: Tok = { t: ']' };
const BRACE: Tok = { t: '{' };
const NUM: Tok = { t: 'num', v: 0 };
const LONG_KW: Tok = { t: 'kw', v: '' };

class Invalid extends Error {
  constructor(readonly en: string, readonly vi: string) {
    super(en);
  }
}

class Active extends Error {
  constructor(readonly name: string) {
    super(name);
  }
}

const NAME_IN_TEXT = /\/([^\x00\t\n\f\r ()<>[\]{}/%]+)/g;

function checkName(name: string): void {
  if (ACTIVE_NAMES.has(name)) throw new Active(name);
}

/** Names written inside comments and strings count too (see the header). */
function checkText(text: string, st: State): void {
  if (!text.includes('/')) return;
  for (const m of text.matchAll(NAME_IN_TEXT)) {
    if (--st.tokens < 0) throw tooMany();
    checkName(decodePdfName(m[1]!));
  }
}

const tooMany = () => new Invalid('too many objects outside streams to inspect', 'quá nhiều đối tượng ngoài luồng dữ liệu để kiểm tra');

interface DictInfo {
  type?: string;
  /** /N and /First: what a reader needs to read an object stream, whatever its /Type says */
  n: boolean;
  first: boolean;
  /** /Filter or /DecodeParms given other than as direct names (an indirect reference, say) */
  opaque: boolean;
  decodeParms: boolean;
  filters: string[];
  length?: number;
  lengthRef?: number;
  predictor: boolean;
}

/** Reads the keys that matter for a stream from the tokens of one top-level dictionary. */
function dictInfo(toks: Tok[]): DictInfo {
  const info: DictInfo = { n: false, first: false, opaque: false, decodeParms: false, filters: [], predictor: false };
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const k = toks[i]!;
    if (k.t === '<<' || k.t === '[') depth++;
    else if (k.t === '>>' || k.t === ']') depth--;
    else if (k.t === 'name' && k.v === 'Predictor') {
      const n = toks[i + 1];
      if (n?.t === 'num' && n.v > 1) info.predictor = true;
    } else if (k.t === 'name' && depth === 1) {
      const v = toks[i + 1];
      if (k.v === 'Type' && v?.t === 'name') info.type = v.v;
      else if (k.v === 'N') info.n = true;
      else if (k.v === 'First') info.first = true;
      else if (k.v === 'DecodeParms') info.decodeParms = true;
      else if (k.v === 'Filter') {
        if (v?.t === 'name') info.filters = [v.v];
        else if (v?.t === '[') {
          let j = i + 2;
          for (; j < toks.length && toks[j]!.t === 'name'; j++) info.filters.push((toks[j] as { v: string }).v);
          if (toks[j]?.t !== ']') info.opaque = true;
        } else info.opaque = true;
      } else if (k.v === 'Length' && v?.t === 'num') {
        const g = toks[i + 2];
        const r = toks[i + 3];
        if (g?.t === 'num' && r?.t === 'kw' && r.v === 'R') info.lengthRef = v.v;
        else info.length = v.v;
      }
    }
  }
  return info;
}

interface State {
  budget: number;
  tokens: number;
  objects: number;
  trailer: boolean;
  xrefStream: boolean;
  eof: boolean;
  objectStreams: number;
  outside: string[];
  lengths: Map<number, number>;
}

/**
 * Lexes buf[from, to). top: the file itself (streams are skipped and object streams inflated);
 * otherwise the inflated content of an object stream (no streams inside).
 */
function lex(buf: Buffer, st: State, top: boolean): void {
  const n = buf.length;
  let i = 0;
  let depth = 0;
  let dictToks: Tok[] = [];
  let overflow = false; // the top-level dictionary had more tokens than are kept
  let objStmName = false; // ... and named ObjStm somewhere
  let closed: Tok[] | null = null; // tokens of the top-level dictionary that ended just before
  let lastOut = 0;
  while (i < n) {
    const c = buf[i]!;
    if (CLASS[c] === 1) {
      i++;
      continue;
    }
    if (--st.tokens < 0) throw tooMany();
    const start = i;
    let tok: Tok;
    if (c === 0x25) {
      // comment to the end of the line
      while (i < n && buf[i] !== 0x0a && buf[i] !== 0x0d) i++;
      const text = buf.toString('latin1', start, i);
      if (text.startsWith('%%EOF')) st.eof = true;
      checkText(text, st);
      continue;
    } else if (c === 0x28) {
      let nest = 0;
      for (; i < n; i++) {
        const b = buf[i]!;
        if (b === 0x5c) i++;
        else if (b === 0x28) nest++;
        else if (b === 0x29 && --nest === 0) {
          i++;
          break;
        }
      }
      checkText(buf.toString('latin1', start, i), st);
      tok = STR;
    } else if (c === 0x3c && buf[i + 1] === 0x3c) {
      i += 2;
      if (depth === 0) {
        dictToks = [];
        overflow = false;
        objStmName = false;
      }
      depth++;
      tok = OPEN;
    } else if (c === 0x3c) {
      const end = buf.indexOf(0x3e, i);
      i = end < 0 ? n : end + 1;
      tok = HEX;
    } else if (c === 0x3e && buf[i + 1] === 0x3e) {
      i += 2;
      tok = CLOSE;
    } else if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      i++;
      tok = c === 0x5b ? ARR : c === 0x5d ? ARR_END : BRACE;
    } else if (c === 0x2f) {
      i++;
      while (i < n && CLASS[buf[i]!] === 0) i++;
      const name = decodePdfName(buf.toString('latin1', start + 1, i));
      checkName(name);
      if (name === 'XRef') st.xrefStream = true;
      if (name === 'ObjStm') objStmName = true;
      tok = { t: 'name', v: name };
    } else {
      while (i < n && CLASS[buf[i]!] === 0) i++;
      if (i === start) i++; // a stray '>' or ')'
      // numbers matter inside dictionaries only (/Length); keywords are short
      const numeric = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
      if (numeric) tok = depth > 0 ? { t: 'num', v: Number(buf.toString('latin1', start, i)) } : NUM;
      else tok = i - start <= 9 ? { t: 'kw', v: buf.toString('latin1', start, i) } : LONG_KW;
    }
    if (depth > 0 || tok === CLOSE) {
      if (dictToks.length < 4096) dictToks.push(tok);
      else overflow = true;
    }
    if (tok === CLOSE) {
      if (depth > 0) depth--;
      if (depth === 0) {
        closed = dictToks;
        continue;
      }
    }
    if (tok.t === 'kw') {
      if (tok.v === 'obj') st.objects++;
      else if (tok.v === 'trailer') st.trailer = true;
      else if (tok.v === 'stream' && top && closed && depth === 0) {
        // an object stream's dictionary is small; a huge one that names ObjStm is not read half-way
        if (overflow && objStmName) throw new Invalid('an object stream dictionary too large to inspect', 'từ điển luồng đối tượng quá lớn để kiểm tra');
        const info = dictInfo(closed);
        let body = i;
        if (buf[body] === 0x0d && buf[body + 1] === 0x0a) body += 2;
        else if (buf[body] === 0x0a || buf[body] === 0x0d) body += 1;
        const len = info.length ?? (info.lengthRef !== undefined ? st.lengths.get(info.lengthRef) : undefined);
        let end = -1;
        let after = -1;
        if (len !== undefined && Number.isInteger(len) && len >= 0 && body + len <= n) {
          let k = body + len;
          while (k < n && isWs(buf[k]!)) k++;
          if (buf.subarray(k, k + ENDSTREAM.length).equals(ENDSTREAM)) {
            end = body + len;
            after = k + ENDSTREAM.length;
          }
        }
        // a wrong or unresolved /Length: readers look for the keyword, so do we
        if (end < 0) {
          end = buf.indexOf(ENDSTREAM, body);
          after = end + ENDSTREAM.length;
        }
        if (end < 0) throw new Invalid('a stream without endstream', 'luồng dữ liệu không có endstream');
        st.outside.push(buf.toString('latin1', lastOut, body));
        lastOut = end;
        if (info.type === 'ObjStm' || (info.n && info.first)) objectStream(buf.subarray(body, end), info, st);
        i = after;
      }
    }
    if (depth === 0) closed = null;
  }
  if (top) st.outside.push(buf.toString('latin1', lastOut, n));
}

function objectStream(data: Buffer, info: DictInfo, st: State): void {
  st.objectStreams++;
  const unreadable = () => new Invalid('an object stream that cannot be read (encrypted, corrupt or an unsupported filter)', 'luồng đối tượng không đọc được (bị mã hóa, hỏng hoặc dùng bộ lọc không hỗ trợ)');
  let content: Buffer;
  const f = info.filters;
  if (info.opaque || info.decodeParms || info.predictor || f.length > 1) throw unreadable();
  if (f.length === 0) content = data;
  else if (f[0] === 'FlateDecode' || f[0] === 'Fl') {
    try {
      content = inflateSync(data, { maxOutputLength: Math.max(1, st.budget) });
    } catch (e) {
      if (e instanceof RangeError) throw new Invalid('object streams inflate beyond the limit', 'luồng đối tượng giải nén vượt giới hạn');
      throw unreadable();
    }
  } else throw unreadable();
  st.budget -= content.length;
  if (st.budget < 0) throw new Invalid('object streams inflate beyond the limit', 'luồng đối tượng giải nén vượt giới hạn');
  lex(content, st, false);
}

/** Scans a whole PDF; finding null = no active content and a readable structure. */
export function scanPdf(pdf: Buffer, opts: PdfScanOptions = {}): PdfScan {
  const text = pdf.toString('latin1');
  const lengths = new Map<number, number>();
  // bounded quantifiers and a run start: linear even on megabytes of digits
  for (const m of text.matchAll(/(?<!\d)(\d{1,10})\s+\d{1,5}\s+obj\s*(\d{1,12})\s*endobj/g)) lengths.set(Number(m[1]), Number(m[2]));
  const st: State = { budget: opts.maxInflatedBytes ?? 64 * 1024 * 1024, tokens: opts.maxTokens ?? 2_000_000, objects: 0, trailer: false, xrefStream: false, eof: false, objectStreams: 0, outside: [], lengths };
  let finding: PdfFinding | null = null;
  try {
    lex(pdf, st, true);
    if (st.objects === 0 || !(st.trailer || st.xrefStream) || !st.eof) {
      throw new Invalid('no PDF structure (objects, a trailer or cross-reference stream, %%EOF)', 'không có cấu trúc PDF (đối tượng, trailer hoặc bảng tham chiếu, %%EOF)');
    }
  } catch (e) {
    if (e instanceof Active) finding = { kind: 'active', name: e.name, ...ACTIVE_NAMES.get(e.name)! };
    else if (e instanceof Invalid) finding = { kind: 'invalid', en: e.en, vi: e.vi };
    else throw e;
  }
  return { finding, outside: st.outside.join(''), objectStreams: st.objectStreams };
}
