/**
 * Submission channels ("cách thức thực hiện").
 *
 * Main set: the portal's HTML table flattened with no separators:
 *   "Hình thức nộpThời gianPhí, lệ phíMô tả" + for each row: channel name + time cell + fee cell + description,
 *   e.g. "Trực tuyến5 Ngày làm việc50,000 VNĐ(Lệ phí cấp giấy chứng nhận)Nộp qua Cổng DVC…Trực tiếp…".
 * A row starts where a channel name is directly followed (no space, no colon) by an upper-case letter or a digit;
 * channel names inside descriptions are followed by ":" or a space ("- Trực tiếp: nộp hồ sơ tại…").
 *
 * Defence set: already a table of {hinh_thuc, thoi_han_giai_quyet, phi_le_phi, mo_ta}.
 */

import type { Channel, ChannelKind, Fee, TimeLimit } from './catalog.parse-types.js';
import { parseDefenceFees, readPortalFeeCell, noteQuotesAmount, type PortalFeeCell } from './catalog.parse-fees.js';
import { distinctTimes, findTimeExpressions, parseTimeCell, type TimeCell, type TimeValue } from './catalog.parse-time.js';
import { asArray, asRecord, asString, clean, cleanMultiline, excerpt, isNoInfo, nfc, type IssueLog } from './catalog.parse-util.js';

const CHANNEL_NAMES: Array<[string, ChannelKind]> = [
  ['Trực tiếp', 'in_person'],
  ['Trực tuyến', 'online'],
  ['Dịch vụ bưu chính', 'postal'],
];

export function channelKindOf(label: string): ChannelKind | null {
  const t = clean(label).toLowerCase();
  if (t.startsWith('trực tiếp')) return 'in_person';
  if (t.startsWith('trực tuyến') || t.includes('qua mạng') || t.includes('điện tử')) return 'online';
  if (t.includes('bưu chính') || t.includes('bưu điện')) return 'postal';
  return null;
}

const LABEL: Record<ChannelKind, string> = { in_person: 'Trực tiếp', online: 'Trực tuyến', postal: 'Dịch vụ bưu chính' };

const PORTAL_HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';
const ROW_START = /(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=[\p{Lu}\d])/gu;
/** A fee cell start: where a free-text time cell ends. */
const FEE_START = /Miễn phí|Không có thông tin|\d[\d.,]*\s?(?:Việt Nam Đồng|VNĐ|USD)/;
/** Digits running straight into a currency: the time cell had no unit and touches the fee amount ("120 VNĐ"). */
const DIGITS_INTO_MONEY = /^(\d[\d.,]*)\s?(?:Việt Nam Đồng|VNĐ|USD)/;

interface RawRow {
  kind: ChannelKind;
  body: string;
}

function splitPortalRows(table: string): { rows: RawRow[]; leading: string } {
  const rows: RawRow[] = [];
  const hits = [...table.matchAll(ROW_START)];
  const leading = hits.length ? table.slice(0, hits[0].index) : table;
  hits.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < hits.length ? (hits[i + 1].index ?? table.length) : table.length;
    const kind = CHANNEL_NAMES.find(([n]) => n === m[1])![1];
    rows.push({ kind, body: table.slice(start, end) });
  });
  return { rows, leading };
}

interface TimeRead {
  cell: TimeCell;
  rest: string;
  raw: string | null;
  /** Set when the time digits run into the fee amount, e.g. "120 VNĐ" = "1" + "20 VNĐ". */
  glued?: string;
}

function readTimeCell(body: string): TimeRead {
  const noInfo = /^Không có thông tin/.exec(body);
  if (noInfo) return { cell: parseTimeCell(''), rest: body.slice(noInfo[0].length), raw: noInfo[0] };
  const glued = DIGITS_INTO_MONEY.exec(body);
  if (glued) {
    return {
      cell: { kind: 'failed', detail: `time digits run into the fee amount: "${glued[0]}"` },
      rest: body,
      raw: null,
      glued: glued[0],
    };
  }
  const num = /^(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng)?/i.exec(body);
  if (num) {
    const raw = num[0].trim();
    return { cell: parseTimeCell(raw), rest: body.slice(num[0].length), raw };
  }
  // Free-text time cell ("Không quy định", "Không phải trả kết quả cho người nộp thuế", "Trong ngày"):
  // it runs until the fee cell starts.
  const fee = FEE_START.exec(body);
  const raw = fee ? body.slice(0, fee.index) : body;
  return { cell: parseTimeCell(raw), rest: fee ? body.slice(fee.index) : '', raw: clean(raw) || null };
}

/**
 * Does a time expression in a description read as the processing time? It must open the description
 * ("15 ngày làm việc kể từ…", "- Trong thời hạn 05 ngày…"), follow a "Thời hạn giải quyết:"-like label, or be
 * followed by "kể từ ngày nhận…". A lone "24 giờ" elsewhere in a description is often about something else.
 */
function readsAsProcessingTime(t: TimeValue, description: string): boolean {
  const text = clean(description);
  const at = text.indexOf(t.text);
  if (at < 0) return false;
  const before = text.slice(Math.max(0, at - 40), at);
  const after = text.slice(at + t.text.length, at + t.text.length + 60);
  const leads = /^[\s\-+*•:]*(trong (thời hạn|vòng)\s*)?(tối đa|không quá)?\s*$/i.test(text.slice(0, at));
  const labelled = /thời (hạn|gian) (giải quyết|xử lý|trả kết quả)[^.;\n]*$/i.test(before);
  const fromReceipt = /^[\s,]*(\([^)]*\)\s*)?(,\s*)?kể từ (ngày|khi|thời điểm) (tiếp )?nhận/i.test(after);
  return leads || labelled || fromReceipt;
}

/**
 * Fallback for a channel whose time column is empty or has a number without unit. The description is used only
 * when it states the processing time unambiguously:
 * - empty column: the description has exactly one time expression and it reads as the processing time;
 * - unit-less number: the description has expressions with that same number, all with one unit, and one of them
 *   reads as the processing time.
 * The result is marked `from: 'description'` and a warning is logged, so an admin can check it.
 */
function timeFromDescription(description: string, unitlessValue: number | null): TimeLimit | null {
  const all = findTimeExpressions(description);
  let pick: TimeValue | undefined;
  if (unitlessValue !== null) {
    const same = all.filter((t) => t.value === unitlessValue);
    if (distinctTimes(same).length === 1) pick = same.find((t) => readsAsProcessingTime(t, description));
  } else if (all.length === 1 && readsAsProcessingTime(all[0], description)) {
    pick = all[0];
  }
  if (!pick) return null;
  return { value: pick.value, unit: pick.unit, text: pick.text, from: 'description' };
}

/**
 * The processing time stated in the steps text ("trình tự thực hiện"), used only when no channel has one: the
 * expressions followed by "kể từ ngày nhận…" ("trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ") must all
 * agree on one value and unit. Hộ kinh doanh 1.001612 states its 3 working days only there.
 */
export function timeFromSteps(steps: string | null): TimeValue | null {
  if (!steps) return null;
  const text = clean(steps);
  const stated = findTimeExpressions(text).filter((t) => {
    const at = text.indexOf(t.text);
    return at >= 0 && /^[\s,]*(\([^)]*\)\s*)?kể từ (ngày|khi|thời điểm) (tiếp )?nhận/i.test(text.slice(at + t.text.length, at + t.text.length + 60));
  });
  const distinct = distinctTimes(stated);
  return distinct.length === 1 ? distinct[0]! : null;
}

/** Fills channels without a limit from the steps text (see timeFromSteps), with a warning for review. */
export function applyStepsTime(channels: Channel[], steps: string | null, log: IssueLog): void {
  if (channels.length === 0 || channels.some((c) => c.timeLimit !== null)) return;
  if (channels.some((c) => c.timeText !== null && /^(không quy định|không|không có|không áp dụng|không phải trả kết quả.*)\.?$/i.test(c.timeText))) return;
  const t = timeFromSteps(steps);
  if (!t) return;
  for (const c of channels) c.timeLimit = { value: t.value, unit: t.unit, text: t.text, from: 'steps' };
  log.issues.splice(0, log.issues.length, ...log.issues.filter((i) => i.field !== 'channels.timeLimit'));
  log.warn('channels.timeLimit', `no channel states a time limit; taken from the steps text "${t.text}"`);
}

function applyTimeCell(
  cell: TimeCell,
  description: string,
  label: string,
  log: IssueLog,
): TimeLimit | null {
  switch (cell.kind) {
    case 'ok':
      if (cell.time.value === 0 && cell.time.unit !== 'same_day') {
        log.warn('channels.timeLimit', `${label}: time limit is 0 (${cell.time.text})`);
      }
      return { ...cell.time, from: 'time_column' };
    case 'unitless': {
      const t = timeFromDescription(description, cell.value);
      if (t) {
        log.warn('channels.timeLimit', `${label}: time column "${cell.text}" has no unit; unit taken from description "${t.text}"`);
        return t;
      }
      const same = distinctTimes(findTimeExpressions(description).filter((x) => x.value === cell.value));
      if (same.length > 1) {
        log.failed('channels.timeLimit', `${label}: time column "${cell.text}" has no unit and the description gives it two units`);
        return null;
      }
      // The national portal's default unit is the working day ("Thời hạn giải quyết: 1" = 1 working day): read
      // it so, marked 'unit_inferred' and warned, so that an admin reviews it (GET /admin/procedures/inferred-units).
      log.warn('channels.timeLimit', `${label}: time column "${cell.text}" has no unit; read as working days (đơn vị suy ra)`);
      return { value: cell.value, unit: 'working_days', text: cell.text, from: 'unit_inferred' };
    }
    case 'none': {
      // Only an empty column falls back to the description; "Không quy định" is an answer, not a gap to fill.
      const t = cell.explicit ? null : timeFromDescription(description, null);
      if (t) {
        log.warn('channels.timeLimit', `${label}: time column empty; taken from description "${t.text}"`);
        return t;
      }
      log.missing('channels.timeLimit', `${label}: ${cell.detail}`);
      return null;
    }
    case 'failed': {
      log.failed('channels.timeLimit', `${label}: ${cell.detail}`);
      return null;
    }
  }
}

function feeProblems(cell: PortalFeeCell, label: string, log: IssueLog): Fee[] {
  if (cell.kind === 'none') {
    log.missing('channels.fees', `${label}: fee column says "Không có thông tin"`);
    return [];
  }
  if (cell.kind === 'unknown' || !cell.fee) {
    log.failed('channels.fees', `${label}: fee column not found`);
    return [];
  }
  if (cell.problem) log.failed('channels.fees', `${label}: ${cell.problem}`);
  if (cell.kind === 'free' && cell.fee.note && noteQuotesAmount(cell.fee.note)) {
    log.warn('channels.fees', `${label}: "Miễn phí" but the note quotes an amount: "${excerpt(cell.fee.note)}"`);
  }
  return [cell.fee];
}

/** Main-set `cach_thuc_thuc_hien`. */
export function parsePortalChannels(raw: string, log: IssueLog): Channel[] {
  const text = nfc(raw).trim();
  if (isNoInfo(text)) {
    log.missing('channels', 'no channel table in source');
    return [];
  }
  let table = text;
  if (table.startsWith(PORTAL_HEADER)) table = table.slice(PORTAL_HEADER.length);
  else log.warn('channels', 'channel table header not found');
  if (clean(table) === '') {
    log.missing('channels', 'channel table is empty');
    return [];
  }
  const { rows, leading } = splitPortalRows(table);
  if (rows.length === 0) {
    log.failed('channels', `no channel row found in "${excerpt(table)}"`);
    return [];
  }
  if (clean(leading) !== '') log.failed('channels', `text before the first channel row: "${excerpt(leading)}"`);
  const channels: Channel[] = [];
  const seen = new Map<ChannelKind, number>();
  for (const row of rows) {
    const n = (seen.get(row.kind) ?? 0) + 1;
    seen.set(row.kind, n);
    const label = n > 1 ? `${LABEL[row.kind]} #${n}` : LABEL[row.kind];
    const time = readTimeCell(row.body);
    let fees: Fee[] = [];
    let description: string;
    if (time.glued) {
      // "Trực tuyến120 VNĐ(20.000 đ/tờ khai)": which digits are the time and which the fee cannot be told.
      const feeCell = readPortalFeeCell(time.rest);
      description = cleanMultiline(time.rest.slice(feeCell.consumed));
      if (feeCell.fee) {
        fees = [{ ...feeCell.fee, amount: null, amountVnd: null }];
        log.failed('channels.fees', `${label}: time and fee digits run together in "${time.glued}"; amount not read`);
      } else {
        log.failed('channels.fees', `${label}: fee column not found`);
      }
    } else {
      const feeCell = readPortalFeeCell(time.rest);
      description = cleanMultiline(time.rest.slice(feeCell.consumed));
      fees = feeProblems(feeCell, label, log);
    }
    const timeLimit = applyTimeCell(time.cell, description, label, log);
    channels.push({ kind: row.kind, timeLimit, timeText: time.raw, fees, description });
  }
  return channels;
}

/** Defence-set `tables.hinh_thuc_nop`. */
export function parseDefenceChannels(rows: unknown, log: IssueLog): Channel[] {
  const list = asArray(rows);
  if (list.length === 0) {
    log.missing('channels', 'no channel rows in source');
    return [];
  }
  const channels: Channel[] = [];
  for (const r of list) {
    const row = asRecord(r);
    const labelRaw = clean(asString(row.hinh_thuc));
    const kind = channelKindOf(labelRaw);
    if (!kind) {
      log.failed('channels', `unknown channel "${labelRaw}"`);
      continue;
    }
    const label = LABEL[kind];
    const description = cleanMultiline(asString(row.mo_ta));
    const timeRaw = clean(asString(row.thoi_han_giai_quyet));
    const cell = parseTimeCell(timeRaw);
    const timeLimit = applyTimeCell(cell, description, label, log);
    const feeRaw = asString(row.phi_le_phi);
    let fees: Fee[] = [];
    if (isNoInfo(feeRaw)) {
      log.missing('channels.fees', `${label}: fee column empty`);
    } else {
      const parsed = parseDefenceFees(feeRaw);
      fees = parsed.fees;
      for (const p of parsed.problems) log.failed('channels.fees', `${label}: ${p}`);
    }
    channels.push({ kind, timeLimit, timeText: timeRaw || null, fees, description });
  }
  return channels;
}

