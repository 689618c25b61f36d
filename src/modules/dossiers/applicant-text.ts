// Text the desk types about an applicant, as zod schemas: trimmed and NFC-normalised, within the limits
// the web form also uses (APPLICANT_LIMITS, mirrored in web/src/limits.ts and compared by a browser test),
// free of markup, and printable on the forms (no emoji or other characters the document font lacks).
// Every refusal has its own code and a plain Vietnamese / English message (see platform/http/zod-messages).
import { z } from 'zod';
import { unprintableCharacters } from '../../platform/fonts/font-coverage.js';
import { ownIssue } from '../../platform/http/zod-messages.js';

/** Longest accepted values (characters). */
export const APPLICANT_LIMITS = {
  fullName: 100,
  organisationName: 300,
  addressLine: 300,
  idNumber: 12,
  taxCode: 14,
  phone: 20,
  email: 254,
  authorisationDocument: 300,
} as const;

/** Letters (any script the font has), combining marks, spaces and the . ' - of names like "Đặng-Lê". */
const NAME = /^[\p{L}\p{M} .'\u2019-]+$/u;

function checkPrinted(kind: 'name' | 'text') {
  return (s: string, ctx: z.RefinementCtx) => {
    if (/[<>]/.test(s)) {
      ctx.addIssue(ownIssue('MARKUP_NOT_ALLOWED', 'Không được chứa thẻ HTML hay ký tự < >', 'HTML tags and the characters < > are not allowed'));
      return;
    }
    const bad = unprintableCharacters(s);
    if (bad.length > 0) {
      const list = bad.slice(0, 5).join(' ');
      ctx.addIssue(ownIssue('UNSUPPORTED_CHARACTERS', `Có ký tự không in được trên giấy tờ (${list}): hãy xóa hoặc thay bằng chữ`, `Characters the forms cannot print (${list}): remove or replace them`));
      return;
    }
    if (kind === 'name' && !NAME.test(s)) {
      ctx.addIssue(ownIssue('NAME_CHARACTERS', "Họ tên chỉ gồm chữ cái, dấu cách và các dấu . ' -", "A name has only letters, spaces and . ' -"));
    }
  };
}

const base = (max: number) => z.string().trim().overwrite((s) => s.normalize('NFC'));

/** A person's name: required, letters only. */
export const personName = (max: number = APPLICANT_LIMITS.fullName) => base(max).min(1).max(max).superRefine(checkPrinted('name'));
/** A required printed text (organisation name, address line, document reference…). */
export const printedText = (max: number) => base(max).min(1).max(max).superRefine(checkPrinted('text'));
/** An optional printed text (reason, note): may be empty. */
export const optionalPrintedText = (max: number) => base(max).max(max).superRefine(checkPrinted('text'));

/** A calendar date YYYY-MM-DD that exists (no 30/02) and is not before 1900; "not in the future" needs the clock (service). */
export const pastDate = z.string().superRefine((s, ctx) => {
  const d = new Date(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
    ctx.addIssue(ownIssue('DATE_INVALID', 'Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy)', 'Not a valid date (type it as dd/mm/yyyy)'));
  } else if (s < '1900-01-01') {
    ctx.addIssue(ownIssue('DATE_TOO_EARLY', 'Ngày phải từ 01/01/1900 trở đi', 'The date must be 01/01/1900 or later'));
  }
});
