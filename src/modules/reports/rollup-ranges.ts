// Which roll-up buckets cover a period of local days (pure): the whole months inside it read the month
// buckets, the days before the first and after the last whole month read the day buckets.

export interface RollupRanges {
  /** First days (YYYY-MM-01) of the whole months in the period, in order. */
  months: string[];
  /** Day ranges [from, to) outside those months (0 to 2 ranges). */
  days: Array<{ from: string; to: string }>;
}

const monthStart = (day: string): string => `${day.slice(0, 8)}01`;

/** The first day of the month after `month` (YYYY-MM-01). */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The buckets of the local days [from, to) (YYYY-MM-DD, `to` exclusive). */
export function rollupRanges(from: string, to: string): RollupRanges {
  if (from >= to) return { months: [], days: [] };
  const firstWhole = from === monthStart(from) ? from : nextMonth(monthStart(from));
  const lastWholeEnd = monthStart(to);
  if (firstWhole >= lastWholeEnd) return { months: [], days: [{ from, to }] };
  const months: string[] = [];
  for (let m = firstWhole; m < lastWholeEnd; m = nextMonth(m)) months.push(m);
  const days: Array<{ from: string; to: string }> = [];
  if (from < firstWhole) days.push({ from, to: firstWhole });
  if (lastWholeEnd < to) days.push({ from: lastWholeEnd, to });
  return { months, days };
}
