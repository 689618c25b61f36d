// Vietnamese text helpers shared by every module.

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g; // huyền, sắc, ngã, hỏi, nặng

export const nfc = (s: string): string => s.normalize('NFC');

/** Strips all diacritics (same result as PostgreSQL unaccent for Vietnamese letters). */
export function unaccent(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Lower-case, unaccented, single-spaced: the key used for diacritics-insensitive search. */
export function searchKey(s: string): string {
  return unaccent(s).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A comparison key that ignores where the tone mark sits ("Hoà" = "Hòa", "Thuỷ" = "Thủy") but keeps
 * which tone and which vowels: each syllable's tone mark is moved to the syllable's end.
 */
export function toneKey(s: string): string {
  return s
    .normalize('NFD')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((syllable) => {
      const tones = syllable.match(TONE_MARKS) ?? [];
      return syllable.replace(TONE_MARKS, '') + tones.join('');
    })
    .join(' ');
}

export const sameName = (a: string, b: string): boolean => toneKey(a) === toneKey(b);

/** Escapes the LIKE wildcards % and _ (and the escape character itself: PostgreSQL LIKE escapes with a backslash by default). */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** "Hoá" → "Hóa", "Thuỵ" → "Thụy": the tone placement of agencies' names and of the
 * province list (CV 915/CTK-CSCL): oa, oe, uy without a final consonant carry the mark on the first vowel ("qu" is a consonant: "Quý" stays). */
export function modernTones(s: string): string {
  const map: Record<string, string> = { á: 'a\u0301', à: 'a\u0300', ả: 'a\u0309', ã: 'a\u0303', ạ: 'a\u0323', é: 'e\u0301', è: 'e\u0300', ẻ: 'e\u0309', ẽ: 'e\u0303', ẹ: 'e\u0323', ý: 'y\u0301', ỳ: 'y\u0300', ỷ: 'y\u0309', ỹ: 'y\u0303', ỵ: 'y\u0323' };
  return s
    .normalize('NFC')
    .replace(/(?<![qQ])([oOuU])([áàảãạéèẻẽẹýỳỷỹỵ])(?=$|[\s,.;)])/gu, (_m, v: string, t: string) => {
      const d = map[t]!.normalize('NFD');
      return `${(v + d.slice(1)).normalize('NFC')}${d[0]}`;
    });
}
