// The pure office-hours timeline and the working time over it (seasonal schedules, inheritance).
import { describe, expect, it } from 'vitest';
import { buildTimeline, segmentIndexAt, localMidnightMs, type ScheduleRow } from './timeline.js';
import { CalendarRangeError, makeWorkingTime } from './agency-working-time.js';
import { buildWorkingCalendar } from './holiday-rules.js';
import { DEFAULT_OFFICE_HOURS, parseLocalDateTime } from './working-time.js';

const week = (start: string, end: string) => Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), [{ start, end }]]));
const row = (row_id: number, agency_id: string, valid_from: string, weekly: ScheduleRow['weekly']): ScheduleRow => ({ row_id, agency_id, valid_from, weekly });
const at = (text: string) => parseLocalDateTime(text);

describe('buildTimeline', () => {
  it('is the national default without any schedule', () => {
    const segs = buildTimeline(['a'], []);
    expect(segs).toHaveLength(1);
    expect(segs[0]).toMatchObject({ from: null, key: 'default', sourceAgencyId: null });
    expect(segs[0].hours).toBe(DEFAULT_OFFICE_HOURS);
    expect(segs[0].startMs).toBe(Number.NEGATIVE_INFINITY);
  });

  it('follows own schedules by date, the nearest ancestor otherwise, and "inherit" falls back to the parent', () => {
    const segs = buildTimeline(
      ['child', 'root'],
      [
        row(1, 'root', '2026-01-01', week('07:00', '16:00')),
        row(2, 'child', '2026-05-01', week('06:30', '15:30')),
        row(3, 'child', '2026-10-01', null),
      ],
    );
    expect(segs.map((s) => [s.from, s.key, s.sourceAgencyId])).toEqual([
      [null, 'default', null],
      ['2026-01-01', 'r1', 'root'],
      ['2026-05-01', 'r2', 'child'],
      ['2026-10-01', 'r1', 'root'],
    ]);
    expect(segs[2].hours.weekly[1]).toEqual([{ start: '06:30', end: '15:30' }]);
    expect(Object.isFrozen(segs[2].hours)).toBe(true);
  });

  it('merges consecutive stretches with the same hours', () => {
    const segs = buildTimeline(['child', 'root'], [row(1, 'root', '2026-01-01', week('07:00', '16:00')), row(2, 'child', '2026-03-01', null)]);
    expect(segs.map((s) => s.key)).toEqual(['default', 'r1']);
  });

  it('segmentIndexAt finds the segment in force', () => {
    const segs = buildTimeline(['a'], [row(1, 'a', '2026-05-01', week('07:00', '16:00'))]);
    expect(segmentIndexAt(segs, localMidnightMs('2026-04-30'))).toBe(0);
    expect(segmentIndexAt(segs, localMidnightMs('2026-05-01'))).toBe(1);
  });
});

describe('makeWorkingTime over a timeline', () => {
  const segs = buildTimeline(['a'], [row(1, 'a', '2026-05-04', week('07:00', '11:00'))]);
  const wt = makeWorkingTime({
    version: 7,
    agencyId: 'a',
    segments: segs,
    years: [2026, 2026],
    calendarOf: (seg) => buildWorkingCalendar([], seg.hours),
  });

  it('crosses a schedule boundary: Friday under the default hours, Monday under the new ones', () => {
    // Fri 2026-05-01 16:00, 2 working hours: 1 h on Friday (default closes 17:00), 1 h on Monday from 07:00
    expect(wt.addWorkingHours(at('2026-05-01T16:00'), 2).getTime()).toBe(at('2026-05-04T08:00').getTime());
    expect(wt.workingHoursBetween(at('2026-05-01T16:00'), at('2026-05-04T08:00'))).toBe(2);
    expect(wt.version).toBe(7);
  });

  it('throws CalendarRangeError outside its years', () => {
    expect(() => wt.nextWorkingInstant(at('2027-01-04T08:00'))).toThrow(CalendarRangeError);
  });
});
