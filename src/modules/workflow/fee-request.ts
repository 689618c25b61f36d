// The lines of an official's payment request (status 6, "chờ thanh toán"): several fee items (phí, lệ phí) per
// dossier, each with its unit amount in đồng and an optional quantity, and exemptions (miễn) with their reason
// and optional legal basis. Pure; a bad line fails on its own field (`lines.2.amount`).
import { PayloadError, asObject, type Raw } from './payload.js';
import type { FeeRequestLine } from './types.js';

export const MAX_FEE_LINES = 50;
const MAX_NAME = 500;
const MAX_REASON = 1000;
/** Whole đồng, below what a bigint column and a gateway's amount field take (10^12 đồng). */
const MAX_AMOUNT = 1_000_000_000_000;

const LABEL: Record<string, string> = { name: 'tên khoản thu', amount: 'mức thu (đồng)', quantity: 'số lượng', exemptReason: 'lý do miễn', legalBasis: 'căn cứ pháp lý' };
/** "Khoản thứ 3: mức thu (đồng) …" — the line as the official counts it (from 1), the field in words. */
const where = (path: string) => {
  const [, i, f] = path.split('.');
  return `Khoản thứ ${Number(i) + 1}: ${LABEL[f!] ?? f}`;
};

function text(p: Raw, key: string, path: string, max: number, required: boolean): string | null {
  const v = p[key];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (required) throw new PayloadError(`${where(path)} là bắt buộc`, `Missing ${path}`, path);
    return null;
  }
  if (typeof v !== 'string') throw new PayloadError(`${where(path)} phải là chuỗi`, `${path} must be a string`, path);
  if (v.trim().length > max) throw new PayloadError(`${where(path)} quá dài (tối đa ${max} ký tự)`, `${path} is too long (at most ${max} characters)`, path);
  return v.trim();
}

function wholeNumber(p: Raw, key: string, path: string, min: number, fallback: number | null): number {
  const v = p[key];
  if ((v === undefined || v === null) && fallback !== null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > MAX_AMOUNT) {
    throw new PayloadError(`${where(path)} phải là số nguyên từ ${min} trở lên`, `${path} must be a whole number ≥ ${min}`, path);
  }
  return v;
}

/** The request's lines, or null when the payload has none (the older single-amount request). */
export function feeRequestLines(p: Raw): FeeRequestLine[] | null {
  const raw = p.lines;
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_FEE_LINES) {
    throw new PayloadError(`Danh sách khoản phí, lệ phí (lines) phải có từ 1 đến ${MAX_FEE_LINES} dòng`, `lines must hold 1 to ${MAX_FEE_LINES} items`, 'lines');
  }
  return raw.map((item, i) => {
    const at = `lines.${i}`;
    let l: Raw;
    try {
      l = asObject(item);
    } catch {
      throw new PayloadError(`Khoản thứ ${i + 1} không hợp lệ`, `${at} must be an object`, at);
    }
    const name = text(l, 'name', `${at}.name`, MAX_NAME, true)!;
    const kind = l.kind ?? 'le_phi';
    if (kind !== 'phi' && kind !== 'le_phi') throw new PayloadError(`Khoản thứ ${i + 1}: loại phải là phí (phi) hoặc lệ phí (le_phi)`, `${at}.kind must be phi or le_phi`, `${at}.kind`);
    const amount = wholeNumber(l, 'amount', `${at}.amount`, 0, null);
    const quantity = wholeNumber(l, 'quantity', `${at}.quantity`, 1, 1);
    const exemptReason = text(l, 'exemptReason', `${at}.exemptReason`, MAX_REASON, false);
    const legalBasis = text(l, 'legalBasis', `${at}.legalBasis`, MAX_REASON, false);
    if (legalBasis && !exemptReason) {
      throw new PayloadError(`Khoản thứ ${i + 1}: có căn cứ miễn thì cần ghi lý do miễn`, `${at}.legalBasis needs an exemptReason`, `${at}.exemptReason`);
    }
    const total = exemptReason ? 0 : amount * quantity;
    if (total > MAX_AMOUNT) throw new PayloadError(`Khoản thứ ${i + 1}: thành tiền quá lớn`, `${at}: amount × quantity is too large`, `${at}.quantity`);
    return { name, kind, amount, quantity, total, exemptReason, legalBasis };
  });
}

/** What the request asks for: the sum of the lines that are not exempt. */
export function feeRequestTotal(lines: FeeRequestLine[]): number {
  return lines.reduce((s, l) => s + l.total, 0);
}
