// The payments module's read API for other modules (reports: QĐ 766 3.5/3.6 count real online payments).
import type { Db } from '../../platform/db/database.js';
import { paidOnlineDossiers, paidOnlineDossierIdsSql } from './payments.repo.js';

/** Ids of the dossiers of these agencies with a fee paid online (settled by a gateway) in [from, to). */
export function dossiersPaidOnline(db: Db, agencyIds: string[], from: Date, to: Date): Promise<string[]> {
  return paidOnlineDossiers(db, agencyIds, from, to);
}

/**
 * For the reports' aggregate SQL (QĐ 766 3.5/3.6): the ids of dossiers with a real online payment (a gateway
 * settled it) before `before`, as a subquery the reports repository puts in its own query. The SQL stays here.
 */
export const paidOnlineDossierIds = (before: Date) => paidOnlineDossierIdsSql(before);
