/**
 * Time limits ("thời hạn giải quyết"), domain-vn.md §9.
 *
 * Two entry points:
 * - parseTimeCell: the structured time column of the portal / defence tables ("5 Ngày làm việc", "01 Giờ",
 *   "Không có thông tin", a bare "1" without unit…);
 * - findTimeExpressions: time expressions inside free text ("Trong thời hạn 05 ngày làm việc kể từ…",
 *   "Ngay trong ngày làm việc", "03 giờ"), used only as a fallback with strict rules (see catalog.parse-channels).
 */

import type { TimeUnit } from './catalog.parse-types.js';
import { clean, isNoInfo } from './catalog.parse-util.js';

export interface TimeValue {
  value: number;
  unit: TimeUnit;
  text: string;
}

export type TimeCell =
  | { kind: 'ok'; time: TimeValue }
  /** Nothing in the source, or the source says explicitly that there is no limit. */
  | { kind: 'none'; detail: string; explicit: boolean }
  /** A number without unit, e.g. the portal's "1" for khai sinh. */
  | { kind: 'unitless'; value: number; text: string }
  | { kind: 'failed'; detail: string };

/** Unit words, longest first. Matched case-insensitively on NFC text. */
const UNIT_WORDS: Array<[RegExp, TimeUnit]> = [
  [/^ngày làm việc/i, 'working_days'],
  [/^ngày/i, 'days'],
  [/^giờ làm việc/i, 'working_hours'],
  [/^(giờ|tiếng)/i, 'hours'],
  [/^tháng/i, 'months'],
];

const UNIT_ALT = '(ngày làm việc|ngày|giờ làm việc|giờ|tiếng|tháng)';

function unitOf(word: string): TimeUnit | null {
  for (const [re, unit] of UNIT_WORDS) if (re.test(word)) return unit;
  return null;
}

/** "05" → 5, "1.5" / "1,5" → 1.5. Returns null for anything else. */
export function parseSmallNumber(s: string): number | null {
  const t = s.trim();
  if (!/^\d+(?:[.,]\d+)?$/.test(t)) return null;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

const SAME_DAY_CELL = /^(ngay\s+)?trong\s+(ngày|ngày làm việc|ngày làm việc đó|ngày tiếp nhận|ngày nhận đủ hồ sơ)\.?$/i;

/** Explicit "no limit / not applicable" answers in the time column. */
const EXPLICIT_NONE_CELL = /^(không|không quy định|không có|không áp dụng|không phải trả kết quả.*)\.?$/i;

export function parseTimeCell(raw: string): TimeCell {
  const text = clean(raw);
  if (isNoInfo(text)) {
    return { kind: 'none', detail: text === '' ? 'empty time column' : `time column says "${text}"`, explicit: false };
  }
  if (EXPLICIT_NONE_CELL.test(text)) return { kind: 'none', detail: `time column says "${text}"`, explicit: true };
  if (SAME_DAY_CELL.test(text)) return { kind: 'ok', time: { value: 1, unit: 'same_day', text } };
  const m = /^(\d+(?:[.,]\d+)?)\s*(.*)$/s.exec(text);
  if (m) {
    const value = parseSmallNumber(m[1]);
    const rest = m[2].trim();
    if (value === null) return { kind: 'failed', detail: `unreadable number in time column "${text}"` };
    if (rest === '') return { kind: 'unitless', value, text };
    const unit = unitOf(rest);
    // The unit word must be the whole rest ("5 Ngày làm việc"), possibly followed by a bracketed remark.
    if (unit !== null) {
      const unitWord = new RegExp(`^${UNIT_ALT}\\s*(\\(.*\\))?\\.?$`, 'i');
      if (unitWord.test(rest)) return { kind: 'ok', time: { value, unit, text } };
    }
    return { kind: 'failed', detail: `time column not understood: "${text}"` };
  }
  return { kind: 'failed', detail: `time column is free text: "${text.length > 80 ? `${text.slice(0, 79)}…` : text}"` };
}

/**
 * Time expressions in free text. Each hit has value/unit/text (the matched words).
 * "Ngay trong ngày", "trong ngày làm việc" (not followed by "tiếp theo") → same_day.
 * A bracketed number-in-words is allowed between number and unit: "05 (năm) ngày làm việc".
 */
export function findTimeExpressions(raw: string): TimeValue[] {
  const text = clean(raw);
  const out: TimeValue[] = [];
  const numRe = new RegExp(
    `(?<![\\d.,/])(\\d{1,3}(?:[.,]\\d+)?)\\s*(?:\\([^()\\d]{1,25}\\)\\s*)?${UNIT_ALT}(?![\\p{L}])`,
    'giu',
  );
  for (const m of text.matchAll(numRe)) {
    const value = parseSmallNumber(m[1]);
    const unit = unitOf(m[2]);
    if (value === null || unit === null) continue;
    // "ngày 01/7/2025", "12 tháng 6 năm 2025": dates, not durations.
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 8);
    if (/^\s*(năm\s+\d|\d|\/)/i.test(after) && (unit === 'months' || unit === 'days')) continue;
    const before = text.slice(Math.max(0, (m.index ?? 0) - 6), m.index ?? 0);
    if (/(ngày|tháng)\s*$/i.test(before)) continue; // "ngày 15 tháng 6"
    out.push({ value, unit, text: m[0] });
  }
  // "trong ngày làm việc tiếp theo" is the next working day, not the same day: no match.
  const sameDayRe =
    /(?<![\p{L}])(ngay\s+)?trong\s+(ngày làm việc|ngày(?!\s+làm việc))(?![\p{L}])(?!\s+(tiếp theo|kế tiếp|thứ|liên tục|\d))/giu;
  for (const m of text.matchAll(sameDayRe)) {
    out.push({ value: 1, unit: 'same_day', text: m[0] });
  }
  return out;
}

/** Distinct (value, unit) pairs of a list of expressions. */
export function distinctTimes(list: TimeValue[]): TimeValue[] {
  const seen = new Map<string, TimeValue>();
  for (const t of list) {
    const key = `${t.value}|${t.unit}`;
    if (!seen.has(key)) seen.set(key, t);
  }
  return [...seen.values()];
}
