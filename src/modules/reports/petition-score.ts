// QĐ 766 group 5 ("Mức độ hài lòng"), the petition indicators, as pure functions of their counts
// (domain-vn §0.5 "Satisfaction (18)", §7 "5.1–5.3"), so that any province's published inputs can be
// re-scored to its published totals:
//
//   5.1 Petitions handled on time (max 6) = 6 × answeredOnTime ÷ due
//       due           = petitions of the period that had to be answered: answered in the period, plus those
//                       still unanswered whose 15-working-day deadline fell in the period (refused — không thụ
//                       lý — petitions are not counted);
//       answeredOnTime = of those, answered at or before the deadline.
//   5.3 Petition satisfaction (max 6) = 6 × satisfied ÷ rated
//       rated          = answers the petitioner rated in the period; satisfied = rated "satisfied".
//   With no petitions (denominator 0) each metric scores the full 6 (§0.5: "with no petitions each petition
//   metric scores the full 6"); the ratio is then N/A. Points are rounded to 2 decimals, half up.
import { scoreOf, type Scoring } from './indicators.js';

/** The scoring both petition indicators use: linear, full marks when there is nothing to count. */
export const PETITION_SCORING: Scoring = { kind: 'linear', whenNone: 'full' };
export const PETITION_MAX = 6;

export interface PetitionOnTimeCounts {
  answeredOnTime: number;
  due: number;
}

export interface PetitionSatisfactionCounts {
  satisfied: number;
  rated: number;
}

/** 5.1: 6 × answeredOnTime ÷ due; 6 when due = 0. */
export function petitionOnTimeScore(c: PetitionOnTimeCounts): number {
  return scoreOf(PETITION_MAX, PETITION_SCORING, c.answeredOnTime, c.due);
}

/** 5.3: 6 × satisfied ÷ rated; 6 when rated = 0. */
export function petitionSatisfactionScore(c: PetitionSatisfactionCounts): number {
  return scoreOf(PETITION_MAX, PETITION_SCORING, c.satisfied, c.rated);
}

/** The counts as the indicator table's fractions (numerator ÷ denominator) for evaluate(). */
export function petitionFractions(onTime: PetitionOnTimeCounts, sat: PetitionSatisfactionCounts) {
  return {
    '5.1': { numerator: onTime.answeredOnTime, denominator: onTime.due },
    '5.3': { numerator: sat.satisfied, denominator: sat.rated },
  };
}
