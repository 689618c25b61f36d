import { describe, expect, it } from 'vitest';
import { referenceCatalog } from './catalog.import.js';
import { casesOf, headingKind } from './component-cases.js';
import type { ParsedProcedure } from './catalog.parse.js';

const { parsed } = referenceCatalog();
const byCode = new Map(parsed.map((p) => [p.code, p]));
const source = (p: ParsedProcedure) =>
  p.components.map((c, i) => ({ id: String(i), name: c.name, required: c.required, group: c.group ?? null, originals: c.originals, copies: c.copies }));
const casesOfCode = (code: string) => {
  const p = byCode.get(code)!;
  const r = casesOf(source(p));
  const name = (id: string) => p.components[Number(id)]!.name;
  return { ...r, p, name };
};

describe('cases of the catalogue component lists', () => {
  it('khai sinh 1.001193: one case; notes and "Trường hợp…" sentences without papers are not rows; the authorisation letter is optional', () => {
    const { cases, noteIds, name } = casesOfCode('1.001193');
    expect(cases).toHaveLength(1);
    const rows = cases[0]!.components;
    // 33 catalogue rows, of which 24 are guidance (Lưu ý, 0 originals and 0 copies)
    expect(noteIds.length).toBeGreaterThanOrEqual(20);
    expect(rows.length).toBeLessThanOrEqual(10);
    expect(rows.every((r) => !noteIds.includes(r.id))).toBe(true);
    const letter = rows.find((r) => name(r.id).startsWith('Văn bản ủy quyền'))!;
    expect(letter.required).toBe(false);
    const birth = rows.find((r) => name(r.id).startsWith('Giấy chứng sinh'))!;
    expect(birth.required).toBe(true);
    const abandoned = rows.find((r) => name(r.id).startsWith('Trường hợp trẻ em bị bỏ rơi'))!;
    expect(abandoned.required).toBe(false);
  });

  it('thường trú 1.004222: each kind of residence is its own case with its own papers', () => {
    const { cases, name } = casesOfCode('1.004222');
    expect(cases.length).toBeGreaterThanOrEqual(5);
    const rent = cases.find((c) => c.title.includes('thuê, mượn, ở nhờ'))!;
    expect(rent.components.map((r) => name(r.id)).some((n) => n.startsWith('Hợp đồng, văn bản về việc cho thuê'))).toBe(true);
    const own = cases.find((c) => c.title.includes('thuộc quyền sở hữu của mình'))!;
    expect(own.components.map((r) => name(r.id)).some((n) => n.startsWith('Hợp đồng, văn bản về việc cho thuê'))).toBe(false);
  });

  it('heading kinds', () => {
    expect(headingKind('* Giấy tờ phải nộp:')).toBe('common');
    expect(headingKind('* Lưu ý :')).toBe('note');
    expect(headingKind('* Trường hợp ủy quyền thực hiện thủ tục:')).toBe('addon');
    expect(headingKind('(1.1) Đối với công trình không theo tuyến:')).toBe('case');
    expect(headingKind(null)).toBe('common');
  });

  it('every province and commune procedure with components has at least one case, a case with a row, keys unique', () => {
    let n = 0;
    for (const p of parsed.filter((x) => x.levels.includes('province') || x.levels.includes('commune'))) {
      if (p.components.every((c) => c.originals === 0 && c.copies === 0)) continue;
      const { cases } = casesOf(source(p));
      expect(cases.length, p.code).toBeGreaterThan(0);
      expect(new Set(cases.map((c) => c.key)).size, p.code).toBe(cases.length);
      expect(cases.some((c) => c.components.length > 0), p.code).toBe(true);
      n++;
    }
    expect(n).toBeGreaterThan(1500);
  });
});
