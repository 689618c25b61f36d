/**
 * Results ("kết quả thực hiện").
 *
 * Main set: "<name>Mã: <code><name>Mã: <code>…Từ khóa<…>Mô tả<…>" followed by page UI text that starts at
 * "Chọn cơ quan thực hiện" (stripped). Codes look like "KQ.G15.000031", "000.00.00.G09-KQ002269".
 * Defence set: free text, one result per line when the lines are bulleted.
 */

import type { ResultDoc } from './catalog.parse-types.js';
import { clean, excerpt, isNoInfo, nfc, type IssueLog } from './catalog.parse-util.js';

const UI_TAIL = 'Chọn cơ quan thực hiện';
/** Known result-code shapes, matched at the start of the text after "Mã:". */
const CODE = /^(?:[A-Z]{2,3}[.-][A-Z]\d{2}\.\d+|\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-[A-Z]{2,3}\d+|[A-Z]{2,3}\.\d+)/;
/**
 * Other codes seen ("G19-KQ006098", "KQ-G10-KQ-000002", "12231", test junk like "hgvg6"): the longest ASCII token,
 * minus a trailing capitalised fragment that is the start of the next result name ("Test_P001" + "Từ…").
 */
function looseCode(part: string): string | null {
  const m = /^[A-Za-z0-9._\-/]+/.exec(part);
  if (!m) return null;
  let code = m[0];
  const after = part[code.length];
  if (after !== undefined && /\p{L}/u.test(after)) {
    // "…002223" + "văn bản": drop the lower-case start of the next name; "…P001" + "Từ": drop "T".
    const cut = code.search(/[A-Z][a-z]*$/);
    code = cut >= 0 ? code.slice(0, cut) : code.replace(/[a-z]+$/, '');
  }
  return code === '' ? null : code;
}

/** Bullets and trailing separators are not part of a result name. */
function tidy(s: string): string {
  return clean(s)
    .replace(/^[-+*•]+\s*/, '')
    .replace(/\s*[;,]$/, '')
    .trim();
}

export function parsePortalResults(raw: string, log: IssueLog): ResultDoc[] {
  let text = nfc(raw);
  const ui = text.indexOf(UI_TAIL);
  if (ui >= 0) text = text.slice(0, ui);
  // "Từ khóa…Mô tả…" trailer (keywords and description, nearly always "Không có thông tin").
  const kw = text.lastIndexOf('Từ khóa');
  if (kw >= 0) text = text.slice(0, kw);
  text = text.trim();
  if (isNoInfo(text)) {
    log.missing('results', 'no result in source');
    return [];
  }
  const parts = text.split(/Mã:\s*/);
  if (parts.length === 1) {
    const name = clean(text);
    if (/\d+ bản chính/.test(name)) log.warn('results', `result text looks like a component list: "${excerpt(name, 60)}"`);
    return [{ name, code: null }];
  }
  const out: ResultDoc[] = [];
  let name = parts[0];
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    const known = CODE.exec(part)?.[0] ?? null;
    const code = known ?? looseCode(part);
    if (!known) log.warn('results', `unusual result code after "Mã:": "${excerpt(part, 30)}"`);
    const n = tidy(name);
    if (n !== '') out.push({ name: n, code });
    else log.failed('results', `result code ${code ?? '?'} without a name`);
    name = code ? part.slice(code.length) : part;
  }
  const tail = tidy(name);
  if (tail !== '') out.push({ name: tail, code: null });
  return out;
}

export function parseDefenceResults(raw: string, log: IssueLog): ResultDoc[] {
  const text = nfc(raw).trim();
  if (isNoInfo(text)) {
    log.missing('results', 'no result in source');
    return [];
  }
  const lines = text
    .split('\n')
    .map((l) => clean(l))
    .filter((l) => l !== '');
  const bulleted = lines.length > 1 && lines.every((l) => /^([-+•*]|\d+[.)]|[a-zđ][.)])\s*/.test(l));
  const names = bulleted ? lines.map((l) => l.replace(/^([-+•*]|\d+[.)]|[a-zđ][.)])\s*/, '').trim()) : [clean(text)];
  return names.filter((n) => n !== '').map((name) => ({ name, code: null }));
}
