/** Fees and charges ("phí, lệ phí"). Pure functions. */

import type { Fee } from './catalog.parse-types.js';
import { clean, closeParen } from './catalog.parse-util.js';

/** Amounts below this many đồng do not exist in current fee schedules; the portal sometimes stores thousands. */
export const MIN_PLAUSIBLE_VND = 1000;

/** Label of the main set's fee column; used as the fee name when the source has no other. */
export const PORTAL_FEE_NAME = 'Phí, lệ phí';

/**
 * Parse an amount written with thousands separators, either portal style ("1,200,000") or Vietnamese style
 * ("1.200.000"), or plain digits. Decimals are allowed only for foreign currencies ("1.5 USD").
 * Returns null when the string is not one of these shapes (e.g. "1,5" đồng, "12.4" đồng).
 */
export function parseAmount(raw: string, currency: 'VND' | 'USD'): number | null {
  const s = raw.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (/^\d{1,3}(,\d{3})+$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    // "1.500" is 1500 đồng; for USD a dot is a decimal point ("1.500" USD is ambiguous → null).
    return currency === 'VND' ? Number(s.replace(/\./g, '')) : null;
  }
  if (currency === 'USD') {
    if (/^\d+[.,]\d{1,2}$/.test(s)) return Number(s.replace(',', '.'));
    if (/^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(s)) return Number(s.replace(/,/g, ''));
  }
  return null;
}

/**
 * Currency words, longest first. "đ"/"Đ" only when no letter follows ("100.000đ/hồ sơ", not "20 đồng" handled above).
 */
const CURRENCY_SRC = '(Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD|usd|đô la Mỹ|đ(?!\\p{L})|Đ(?!\\p{L}))';
const MONEY_AT_START = new RegExp(`^(\\d[\\d.,]*)\\s?${CURRENCY_SRC}`, 'u');

function currencyOf(word: string): 'VND' | 'USD' {
  return /usd|đô la/i.test(word) ? 'USD' : 'VND';
}

/** Does a note quote a money amount ("150.000 đồng/giấy", "25 USD")? Used to flag "Miễn phí" contradictions. */
export function noteQuotesAmount(note: string): boolean {
  return /\d[\d.,]*\s*(đồng|đ(?!\p{L})|vnđ|usd|triệu)/iu.test(note) && !/miễn (phí|lệ phí)/i.test(note);
}

function feeOf(
  name: string,
  text: string,
  amount: number | null,
  currency: 'VND' | 'USD' | null,
  note: string | null,
): { fee: Fee; problem?: string } {
  let amountVnd: number | null = currency === 'VND' ? amount : null;
  let problem: string | undefined;
  if (currency === 'VND' && amount !== null && amount > 0 && amount < MIN_PLAUSIBLE_VND) {
    problem = `implausible amount "${amount} đồng" (the portal sometimes stores thousands); read the note`;
    amountVnd = null;
  }
  return { fee: { name, amountVnd, text, amount, currency, note }, problem };
}

const FREE = /^(miễn phí|miễn lệ phí|miễn thu|không thu( phí| lệ phí)?|không mất phí|không|0)\.?$/i;

/**
 * One fee written as free text: "Miễn phí", "Không", "50.000 đồng", "100.000đ/hồ sơ", "1,200,000 Việt Nam Đồng",
 * "25 USD (Cấp thị thực có giá trị một lần)", "0 Đồng", "Không Đồng". Whatever follows the amount is kept as the
 * note ("/hồ sơ", the bracketed text). Text that does not start with an amount gives amountVnd null + a problem.
 */
export function parseFeeText(raw: string, name = PORTAL_FEE_NAME): { fee: Fee; problem?: string } {
  const text = clean(raw);
  let head = text;
  let note: string | null = null;
  const open = text.indexOf('(');
  if (open >= 0) {
    const end = closeParen(text, open);
    note = clean(text.slice(open + 1, end > 0 ? end - 1 : text.length)) || null;
    head = clean(text.slice(0, open));
  }
  if (FREE.test(head) || /^(không|0)\s*(đồng|vnđ)$/i.test(head)) return feeOf(name, text, 0, 'VND', note);
  const money = MONEY_AT_START.exec(head);
  if (money) {
    const currency = currencyOf(money[2]);
    const amount = parseAmount(money[1], currency);
    const rest = clean(head.slice(money[0].length));
    const fullNote = [rest, note].filter((x) => x).join(' ') || null;
    const r = feeOf(name, text, amount, currency, fullNote);
    if (amount === null) return { ...r, problem: `unreadable amount "${money[0]}"` };
    return r;
  }
  if (/^\d[\d.,]*$/.test(head)) {
    // A bare number without currency: most likely đồng, but not said.
    return { fee: { name, amountVnd: null, text, amount: null, currency: null, note }, problem: `amount without currency "${head}"` };
  }
  const problem =
    head === '' || /^(đồng|vnđ)$/i.test(head) ? `no amount given ("${text.slice(0, 80)}")` : `amount is not a number: "${head.slice(0, 80)}"`;
  return { fee: { name, amountVnd: null, text, amount: null, currency: null, note }, problem };
}

export interface PortalFeeCell {
  /** 'free' = "Miễn phí"; 'amount' = a number + currency; 'none' = "Không có thông tin"; 'unknown' = nothing matched. */
  kind: 'free' | 'amount' | 'none' | 'unknown';
  fee: Fee | null;
  /** Number of characters of `text` consumed by the fee cell (amount + optional bracketed note). */
  consumed: number;
  problem?: string;
}

/**
 * Read the portal's fee cell at the start of `text`: "Miễn phí", "Không có thông tin",
 * "1,200,000 Việt Nam Đồng", "50,000 VNĐ", "25 USD", each optionally followed by a bracketed note
 * "(Lệ phí cấp giấy chứng nhận)". The rest of the text is the channel description.
 */
export function readPortalFeeCell(text: string): PortalFeeCell {
  const none = /^Không có thông tin/.exec(text);
  if (none) return { kind: 'none', fee: null, consumed: none[0].length };
  const free = /^Miễn phí/.exec(text);
  const money = /^\d[\d.,]*\s?(Việt Nam Đồng|VNĐ|USD)/.exec(text);
  if (!free && !money) return { kind: 'unknown', fee: null, consumed: 0 };
  let consumed = (free ?? money)![0].length;
  if (text[consumed] === '(') {
    const end = closeParen(text, consumed);
    if (end > 0) consumed = end;
  }
  const { fee, problem } = parseFeeText(text.slice(0, consumed), PORTAL_FEE_NAME);
  return { kind: free ? 'free' : 'amount', fee, consumed, problem };
}

export interface DefenceFees {
  fees: Fee[];
  problems: string[];
}

/**
 * Defence-set fee cell: one or more lines "Phí : 2.000.000 Đồng (note)", "Lệ phí : 01 USD (note)",
 * "Phí : 0 Đồng", "Phí : Không Đồng", optionally followed by "File đính kèm: x.pdf" lines.
 */
export function parseDefenceFees(raw: string): DefenceFees {
  const fees: Fee[] = [];
  const problems: string[] = [];
  const text = raw.replace(/\r\n?/g, '\n');
  // Split at each "Phí :" / "Lệ phí :" label at the start of a line.
  const parts = text.split(/\n(?=\s*(?:Lệ phí|Phí)\s*:)/);
  for (const part of parts) {
    const p = clean(part);
    if (p === '') continue;
    const m = /^(Lệ phí|Phí)\s*:\s*(.*)$/s.exec(p);
    if (!m) {
      problems.push(`fee line not understood: "${p.slice(0, 80)}"`);
      fees.push({ name: PORTAL_FEE_NAME, amountVnd: null, text: p, amount: null, currency: null, note: null });
      continue;
    }
    // Attachments belong to the fee text but not to the amount.
    const body = m[2].replace(/\s*File đính kèm:.*$/s, '').trim();
    const { fee, problem } = parseFeeText(body, m[1]);
    if (problem) problems.push(problem);
    fees.push({ ...fee, text: p });
  }
  return { fees, problems };
}
