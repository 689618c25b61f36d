import { describe, expect, it } from 'vitest';
import { answerProblems, changeRefusal, editableUntil, ratingRefusal, type Criterion } from './rating-rules.js';

const CRITERIA: Criterion[] = [
  { key: 'overall', nameVi: 'Chung', nameEn: 'Overall', required: true },
  { key: 'attitude', nameVi: 'Thái độ', nameEn: 'Attitude', required: false },
];
const at = (s: string) => new Date(s);

describe('eligibility', () => {
  it('only a returned, accepted dossier can be rated', () => {
    expect(ratingRefusal({ status: 'returned', acceptedAt: at('2026-11-01T02:00Z') })).toBeNull();
    expect(ratingRefusal({ status: 'result_ready', acceptedAt: at('2026-11-01T02:00Z') })).toBe('RATING_NOT_RETURNED');
    expect(ratingRefusal({ status: 'refused', acceptedAt: null })).toBe('RATING_NOT_RETURNED');
    expect(ratingRefusal({ status: 'returned', acceptedAt: null })).toBe('RATING_NOT_RETURNED');
  });
});

describe('one rating per dossier, changed by its rater within the window', () => {
  const first = at('2026-11-23T02:00Z');
  const existing = { rater: 'citizen:a', editableUntil: editableUntil(first, 7) };
  it('a first rating is always allowed', () => {
    expect(changeRefusal(null, 'secret', first)).toBeNull();
  });
  it('the same rater may change it until 7 days after the first rating (exclusive)', () => {
    expect(changeRefusal(existing, 'citizen:a', at('2026-11-30T01:59:59Z'))).toBeNull();
    expect(changeRefusal(existing, 'citizen:a', at('2026-11-30T02:00Z'))).toBe('RATING_WINDOW_CLOSED');
  });
  it('someone else never', () => {
    expect(changeRefusal(existing, 'citizen:b', first)).toBe('RATING_ALREADY_GIVEN');
    expect(changeRefusal(existing, 'secret', first)).toBe('RATING_ALREADY_GIVEN');
  });
  it('a kiosk rating is final', () => {
    expect(changeRefusal({ rater: 'kiosk:k', editableUntil: editableUntil(first, 7) }, 'kiosk:k', first)).toBe('RATING_ALREADY_GIVEN');
  });
  it('a window of 0 days closes at once', () => {
    expect(changeRefusal({ rater: 'secret', editableUntil: editableUntil(first, 0) }, 'secret', first)).toBe('RATING_WINDOW_CLOSED');
  });
});

describe('answers', () => {
  it('the overall criterion is required; unknown keys and levels are refused', () => {
    expect(answerProblems(CRITERIA, { overall: 3 }, null)).toEqual([]);
    expect(answerProblems(CRITERIA, { attitude: 2 }, null).map((p) => [p.path, p.code])).toEqual([['body.answers.overall', 'RATING_ANSWER_REQUIRED']]);
    expect(answerProblems(CRITERIA, { overall: 4, cost: 1 }, null).map((p) => p.code)).toEqual(['RATING_LEVEL_INVALID', 'RATING_CRITERION_UNKNOWN']);
    expect(answerProblems(CRITERIA, { overall: 1 }, 'x'.repeat(2001)).map((p) => p.code)).toEqual(['RATING_COMMENT_TOO_LONG']);
  });
});
