// Validation of the applicant's identifiers (pure, except the administrative-unit lookup done by the caller).
//
// Citizen identity number (số định danh cá nhân / CCCD), Thông tư 59/2021/TT-BCA Art. 7: 12 digits =
//   3 digits: province (or country, for births abroad) code of the birth registration, 001–096 (the 63
//     pre-2025 province codes are spread over this range; the checksum-free format cannot be checked further);
//   1 digit: century and gender: 0/1 = 20th century male/female, 2/3 = 21st, 4/5 = 22nd, 6/7 = 23rd,
//     8/9 = 24th. We accept 0–3 only (people born 1900–2099), the only plausible values today;
//   2 digits: the last two digits of the year of birth (checked against birthDate when given, and the year
//     must not be in the future);
//   6 digits: random serial.
// Phone: Vietnamese mobile 0[35789]xxxxxxxx (10 digits) or landline 02xxxxxxxxx (11 digits, area code
//   02x/02xx since 2017); '+84' / '84' prefixes are normalised to '0'; spaces, dots and dashes are ignored.
import type { FieldError } from '../../platform/errors.js';

const fe = (path: string, code: string, vi: string, en: string): FieldError => ({ path, code, messageVi: vi, messageEn: en });

export function checkCitizenId(id: string, path: string, opts: { birthDate?: string | null; today: Date }): FieldError[] {
  if (!/^\d{12}$/.test(id)) return [fe(path, 'ID_NUMBER_FORMAT', 'Số định danh cá nhân phải gồm 12 chữ số', 'The citizen ID number must have 12 digits')];
  const province = Number(id.slice(0, 3));
  if (province < 1 || province > 96) {
    return [fe(path, 'ID_NUMBER_PROVINCE', 'Mã tỉnh nơi đăng ký khai sinh (3 số đầu) không hợp lệ', 'The first 3 digits (province of birth registration) must be 001–096')];
  }
  const cg = Number(id[3]);
  if (cg > 3) return [fe(path, 'ID_NUMBER_CENTURY', 'Mã thế kỷ / giới tính (số thứ 4) không hợp lệ', 'The 4th digit (century and gender) must be 0–3')];
  const year = (cg < 2 ? 1900 : 2000) + Number(id.slice(4, 6));
  if (year > opts.today.getUTCFullYear()) {
    return [fe(path, 'ID_NUMBER_YEAR', 'Năm sinh trong số định danh không hợp lệ', 'The year of birth in the ID number is in the future')];
  }
  if (opts.birthDate && Number(opts.birthDate.slice(0, 4)) !== year) {
    return [fe(path, 'ID_NUMBER_BIRTH_YEAR', 'Năm sinh không khớp với số định danh', 'The year of birth does not match the ID number')];
  }
  return [];
}

/**
 * The phone rules as data (patterns' sources), so the web app's copy is generated from them
 * (tools/openapi-types.ts → web/src/limits.gen.ts) rather than written out a second time.
 */
export const PHONE_RULES = {
  /** Characters people type between digits. */
  separators: '[\\s.\\-()]',
  mobile: '^0[35789]\\d{8}$',
  landline: '^02\\d{9}$',
} as const;

const SEPARATORS = new RegExp(PHONE_RULES.separators, 'g');
const MOBILE = new RegExp(PHONE_RULES.mobile);
const LANDLINE = new RegExp(PHONE_RULES.landline);

/** Normalised phone number ('0…') or null when it is not a Vietnamese mobile or landline number. */
export function normalisePhone(raw: string): string | null {
  let s = raw.replace(SEPARATORS, '');
  if (s.startsWith('+84')) s = '0' + s.slice(3);
  else if (/^84\d{9,10}$/.test(s)) s = '0' + s.slice(2);
  return MOBILE.test(s) || LANDLINE.test(s) ? s : null;
}

export function isEmail(s: string): boolean {
  return s.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}
