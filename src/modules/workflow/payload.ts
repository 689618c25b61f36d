// Small payload readers for decide(): validate a command's untyped payload and keep only known fields.
// They throw PayloadError, which decide() turns into an INVALID_PAYLOAD answer.

import type { ResultDocument } from './types.js';

export class PayloadError extends Error {
  constructor(
    readonly messageVi: string,
    readonly messageEn: string,
    /** The failing field inside the payload (e.g. `lines.2.amount`), when one field is to blame. */
    readonly path?: string,
  ) {
    super(messageEn);
  }
}

export type Raw = Record<string, unknown>;

const MAX_TEXT = 4000;

export function asObject(raw: unknown): Raw {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PayloadError('Dữ liệu kèm theo phải là một đối tượng', 'The payload must be an object');
  }
  return raw as Raw;
}

export function optString(p: Raw, key: string): string | null {
  const v = p[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new PayloadError(`Trường ${key} phải là chuỗi`, `${key} must be a string`);
  const t = v.trim();
  if (t.length > MAX_TEXT) throw new PayloadError(`Trường ${key} quá dài`, `${key} is too long`);
  return t === '' ? null : t;
}

export function reqString(p: Raw, key: string): string {
  const v = optString(p, key);
  if (v === null) throw new PayloadError(`Thiếu trường bắt buộc: ${key}`, `Missing required field: ${key}`);
  return v;
}

export function optNumber(p: Raw, key: string, opts: { min?: number; positive?: boolean } = {}): number | null {
  const v = p[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new PayloadError(`Trường ${key} phải là số`, `${key} must be a finite number`);
  }
  if (opts.positive && v <= 0) throw new PayloadError(`Trường ${key} phải lớn hơn 0`, `${key} must be > 0`);
  if (opts.min !== undefined && v < opts.min) {
    throw new PayloadError(`Trường ${key} phải ≥ ${opts.min}`, `${key} must be ≥ ${opts.min}`);
  }
  return v;
}

export function reqNumber(p: Raw, key: string, opts: { min?: number; positive?: boolean } = {}): number {
  const v = optNumber(p, key, opts);
  if (v === null) throw new PayloadError(`Thiếu trường bắt buộc: ${key}`, `Missing required field: ${key}`);
  return v;
}

/** An ISO-8601 instant with a time zone (…Z or ±hh:mm). */
export function optInstant(p: Raw, key: string): Date | null {
  const s = optString(p, key);
  if (s === null) return null;
  const d = new Date(s);
  if (!/T.*(Z|[+-]\d\d:?\d\d)$/.test(s) || Number.isNaN(d.getTime())) {
    throw new PayloadError(`Trường ${key} phải là thời điểm ISO 8601`, `${key} must be an ISO 8601 instant with a zone`);
  }
  return d;
}

export function reqInstant(p: Raw, key: string): Date {
  const d = optInstant(p, key);
  if (d === null) throw new PayloadError(`Thiếu trường bắt buộc: ${key}`, `Missing required field: ${key}`);
  return d;
}

export function isLocalDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function optStringList(p: Raw, key: string): string[] | null {
  const v = p[key];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
    throw new PayloadError(`Trường ${key} phải là danh sách chuỗi`, `${key} must be a list of non-empty strings`);
  }
  return v.map((x: string) => x.trim());
}

export function oneOf<T extends string>(p: Raw, key: string, values: readonly T[]): T {
  const v = p[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw new PayloadError(`Trường ${key} phải là một trong: ${values.join(', ')}`, `${key} must be one of: ${values.join(', ')}`);
  }
  return v as T;
}

/** Result documents: [{ number, date: YYYY-MM-DD, signer, title?, fileId? }]. */
export function documentList(p: Raw, key: string, required: boolean): ResultDocument[] | null {
  const v = p[key];
  if (v === undefined || v === null) {
    if (required) throw new PayloadError(`Thiếu danh sách văn bản kết quả`, `Missing result documents (${key})`);
    return null;
  }
  if (!Array.isArray(v) || (required && v.length === 0)) {
    throw new PayloadError('Danh sách văn bản kết quả không hợp lệ', `${key} must be a non-empty list`);
  }
  return v.map((raw, i) => {
    const d = asObject(raw);
    const doc: ResultDocument = {
      number: reqString(d, 'number'),
      date: reqString(d, 'date'),
      signer: reqString(d, 'signer'),
      title: optString(d, 'title'),
      fileId: optString(d, 'fileId'),
    };
    if (!isLocalDate(doc.date)) {
      throw new PayloadError(`Ngày văn bản thứ ${i + 1} không hợp lệ (YYYY-MM-DD)`, `${key}[${i}].date must be YYYY-MM-DD`);
    }
    return doc;
  });
}
