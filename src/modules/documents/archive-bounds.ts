// Bounds on a ZIP-based upload (DOCX, XLSX), read from its central directory only (pure, no I/O).
//
// Nothing here inflates an entry: the sizes the central directory declares are checked against limits, and
// the local headers are checked to be where the directory says, one after another without overlap (so that
// one compressed body cannot be counted by many entries, the trick of the "better zip bomb"). The app never
// unpacks an upload itself; these checks protect whoever opens the file after us (an indexer, an office
// suite) and refuse what no office program writes.
//
// Limits (Apache POI's well-known defaults for OOXML where it has one): at most 10,000 entries, at most
// 100 MiB uncompressed in all, and no entry larger than 1 MiB that expands more than 100 times.
export interface ArchiveLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of an entry above `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 10_000, maxTotalBytes: 100 * 1024 * 1024, maxRatio: 100, ratioFloorBytes: 1024 * 1024 };

export interface ArchiveFinding {
  en: string;
  vi: string;
  /** active content (macros) rather than a bound */
  macros?: boolean;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
  flags: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

/** Archives and executables that have no place inside an office document. */
const NESTED = /\.(zip|jar|war|apk|rar|7z|gz|tgz|bz2|xz|tar|cab|iso|exe|dll|scr|com|bat|cmd|ps1|vbs|vbe|js|jse|wsf|hta|msi|lnk|sh|elf|so|dylib)$/i;
/** Office documents embedded in an office document (a chart's workbook) are normal, in an embeddings/ folder. */
const EMBEDDED_OFFICE = /(^|\/)embeddings\/[^/]+\.(docx|docm|xlsx|xlsm|pptx|bin)$/i;

const refuse = (en: string, vi: string): ArchiveFinding => ({ en, vi });

class Bad extends Error {
  constructor(readonly finding: ArchiveFinding) {
    super(finding.en);
  }
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Bad(refuse('a size beyond any limit', 'kích thước vượt mọi giới hạn'));
  return Number(v);
}

/** The central directory's entries, checked for structure; throws Bad. */
export function readCentralDirectory(zip: Buffer, maxEntries = ARCHIVE_LIMITS.maxEntries): ZipEntry[] {
  const truncated = () => new Bad(refuse('a damaged central directory', 'thư mục trung tâm của tệp nén bị hỏng'));
  // the end record: within the last 22 + 65,535 bytes (its comment)
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === EOCD && i + 22 + zip.readUInt16LE(i + 20) === zip.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Bad(refuse('no end of central directory (a damaged or non-ZIP file)', 'không có phần kết thư mục trung tâm (tệp nén hỏng)'));
  if (zip.readUInt16LE(eocd + 4) !== 0 || zip.readUInt16LE(eocd + 6) !== 0) throw new Bad(refuse('a multi-volume archive', 'tệp nén nhiều phần'));
  let count = zip.readUInt16LE(eocd + 10);
  let cdSize = zip.readUInt32LE(eocd + 12);
  let cdOffset = zip.readUInt32LE(eocd + 16);
  let cdEnd = eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || zip.readUInt32LE(loc) !== EOCD64_LOCATOR) throw truncated();
    const at = u64(zip, loc + 8);
    if (at + 56 > loc || zip.readUInt32LE(at) !== EOCD64) throw truncated();
    count = u64(zip, at + 32);
    cdSize = u64(zip, at + 40);
    cdOffset = u64(zip, at + 48);
    cdEnd = at;
  }
  if (count > maxEntries) throw new Bad(refuse(`more than ${maxEntries} entries (${count})`, `hơn ${maxEntries} mục (${count})`));
  if (cdOffset + cdSize > cdEnd) throw truncated();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cdOffset + cdSize || zip.readUInt32LE(p) !== CEN) throw truncated();
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    let compressedSize = zip.readUInt32LE(p + 20);
    let size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    let offset = zip.readUInt32LE(p + 42);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > cdOffset + cdSize) throw truncated();
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 extended information: the 0xffffffff fields, in order
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = zip.readUInt16LE(e);
      const len = zip.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const take = () => {
          if (q + 8 > e + 4 + len) throw truncated();
          const v = u64(zip, q);
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (offset === 0xffffffff) offset = take();
      }
      e += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, offset, flags });
    p = next;
  }
  return entries;
}

function unsafeName(name: string): boolean {
  return name.includes('\\') || name.includes('\0') || name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split('/').some((s) => s === '..');
}

/** null = within bounds; kind: what the sniffer decided (its markers must be entries). */
export function checkArchive(zip: Buffer, kind: 'docx' | 'xlsx', limits: ArchiveLimits = ARCHIVE_LIMITS): ArchiveFinding | null {
  try {
    const entries = readCentralDirectory(zip, limits.maxEntries);
    const names = new Set<string>();
    let total = 0;
    for (const e of entries) {
      if (unsafeName(e.name)) return refuse(`an entry with an unsafe path (${e.name.slice(0, 80)})`, `mục có đường dẫn không an toàn (${e.name.slice(0, 80)})`);
      const lower = e.name.toLowerCase();
      if (names.has(lower)) return refuse(`a duplicate entry (${e.name.slice(0, 80)})`, `mục trùng tên (${e.name.slice(0, 80)})`);
      names.add(lower);
      if (e.flags & 1) return refuse('encrypted entries', 'mục bị mã hóa');
      if (e.method !== 0 && e.method !== 8) return refuse(`an unsupported compression method (${e.method})`, `phương pháp nén không hỗ trợ (${e.method})`);
      if (e.method === 0 && e.size !== e.compressedSize) return refuse('a stored entry whose sizes differ', 'mục không nén có kích thước mâu thuẫn');
      if (NESTED.test(e.name) && !EMBEDDED_OFFICE.test(e.name)) return refuse(`a nested archive or program (${e.name.slice(0, 80)})`, `tệp nén hoặc chương trình lồng bên trong (${e.name.slice(0, 80)})`);
      if (/(^|\/)vbaProject\.bin$/i.test(e.name)) return { ...refuse('macros (vbaProject.bin)', 'macro (vbaProject.bin)'), macros: true };
      total += e.size;
      if (total > limits.maxTotalBytes) return refuse(`more than ${limits.maxTotalBytes} bytes once uncompressed`, `giải nén ra hơn ${limits.maxTotalBytes} byte`);
      if (e.size > limits.ratioFloorBytes && e.size > limits.maxRatio * Math.max(1, e.compressedSize)) {
        return refuse(`an entry that expands more than ${limits.maxRatio} times (${e.name.slice(0, 80)})`, `mục giải nén lớn hơn ${limits.maxRatio} lần (${e.name.slice(0, 80)})`);
      }
    }
    // local headers where the directory says, in order, none overlapping another's data
    const sorted = [...entries].sort((a, b) => a.offset - b.offset);
    let endOfPrevious = 0;
    for (const e of sorted) {
      if (e.offset < endOfPrevious || e.offset + 30 > zip.length || zip.readUInt32LE(e.offset) !== LOC) return refuse('overlapping or misplaced entries', 'các mục chồng lấn hoặc sai vị trí');
      const dataStart = e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
      endOfPrevious = dataStart + e.compressedSize;
      if (endOfPrevious > zip.length) return refuse('an entry running past the end of the file', 'mục vượt quá cuối tệp');
    }
    if (!names.has('[content_types].xml')) return refuse('no [Content_Types].xml (not an Office Open XML document)', 'không có [Content_Types].xml (không phải tài liệu Office Open XML)');
    const part = kind === 'docx' ? 'word/' : 'xl/';
    if (![...names].some((n) => n.startsWith(part))) return refuse(`no ${part} part for a ${kind.toUpperCase()}`, `không có phần ${part} của tệp ${kind.toUpperCase()}`);
    return null;
  } catch (e) {
    if (e instanceof Bad) return e.finding;
    if (e instanceof RangeError) return refuse('a damaged central directory', 'thư mục trung tâm của tệp nén bị hỏng');
    throw e;
  }
}
