// The wording of the answers to a look-up by text message (pure). Written in Vietnamese with diacritics;
// the SMS edge (sms-encoding.ts) sends them without when that takes fewer segments. Dates are the Vietnamese
// calendar day (UTC+7) as dd/mm/yyyy. One neutral answer for every failure: an unknown code, a wrong secret,
// a number that is not the dossier's and a text that is not a look-up read the same.

/** The national status (1–10) in plain words for a citizen. */
export const STATUS_IN_PLAIN_WORDS: Readonly<Record<number, string>> = {
  1: 'Mới đăng ký, đang chờ tiếp nhận',
  2: 'Đã tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang giải quyết',
  5: 'Cần bổ sung giấy tờ',
  6: 'Chờ nộp phí, lệ phí',
  7: 'Đang xử lý yêu cầu rút hồ sơ',
  8: 'Đã dừng giải quyết',
  9: 'Đã có kết quả, mời ông/bà đến nhận',
  10: 'Đã trả kết quả',
};

export const NEUTRAL_ANSWER =
  'Không tìm thấy hồ sơ hoặc thông tin không khớp. Soạn HS <mã hồ sơ> từ số điện thoại trên hồ sơ, hoặc HS <mã hồ sơ> <mã tra cứu>.';

export const RATE_LIMITED_ANSWER = 'Số điện thoại này đã gửi quá nhiều tin tra cứu. Vui lòng thử lại sau 1 giờ.';

/** dd/mm/yyyy of an instant in Vietnam (UTC+7, no daylight saving). */
export function vnDate(isoOrDate: string | Date): string {
  const d = new Date(new Date(isoOrDate).getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export interface LookupFacts {
  code: string;
  nationalStatus: number;
  appointmentAt: string | null;
  returnedAt: string | null;
}

/** "Hồ sơ <code>: <status>. Hẹn trả kết quả ngày dd/mm/yyyy." (the appointment while it still matters). */
export function statusAnswer(f: LookupFacts): string {
  const status = STATUS_IN_PLAIN_WORDS[f.nationalStatus] ?? 'Đang giải quyết';
  let s = `Hồ sơ ${f.code}: ${status}.`;
  if (f.nationalStatus === 10 && f.returnedAt) s += ` Ngày trả: ${vnDate(f.returnedAt)}.`;
  else if (f.appointmentAt && ![3, 8, 10].includes(f.nationalStatus)) s += ` Hẹn trả kết quả ngày ${vnDate(f.appointmentAt)}.`;
  return s;
}
