// The Labour Code days off of a year, generated from the statute (pure and deterministic, so memoised for
// the process): the calendar of a year no admin has stored yet, and what a stored year starts from.
import { generateStatutoryDaysOff, type DayOffEntry, type HolidaySource } from './holiday-rules.js';

const generated = new Map<number, DayOffEntry[]>();

const LABOUR_CODE_SOURCE: HolidaySource = {
  references: ['Bộ luật Lao động 45/2019/QH14, Điều 112'],
  verify: true,
  note: 'Sinh tự động theo luật, chờ đối chiếu thông báo của Bộ Nội vụ / generated from the statute, to be checked against the announcement',
};

/** The Labour Code days off of a year (cached; pure and deterministic). */
export function statutoryDaysOff(year: number): DayOffEntry[] {
  let e = generated.get(year);
  if (!e) {
    e = generateStatutoryDaysOff(year).map((x) => ({ ...x, source: LABOUR_CODE_SOURCE }));
    generated.set(year, e);
  }
  return e;
}
