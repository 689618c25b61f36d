// Rules of a satisfaction rating (pure): who may rate which dossier, when a rating may still be changed, and
// whether the answers are complete. Levels: 3 rất hài lòng, 2 hài lòng, 1 không hài lòng (the common 3-level
// scale, domain-vn §8). QĐ 766 5.4 counts a dossier as "disliked" when its `overall` answer is 1
// (không hài lòng): the national portal's like/dislike is one answer per dossier, and `overall` is the criterion
// that asks the same question; the other criteria are reported but do not decide the indicator.

export const LEVELS = [3, 2, 1] as const;
export type Level = (typeof LEVELS)[number];
export const DISLIKE: Level = 1;
export const OVERALL = 'overall';
export const LEVEL_WORDS: Record<Level, { vi: string; en: string }> = {
  3: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  2: { vi: 'Hài lòng', en: 'Satisfied' },
  1: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

export type Channel = 'portal' | 'link' | 'kiosk';

export interface Criterion {
  key: string;
  nameVi: string;
  nameEn: string;
  required: boolean;
}

export interface FieldProblem {
  path: string;
  code: string;
  messageVi: string;
  messageEn: string;
}

/** Only a dossier whose result was handed over (status 10, after return_result) of an accepted dossier can be rated. */
export function ratingRefusal(d: { status: string; acceptedAt: Date | null }): 'RATING_NOT_RETURNED' | null {
  return d.status === 'returned' && d.acceptedAt ? null : 'RATING_NOT_RETURNED';
}

export interface ExistingRating {
  rater: string;
  editableUntil: Date;
}

/**
 * May `rater` give or change the rating now? A first rating: yes. A change: only by the same rater, before the
 * window closes; a kiosk rating is final (the tablet rates once, the next citizen must not change it).
 */
export function changeRefusal(existing: ExistingRating | null, rater: string, now: Date): 'RATING_ALREADY_GIVEN' | 'RATING_WINDOW_CLOSED' | null {
  if (!existing) return null;
  if (existing.rater !== rater || rater.startsWith('kiosk:')) return 'RATING_ALREADY_GIVEN';
  if (now.getTime() >= existing.editableUntil.getTime()) return 'RATING_WINDOW_CLOSED';
  return null;
}

/** The end of the change window: `days` after the first rating. */
export const editableUntil = (firstAt: Date, days: number) => new Date(firstAt.getTime() + days * 86_400_000);

export const COMMENT_MAX = 2000;

/** The answers checked against the active criteria: every required one answered, no unknown key, levels 1–3. */
export function answerProblems(criteria: Criterion[], answers: Record<string, number>, comment: string | null | undefined): FieldProblem[] {
  const out: FieldProblem[] = [];
  const known = new Set(criteria.map((c) => c.key));
  for (const c of criteria) {
    if (c.required && answers[c.key] === undefined) {
      out.push({ path: `body.answers.${c.key}`, code: 'RATING_ANSWER_REQUIRED', messageVi: `Vui lòng chọn mức đánh giá cho "${c.nameVi}".`, messageEn: `Please choose a level for "${c.nameEn}".` });
    }
  }
  for (const [k, v] of Object.entries(answers)) {
    if (!known.has(k)) out.push({ path: `body.answers.${k}`, code: 'RATING_CRITERION_UNKNOWN', messageVi: 'Không có tiêu chí đánh giá này.', messageEn: 'No such criterion.' });
    else if (!(LEVELS as readonly number[]).includes(v)) out.push({ path: `body.answers.${k}`, code: 'RATING_LEVEL_INVALID', messageVi: 'Mức đánh giá phải là 1, 2 hoặc 3.', messageEn: 'The level must be 1, 2 or 3.' });
  }
  if (comment && comment.length > COMMENT_MAX) out.push({ path: 'body.comment', code: 'RATING_COMMENT_TOO_LONG', messageVi: `Ý kiến tối đa ${COMMENT_MAX} ký tự.`, messageEn: `The comment is at most ${COMMENT_MAX} characters.` });
  return out;
}
