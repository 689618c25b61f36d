// Field rules of the citizen profile (pure): the personal identification number (12 digits, Decree
// 137/2015 as amended: province code, sex/century digit, year, random part), dates as calendar dates.

/** 12 digits whose first three are a province code 001–096. */
export function isIdNumber(s: string): boolean {
  if (!/^\d{12}$/.test(s)) return false;
  const province = Number(s.slice(0, 3));
  return province >= 1 && province <= 96;
}

export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Born in the past and at most 130 years ago (the date is local: compared as text with today's date). */
export function plausibleBirthDate(s: string, today: string): boolean {
  if (!isCalendarDate(s) || s > today) return false;
  return Number(today.slice(0, 4)) - Number(s.slice(0, 4)) <= 130;
}

/**
 * The century/sex digit (4th) must agree with the birth year when both are given: 0/1 → 1900s, 2/3 →
 * 2000s, 4/5 → 2100s, 6/7 → 2200s, 8/9 → 1800s; digits 5–6 are the last two of the year.
 */
export function idNumberMatchesBirthDate(idNumber: string, birthDate: string): boolean {
  const centuryDigit = Number(idNumber[3]);
  const century = [19, 19, 20, 20, 21, 21, 22, 22, 18, 18][centuryDigit]!;
  return `${century}${idNumber.slice(4, 6)}` === birthDate.slice(0, 4);
}
