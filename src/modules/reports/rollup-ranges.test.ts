import { describe, expect, it } from 'vitest';
import { nextMonth, rollupRanges } from './rollup-ranges.js';

describe('rollupRanges', () => {
  it('reads a whole month from its month bucket', () => {
    expect(rollupRanges('2026-11-01', '2026-12-01')).toEqual({ months: ['2026-11-01'], days: [] });
  });
  it('reads a partial month from day buckets', () => {
    expect(rollupRanges('2026-11-03', '2026-11-20')).toEqual({ months: [], days: [{ from: '2026-11-03', to: '2026-11-20' }] });
    expect(rollupRanges('2026-11-03', '2026-12-01')).toEqual({ months: [], days: [{ from: '2026-11-03', to: '2026-12-01' }] });
  });
  it('splits a year ending today into its edge days and the whole months between', () => {
    const r = rollupRanges('2025-12-08', '2026-12-08');
    expect(r.months).toHaveLength(11);
    expect(r.months[0]).toBe('2026-01-01');
    expect(r.months[10]).toBe('2026-11-01');
    expect(r.days).toEqual([{ from: '2025-12-08', to: '2026-01-01' }, { from: '2026-12-01', to: '2026-12-08' }]);
  });
  it('crosses a year and covers every day once', () => {
    expect(nextMonth('2026-12-01')).toBe('2027-01-01');
    expect(rollupRanges('2026-12-01', '2027-02-01').months).toEqual(['2026-12-01', '2027-01-01']);
    expect(rollupRanges('2026-11-05', '2026-11-05')).toEqual({ months: [], days: [] });
  });
});
