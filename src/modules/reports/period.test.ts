import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { MAX_PERIOD_DAYS, nextDay, periodOf, viDay } from './period.js';

const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 23/11/2026 09:00 in Hanoi

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : String(e);
  }
  return undefined;
}

describe('report period', () => {
  it('local days at UTC+7, `to` inclusive, asOf = min(now, end)', () => {
    const p = periodOf({ from: '2026-11-01', to: '2026-11-30' }, NOW);
    expect(p.start.toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(p.asOf.toISOString()).toBe(NOW.toISOString());
    expect(p.days).toBe(30);
    const past = periodOf({ from: '2026-10-01', to: '2026-10-31' }, NOW);
    expect(past.asOf.toISOString()).toBe('2026-10-31T17:00:00.000Z');
  });

  it('defaults to the current month up to today', () => {
    const p = periodOf({}, NOW);
    expect([p.from, p.to]).toEqual(['2026-11-01', '2026-11-23']);
    // 23:30 local on 30 November is still November locally
    expect(periodOf({}, new Date('2026-11-30T16:30:00Z')).to).toBe('2026-11-30');
    expect(periodOf({}, new Date('2026-11-30T17:30:00Z')).from).toBe('2026-12-01');
  });

  it('refuses from > to and periods over the maximum', () => {
    expect(codeOf(() => periodOf({ from: '2026-11-02', to: '2026-11-01' }, NOW))).toBe('422 REPORT_PERIOD_INVALID');
    expect(codeOf(() => periodOf({ from: '2026-01-01', to: '2026-12-31' }, NOW))).toBeUndefined();
    expect(codeOf(() => periodOf({ from: '2024-01-01', to: '2024-12-31' }, NOW))).toBeUndefined(); // leap year: 366 days
    expect(codeOf(() => periodOf({ from: '2025-01-01', to: '2026-01-02' }, NOW))).toBe('422 REPORT_PERIOD_TOO_LONG');
    expect(MAX_PERIOD_DAYS).toBe(366);
  });

  it('day helpers', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(viDay('2026-11-05')).toBe('05/11/2026');
  });
});
