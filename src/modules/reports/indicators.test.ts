import { describe, expect, it } from 'vitest';
import { GROUPS, evaluate, onTimeRate, percent, round2, scoreOf } from './indicators.js';

describe('round2 / percent', () => {
  it('rounds half up to 2 decimals, without binary noise', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(97.275)).toBe(97.28);
    expect(round2(2 / 3)).toBe(0.67);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(Number.NaN)).toBe(0);
  });

  it('is a percentage in [0, 100], N/A (null) for a zero denominator', () => {
    expect(percent(1, 3)).toBe(33.33);
    expect(percent(2, 3)).toBe(66.67);
    expect(percent(0, 0)).toBeNull();
    expect(percent(5, 0)).toBeNull();
    expect(percent(7, 5)).toBe(100);
    expect(percent(-1, 5)).toBe(0);
  });

  it('2.1 on-time rate: early + on time + in process within the deadline over received', () => {
    expect(onTimeRate({ received: 8, resolvedEarly: 2, resolvedOnTime: 3, inProcessOnTime: 1 })).toBe(75);
    expect(onTimeRate({ received: 0, resolvedEarly: 0, resolvedOnTime: 0, inProcessOnTime: 0 })).toBeNull();
  });
});

describe('scoring (domain-vn §0.5)', () => {
  it('linear: max × ratio; a zero denominator scores 0', () => {
    expect(scoreOf(20, { kind: 'linear' }, 9728, 10000)).toBe(19.46);
    expect(scoreOf(20, { kind: 'linear' }, 0, 0)).toBe(0);
  });

  it('full at a threshold: 3.1 at 80 %, 3.3 at 50 %, capped at the maximum', () => {
    expect(scoreOf(2, { kind: 'fullAt', at: 0.8 }, 40, 100)).toBe(1);
    expect(scoreOf(2, { kind: 'fullAt', at: 0.8 }, 95, 100)).toBe(2);
    expect(scoreOf(6, { kind: 'fullAt', at: 0.5 }, 25, 100)).toBe(3);
    expect(scoreOf(6, { kind: 'fullAt', at: 0.5 }, 5179, 10000)).toBe(6);
  });

  it('factor: min(max, k × ratio) (payment B and C)', () => {
    expect(scoreOf(2, { kind: 'factor', k: 2.5 }, 40, 100)).toBe(1);
    expect(scoreOf(2, { kind: 'factor', k: 2.5 }, 90, 100)).toBe(2);
  });

  it('never exceeds the maximum nor goes below 0 on inconsistent counts', () => {
    expect(scoreOf(6, { kind: 'linear' }, 12, 10)).toBe(6);
    expect(scoreOf(6, { kind: 'linear' }, -3, 10)).toBe(0);
  });
});

describe('indicator set', () => {
  it('has the six groups of the national portal with maxima 18/20/12/10/22/18 = 100, each the sum of its indicators', () => {
    expect(GROUPS.map((g) => g.code)).toEqual(['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDSH', 'MDHL']);
    expect(GROUPS.map((g) => g.max)).toEqual([18, 20, 12, 10, 22, 18]);
    for (const g of GROUPS) expect(g.indicators.reduce((s, i) => s + i.max, 0), g.code).toBe(g.max);
    const codes = GROUPS.flatMap((g) => g.indicators.map((i) => i.code));
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of GROUPS.flatMap((g) => g.indicators)) {
      expect(i.noteVi.length, i.code).toBeGreaterThan(10);
      expect(i.noteEn.length, i.code).toBeGreaterThan(10);
    }
  });

  it('evaluates available indicators, leaves the others without numbers, sums scores and available maxima', () => {
    const e = evaluate({
      '2.1': { numerator: 9728, denominator: 10000 },
      '3.3': { numerator: 25, denominator: 100 },
      '4.1': { numerator: 0, denominator: 0 },
      '1.1': { numerator: 1, denominator: 1 }, // no scoring: the data cannot support it, counts are ignored
    });
    const all = e.groups.flatMap((g) => g.indicators);
    const by = Object.fromEntries(all.map((i) => [i.code, i]));
    expect(by['2.1']).toMatchObject({ available: true, ratio: 97.28, score: 19.46, numerator: 9728, denominator: 10000 });
    expect(by['3.3']).toMatchObject({ available: true, ratio: 25, score: 3 });
    expect(by['4.1']).toMatchObject({ available: true, ratio: null, score: 0, denominator: 0 });
    expect(by['1.1']).toMatchObject({ available: false, ratio: null, score: null, numerator: null, denominator: null });
    expect(by['5.4']).toMatchObject({ available: false, score: null });
    expect(by['3.1']!.available).toBe(false); // no counts given
    expect(e.groups.find((g) => g.code === 'TDGQ')!.score).toBe(19.46);
    expect(e.groups.find((g) => g.code === 'MDHL')!.score).toBeNull();
    expect(e.groups.find((g) => g.code === 'MDSH')!.score).toBe(0);
    expect(e.score).toBe(22.46);
    expect(e.maxAvailable).toBe(20 + 6 + 6);
  });
});
