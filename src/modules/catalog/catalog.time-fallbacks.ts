/**
 * Time limits the portal's time column does not give but the channel's description spells out, and the reason
 * when none can be read. Pure: no I/O.
 *
 * - Per-case limits ("a) Đối với trường hợp A: 05 ngày làm việc…; b) Đối với trường hợp B: - Thông báo: 02 ngày
 *   làm việc; - Thẩm định: 33 ngày làm việc"): the text is cut into cases at every segment that opens with
 *   "Đối với" / "Trường hợp" (or holds "trong trường hợp"); the phases inside one case add up; the procedure's
 *   limit is the longest case (it never ends before the law allows for any case), flagged 'cases' for review.
 *   A case whose title matches one of the procedure's component cases (trường hợp of the component list) is
 *   attached to it (`caseLimits`).
 * - Phases without cases ("Sở Tư pháp kiểm tra: 20 ngày; … 15 ngày; UBND quyết định: 15 ngày") add up, flagged
 *   'phases'. Calendar days and working days in one sum are read as working days (as legalLimitHours reads
 *   "days"); hours or months mixed with days are not summed (reason 'mixed_units').
 * - "Ngay sau khi nhận đủ hồ sơ", "đổi ngay": same day.
 * - Bracketed remarks ("(… được tăng thêm 21 ngày làm việc)") are extensions, not phases: not counted.
 */

import type { Channel, ParsedProcedure, TimeUnit } from './catalog.parse-types.js';
import { findTimeExpressions, type TimeValue } from './catalog.parse-time.js';
import { casesOf } from './component-cases.js';
import { clean, isNoInfo, type IssueLog } from './catalog.parse-util.js';

export interface CaseTime {
  /** The case's wording in the description ("Đối với trường hợp cấp lại Giấy xác nhận"), '' for the default. */
  title: string;
  value: number;
  unit: TimeUnit;
}

export interface TextLimit {
  value: number;
  unit: TimeUnit;
  /** 'cases': the longest of several per-case limits; 'phases': phases added up; 'immediate': "ngay". */
  kind: 'cases' | 'phases' | 'immediate';
  text: string;
  cases: CaseTime[];
}

const IMMEDIATE = /^(?:[\s\S]*?(?:thời hạn giải quyết(?: hồ sơ)?\s*:\s*))?(?:đổi |giải quyết |trả kết quả )?ngay(?: sau khi (?:tiếp )?nhận (?:đủ )?hồ sơ[^.]*)?\.?\s*$/iu;
const CASE_HEAD = /^[\s\-+*•]*(?:[a-zđ]\)|\(\d+\)|\d+[.)])?\s*(?:\*\s*)?(?:đối với|trường hợp)(?![^:]*\bkể từ\b[^:]*$)/iu;
const CASE_INSIDE = /trong trường h[ơợ]p/iu;
/** "Trường hợp ủy quyền…" is about who files, not a case of the procedure (as in component-cases). */
const AUTHORISATION = /(ủy|uỷ) quyền/iu;
const ANCHORED = /thời (?:hạn|gian)|kể từ|:\s*$|\blà\s*$/iu;

/** Drops bracketed remarks, keeping positions roughly (the text is only read for times). */
function withoutBrackets(s: string): string {
  let out = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

/** Segments: lines, "; " pieces and "a) / b) / (1)" items. */
function segmentsOf(text: string): string[] {
  return withoutBrackets(text)
    .split(/\n|;\s*|(?<=[.:])\s+(?=[a-zđ]\)\s)|\s(?=[a-zđ]\)\s+(?:đối với|trường hợp))/iu)
    .map((s) => clean(s))
    .filter((s) => s !== '');
}

/** Adds up phases: null when units cannot be added (hours or months with days). */
export function sumTimes(times: TimeValue[]): { value: number; unit: TimeUnit } | null {
  if (times.length === 0) return null;
  const units = new Set(times.map((t) => t.unit));
  if (units.size === 1) return { value: times.reduce((a, t) => a + t.value, 0), unit: times[0]!.unit };
  if ([...units].every((u) => u === 'days' || u === 'working_days')) {
    return { value: times.reduce((a, t) => a + t.value, 0), unit: 'working_days' };
  }
  return null;
}

export type TextLimitResult = { ok: true; limit: TextLimit } | { ok: false; reason: 'mixed_units' | 'none'; detail: string };

/** Reads a processing time from a channel's description; see the file comment. */
export function limitFromText(description: string): TextLimitResult {
  const text = clean(description);
  if (text === '') return { ok: false, reason: 'none', detail: 'empty description' };
  if (IMMEDIATE.test(text)) return { ok: true, limit: { value: 1, unit: 'same_day', kind: 'immediate', text, cases: [] } };
  const groups: Array<{ title: string; times: TimeValue[]; anchored: boolean }> = [];
  let current: { title: string; times: TimeValue[]; anchored: boolean } | null = null;
  for (const seg of segmentsOf(description)) {
    const times = findTimeExpressions(seg).filter((t) => t.unit !== 'same_day');
    const anchored = times.some((t) => {
      const at = seg.indexOf(t.text);
      return ANCHORED.test(seg.slice(0, at)) || /^[\s,]*kể từ/iu.test(seg.slice(at + t.text.length));
    });
    if (CASE_HEAD.test(seg) && !AUTHORISATION.test(seg)) {
      current = { title: seg.replace(/[:\s]+$/u, '').replace(/:.*$/u, '').slice(0, 200), times: [...times], anchored };
      groups.push(current);
    } else if (times.length > 0 && CASE_INSIDE.test(seg)) {
      groups.push({ title: seg.slice(seg.search(CASE_INSIDE)).replace(/[.\s]+$/u, '').slice(0, 200), times, anchored });
    } else if (current) {
      current.times.push(...times);
      current.anchored ||= anchored;
    } else if (times.length > 0) {
      current = { title: '', times: [...times], anchored };
      groups.push(current);
    }
  }
  const timed = groups.filter((g) => g.times.length > 0);
  if (timed.length === 0 || !timed.some((g) => g.anchored)) return { ok: false, reason: 'none', detail: 'no processing time in the description' };
  const cases: CaseTime[] = [];
  for (const g of timed) {
    const s = sumTimes(g.times);
    if (!s) return { ok: false, reason: 'mixed_units', detail: `units cannot be added up: ${g.times.map((t) => t.text).join(' + ')}` };
    cases.push({ title: g.title, ...s });
  }
  const units = new Set(cases.map((c) => (c.unit === 'days' ? 'working_days' : c.unit)));
  if (units.size > 1) return { ok: false, reason: 'mixed_units', detail: `cases in different units: ${cases.map((c) => `${c.value} ${c.unit}`).join(', ')}` };
  const longest = cases.reduce((a, c) => (c.value > a.value ? c : a));
  const unit: TimeUnit = cases.some((c) => c.unit !== longest.unit) ? 'working_days' : longest.unit;
  const textOut = timed.flatMap((g) => g.times.map((t) => t.text)).join(' + ');
  if (cases.length > 1) return { ok: true, limit: { value: longest.value, unit, kind: 'cases', text: textOut, cases } };
  return { ok: true, limit: { value: longest.value, unit, kind: 'phases', text: textOut, cases: [] } };
}

// ---- matching per-case limits to the component cases ----

const STOP = new Set(['trường', 'hợp', 'đối', 'với', 'của', 'và', 'các', 'cho', 'đề', 'nghị', 'hồ', 'sơ', 'bao', 'gồm', 'là', 'có', 'không', 'được', 'theo', 'tại', 'thì', 'khi', 'một', 'trong', 'đã', 'về']);

function words(s: string): Set<string> {
  return new Set(
    clean(s)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );
}

/** Share of the words of `a` (the description's case wording) found in `b` (a component case title); 0 below 4 words. */
export function overlap(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size < 4 || wb.size === 0) return 0;
  let hit = 0;
  for (const w of wa) if (wb.has(w)) hit++;
  return hit / wa.size;
}

export const CASE_MATCH_MIN = 0.8;

/**
 * Attaches per-case limits to the component cases they name: each limit case goes to the component case with
 * the highest word overlap (≥ CASE_MATCH_MIN), one to one. Returns caseKey → limit for the matched ones.
 */
export function matchCaseLimits(caseTimes: CaseTime[], componentCases: Array<{ key: string; title: string }>): Array<{ caseKey: string; value: number; unit: TimeUnit }> {
  const out: Array<{ caseKey: string; value: number; unit: TimeUnit }> = [];
  const used = new Set<string>();
  for (const t of caseTimes) {
    if (t.title === '' || CASE_INSIDE.test(t.title)) continue;
    let best: { key: string; score: number } | null = null;
    for (const c of componentCases) {
      if (used.has(c.key)) continue;
      const score = overlap(t.title, c.title);
      if (score >= CASE_MATCH_MIN && (!best || score > best.score)) best = { key: c.key, score };
    }
    if (best) {
      used.add(best.key);
      out.push({ caseKey: best.key, value: t.value, unit: t.unit });
    }
  }
  return out;
}

// ---- applying to a parsed record, and the reason when nothing can be read ----

const SAME_DAY_CUT_OFF = /(?:tiếp nhận|nhận)[^.;]{0,30}sau 15 giờ[^.;]{0,120}trong (?:ngày làm việc tiếp theo|ngày làm việc kế tiếp)/iu;
const EXPLICIT_NONE = /^(không quy định|không|không có|không áp dụng)\.?$/iu;

/**
 * Fills channels that have no limit (and whose time column does not say "Không quy định") from their description.
 * Called after applyStepsTime. Each fill is warned with its kind so that it shows in the review list.
 */
export function applyTextFallbacks(p: Pick<ParsedProcedure, 'channels' | 'components' | 'steps'>, log: IssueLog): void {
  if (p.channels.some((c) => c.timeLimit !== null)) return;
  // The 15:00 rule stated in the steps ("nếu tiếp nhận hồ sơ sau 15 giờ thì … trả kết quả … trong ngày làm việc
  // tiếp theo", domain-vn §9: 2.000635) means a same-day procedure.
  const cutOff = SAME_DAY_CUT_OFF.exec(clean(p.steps ?? ''));
  if (cutOff && p.channels.every((c) => c.timeText === null || !EXPLICIT_NONE.test(c.timeText))) {
    for (const c of p.channels) c.timeLimit = { value: 1, unit: 'same_day', text: cutOff[0].slice(0, 300), from: 'steps' };
    log.issues.splice(0, log.issues.length, ...log.issues.filter((i) => i.field !== 'channels.timeLimit'));
    log.warn('channels.timeLimit', `time column empty; same day read from the steps' 15:00 rule "${cutOff[0].slice(0, 120)}"`);
    return;
  }
  const componentCases = casesOf(p.components.map((c, i) => ({ id: String(i), name: c.name, required: c.required, group: c.group ?? null, originals: c.originals, copies: c.copies }))).cases;
  let filled = false;
  for (const c of p.channels) {
    // only an empty time column ("Không có thông tin"): a number without unit that the parser found ambiguous stays so
    if (!isNoInfo(c.timeText)) continue;
    const r = limitFromText(c.description);
    if (!r.ok) continue;
    const { limit } = r;
    const matched = limit.kind === 'cases' ? matchCaseLimits(limit.cases, componentCases) : [];
    c.timeLimit = { value: limit.value, unit: limit.unit, text: limit.text.slice(0, 500), from: limit.kind === 'immediate' ? 'description' : limit.kind };
    if (matched.length > 0) c.caseLimits = matched;
    log.warn('channels.timeLimit', `${c.kind}: time column empty; ${limit.kind === 'cases' ? `longest of ${limit.cases.length} per-case limits` : limit.kind === 'phases' ? 'phases added up' : 'immediate'} read from the description: ${limit.value} ${limit.unit}`);
    filled = true;
  }
  if (filled) {
    // the channels that had no limit keep their "missing" issue only when none was filled
    const keep = log.issues.filter((i) => i.field !== 'channels.timeLimit');
    log.issues.splice(0, log.issues.length, ...keep);
  }
}

export type NoLimitReason = 'no_result' | 'not_regulated' | 'event_bound' | 'annual_schedule' | 'mixed_units' | 'not_stated';

export const NO_LIMIT_REASONS: Record<NoLimitReason, { vi: string; en: string }> = {
  no_result: { vi: 'Thủ tục khai, thông báo: không trả kết quả nên không có thời hạn giải quyết', en: 'A declaration or notice: no result is returned, so there is no processing time' },
  not_regulated: { vi: 'Văn bản quy định thủ tục ghi "không quy định" thời hạn', en: 'The catalogue says the time limit is "not regulated"' },
  event_bound: { vi: 'Thời hạn gắn với một sự kiện (tàu cập, rời cảng), không tính bằng ngày', en: 'The limit is tied to an event (a ship arriving or leaving), not a number of days' },
  annual_schedule: { vi: 'Theo lịch tuyển sinh, tuyển chọn hằng năm', en: 'Follows the yearly admission or selection schedule' },
  mixed_units: { vi: 'Các giai đoạn tính bằng đơn vị khác nhau, không cộng được', en: 'Phases in different units that cannot be added up' },
  not_stated: { vi: 'Danh mục không nêu thời hạn giải quyết', en: 'The catalogue states no time limit' },
};

/** Why a procedure without any limit has none (for the admin list and the bench). */
export function noLimitReason(p: { channels: Array<Pick<Channel, 'timeText' | 'description'>>; steps: string | null; name: string }): { reason: NoLimitReason; detail: string } {
  const texts = p.channels.map((c) => clean(c.timeText ?? ''));
  const descs = p.channels.map((c) => clean(c.description));
  const hit = (re: RegExp) => texts.find((t) => re.test(t)) ?? descs.find((t) => re.test(t));
  let t: string | undefined;
  if ((t = hit(/không phải trả kết quả|phản hồi tự động/iu))) return { reason: 'no_result', detail: t };
  if ((t = hit(/tàu|cập cảng|rời cảng|coi là kết thúc/iu))) return { reason: 'event_bound', detail: t };
  if ((t = hit(/thời hạn chung về tuyển sinh/iu)) || (/tuyển sinh|tuyển chọn/iu.test(p.name) && /(hằng|hàng) năm/iu.test(`${descs.join(' ')} ${p.steps ?? ''}`))) {
    return { reason: 'annual_schedule', detail: t ?? 'trước ngày … hằng năm' };
  }
  if ((t = texts.find((x) => EXPLICIT_NONE.test(x)) ?? descs.find((x) => /(không|chưa) quy định/iu.test(x)))) return { reason: 'not_regulated', detail: t };
  for (const d of descs) {
    const r = limitFromText(d);
    if (!r.ok && r.reason === 'mixed_units') return { reason: 'mixed_units', detail: r.detail };
  }
  return { reason: 'not_stated', detail: texts.find((x) => x !== '') ?? '—' };
}
