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
