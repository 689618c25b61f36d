import { describe, expect, it } from 'vitest';
import { GROUPS, evaluate } from './indicators.js';
import { petitionScore, receivingSatisfactionScore, receivingSatisfiedCount } from './satisfaction-score.js';

describe('QĐ 766 5.4 receiving satisfaction = min(6, 6 × ratio / 0.9)', () => {
  it('worked example: 1000 received, 30 overdue, 20 disliked (5 of them also overdue), 0 petitions', () => {
    // not overdue and not disliked = 1000 − 30 − (20 − 5) = 955; ratio 95.5 % ≥ 90 % → full 6
    expect(receivingSatisfactionScore({ received: 1000, notOverdueNotDisliked: 955, dossiersWithPetition: 0 })).toBe(6);
  });
  it('below 90 %: 6 × 0.8 / 0.9 = 5.33', () => {
    expect(receivingSatisfactionScore({ received: 10, notOverdueNotDisliked: 8, dossiersWithPetition: 0 })).toBe(5.33);
  });
  it('exactly 90 % scores the full 6; 2 of 3 → 6 × 0.6667 / 0.9 = 4.44', () => {
    expect(receivingSatisfactionScore({ received: 10, notOverdueNotDisliked: 9, dossiersWithPetition: 0 })).toBe(6);
    expect(receivingSatisfactionScore({ received: 3, notOverdueNotDisliked: 2, dossiersWithPetition: 0 })).toBe(4.44);
  });
  it('petitions about otherwise satisfied dossiers lower the numerator (never below 0)', () => {
    expect(receivingSatisfiedCount({ received: 10, notOverdueNotDisliked: 9, dossiersWithPetition: 2 })).toBe(7);
    expect(receivingSatisfactionScore({ received: 10, notOverdueNotDisliked: 9, dossiersWithPetition: 2 })).toBe(4.67);
    expect(receivingSatisfiedCount({ received: 10, notOverdueNotDisliked: 1, dossiersWithPetition: 3 })).toBe(0);
  });
  it('denominator 0 scores 0 (and the indicator shows N/A)', () => {
    expect(receivingSatisfactionScore({ received: 0, notOverdueNotDisliked: 0, dossiersWithPetition: 0 })).toBe(0);
    const e = evaluate({ '5.4': { numerator: 0, denominator: 0 } });
    const i = e.groups.find((g) => g.code === 'MDHL')!.indicators.find((x) => x.code === '5.4')!;
    expect(i).toMatchObject({ available: true, ratio: null, score: 0 });
  });
  it('evaluate() scores 5.4 with the same formula', () => {
    for (const [n, d] of [[8, 10], [2, 3], [955, 1000], [0, 7]] as const) {
      const e = evaluate({ '5.4': { numerator: n, denominator: d } });
      const i = e.groups.find((g) => g.code === 'MDHL')!.indicators.find((x) => x.code === '5.4')!;
      expect(i.score).toBe(receivingSatisfactionScore({ received: d, notOverdueNotDisliked: n, dossiersWithPetition: 0 }));
    }
    expect(GROUPS.find((g) => g.code === 'MDHL')!.indicators.find((x) => x.code === '5.4')!.scoring).toEqual({ kind: 'fullAt', at: 0.9 });
  });
});

describe('QĐ 766 5.1 / 5.3 petition scores = 6 × ratio, full 6 without petitions', () => {
  it('worked examples', () => {
    expect(petitionScore(0, 0)).toBe(6);
    expect(petitionScore(9, 10)).toBe(5.4);
    expect(petitionScore(2, 3)).toBe(4);
    expect(petitionScore(0, 5)).toBe(0);
  });
});
