// Worked examples of the QĐ 766 petition indicators 5.1 and 5.3 (6 points each).
import { describe, expect, it } from 'vitest';
import { evaluate } from './indicators.js';
import { petitionFractions, petitionOnTimeScore, petitionSatisfactionScore } from './petition-score.js';

describe('QĐ 766 5.1 petitions handled on time', () => {
  it('scores 6 × the on-time ratio, 2 decimals', () => {
    expect(petitionOnTimeScore({ answeredOnTime: 9, due: 10 })).toBe(5.4);
    expect(petitionOnTimeScore({ answeredOnTime: 2, due: 3 })).toBe(4); // 6 × 0.6667 = 4.00
    expect(petitionOnTimeScore({ answeredOnTime: 47, due: 53 })).toBe(5.32); // 5.3207…
    expect(petitionOnTimeScore({ answeredOnTime: 0, due: 4 })).toBe(0);
    expect(petitionOnTimeScore({ answeredOnTime: 4, due: 4 })).toBe(6);
  });
  it('scores the full 6 with no petitions', () => {
    expect(petitionOnTimeScore({ answeredOnTime: 0, due: 0 })).toBe(6);
  });
});

describe('QĐ 766 5.3 petition satisfaction', () => {
  it('scores 6 × satisfied ÷ rated', () => {
    expect(petitionSatisfactionScore({ satisfied: 1, rated: 2 })).toBe(3);
    expect(petitionSatisfactionScore({ satisfied: 7, rated: 8 })).toBe(5.25);
    expect(petitionSatisfactionScore({ satisfied: 1, rated: 3 })).toBe(2);
  });
  it('scores the full 6 with no rated answers', () => {
    expect(petitionSatisfactionScore({ satisfied: 0, rated: 0 })).toBe(6);
  });
});

describe('the indicator table scores 5.1 and 5.3 with the same formulas', () => {
  it('a province with 20 petitions due, 17 on time, 12 rated of which 9 satisfied', () => {
    const e = evaluate(petitionFractions({ answeredOnTime: 17, due: 20 }, { satisfied: 9, rated: 12 }));
    const g = e.groups.find((x) => x.code === 'MDHL')!;
    const i51 = g.indicators.find((i) => i.code === '5.1')!;
    const i53 = g.indicators.find((i) => i.code === '5.3')!;
    expect([i51.available, i51.ratio, i51.score]).toEqual([true, 85, 5.1]);
    expect([i53.available, i53.ratio, i53.score]).toEqual([true, 75, 4.5]);
    expect(g.score).toBe(9.6);
  });
  it('zero petitions: both available, ratio N/A, full 6 each', () => {
    const e = evaluate(petitionFractions({ answeredOnTime: 0, due: 0 }, { satisfied: 0, rated: 0 }));
    const g = e.groups.find((x) => x.code === 'MDHL')!;
    for (const code of ['5.1', '5.3']) {
      const i = g.indicators.find((x) => x.code === code)!;
      expect([i.available, i.ratio, i.score]).toEqual([true, null, 6]);
    }
    expect(g.score).toBe(12);
  });
});
