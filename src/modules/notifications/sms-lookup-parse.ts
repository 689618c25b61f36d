// Reading a look-up text message (pure): `HS <code>` from the phone number on the dossier, `HS <code> <secret>`
// from any number. Forgiving as people type on phones: any case, extra or missing spaces, Vietnamese
// diacritics (a keyboard that adds them), full-width characters, a separator after HS ("HS:", "HS-", "HS."),
// "HS" glued to the code. Glued is unambiguous when the code starts with a digit (000.00.01.H56-…); when it
// starts with a letter (G09.20-…) the code may itself begin with "HS", so both readings are returned and the
// caller tries each. The secret is everything after the code, separators removed (it is compared in its
// canonical form, lookup-secret.ts).
import { stripVietnameseDiacritics } from '../../platform/ports/sms-encoding.js';

export interface LookupRequest {
  /** Candidate dossier codes, most likely first (one, or two when "HS" was glued to a code starting with a letter). */
  codes: string[];
  /** The typed lookup secret (upper case, separators removed), or null. */
  secret: string | null;
}

const CODE = /^[A-Z0-9][A-Z0-9._\-/]*/;

/** The look-up a text asks for, or null when it is not one. */
export function parseLookupSms(raw: string): LookupRequest | null {
  const t = stripVietnameseDiacritics(raw.normalize('NFKC'))
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
  const m = /^H ?S(.*)$/.exec(t);
  if (!m) return null;
  let rest = m[1]!;
  const separated = /^[\s:#,;.\-]/.test(rest);
  rest = rest.replace(/^[\s:#,;.\-]+/, '');
  const code = CODE.exec(rest)?.[0]?.replace(/[._\-/]+$/, '');
  if (!code || code.length < 4 || !/\d/.test(code)) return null;
  const secret = rest.slice(rest.indexOf(code) + code.length).replace(/[\s\-_.,:;]+/g, '');
  const codes = separated || /^\d/.test(code) ? [code] : [code, `HS${code}`];
  return { codes, secret: secret || null };
}
