// The payments module's read API for other modules (reports: QĐ 766 3.5/3.6 count real online payments).
import type { Db } from '../../platform/db/database.js';
import { paidOnlineDossiers } from './payments.repo.js';

/** Ids of the dossiers of these agencies with a fee paid online (settled by a gateway) in [from, to). */
export function dossiersPaidOnline(db: Db, agencyIds: string[], from: Date, to: Date): Promise<string[]> {
  return paidOnlineDossiers(db, agencyIds, from, to);
}
