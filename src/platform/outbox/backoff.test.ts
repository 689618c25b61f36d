import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffMs } from './backoff.js';

describe('outbox backoff', () => {
  it('doubles from 10 s without an id and stops at the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 3_600_000))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(backoffMs(40, 3_600_000)).toBe(3_600_000);
    expect(backoffMs(0, 3_600_000)).toBe(10_000);
  });

  it('is positive, within the cap, within ±20 % of the doubling, and never shrinks with more attempts (before the cap)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.uuid(), fc.integer({ min: 1000, max: 86_400_000 }), (a, id, max) => {
        const d = backoffMs(a, max, id);
        const raw = 10_000 * 2 ** Math.min(a - 1, 30);
        expect(d).toBeGreaterThan(0);
        expect(d).toBeLessThanOrEqual(max);
        if (raw * 1.2 < max) expect(d).toBeGreaterThanOrEqual(Math.round(raw * 0.8));
        expect(backoffMs(a + 1, max, id)).toBeGreaterThanOrEqual(d);
      }),
    );
  });
});
