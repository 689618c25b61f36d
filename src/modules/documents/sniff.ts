// File type by content (magic bytes), never by name or declared Content-Type.
// Accepted: PDF, JPEG, PNG, OOXML (DOCX/XLSX: a ZIP whose entries are [Content_Types].xml + word/ or xl/),
// legacy Word/Excel (OLE2 compound file with a WordDocument / Workbook stream).

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'docx' | 'xlsx' | 'doc' | 'xls';

export const MEDIA_TYPES: Readonly<Record<FileKind, string>> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

export const EXTENSIONS: Readonly<Record<FileKind, string>> = {
  pdf: '.pdf', jpeg: '.jpg', png: '.png', docx: '.docx', xlsx: '.xlsx', doc: '.doc', xls: '.xls',
};

const PDF = Buffer.from('%PDF-');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const starts = (b: Buffer, magic: Buffer) => b.length >= magic.length && b.subarray(0, magic.length).equals(magic);

/** Family from the first bytes, for early rejection while streaming (null = not a supported type). */
export function sniffFamily(head: Buffer): 'pdf' | 'jpeg' | 'png' | 'zip' | 'ole' | null {
  if (starts(head, PDF)) return 'pdf';
  if (starts(head, PNG)) return 'png';
  if (starts(head, JPEG)) return 'jpeg';
  if (starts(head, ZIP)) return 'zip';
  if (starts(head, OLE)) return 'ole';
  return null;
}

/** Enough bytes to decide the family. */
export const SNIFF_HEAD_BYTES = 8;

/**
 * The exact kind from the first and last bytes of the file (head: at least the first 64 KiB or the whole
 * file; tail: the last 64 KiB, where a ZIP keeps its central directory). null = not accepted.
 */
export function detectKind(head: Buffer, tail: Buffer): FileKind | null {
  const fam = sniffFamily(head);
  switch (fam) {
    case 'pdf':
    case 'png':
    case 'jpeg':
      return fam;
    case 'zip': {
      const names = Buffer.concat([head, tail]).toString('latin1');
      if (!names.includes('[Content_Types].xml')) return null;
      if (names.includes('word/document') || names.includes('word/')) return 'docx';
      if (names.includes('xl/workbook') || names.includes('xl/')) return 'xlsx';
      return null;
    }
    case 'ole': {
      const all = Buffer.concat([head, tail]);
      if (all.includes(Buffer.from('WordDocument', 'utf16le'))) return 'doc';
      if (all.includes(Buffer.from('Workbook', 'utf16le')) || all.includes(Buffer.from('Book', 'utf16le'))) return 'xls';
      return null;
    }
    default:
      return null;
  }
}

/** Display name: no directories, no control or path characters, NFC, bounded length; never a path. */
export function safeFileName(raw: string | undefined | null, kind: FileKind): string {
  let s = (raw ?? '').normalize('NFC');
  s = s.split(/[\\/]/).pop() ?? '';
  s = s.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/^\.+/, '').trim();
  if (s.length > 150) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    s = s.slice(0, 150 - ext.length) + ext;
  }
  return withKindExtension(s, kind);
}

/** Other spellings of an accepted kind's extension that a name may keep. */
const ALIASES: Readonly<Partial<Record<FileKind, string[]>>> = { jpeg: ['.jpeg', '.jpe'] };

/**
 * The name ends with the extension of the type sniffed from the content, whatever the uploader wrote:
 * 'poly.html' holding a PNG is stored as 'poly.png', 'x.exe' holding a PDF as 'x.pdf', so that nothing
 * downstream (a download, an unzip, a desktop) takes the file for what its name claimed.
 */
export function withKindExtension(name: string, kind: FileKind): string {
  const ext = EXTENSIONS[kind];
  const dot = name.lastIndexOf('.');
  const current = dot > 0 ? name.slice(dot).toLowerCase() : '';
  if (current === ext || ALIASES[kind]?.includes(current)) return name;
  const base = (dot > 0 && name.length - dot <= 10 ? name.slice(0, dot) : name).replace(/[.\s]+$/, '');
  return `${base || 'tep'}${ext}`;
}

/** The kind a declared media type names, if it names one we accept. */
export function kindOfMediaType(type: string | undefined): FileKind | null {
  const t = (type ?? '').split(';')[0]!.trim().toLowerCase();
  if (t === 'image/jpg' || t === 'image/pjpeg') return 'jpeg';
  return (Object.keys(MEDIA_TYPES) as FileKind[]).find((k) => MEDIA_TYPES[k] === t) ?? null;
}

/**
 * A declared media type contradicts the content when it names another type. Generic declarations
 * (application/octet-stream, none) claim nothing; a declaration of an active type (HTML, scripts,
 * executables) always contradicts: such a file is a polyglot posing as a document.
 */
export function declaredTypeDisagrees(declared: string | undefined, kind: FileKind): boolean {
  const t = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (!t || t === 'application/octet-stream' || t === 'binary/octet-stream') return false;
  const named = kindOfMediaType(t);
  if (named) return named !== kind;
  return /html|xml|javascript|ecmascript|x-msdownload|x-executable|x-elf|x-sh|svg/.test(t);
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string, inline = false): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
