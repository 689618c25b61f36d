/**
 * Legal basis ("căn cứ pháp lý").
 *
 * Main set: "Tên văn bản pháp lýMã văn bản" then rows <title><number> with no separator, e.g.
 *   "Luật 54/2014/QH1354/2014/QH13Thông tư 92/2015/TT-BTC92/2015/TT-BTC".
 * A number cell is a document number ("54/2014/QH13", "5166/QĐ-BQP") glued to the next title (or the end of
 * the text); numbers inside a title are followed by a space or punctuation. When the number's digits touch the
 * digits that end the title ("…/QH13" + "54/2014/QH13"), the split that makes the title end with the same number,
 * or end with a complete year / legislature suffix, is chosen.
 *
 * Defence set: rows {so_ky_hieu, trich_yeu, ngay_ban_hanh "DD-MM-YYYY", co_quan_ban_hanh}.
 */

import type { LegalBasis } from './catalog.parse-types.js';
import { asArray, asRecord, asString, clean, excerpt, isNoInfo, nfc, type IssueLog } from './catalog.parse-util.js';

const HEADER = 'Tên văn bản pháp lýMã văn bản';
const SUFFIX_SEG = '(?:TTg|[A-ZĐ][A-ZĐ0-9&]*)';
/** "54/2014/QH13", "66.7/2025/NQ-CP", "5166/QĐ-BQP". A decimal part only after ≤3 digits ("năm 2001.22/…"). */
const NUMBER_CORE = `(?<!\\d)(?:\\d{1,3}\\.\\d{1,2}|\\d+)\\/(?:\\d{4}\\/)?${SUFFIX_SEG}(?:[-/]${SUFFIX_SEG})*`;
/**
 * A number cell: a document number directly followed by the next title (a capitalised word, so the upper-case
 * suffix does not swallow the title's first letter: "…NĐ-CPNghị định"), an all-capitals title ("…TT-BCAQUY ĐỊNH",
 * accepted only where a known issuer code ends the number) or the end of the text.
 */
const NUMBER_CELL = new RegExp(`${NUMBER_CORE}(?!Tg)(?=\\p{Lu}\\p{Ll}|\\p{Lu}{2,}[\\s,]|\\s*$)`, 'gu');
const NUMBER_ANYWHERE = new RegExp(`(?<!\\/)${NUMBER_CORE}`, 'u');
/** A document type word glued to the end of a title: it belongs to the number cell ("Thông tư số 03/2023/TT-BTP"). */
const TRAILING_DOC_TYPE =
  /^(.*?[\p{Ll}.;)])\s*((?:Bộ luật|Luật|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết|Pháp lệnh|Chỉ thị)(?:\s+số)?)\s*$/u;

/** Common last segments of document numbers (issuers), used to finish a number the title start cut short. */
const KNOWN_ISSUER =
  /^(CP|TTg|QH\d{1,2}|UBTVQH\d{1,2}|BTC|BCA|BTP|BXD|NHNN|BNNMT|BNNPTNT|BTNMT|BGTVT|BCT|BYT|BLĐTBXH|BQP|BNV|BKHĐT|BGDĐT|BVHTTDL|BTTTT|BKHCN|VPCP|TANDTC|VKSNDTC|UBND|HĐND|HĐTP|BNG|UBDT|TTCP)$/;

/** Choose how many leading digits of a glued number belong to the title. */
function shiftFor(before: string, digits: string, rest: string): number {
  let fallback = 0;
  for (let k = 1; k < digits.length; k++) {
    const title = before + digits.slice(0, k);
    const number = digits.slice(k) + rest;
    if (title.endsWith(number)) return k;
    if (fallback === 0 && (/(?:^|\D)(?:19|20)\d{2}$/.test(title) || /(QH|UBTVQH)\d{2}$/.test(title))) fallback = k;
  }
  return fallback;
}

function tidyTitle(s: string): string {
  let t = clean(s);
  const m = TRAILING_DOC_TYPE.exec(t);
  if (m && clean(m[1]).length > 0) t = clean(m[1]);
  return t.replace(/^[-+*•]\s*/, '');
}

export function parsePortalLegalBasis(raw: string, log: IssueLog): LegalBasis[] {
  const text0 = nfc(raw).trim();
  if (isNoInfo(text0)) {
    log.missing('legalBasis', 'no legal basis in source');
    return [];
  }
  let text = text0;
  if (text.startsWith(HEADER)) text = text.slice(HEADER.length);
  else log.warn('legalBasis', 'legal basis header not found');
  if (clean(text) === '') {
    log.missing('legalBasis', 'legal basis table is empty');
    return [];
  }
  const out: LegalBasis[] = [];
  let last = 0;
  let glued = 0;
  for (const m of text.matchAll(NUMBER_CELL)) {
    let start = m.index ?? 0;
    if (start < last) continue;
    let number = m[0];
    const lead = /^\d+/.exec(number)![0];
    const prev = text[start - 1];
    if (lead.length > 4 || (lead.length > 1 && prev !== undefined && /[\dA-ZĐ/]/.test(prev))) {
      // When the digits may continue the title: "…/QH13" + "54/2014/QH13" matched as "1354/2014/QH13",
      // "Luật Cư trú 2020" + "68/2020/QH14" matched as "202068/2020/QH14".
      const k = shiftFor(text.slice(last, start), lead, number.slice(lead.length));
      if (k > 0) {
        start += k;
        number = number.slice(k);
      } else if (lead.length > 4) {
        glued++;
      }
    }
    let end = (m.index ?? 0) + m[0].length;
    if (/^\p{Lu}{2,}[\s,]/u.test(text.slice(end))) {
      // All-capitals next title: the regex cut the suffix anywhere; keep the number only up to a known issuer.
      const seg = /[^-/]*$/.exec(number)![0];
      let cut = -1;
      for (let j = seg.length; j > 0 && cut < 0; j--) {
        if (KNOWN_ISSUER.test(seg.slice(0, j))) cut = j;
      }
      if (cut < 0) continue; // not a number cell after all: leave it inside the next title
      end -= seg.length - cut;
      number = number.slice(0, number.length - (seg.length - cut));
    }
    // "…NĐ-C" + "Pquy định…": the regex stopped so that a capitalised word follows, but the next title starts in
    // lower case; give back the capitals that complete a known issuer code ("NĐ-CP").
    const more = /^[A-ZĐ0-9]+/.exec(text.slice(end))?.[0] ?? '';
    const lastSeg = /[^-/]*$/.exec(number)![0];
    for (let j = more.length; j > 0; j--) {
      if (KNOWN_ISSUER.test(lastSeg + more.slice(0, j)) && !KNOWN_ISSUER.test(lastSeg)) {
        number += more.slice(0, j);
        end += j;
        break;
      }
    }
    const title = tidyTitle(text.slice(last, start));
    last = end;
    out.push({ number, title: title === '' ? number : title });
  }
  const tail = clean(text.slice(last));
  if (tail !== '') {
    out.push({ number: null, title: tidyTitle(tail) });
    log.warn('legalBasis', `last entry has no document number: "${excerpt(tail, 60)}"`);
  }
  if (glued > 0) log.failed('legalBasis', `${glued} document number(s) run into the preceding title digits`);
  if (out.length === 0) log.failed('legalBasis', `no document found in "${excerpt(text)}"`);
  return out;
}

/** "24-03-2021" / "24/03/2021" → "2021-03-24"; null when not a valid date. */
export function isoDate(raw: string): string | null {
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(clean(raw));
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function parseDefenceLegalBasis(rows: unknown, log: IssueLog): LegalBasis[] {
  const list = asArray(rows);
  if (list.length === 0) {
    log.missing('legalBasis', 'no legal basis rows in source');
    return [];
  }
  const out: LegalBasis[] = [];
  for (const r of list) {
    const row = asRecord(r);
    const numberRaw = clean(asString(row.so_ky_hieu));
    const title = clean(asString(row.trich_yeu));
    const dateRaw = clean(asString(row.ngay_ban_hanh));
    const issuer = clean(asString(row.co_quan_ban_hanh)) || null;
    let number: string | null = null;
    const inCell = NUMBER_ANYWHERE.exec(numberRaw);
    if (inCell) {
      number = inCell[0];
    } else if (/^\d+$/.test(numberRaw)) {
      // "12" with the title "Quyết định số 12/2021/QĐ-TTg …": the full number is in the title.
      const full = new RegExp(`(?<![\\d/])${numberRaw}\\/(?:\\d{4}\\/)?${SUFFIX_SEG}(?:[-/]${SUFFIX_SEG})*`, 'u').exec(title);
      if (full) number = full[0];
      else log.warn('legalBasis', `number "${numberRaw}" is incomplete and the title does not give it`);
    } else if (numberRaw !== '') {
      log.warn('legalBasis', `no document number in "${excerpt(numberRaw, 50)}"`);
    }
    if (title === '' && numberRaw === '') continue;
    const issuedAt = dateRaw === '' ? null : isoDate(dateRaw);
    if (dateRaw !== '' && issuedAt === null) log.warn('legalBasis', `unreadable date "${dateRaw}"`);
    out.push({ number, title: title || numberRaw, issuedAt, issuer });
  }
  if (out.length === 0) log.missing('legalBasis', 'legal basis rows are empty');
  return out;
}
