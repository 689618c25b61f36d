/** Small text helpers shared by the catalogue parsers. Pure functions, no I/O. */

import type { ParseIssue, ParseWarning } from './catalog.parse-types.js';

// Zero-width and direction marks seen in the crawl (e.g. "đăng k\u200eý").
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060\ufeff\u00ad]/g;

/** NFC, drop invisible marks, non-breaking spaces to spaces, CRLF to LF. Does not trim. */
export function nfc(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').replace(/\u00a0/g, ' ').replace(/\r\n?/g, '\n');
}

/** One-line text: NFC, all whitespace runs collapsed to one space, trimmed. */
export function clean(s: string): string {
  return nfc(s).replace(/\s+/g, ' ').trim();
}

/** Multi-line text: NFC, spaces/tabs collapsed, each line trimmed, blank-line runs collapsed, trimmed. */
export function cleanMultiline(s: string): string {
  return nfc(s)
    .split('\n')
    .map((l) => l.replace(/[ \t\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The portal's placeholders for "no data". */
const NO_INFO = /^(không có thông tin|không có dữ liệu|chưa có thông tin|n\/a|-+|\.+)$/i;

export function isNoInfo(s: string | null | undefined): boolean {
  if (s == null) return true;
  const t = clean(s);
  return t === '' || NO_INFO.test(t);
}

/** Explicit "none" answers ("Không", "Không có", "Không quy định"). These are information, not gaps. */
const EXPLICIT_NONE = /^(không|không có|không quy định|không yêu cầu)\.?$/i;

export function isExplicitNone(s: string): boolean {
  return EXPLICIT_NONE.test(clean(s));
}

export function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

export function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Collects issues and warnings while parsing one record. */
export class IssueLog {
  readonly issues: ParseIssue[] = [];
  readonly warnings: ParseWarning[] = [];
  missing(field: string, detail: string): void {
    this.issues.push({ field, status: 'missing', detail });
  }
  failed(field: string, detail: string): void {
    this.issues.push({ field, status: 'failed', detail });
  }
  warn(field: string, detail: string): void {
    this.warnings.push({ field, detail });
  }
}

/** Shorten a text for an issue message. */
export function excerpt(s: string, max = 80): string {
  const t = clean(s);
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/**
 * Index just after the bracket group that opens at `start` (which must be '('), honouring nesting.
 * Returns -1 when the group never closes.
 */
export function closeParen(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
