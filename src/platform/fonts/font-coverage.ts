// Which characters the forms can print: the code points every face of the document font (Tinos) maps.
// Text the desk accepts ends up on forms 01–07; a character outside this set (an emoji, a CJK ideograph)
// would print as an empty box, so input is refused instead. Read from the shipped TTFs, once.
import { openSync } from 'fontkit';
import { FONTS } from './fonts.js';

let covered: Set<number> | undefined;

function coverage(): Set<number> {
  if (!covered) {
    const faces = Object.values(FONTS.Tinos).map((path) => new Set(openSync(path).characterSet));
    covered = new Set([...faces[0]!].filter((cp) => faces.every((f) => f.has(cp))));
  }
  return covered;
}

/** The distinct characters of `text` (NFC) that the document font cannot print, in order of appearance. */
export function unprintableCharacters(text: string): string[] {
  const set = coverage();
  const out: string[] = [];
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    // line breaks and tabs are layout, not glyphs
    if (cp === 0x0a || cp === 0x0d || cp === 0x09) continue;
    if (!set.has(cp) && !out.includes(ch)) out.push(ch);
  }
  return out;
}
