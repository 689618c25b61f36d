/**
 * Cases (trường hợp) of a procedure's component list, as the catalogue states them.
 *
 * The portal groups component rows under headings. Three kinds of heading occur:
 * - common lists that apply whatever the case ("* Giấy tờ phải nộp:", "* Giấy tờ phải xuất trình:", rows without
 *   a heading);
 * - notes ("* Lưu ý:") and rows with 0 originals and 0 copies: guidance text, never a paper to tick;
 * - everything else names a situation ("Trường hợp đăng ký thành lập doanh nghiệp…", "Đăng ký thường trú vào chỗ ở
 *   hợp pháp do thuê, mượn, ở nhờ", "(1.1) Đối với công trình…"): one case each. A heading about acting by
 *   authorisation ("Trường hợp ủy quyền…") is not a case but an add-on, optional in every case.
 * The desk picks one case and ticks only its checklist: the common rows, the case's own rows and the add-ons.
 * Pure: no I/O.
 */

export interface CaseSourceComponent {
  id: string;
  name: string;
  required: boolean;
  group: string | null;
  originals: number;
  copies: number;
}

export interface ProcedureCase {
  /** Stable within a procedure version: c1, c2… in the catalogue's order. */
  key: string;
  title: string;
  components: Array<{ id: string; required: boolean }>;
}

export interface ComponentCases {
  cases: ProcedureCase[];
  /** Rows that are guidance, not papers (shown as notes, never ticked). */
  noteIds: string[];
}

const NOTE_HEADING = /^[\s*\-–•(]*(lưu ý|ghi chú|chú ý)/iu;
const COMMON_HEADING =
  /(giấy tờ|hồ sơ|thành phần)[^.:]{0,40}(phải nộp|phải xuất trình|cần nộp|nộp kèm|bao gồm|gồm)|xuất trình (các|những) giấy tờ|^[\s*\-–•]*(hồ sơ|thành phần hồ sơ)[\s:]*$/iu;
const AUTHORISATION_HEADING = /(ủy|uỷ) quyền/iu;

export type HeadingKind = 'common' | 'note' | 'addon' | 'case';

export function headingKind(group: string | null | undefined): HeadingKind {
  const g = (group ?? '').trim();
  if (g === '' || /^-+$/.test(g)) return 'common';
  if (NOTE_HEADING.test(g)) return 'note';
  if (COMMON_HEADING.test(g)) return 'common';
  if (AUTHORISATION_HEADING.test(g)) return 'addon';
  return 'case';
}

/** "* Trường hợp (1): …:" → "Trường hợp (1): …". */
export function caseTitle(heading: string): string {
  return heading.trim().replace(/^[\s*\-–•+]+/u, '').replace(/[\s:;,.]+$/u, '').trim();
}

export const DEFAULT_CASE_TITLE = 'Thành phần hồ sơ';

export function casesOf(components: CaseSourceComponent[]): ComponentCases {
  const noteIds: string[] = [];
  const common: CaseSourceComponent[] = [];
  const addons: CaseSourceComponent[] = [];
  const byCase = new Map<string, CaseSourceComponent[]>();
  for (const c of components) {
    const kind = headingKind(c.group);
    if (kind === 'note' || (c.originals === 0 && c.copies === 0)) noteIds.push(c.id);
    else if (kind === 'common') common.push(c);
    else if (kind === 'addon') addons.push(c);
    else byCase.set(c.group!, [...(byCase.get(c.group!) ?? []), c]);
  }
  const order = new Map(components.map((c, i) => [c.id, i]));
  const checklist = (own: CaseSourceComponent[]) =>
    [...common.map((c) => ({ id: c.id, required: c.required })), ...own.map((c) => ({ id: c.id, required: c.required })), ...addons.map((c) => ({ id: c.id, required: false }))].sort(
      (a, b) => order.get(a.id)! - order.get(b.id)!,
    );
  const heads = [...byCase.keys()];
  const cases: ProcedureCase[] =
    heads.length === 0
      ? [{ key: 'c1', title: DEFAULT_CASE_TITLE, components: checklist([]) }]
      : heads.map((h, i) => ({ key: `c${i + 1}`, title: caseTitle(h), components: checklist(byCase.get(h)!) }));
  return { cases, noteIds };
}
