/**
 * Dossier components ("thành phần hồ sơ").
 *
 * Main set: the portal table flattened with no separators. Each group is
 *   <group heading>"Tên giấy tờMẫu đơn, tờ khaiSố lượng"<row><row>…
 * and each row is <document name><template file name(s), optional><count>, where the count cell is
 * "1 bản chính" or "0 bản chính,1 bản sao". The count cell is recognised as a count only where it is not followed
 * by a space or punctuation (a count written inside the name, "nộp 02 bản chính tờ khai", is); when a name ends in
 * digits they run into the count ("…ngày 01/01/20261 bản chính"): counts are single digits in this data, so of a
 * longer digit run glued to the name only the last digit is the count.
 *
 * Defence set: rows {ten_giay_to, so_luong (= template file), ghi_chu ("Bản chính: 1\nBản sao: 0")}.
 */

import type { Component } from './catalog.parse-types.js';
import { asArray, asRecord, asString, clean, excerpt, isNoInfo, nfc, type IssueLog } from './catalog.parse-util.js';

const GROUP_HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';
const COUNT =
  /(\d+) bản chính(?:,(\d+) bản sao)?(?=$|[^\s;.,:)\]])(?!\d+ bản (?:chính|sao)(?:,\d+ bản sao)?(?:$|[^\s;.,:)\]]))/gu;
const TEMPLATE_EXT = /\.(?:docx?|pdf|xlsx?|rtf|odt|zip|rar)\s*$/i;
/** Between two glued file names: after an extension, before a non-space that does not continue it (".doc"+"x"). */
const TEMPLATE_SPLIT = /(?<=\.(?:docx?|DOCX?|Docx?|pdf|PDF|xlsx?|XLSX?|rtf|odt|zip|rar))(?![a-z])(?=\S)/;

const isLl = (c: string | undefined) => c !== undefined && /\p{Ll}/u.test(c);
const isLu = (c: string | undefined) => c !== undefined && /\p{Lu}/u.test(c);
const isL = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[.;:,)\]]/.test(c);

function runLength(s: string, end: number, test: (c: string) => boolean): number {
  let n = 0;
  for (let i = end; i >= 0 && test(s[i]); i--) n++;
  return n;
}

/**
 * Where a template file name starts inside "<name><file>.docx". The columns were joined without a separator, so
 * look for the first place where two texts were glued:
 *  (a) a lower-case word running into an upper-case letter: "sinh họcĐơn đề nghi.CSBT.docx", "theo mẫuTK 1.docx"
 *      (needs ≥2 lower-case letters before, so "VNeID", "eKYC" are not split);
 *  (b) punctuation with no space after it: "…của Chính phủ.Mẫu số 19.docx", "…TT-BTC;315Phụ lục II.docx",
 *      "…NĐ-CP..Mẫu số 09.docx", "…TT-NHNN; ;PL IV TT 53.docx". A single '.' is not a boundary inside numbers
 *      ("1.5"), short abbreviations ("TP.HCM") or "06.MTCN"-like codes;
 *  (c) an acronym or a number running into a capitalised word: "…2026/NĐ-CPMẫu số 19.docx", "…năm 2026Mẫu số 11.docx";
 *  (d) a word running into a file name with no space in it: "…theo mẫu1.000312.docx".
 * The first such place whose file name is not prose (≤ 150 characters up to its extension) wins, so a glue inside
 * the name ("…bổ sung; (ii)Cam kết về việc …quan.Phụ lục I.docx") is skipped.
 * If none is found, a lower-case word glued to "mẫu"/"mau"/"phụ lục" ("…hết hạnmau so 20.doc") is used.
 * Returns -1 when there is no such place.
 */
export function templateStart(item: string): number {
  const firstExt = /\.(?:docx?|DOCX?|Docx?|pdf|PDF|xlsx?|XLSX?|rtf|odt|zip|rar)(?![a-z])/.exec(item);
  const firstEnd = firstExt ? (firstExt.index ?? 0) : item.length;
  let fallback = -1;
  for (const p of gluePoints(item)) {
    if (firstEnd - p <= 150) return p;
    if (fallback < 0) fallback = p;
  }
  return fallback;
}

function isGluePoint(item: string, p: number): boolean {
  const prev = item[p - 1];
  const cur = item[p];
  const next = item[p + 1];
  // (a)
  if (isLl(prev) && isLu(cur) && runLength(item, p - 1, (c) => isLl(c)) >= 2) return true;
  // (b); never inside a file extension (".docx" of an earlier template).
  if (prev === '.' && /^(?:docx?|pdf|xlsx?|rtf|odt|zip|rar)/i.test(item.slice(p))) return false;
  if (isPunct(prev) && !isSpace(cur) && !isPunct(cur) && cur !== '(' && cur !== '-' && cur !== '/') {
    let q = p - 1;
    while (q >= 0 && /[.;:,)\] ]/.test(item[q])) q--;
    const run = item.slice(q + 1, p);
    const before = item[q];
    if (run !== '.') return before !== undefined && (isL(before) || /\d/.test(before) || before === ')');
    if (/\d/.test(before ?? '')) {
      // "…ngày 19/05/2026.Mẫu số 04.docx" but not "1.5", "06.MTCN.docx".
      return isLu(cur) && (isLl(next) || next === ' ');
    }
    const token = /[\p{L}\d-]*$/u.exec(item.slice(0, p - 1))?.[0] ?? '';
    const shortAbbrev = /^\p{Lu}{1,2}$/u.test(token);
    return (isL(before) && !shortAbbrev) || before === ')';
  }
  // (c)
  if ((isLu(prev) || /\d/.test(prev)) && isLu(cur) && isLl(next)) {
    const run = runLength(item, p - 1, (c) => isLu(c) || /\d/.test(c));
    if (run >= 2 || /\d/.test(prev)) return true;
  }
  // (d)
  return isLl(prev) && /\d/.test(cur) && runLength(item, p - 1, (c) => isLl(c)) >= 2 && !/\s/.test(item.slice(p));
}

function* gluePoints(item: string): Generator<number> {
  // The file name needs a base name: never start at (or after) the extension's dot.
  const extDot = item.search(TEMPLATE_EXT);
  const limit = extDot < 0 ? item.length : extDot;
  for (let p = 1; p < limit; p++) if (isGluePoint(item, p)) yield p;
  const glued = /(?<=\p{Ll})(mẫu|mau|phụ lục|phu luc|phl)/giu;
  let hit = -1;
  for (const m of item.matchAll(glued)) if ((m.index ?? 0) < limit) hit = m.index ?? -1;
  if (hit > 0) yield hit;
}

export interface SplitItem {
  name: string;
  templates: string[];
  /** true when the item ends in a file name that could not be separated from the document name. */
  unsplit: boolean;
}

export function splitNameAndTemplates(itemRaw: string): SplitItem {
  const item = clean(itemRaw);
  if (!TEMPLATE_EXT.test(item)) return { name: item, templates: [], unsplit: false };
  const p = templateStart(item);
  if (p <= 0) return { name: item, templates: [], unsplit: true };
  const name = item.slice(0, p).trim();
  const templates = item
    .slice(p)
    .split(TEMPLATE_SPLIT)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return { name, templates, unsplit: false };
}

/** Presentation bullets and trailing separators are not part of a document name. */
function tidyName(s: string): string {
  return clean(s)
    .replace(/^[-+*•–]+\s*/, '')
    .replace(/\s*[;,]$/, '')
    .trim();
}

/** "(nếu có)", "… trong trường hợp ủy quyền …": a paper needed only in some situations. */
const CONDITIONAL = /\(nếu có\)|\bnếu có\b|(?<![\p{L}])trong (các )?trường hợp(?![\p{L}])/iu;
const CONDITIONAL_START = /^(trường hợp|đối với|nếu|riêng|ngoài ra)\b/i;
/** "Bản sao có chứng thực …", "Bản sao hộ chiếu có chứng thực", "bản sao chứng thực". */
const CERTIFIED = /bản sao(?: [^.;()]{0,60}?)? (?:có |được )?chứng thực/i;
const CERTIFIED_ALTERNATIVE = /hoặc|bản chụp|bản sao điện tử|bản sao kèm/i;

export function isRequired(name: string, originals: number, copies: number): boolean {
  if (originals === 0 && copies === 0) return false;
  if (CONDITIONAL.test(name)) return false;
  if (CONDITIONAL_START.test(name)) return false;
  return true;
}

export function certifiedOf(name: string, copies: number): number {
  return copies > 0 && CERTIFIED.test(name) && !CERTIFIED_ALTERNATIVE.test(name) ? copies : 0;
}

function groupOf(heading: string): string | undefined {
  const g = clean(heading);
  if (g === '' || /^-+$/.test(g)) return undefined;
  return g;
}

/** Main-set `thanh_phan_ho_so`. */
export function parsePortalComponents(raw: string, log: IssueLog): Component[] {
  const text = nfc(raw).trim();
  if (isNoInfo(text)) {
    log.missing('components', 'no component table in source');
    return [];
  }
  const segments = text.split(GROUP_HEADER);
  if (segments.length === 1) {
    log.failed('components', `component table header not found: "${excerpt(text)}"`);
    return [];
  }
  const out: Component[] = [];
  let heading = segments[0];
  let unsplit = 0;
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i];
    const group = groupOf(heading);
    let last = 0;
    for (const m of seg.matchAll(COUNT)) {
      const start = m.index ?? 0;
      let itemText = seg.slice(last, start);
      let digits = m[1];
      const glued = start > last && !isSpace(seg[start - 1]);
      if (digits.length > 2 || (digits.length > 1 && glued)) {
        // "…ngày 01/01/2026" + "1 bản chính": only the last digit is the count.
        itemText += digits.slice(0, -1);
        digits = digits.slice(-1);
      }
      last = start + m[0].length;
      const originals = Number(digits);
      const copies = m[2] !== undefined ? Number(m[2]) : 0;
      const split = splitNameAndTemplates(itemText);
      const name = tidyName(split.name);
      if (split.unsplit) unsplit++;
      if (name === '' && split.templates.length === 0) {
        log.failed('components', `count "${m[0]}" without a document name${group ? ` in group "${excerpt(group, 40)}"` : ''}`);
        continue;
      }
      const component: Component = {
        name,
        template: split.templates[0] ?? null,
        templates: split.templates,
        originals,
        certifiedCopies: certifiedOf(name, copies),
        copies,
        required: isRequired(name, originals, copies),
      };
      if (group !== undefined) component.group = group;
      out.push(component);
    }
    const tail = seg.slice(last);
    if (i + 1 < segments.length) {
      heading = tail;
    } else if (clean(tail) !== '' && !/^-+$/.test(clean(tail))) {
      log.failed('components', `text without a count after the last row: "${excerpt(tail)}"`);
    }
  }
  if (unsplit > 0) {
    log.failed('components.template', `${unsplit} row(s) end in a file name that could not be separated from the document name`);
  }
  if (out.length === 0 && !log.issues.some((x) => x.field === 'components')) {
    // A table with headers only ("--Tên giấy tờMẫu đơn, tờ khaiSố lượng") has no rows.
    if (segments.slice(1).every((s) => clean(s) === '' || /^-+$/.test(clean(s)))) {
      log.missing('components', 'component table has no rows');
    } else {
      log.failed('components', `no row with a count found in "${excerpt(text)}"`);
    }
  }
  return out;
}

function countOf(note: string, label: RegExp): number | null {
  const m = label.exec(note);
  if (!m) return null;
  return Number(m[1]);
}

/** Defence-set `tables.thanh_phan_ho_so`. */
export function parseDefenceComponents(rows: unknown, log: IssueLog): Component[] {
  const list = asArray(rows);
  if (list.length === 0) {
    log.missing('components', 'no component rows in source');
    return [];
  }
  const out: Component[] = [];
  for (const r of list) {
    const row = asRecord(r);
    const name = tidyName(asString(row.ten_giay_to));
    const note = clean(asString(row.ghi_chu));
    const templates = nfc(asString(row.so_luong))
      .split(/\n/)
    .flatMap((t) => t.split(TEMPLATE_SPLIT))
      .map((t) => clean(t))
      .filter((t) => t !== '');
    const originals = countOf(note, /Bản chính:\s*(\d+)/i);
    const copies = countOf(note, /Bản sao:\s*(\d+)/i);
    if (name === '') {
      log.failed('components', `row without a document name (note "${excerpt(note, 40)}")`);
      continue;
    }
    if (originals === null && copies === null) {
      log.failed('components', `"${excerpt(name, 50)}": counts not found in "${excerpt(note, 40)}"`);
    }
    out.push({
      name,
      template: templates[0] ?? null,
      templates,
      originals: originals ?? 0,
      certifiedCopies: certifiedOf(name, copies ?? 0),
      copies: copies ?? 0,
      required: isRequired(name, originals ?? 1, copies ?? 0),
    });
  }
  return out;
}
