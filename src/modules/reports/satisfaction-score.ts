// QĐ 766 group 5 "Mức độ hài lòng" (18 points), pure functions of counts (domain-vn §0.5 "Satisfaction (18)",
// §7 "5.1–5.4"), so any province's published inputs can be re-scored to its published totals.
//
// 5.4 receiving satisfaction (max 6) = min(6, 6 × ratio ÷ 0.9), full score from 90 % on, where
//   ratio = (dossiers received in the period that are not overdue and were not rated "không hài lòng"
//            − those of them that have a petition about them) ÷ dossiers received in the period.
//   "Received" is the 2.1 denominator (dossiers handled in the period, "nhận giải quyết"); "not overdue" is
//   the 2.1 numerator's test; a "dislike" is the overall answer 1 of the dossier's rating (ratings module).
//   Denominator 0 → ratio N/A and 0 points (§0.5: a ratio with denominator 0 counts as 0 unless stated).
// 5.1 petitions handled on time (max 6) = 6 × on time ÷ petitions; 5.3 petition satisfaction (max 6) =
//   6 × satisfied ÷ rated petitions; with no petitions each scores the full 6 (§0.5). The petitions module
//   supplies their counts.
import { round2 } from './indicators.js';

export interface ReceivingSatisfactionCounts {
  /** Dossiers received (handled) in the period: the 2.1 denominator. */
  received: number;
  /** Of them: not overdue (2.1's on-time test) and without an overall "không hài lòng" rating. */
  notOverdueNotDisliked: number;
  /** Of those: dossiers with a petition (phản ánh, kiến nghị) about them (petitions.read.petitionedDossierCodes). */
  dossiersWithPetition: number;
}

/** The numerator of 5.4 (never below 0). */
export const receivingSatisfiedCount = (c: ReceivingSatisfactionCounts) => Math.max(0, c.notOverdueNotDisliked - c.dossiersWithPetition);

/** 5.4 points: min(6, 6 × ratio ÷ 0.9), 2 decimals; 0 when nothing was received. */
export function receivingSatisfactionScore(c: ReceivingSatisfactionCounts): number {
  if (!(c.received > 0)) return 0;
  const ratio = Math.min(1, receivingSatisfiedCount(c) / c.received);
  return round2(Math.min(6, (6 * ratio) / 0.9));
}

/** 5.1 / 5.3 points: 6 × part ÷ whole; the full 6 when there is nothing to count (no petitions). */
export function petitionScore(part: number, whole: number): number {
  if (!(whole > 0)) return 6;
  return round2(6 * Math.min(1, Math.max(0, part / whole)));
}
