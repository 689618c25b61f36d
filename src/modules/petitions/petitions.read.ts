// The petitions module's read API for other modules: the QĐ 766 5.1/5.3 counts (reports) and the dossiers a
// petition names (the ratings module's 5.4: dossiers with a petition count against reception satisfaction).
import type { Db } from '../../platform/db/database.js';
import * as repo from './petitions.repo.js';

export interface PetitionIndicatorCounts {
  /** 5.1 denominator: answered in the period + unanswered (not refused) whose deadline fell in the period. */
  due: number;
  /** 5.1 numerator: of those, answered by the deadline. */
  answeredOnTime: number;
  /** 5.3 denominator: answers rated in the period. */
  rated: number;
  /** 5.3 numerator: rated satisfied. */
  satisfied: number;
}

/**
 * Counts over [start, end) (deadlines passed by asOf) for petitions assigned to these agencies (null = all);
 * `includeUnassigned`: also those not assigned yet (they are the province's: a province-wide report).
 */
export function petitionIndicatorCounts(db: Db, w: { start: Date; end: Date; asOf: Date }, agencyIds: string[] | null, includeUnassigned = false): Promise<PetitionIndicatorCounts> {
  return repo.indicatorCounts(db, w, agencyIds, includeUnassigned);
}

/**
 * Subquery for QĐ 766 5.4 (the reports repository puts it in its own SQL, as ratings' dislikedDossierIds): the
 * codes of dossiers with a petition (phản ánh, kiến nghị) about them, received before `before` and not refused
 * by then. Reports count the dossiers of its denominator whose code is among them, so a petition lowers 5.4 for
 * the dossier's competent agency, whoever handles the petition.
 */
export const petitionedDossierCodes = (before: Date) => repo.petitionedDossierCodesSql(before);

/** Distinct dossiers named by petitions received in [start, end), of these agencies (assigned) when given. */
export function countDossiersWithPetition(db: Db, period: { start: Date; end: Date }, agencyIds?: string[] | null): Promise<number> {
  return repo.dossiersWithPetition(db, period, agencyIds ?? null);
}
