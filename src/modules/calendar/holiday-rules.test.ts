import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { weekdayOfIso } from './civil-date.js';
import {
  InvalidScheduleError,
  breakLength,
  buildWorkingCalendar,
  daysOffForYears,
  generateStatutoryDaysOff,
  loadOfficialSchedule,
  type DayOffEntry,
} from './holiday-rules.js';
import { tetDate } from './lunar.js';
import { DEFAULT_OFFICE_HOURS } from './working-time.js';

const OFFICIAL_URL = new URL('../../../reference-data/holidays/vn_official_days_off_2025_2026.json', import.meta.url);
const officialJson: unknown = JSON.parse(readFileSync(OFFICIAL_URL, 'utf8'));
const official = loadOfficialSchedule(officialJson);

const isWeekend = (iso: string) => [0, 6].includes(weekdayOfIso(iso));
const datesOf = (entries: readonly DayOffEntry[], ...kinds: DayOffEntry['kind'][]) =>
  entries.filter((e) => kinds.includes(e.kind)).map((e) => e.date);

/** Weekdays not worked + weekend days worked: what actually changes the working calendar. */
function effectiveChanges(entries: readonly DayOffEntry[]) {
  return {
    weekdaysOff: [...new Set(datesOf(entries, 'holiday', 'compensatory_off').filter((d) => !isWeekend(d)))].sort(),
    weekendWorked: datesOf(entries, 'working_day_swap').sort(),
  };
}

function ofYear(entries: readonly DayOffEntry[], year: number) {
  return entries.filter((e) => e.date.startsWith(`${year}-`));
}

describe('generateStatutoryDaysOff vs the official 2026 schedule (Thông báo 9441/TB-BNV)', () => {
  const generated = generateStatutoryDaysOff(2026);

  it('agrees on every weekday off except the government swap around National Day', () => {
    const gen = effectiveChanges(generated);
    const off = effectiveChanges(ofYear(official, 2026));
    // The only difference: the government swapped Monday 31/8 (day off) with
    // Saturday 22/8 (worked) to make a 5-day National Day break (29/8–2/9).
    // Swaps are political decisions; the generator never invents them.
    expect(off.weekdaysOff.filter((d) => !gen.weekdaysOff.includes(d))).toEqual(['2026-08-31']);
    expect(gen.weekdaysOff.filter((d) => !off.weekdaysOff.includes(d))).toEqual([]);
    expect(off.weekendWorked).toEqual(['2026-08-22']);
    expect(gen.weekendWorked).toEqual([]);
  });

  it('lists Giỗ Tổ on Sunday 26/4/2026 as a holiday with its nghỉ bù on Monday 27/4 (the official file lists only 27/4)', () => {
    expect(generated.find((e) => e.date === '2026-04-26')).toMatchObject({ kind: 'holiday' });
    expect(generated.find((e) => e.date === '2026-04-27')).toMatchObject({ kind: 'compensatory_off' });
    expect(official.find((e) => e.date === '2026-04-26')).toBeUndefined();
  });

  it('places Tết 2026 on 29 tháng Chạp (16/2, the 12th month is short) to mùng 4 (20/2), like the official break', () => {
    const tet = generated.filter((e) => e.nameVi.startsWith('Tết Nguyên đán'));
    expect(tet.map((e) => e.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(tet[0].nameVi).toBe('Tết Nguyên đán (29 tháng Chạp)');
    expect(tet[4].nameVi).toBe('Tết Nguyên đán (mùng 4)');
    expect(breakLength(generated, '2026-02-17')).toBe(9); // 14/2–22/2, "nghỉ Tết Bính Ngọ liên tục 9 ngày"
  });

  it('marks every generated entry provisional', () => {
    expect(generated.every((e) => e.provisional)).toBe(true);
  });
});

describe('generateStatutoryDaysOff vs the official 2025 schedule', () => {
  it('with the default split differs only in Tết (the government chose 28 Chạp–mùng 3) and the 2/5 swap', () => {
    const gen = effectiveChanges(generateStatutoryDaysOff(2025));
    const off = effectiveChanges(ofYear(official, 2025));
    expect(off.weekdaysOff.filter((d) => !gen.weekdaysOff.includes(d))).toEqual(['2025-01-27', '2025-05-02']);
    // Default: 29 Chạp + mùng 1–4; mùng 4 is Saturday 1/2, so nghỉ bù Monday 3/2.
    expect(gen.weekdaysOff.filter((d) => !off.weekdaysOff.includes(d))).toEqual(['2025-02-03']);
  });

  it('with tetDaysBeforeNewYear = 2 matches the official Tết 27/1–31/1 exactly', () => {
    const gen = effectiveChanges(generateStatutoryDaysOff(2025, { tetDaysBeforeNewYear: 2 }));
    const off = effectiveChanges(ofYear(official, 2025));
    expect(off.weekdaysOff.filter((d) => !gen.weekdaysOff.includes(d))).toEqual(['2025-05-02']);
    expect(gen.weekdaysOff.filter((d) => !off.weekdaysOff.includes(d))).toEqual([]);
    expect(off.weekendWorked).toEqual(['2025-04-26']);
  });
});

describe('Tết placement', () => {
  const tetDays = (year: number, tetDaysBeforeNewYear?: number) =>
    generateStatutoryDaysOff(year, { tetDaysBeforeNewYear })
      .filter((e) => e.kind === 'holiday' && e.nameVi.startsWith('Tết Nguyên đán'))
      .map((e) => `${e.date} ${e.nameVi.slice(16, -1)}`);

  it('2024: the 12th month is long, so the day before Tết is 30 tháng Chạp', () => {
    expect(tetDays(2024)).toEqual([
      '2024-02-09 30 tháng Chạp',
      '2024-02-10 mùng 1',
      '2024-02-11 mùng 2',
      '2024-02-12 mùng 3',
      '2024-02-13 mùng 4',
    ]);
  });

  it('2027: Tết on Saturday, the weekend Tết days give nghỉ bù after the block', () => {
    const entries = generateStatutoryDaysOff(2027);
    expect(tetDate(2027)).toBe('2027-02-06');
    expect(datesOf(entries, 'compensatory_off').filter((d) => d.startsWith('2027-02'))).toEqual(['2027-02-10', '2027-02-11']);
    expect(breakLength(entries, '2027-02-06')).toBe(7); // Fri 5/2 – Thu 11/2
  });

  it('2030: Vietnamese Tết is 2/2 (Saturday), one day before China\'s', () => {
    expect(tetDays(2030)[1]).toBe('2030-02-02 mùng 1');
  });

  it('the split is configurable from 0 to 5 days before 1/1', () => {
    expect(tetDays(2026, 0).map((d) => d.slice(0, 10))).toEqual([
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
    ]);
    expect(tetDays(2026, 5)[4]).toBe('2026-02-16 29 tháng Chạp');
    expect(() => generateStatutoryDaysOff(2026, { tetDaysBeforeNewYear: 6 })).toThrow(RangeError);
    expect(() => generateStatutoryDaysOff(2026, { tetDaysBeforeNewYear: 1.5 })).toThrow(RangeError);
  });

  it('Tết always has 5 consecutive days around 1/1 âm lịch for 2021–2100', () => {
    for (let year = 2021; year <= 2100; year++) {
      const tet = generateStatutoryDaysOff(year).filter((e) => e.nameVi.startsWith('Tết Nguyên đán'));
      expect(tet).toHaveLength(5);
      expect(tet[1].date).toBe(tetDate(year));
    }
  });
});

describe('compensatory days (nghỉ bù)', () => {
  it('2022: 1/1 on Saturday, Giỗ Tổ on Sunday, 30/4 and 1/5 on the weekend (matches the 2022 announcements)', () => {
    const comp = datesOf(generateStatutoryDaysOff(2022), 'compensatory_off');
    expect(comp).toContain('2022-01-03');
    expect(comp).toContain('2022-04-11');
    expect(comp).toContain('2022-05-02');
    expect(comp).toContain('2022-05-03');
  });

  it('2027: 1/5 on Saturday gives Monday 3/5', () => {
    const entries = generateStatutoryDaysOff(2027);
    expect(entries.find((e) => e.date === '2027-05-03')).toMatchObject({
      kind: 'compensatory_off',
      nameVi: 'Nghỉ bù Quốc tế Lao động (1/5) (1/5 rơi vào cuối tuần)',
    });
  });

  it('for every year 2021–2100: one nghỉ bù per weekend holiday, on a weekday that is not a holiday', () => {
    for (let year = 2021; year <= 2100; year++) {
      const entries = generateStatutoryDaysOff(year);
      const holidays = datesOf(entries, 'holiday');
      const comp = datesOf(entries, 'compensatory_off');
      expect(holidays).toHaveLength(11);
      expect(new Set(holidays).size).toBe(11);
      expect(comp).toHaveLength(holidays.filter(isWeekend).length);
      expect(new Set(comp).size).toBe(comp.length);
      for (const d of comp) {
        expect(isWeekend(d)).toBe(false);
        expect(holidays).not.toContain(d);
      }
      expect(entries.every((e) => e.date.startsWith(`${year}-`))).toBe(true);
    }
  });
});

describe('National Day adjacent day (2/9 + 1/9 or 3/9)', () => {
  const adjacent = (year: number, choice?: 'auto' | 'before' | 'after') =>
    generateStatutoryDaysOff(year, { nationalDayAdjacent: choice }).find((e) => e.nameVi === 'Quốc khánh (ngày liền kề)')!.date;

  it.each([
    [2021, '2021-09-03'],
    [2022, '2022-09-01'],
    [2023, '2023-09-01'],
    [2024, '2024-09-03'],
    [2025, '2025-09-01'],
    [2026, '2026-09-01'],
  ])('auto reproduces the government choice for %i: %s', (year, date) => {
    expect(adjacent(year)).toBe(date);
  });

  it('2023: 2/9 on Saturday gives 1/9 and nghỉ bù Monday 4/9 (break 1–4/9)', () => {
    const entries = generateStatutoryDaysOff(2023);
    expect(datesOf(entries, 'compensatory_off')).toContain('2023-09-04');
    expect(breakLength(entries, '2023-09-02')).toBe(4);
  });

  it('can be forced', () => {
    expect(adjacent(2026, 'after')).toBe('2026-09-03');
    expect(adjacent(2024, 'before')).toBe('2024-09-01');
  });

  it('auto never gives a shorter break than the alternatives (2021–2100)', () => {
    for (let year = 2021; year <= 2100; year++) {
      const len = (choice: 'auto' | 'before' | 'after') =>
        breakLength(generateStatutoryDaysOff(year, { nationalDayAdjacent: choice }), `${year}-09-02`);
      expect(len('auto')).toBe(Math.max(len('before'), len('after')));
    }
  });
});

describe('options and validation', () => {
  it('24/11 Ngày Văn hóa Việt Nam is off unless requested', () => {
    expect(generateStatutoryDaysOff(2027).some((e) => e.date === '2027-11-24')).toBe(false);
    const withCulture = generateStatutoryDaysOff(2027, { includeVietnamCultureDay: true });
    expect(withCulture.find((e) => e.date === '2027-11-24')).toMatchObject({ kind: 'holiday', nameEn: 'Vietnam Culture Day (24 November)' });
  });

  it('rejects years outside the lunar range', () => {
    expect(() => generateStatutoryDaysOff(1900)).toThrow(RangeError);
    expect(() => generateStatutoryDaysOff(2101)).toThrow(RangeError);
  });
});

describe('loadOfficialSchedule', () => {
  it('converts the 2025–2026 file (ignores _about) into sorted, non-provisional entries', () => {
    expect(official).toHaveLength(12 + 1 + 12 + 1);
    expect(official.every((e) => !e.provisional)).toBe(true);
    expect(official.map((e) => e.date)).toEqual([...official.map((e) => e.date)].sort());
    expect(datesOf(official, 'working_day_swap')).toEqual(['2025-04-26', '2026-08-22']);
    expect(datesOf(official, 'compensatory_off')).toEqual(['2025-05-02', '2026-04-27', '2026-08-31']);
  });

  it('carries names, English names and source/verify information', () => {
    const newYear2026 = official.find((e) => e.date === '2026-01-01')!;
    expect(newYear2026).toMatchObject({ kind: 'holiday', nameVi: 'Tết Dương lịch', nameEn: "New Year's Day" });
    expect(newYear2026.source?.verify).toBe(true);
    expect(newYear2026.source?.references.some((r) => r.includes('9441/TB-BNV'))).toBe(true);
    expect(official.find((e) => e.date === '2026-02-17')!.source?.verify).toBe(false);
    expect(official.find((e) => e.date === '2026-08-22')).toMatchObject({
      kind: 'working_day_swap',
      nameVi: 'Làm bù (hoán đổi với ngày nghỉ 31/8)',
    });
    expect(official.find((e) => e.date === '2026-09-01')!.nameEn).toBe('National Day (adjacent day)');
  });

  it('adds pending entries (24/11/2026) only on request, as provisional', () => {
    expect(official.some((e) => e.date === '2026-11-24')).toBe(false);
    const withPending = loadOfficialSchedule(officialJson, { includePending: true });
    expect(withPending.find((e) => e.date === '2026-11-24')).toMatchObject({ provisional: true, kind: 'holiday' });
  });

  it('rejects malformed input', () => {
    expect(() => loadOfficialSchedule(null)).toThrow(InvalidScheduleError);
    expect(() => loadOfficialSchedule([])).toThrow(InvalidScheduleError);
    expect(() => loadOfficialSchedule({ 2026: { work_days: [] } })).toThrow(/days_off/);
    expect(() => loadOfficialSchedule({ 2026: { days_off: [{ date: '2026-02-30', name: 'x' }] } })).toThrow(/invalid date/);
    expect(() => loadOfficialSchedule({ 2026: { days_off: [{ date: '2025-02-03', name: 'x' }] } })).toThrow(/not in 2026/);
    expect(() => loadOfficialSchedule({ 2026: { days_off: [{ date: '2026-02-03' }] } })).toThrow(/name/);
    expect(() => loadOfficialSchedule({ 2026: { days_off: [], work_days: ['22/8/2026'] } })).toThrow(InvalidScheduleError);
  });
});

describe('daysOffForYears and buildWorkingCalendar', () => {
  it('uses the official schedule where it exists and the generator elsewhere', () => {
    const entries = daysOffForYears([2025, 2026, 2027], official);
    expect(ofYear(entries, 2026)).toEqual(ofYear(official, 2026));
    expect(ofYear(entries, 2027)).toEqual(generateStatutoryDaysOff(2027));
  });

  it('builds daysOff and workingSwaps sets', () => {
    const cal = buildWorkingCalendar(official);
    expect(cal.hours).toBe(DEFAULT_OFFICE_HOURS);
    expect(cal.daysOff.has('2026-02-17')).toBe(true);
    expect(cal.daysOff.has('2026-08-22')).toBe(false);
    expect(cal.workingSwaps.has('2026-08-22')).toBe(true);
    expect(cal.minutesPerDay).toBeUndefined();
    expect(buildWorkingCalendar([], DEFAULT_OFFICE_HOURS, 450).minutesPerDay).toBe(450);
  });
});
