// Dossier codes ("mã số hồ sơ"). TT 01/2018 Art. 19: `<agency code>-YYMMDD-XXXX`, e.g.
// `000.00.01.H22-251231-0001` (agency code per QCVN 102:2016, date of receipt, daily sequence). TT 03/2025
// keeps the shape with a sequence of at least 4 digits, longer when needed; the national portal has been
// seen issuing `G09.20-20260609-0092637` (YYYYMMDD, 7 digits). So the pattern is configuration.
//
// The code is an opaque string once issued: validate loosely, never parse dates out of it, never change
// it when the dossier is amended (ND 45/2020 Art. 12). Pure: the caller supplies the local date
// (Asia/Ho_Chi_Minh) and the next sequence number.
//
// Pattern tokens:
//   {agency}    agency code (e.g. 000.00.01.H22)
//   {owner}     code of the system owner (TT 03/2025 centralised services: …-YYMMDD-AAXXXX)
//   {YYMMDD} {YYYYMMDD} {YYYY} {YY} {MM} {DD}   parts of the receipt date
//   {seq:N}     daily sequence, zero-padded to N digits (1–12), never truncated; {seq} = {seq:4}
// Everything else is literal text, limited to letters, digits, '.', '-' and '_'.

export const DEFAULT_DOSSIER_CODE_PATTERN = '{agency}-{YYMMDD}-{seq:4}';
/** Shape seen from the national portal in 2026. */
export const NATIONAL_PORTAL_PATTERN = '{agency}-{YYYYMMDD}-{seq:7}';
/** TT 03/2025 (as amended by TT 04/2025) centralised nationwide services. */
export const CENTRALISED_PATTERN = '{agency}-{YYMMDD}-{owner}{seq:4}';

export interface DossierCodeInput {
  agencyCode: string;
  /** Local date of receipt, YYYY-MM-DD. */
  date: string;
  /** Sequence number of the day, ≥ 1. */
  sequence: number;
  /** Required when the pattern uses {owner}. */
  ownerCode?: string;
}

export type PatternIssueCode =
  | 'EMPTY_PATTERN'
  | 'PATTERN_TOO_LONG'
  | 'UNCLOSED_BRACE'
  | 'STRAY_BRACE'
  | 'UNKNOWN_TOKEN'
  | 'INVALID_WIDTH'
  | 'MISSING_SEQUENCE'
  | 'DUPLICATE_SEQUENCE'
  | 'MISSING_DATE'
  | 'INVALID_LITERAL';

export interface PatternIssue {
  /** Position in the pattern (0-based). */
  index: number;
  code: PatternIssueCode;
  messageVi: string;
  messageEn: string;
}

type DatePart = 'YYMMDD' | 'YYYYMMDD' | 'YYYY' | 'YY' | 'MM' | 'DD';
type Part =
  | { kind: 'literal'; text: string }
  | { kind: 'agency' }
  | { kind: 'owner' }
  | { kind: 'date'; format: DatePart }
  | { kind: 'seq'; width: number };

const DATE_PARTS: readonly DatePart[] = ['YYMMDD', 'YYYYMMDD', 'YYYY', 'YY', 'MM', 'DD'];
const LITERAL = /^[A-Za-z0-9._-]*$/;
const CODE_CHARS = /^[A-Za-z0-9._-]+$/;
const MAX_PATTERN = 100;
const MAX_WIDTH = 12;

const MESSAGES: Record<PatternIssueCode, (x: string) => [string, string]> = {
  EMPTY_PATTERN: () => ['Mẫu mã hồ sơ trống', 'The pattern is empty'],
  PATTERN_TOO_LONG: () => [`Mẫu mã hồ sơ dài quá ${MAX_PATTERN} ký tự`, `The pattern is longer than ${MAX_PATTERN} characters`],
  UNCLOSED_BRACE: () => ['Thiếu dấu }', "Missing '}'"],
  STRAY_BRACE: () => ['Dấu } thừa', "Unexpected '}'"],
  UNKNOWN_TOKEN: (x) => [`Thành phần không hợp lệ: {${x}}`, `Unknown token: {${x}}`],
  INVALID_WIDTH: (x) => [`Độ dài số thứ tự phải từ 1 đến ${MAX_WIDTH}: ${x}`, `Sequence width must be 1–${MAX_WIDTH}: ${x}`],
  MISSING_SEQUENCE: () => ['Mẫu phải có số thứ tự {seq:N}', 'The pattern must contain {seq:N}'],
  DUPLICATE_SEQUENCE: () => ['Mẫu chỉ được có một số thứ tự', 'The pattern may contain only one sequence'],
  MISSING_DATE: () => [
    'Mẫu phải có ngày tiếp nhận ({YYMMDD}, {YYYYMMDD} hoặc năm, {MM} và {DD})',
    'The pattern must contain the receipt date ({YYMMDD}, {YYYYMMDD} or a year, {MM} and {DD})',
  ],
  INVALID_LITERAL: (x) => [`Ký tự không được phép trong mã: "${x}"`, `Characters not allowed in a code: "${x}"`],
};

function issue(index: number, code: PatternIssueCode, detail = ''): PatternIssue {
  const [messageVi, messageEn] = MESSAGES[code](detail);
  return { index, code, messageVi, messageEn };
}

function parseToken(body: string, index: number): Part | PatternIssue {
  if (body === 'agency') return { kind: 'agency' };
  if (body === 'owner') return { kind: 'owner' };
  if ((DATE_PARTS as readonly string[]).includes(body)) return { kind: 'date', format: body as DatePart };
  if (body === 'seq') return { kind: 'seq', width: 4 };
  const m = /^seq:(\d+)$/.exec(body);
  if (m) {
    const width = Number(m[1]);
    return width >= 1 && width <= MAX_WIDTH ? { kind: 'seq', width } : issue(index, 'INVALID_WIDTH', m[1]);
  }
  return issue(index, 'UNKNOWN_TOKEN', body);
}

function parse(pattern: string): { parts: Part[]; issues: PatternIssue[] } {
  const parts: Part[] = [];
  const issues: PatternIssue[] = [];
  let i = 0;
  while (i < pattern.length) {
    const open = pattern.indexOf('{', i);
    const close = pattern.indexOf('}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      issues.push(issue(close, 'STRAY_BRACE'));
      i = close + 1;
      continue;
    }
    const end = open === -1 ? pattern.length : open;
    if (end > i) {
      const text = pattern.slice(i, end);
      if (!LITERAL.test(text)) issues.push(issue(i, 'INVALID_LITERAL', text));
      parts.push({ kind: 'literal', text });
    }
    if (open === -1) break;
    const tokenEnd = pattern.indexOf('}', open);
    if (tokenEnd === -1) {
      issues.push(issue(open, 'UNCLOSED_BRACE'));
      break;
    }
    const token = parseToken(pattern.slice(open + 1, tokenEnd), open);
    if ('kind' in token) parts.push(token);
    else issues.push(token);
    i = tokenEnd + 1;
  }
  return { parts, issues };
}

function hasFullDate(parts: Part[]): boolean {
  const f = new Set(parts.flatMap((p) => (p.kind === 'date' ? [p.format] : [])));
  return f.has('YYMMDD') || f.has('YYYYMMDD') || ((f.has('YY') || f.has('YYYY')) && f.has('MM') && f.has('DD'));
}

/** Problems of a pattern; [] when it can be used. */
export function validatePattern(pattern: string): PatternIssue[] {
  if (typeof pattern !== 'string' || pattern.length === 0) return [issue(0, 'EMPTY_PATTERN')];
  if (pattern.length > MAX_PATTERN) return [issue(MAX_PATTERN, 'PATTERN_TOO_LONG')];
  const { parts, issues } = parse(pattern);
  const seqs = parts.filter((p) => p.kind === 'seq');
  const seqTokenOk = !issues.some((x) => x.code === 'INVALID_WIDTH');
  if (seqs.length === 0 && seqTokenOk) issues.push(issue(0, 'MISSING_SEQUENCE'));
  if (seqs.length > 1) issues.push(issue(0, 'DUPLICATE_SEQUENCE'));
  if (!hasFullDate(parts)) issues.push(issue(0, 'MISSING_DATE'));
  return issues.sort((a, b) => a.index - b.index);
}

export class DossierCodeError extends Error {
  constructor(
    readonly code: 'INVALID_PATTERN' | 'INVALID_INPUT',
    readonly messageVi: string,
    messageEn: string,
  ) {
    super(messageEn);
    this.name = 'DossierCodeError';
  }
}

function checkDate(date: string): [string, string, string] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) return [m[1]!, m[2]!, m[3]!];
  }
  throw new DossierCodeError('INVALID_INPUT', `Ngày không hợp lệ: ${date}`, `date must be a valid YYYY-MM-DD: ${date}`);
}

function checkCodePart(value: string | undefined, name: string): string {
  if (typeof value !== 'string' || !CODE_CHARS.test(value)) {
    throw new DossierCodeError('INVALID_INPUT', `${name} không hợp lệ`, `${name} must be non-empty letters, digits, '.', '-' or '_'`);
  }
  return value;
}

/**
 * Formats a dossier code. Throws DossierCodeError for an invalid pattern or input (agency code with
 * characters outside [A-Za-z0-9._-], invalid date, sequence not an integer ≥ 1).
 */
export function formatDossierCode(pattern: string = DEFAULT_DOSSIER_CODE_PATTERN, input: DossierCodeInput): string {
  const issues = validatePattern(pattern);
  if (issues.length > 0) {
    throw new DossierCodeError('INVALID_PATTERN', issues[0]!.messageVi, `Invalid pattern: ${issues[0]!.messageEn}`);
  }
  const [yyyy, mm, dd] = checkDate(input.date);
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 1) {
    throw new DossierCodeError('INVALID_INPUT', 'Số thứ tự phải là số nguyên ≥ 1', 'sequence must be an integer ≥ 1');
  }
  const date: Record<DatePart, string> = {
    YYYYMMDD: `${yyyy}${mm}${dd}`,
    YYMMDD: `${yyyy.slice(2)}${mm}${dd}`,
    YYYY: yyyy,
    YY: yyyy.slice(2),
    MM: mm,
    DD: dd,
  };
  return parse(pattern)
    .parts.map((p) => {
      switch (p.kind) {
        case 'literal':
          return p.text;
        case 'agency':
          return checkCodePart(input.agencyCode, 'agencyCode');
        case 'owner':
          return checkCodePart(input.ownerCode, 'ownerCode');
        case 'date':
          return date[p.format];
        case 'seq':
          return String(input.sequence).padStart(p.width, '0');
      }
    })
    .join('');
}

/**
 * Loose plausibility check for a code typed or received from elsewhere (codes are opaque): 6–64 characters
 * of letters, digits, '.', '-', '_', starting and ending with a letter or digit, with at least one digit.
 */
export function looksLikeDossierCode(s: unknown): boolean {
  return (
    typeof s === 'string' &&
    s.length >= 6 &&
    s.length <= 64 &&
    /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(s) &&
    /\d/.test(s)
  );
}
