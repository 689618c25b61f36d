// SMS length and encoding (pure): which alphabet a text goes out in, how many segments it costs, and how a long
// text is cut into concatenated parts. GSM 03.38 default alphabet (7-bit septets; the extension table costs two
// septets, an escape + the character) or UCS-2 (16-bit code units). Vietnamese text is almost never GSM-7, so a
// copy without diacritics (đ/Đ → d/D, NFD and the combining marks removed) is used instead when that copy is
// GSM-7 and needs fewer segments. Limits: one segment 160 septets / 70 code units; concatenated parts 153 / 67
// (the user data header takes the rest). A part never ends inside a GSM escape pair or a UTF-16 surrogate pair.
// Used by the SMPP adapter (sms-smpp.ts) and by the template editor's segment count.

export type SmsEncoding = 'GSM7' | 'UCS2';

export interface SmsEncodingInfo {
  encoding: SmsEncoding;
  /** Segments the text costs (≥ 1; an empty text is one empty segment). */
  segments: number;
  /** Length in the encoding's units: septets for GSM7 (extension characters count 2), code units for UCS2. */
  length: number;
  /** Units per segment: 160/70 when the text fits one segment, 153/67 when concatenated. */
  perSegment: number;
  /** The text that goes out (the stripped copy when strippedDiacritics). */
  text: string;
  strippedDiacritics: boolean;
}

/** GSM 03.38 basic character set (the escape 0x1B excluded). */
export const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** GSM 03.38 extension table (each sent as escape + character: two septets). */
export const GSM7_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export const SINGLE_SEGMENT: Record<SmsEncoding, number> = { GSM7: 160, UCS2: 70 };
export const CONCAT_SEGMENT: Record<SmsEncoding, number> = { GSM7: 153, UCS2: 67 };

/** Whether every character of the text is in the GSM-7 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  return true;
}

/** Septets of a GSM-7 text (call only when isGsm7). */
export function gsm7Length(text: string): number {
  let n = 0;
  for (const ch of text) n += EXTENSION.has(ch) ? 2 : 1;
  return n;
}

/** Vietnamese diacritics removed: đ/Đ → d/D, NFD with the combining marks dropped, everything else kept. */
export function stripVietnameseDiacritics(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/** The units (characters that must stay together) of a text with their cost in the encoding. */
function units(text: string, encoding: SmsEncoding): { s: string; cost: number }[] {
  const out: { s: string; cost: number }[] = [];
  // for…of walks code points: a surrogate pair stays one unit (2 UCS-2 code units).
  for (const ch of text) out.push({ s: ch, cost: encoding === 'GSM7' ? (EXTENSION.has(ch) ? 2 : 1) : ch.length });
  return out;
}

function lengthIn(text: string, encoding: SmsEncoding): number {
  return encoding === 'GSM7' ? gsm7Length(text) : text.length;
}

/**
 * The parts a text is sent in: the text itself when it fits one segment (160 / 70), otherwise greedy parts of at
 * most 153 septets / 67 code units that never split an escape pair or a surrogate pair. Concatenating the parts
 * gives the text back. Throws when asked for GSM7 on a text that is not GSM-7.
 */
export function splitSegments(text: string, encoding: SmsEncoding): string[] {
  if (encoding === 'GSM7' && !isGsm7(text)) throw new Error('splitSegments: text is not GSM-7');
  if (lengthIn(text, encoding) <= SINGLE_SEGMENT[encoding]) return [text];
  const max = CONCAT_SEGMENT[encoding];
  const parts: string[] = [];
  let cur = '';
  let used = 0;
  for (const u of units(text, encoding)) {
    if (used + u.cost > max) {
      parts.push(cur);
      cur = '';
      used = 0;
    }
    cur += u.s;
    used += u.cost;
  }
  if (cur !== '' || parts.length === 0) parts.push(cur);
  return parts;
}

function infoIn(text: string, encoding: SmsEncoding, strippedDiacritics: boolean): SmsEncodingInfo {
  const length = lengthIn(text, encoding);
  const segments = splitSegments(text, encoding).length;
  return { encoding, segments, length, perSegment: segments > 1 ? CONCAT_SEGMENT[encoding] : SINGLE_SEGMENT[encoding], text, strippedDiacritics };
}

/**
 * How a text goes out: GSM-7 when it is GSM-7 as written; otherwise UCS-2, unless the copy without Vietnamese
 * diacritics is GSM-7 and needs fewer segments (then that copy, strippedDiacritics true).
 */
export function smsEncodingInfo(text: string): SmsEncodingInfo {
  if (isGsm7(text)) return infoIn(text, 'GSM7', false);
  const ucs2 = infoIn(text, 'UCS2', false);
  const stripped = stripVietnameseDiacritics(text);
  if (stripped !== text && isGsm7(stripped)) {
    const gsm = infoIn(stripped, 'GSM7', true);
    if (gsm.segments < ucs2.segments) return gsm;
  }
  return ucs2;
}

// GSM 03.38 code points (the escape 0x1B at its place) and the extension table's codes after the escape.
const GSM7_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXT_CODES: Record<string, number> = { '\f': 0x0a, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2f, '[': 0x3c, '~': 0x3d, ']': 0x3e, '|': 0x40, '€': 0x65 };
const GSM7_CODE = new Map([...GSM7_TABLE].map((c, i) => [c, i] as const));
const GSM7_EXT_CHAR = new Map(Object.entries(GSM7_EXT_CODES).map(([c, code]) => [code, c] as const));

/** GSM-7 text as unpacked septets, one per octet (what SMPP short_message carries with data_coding 0). */
export function encodeGsm7(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const ext = GSM7_EXT_CODES[ch];
    if (ext !== undefined) out.push(0x1b, ext);
    else {
      const code = GSM7_CODE.get(ch);
      if (code === undefined || ch === '\x1b') throw new Error(`encodeGsm7: ${JSON.stringify(ch)} is not GSM-7`);
      out.push(code);
    }
  }
  return Buffer.from(out);
}

/** Unpacked septets back to text (an unknown escape gives the space, as GSM 03.38 recommends). */
export function decodeGsm7(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]! & 0x7f;
    if (b === 0x1b) {
      const next = bytes[++i];
      s += next === undefined ? '' : (GSM7_EXT_CHAR.get(next & 0x7f) ?? ' ');
    } else s += GSM7_TABLE[b]!;
  }
  return s;
}

/** UCS-2 (UTF-16 big-endian) octets of a text, and back. */
export function encodeUcs2(text: string): Buffer {
  const b = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) b.writeUInt16BE(text.charCodeAt(i), i * 2);
  return b;
}

export function decodeUcs2(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return s;
}
