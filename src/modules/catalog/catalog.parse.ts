/**
 * Parse crawled TTHC (administrative procedure) records into a normalised structure.
 *
 * - parseNationalRecord: one record of reference-data/tthc/tthc_bo_nganh_2026-07.jsonl.gz (national portal crawl,
 *   table fields flattened to text) or of tthc_sample_18_common.json (same shape).
 * - parseDefenceRecord: one record of reference-data/tthc/tthc_bqp_structured_207.jsonl (Ministry of Defence,
 *   tables already structured).
 *
 * Pure: no database, no file system. Never throws on bad input; what cannot be read is reported in `issues`
 * ('missing' = the source has nothing, 'failed' = the source has text that could not be parsed) and the verbatim
 * text stays available for an admin. Values are never guessed.
 */

import { applyTextFallbacks } from './catalog.time-fallbacks.js';
import { applyStepsTime, parseDefenceChannels, parsePortalChannels } from './catalog.parse-channels.js';
import { parseDefenceComponents, parsePortalComponents } from './catalog.parse-components.js';
import { parseDefenceLegalBasis, parsePortalLegalBasis } from './catalog.parse-legal.js';
import { parseDefenceResults, parsePortalResults } from './catalog.parse-results.js';
import type { Level, ParsedProcedure } from './catalog.parse-types.js';
import {
  asRecord,
  asString,
  clean,
  cleanMultiline,
  excerpt,
  isExplicitNone,
  isNoInfo,
  IssueLog,
} from './catalog.parse-util.js';

export type {
  ChannelKind,
  TimeUnit,
  Level,
  TimeLimit,
  Fee,
  Channel,
  Component,
  LegalBasis,
  ResultDoc,
  ParseIssue,
  ParseWarning,
  IssueStatus,
  ParsedProcedure,
  ParseField,
} from './catalog.parse-types.js';
export { PARSE_FIELDS } from './catalog.parse-types.js';

/** National procedure code (domain-vn.md §5.3): "d.dddddd", optionally with local suffixes ("1.000948.H38"). */
export const PROCEDURE_CODE = /^\d\.\d{6}(?:\.[A-Za-z0-9]+)*$/;

/**
 * Levels ("cấp thực hiện"), comma-joined: "Cấp bộ", "Cấp tỉnh", "Cấp xã" (main set, lower case) and
 * "Cấp Bộ", "Cấp Tỉnh", "Cấp Xã" (defence set). "Cơ quan khác" ("other agency") is not a level of government:
 * it is kept verbatim in `otherLevels`.
 *
 * "Cấp huyện" (district): districts were abolished by the two-tier local government reform in force from
 * 1 July 2025, and district-level procedures passed to the commune level (a few to the province). Neither data
 * set contains "Cấp huyện" (the records were re-published after the reform), but an older record that still says
 * so is read as 'commune' — the current reading for almost all of them — with a warning so an admin checks it.
 */
export function parseLevels(raw: string, log: IssueLog): { levels: Level[]; otherLevels: string[] } {
  const levels: Level[] = [];
  const otherLevels: string[] = [];
  const text = clean(raw);
  if (isNoInfo(text)) {
    log.missing('levels', 'no level in source');
    return { levels, otherLevels };
  }
  const add = (l: Level) => {
    if (!levels.includes(l)) levels.push(l);
  };
  for (const token of text.split(/[,;]/).map((t) => t.trim()).filter((t) => t !== '')) {
    const t = token.toLowerCase();
    if (/^cấp (bộ|trung ương)$/.test(t)) add('ministry');
    else if (/^cấp tỉnh$/.test(t)) add('province');
    else if (/^cấp (xã|phường|xã, phường)$/.test(t)) add('commune');
    else if (/^cấp huyện$/.test(t)) {
      add('commune');
      log.warn('levels', '"Cấp huyện" read as commune level (districts abolished from 01/07/2025)');
    } else if (/^cơ quan khác$/.test(t)) otherLevels.push(token);
    else {
      otherLevels.push(token);
      log.failed('levels', `unknown level "${token}"`);
    }
  }
  return { levels, otherLevels };
}

/** "Quyết định số 6225/QĐ-BQP" → "6225/QĐ-BQP"; "3980 /QĐ-BQP" → "3980/QĐ-BQP". Text without a number is kept. */
export function normaliseDecisionNumber(raw: string): string | null {
  let t = clean(raw);
  if (isNoInfo(t)) return null;
  t = t.replace(/^quyết định\s*(số)?\s*:?\s*/i, '').replace(/\s*\/\s*/g, '/');
  return t === '' ? null : t;
}

function text1(v: unknown, field: string, log: IssueLog, what: string): string | null {
  const t = clean(asString(v));
  if (isNoInfo(t)) {
    log.missing(field, `no ${what} in source`);
    return null;
  }
  return t;
}

function textN(v: unknown, field: string, log: IssueLog, what: string): string | null {
  const raw = asString(v);
  if (isNoInfo(raw)) {
    log.missing(field, `no ${what} in source`);
    return null;
  }
  return cleanMultiline(raw);
}

/** Requirements: "Không"/"Không có" is an explicit "no conditions" → null without an issue. */
function requirementsOf(v: unknown, log: IssueLog): string | null {
  const raw = asString(v);
  if (isNoInfo(raw)) {
    log.missing('requirements', 'no requirements in source');
    return null;
  }
  if (isExplicitNone(raw)) return null;
  return cleanMultiline(raw);
}

function codeOf(v: unknown, log: IssueLog): string {
  const code = clean(asString(v));
  if (code === '') log.missing('code', 'no procedure code in source');
  else if (!PROCEDURE_CODE.test(code)) log.failed('code', `procedure code "${excerpt(code, 30)}" does not match d.dddddd`);
  return code;
}

function optional(v: unknown): string | null {
  const t = clean(asString(v));
  return isNoInfo(t) ? null : t;
}

/** One record of the national portal crawl (main set, flattened text fields). */
export function parseNationalRecord(raw: unknown): ParsedProcedure {
  const r = asRecord(raw);
  const log = new IssueLog();
  const code = codeOf(r.ma_thu_tuc, log);
  const name = text1(r.ten_thu_tuc, 'name', log, 'procedure name') ?? '';
  const { levels, otherLevels } = parseLevels(asString(r.cap_thuc_hien), log);
  const decisionNumber = normaliseDecisionNumber(asString(r.so_quyet_dinh));
  if (decisionNumber === null) log.missing('decisionNumber', 'no decision number in source');
  const resultDocs = parsePortalResults(asString(r.ket_qua_xu_ly), log);
  const p: ParsedProcedure = {
    code,
    name,
    field: text1(r.linh_vuc, 'field', log, 'field (lĩnh vực)'),
    fieldCode: null,
    levels,
    otherLevels,
    implementingAgency: text1(r.co_quan_thuc_hien, 'implementingAgency', log, 'implementing agency'),
    competentAgency: optional(r.co_quan_co_tham_quyen),
    applicants: text1(r.doi_tuong_thuc_hien, 'applicants', log, 'applicants'),
    steps: textN(r.trinh_tu_thuc_hien, 'steps', log, 'steps'),
    channels: parsePortalChannels(asString(r.cach_thuc_thuc_hien), log),
    components: parsePortalComponents(asString(r.thanh_phan_ho_so), log),
    results: resultDocs.map((d) => d.name),
    resultDocs,
    legalBasis: parsePortalLegalBasis(asString(r.can_cu_phap_ly), log),
    requirements: requirementsOf(r.yeu_cau_dieu_kien, log),
    procedureType: optional(r.loai_thu_tuc),
    receivingAddress: optional(r.dia_chi_tiep_nhan),
    source: 'national',
    sourceUrl: optional(r.detail_url),
    decisionNumber,
    issues: log.issues,
    warnings: log.warnings,
  };
  // The portal id; when the crawl left formality_id empty, the same id ends the detail URL.
  applyStepsTime(p.channels, p.steps, log);
  applyTextFallbacks(p, log);
  p.issues = log.issues;
  const sourceId = optional(r.formality_id) ?? /\/thu-tuc-hanh-chinh\/([0-9a-f-]{36})$/i.exec(p.sourceUrl ?? '')?.[1];
  if (sourceId) p.sourceId = sourceId;
  return p;
}

/** One record of the Ministry of Defence set (structured tables). */
export function parseDefenceRecord(raw: unknown): ParsedProcedure {
  const r = asRecord(raw);
  const meta = asRecord(r.metadata);
  const content = asRecord(r.content);
  const tables = asRecord(r.tables);
  const log = new IssueLog();
  const codeRaw = clean(asString(meta['mã_thủ_tục'])) || clean(asString(r.thu_tuc_id));
  const code = codeOf(codeRaw, log);
  const name = text1(meta['tên_thủ_tục'], 'name', log, 'procedure name') ?? '';
  const { levels, otherLevels } = parseLevels(asString(meta['cấp_thực_hiện']), log);
  const decisionNumber = normaliseDecisionNumber(asString(meta['số_quyết_định']));
  if (decisionNumber === null) log.missing('decisionNumber', 'no decision number in source');
  const resultDocs = parseDefenceResults(asString(content['kết_quả_thực_hiện']), log);
  const channels = parseDefenceChannels(tables.hinh_thuc_nop, log);
  const p: ParsedProcedure = {
    code,
    name,
    field: text1(meta['lĩnh_vực'], 'field', log, 'field (lĩnh vực)'),
    fieldCode: null,
    levels,
    otherLevels,
    implementingAgency: text1(content['cơ_quan_thực_hiện'], 'implementingAgency', log, 'implementing agency'),
    competentAgency: optional(content['cơ_quan_có_thẩm_quyền']),
    applicants: text1(content['đối_tượng_thực_hiện'], 'applicants', log, 'applicants'),
    steps: textN(content['trình_tự_thực_hiện'], 'steps', log, 'steps'),
    channels,
    components: parseDefenceComponents(tables.thanh_phan_ho_so, log),
    results: resultDocs.map((d) => d.name),
    resultDocs,
    legalBasis: parseDefenceLegalBasis(tables.can_cu_phap_ly, log),
    requirements: requirementsOf(content['yêu_cầu_điều_kiện_thực_hiện'], log),
    procedureType: optional(meta['loại_thủ_tục']),
    receivingAddress: optional(content['địa_chỉ_tiếp_nhận_hs']),
    source: 'defence',
    sourceUrl: null,
    decisionNumber,
    issues: log.issues,
    warnings: log.warnings,
  };
  const sourceId = optional(r.source_file);
  if (sourceId) p.sourceId = sourceId;
  return p;
}
