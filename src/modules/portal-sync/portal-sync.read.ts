// The sync's read API for other modules (reports: QĐ 766 indicator 1.4 and the 3.3 factor).
import type { Db } from '../../platform/db/database.js';
import * as repo from './portal-sync.repo.js';

/**
 * Dossiers received (NgayTiepNhan) in [start, end) by the given competent agencies that the national portal
 * has accepted: the numerator of indicator 1.4, by agency.
 */
export async function syncedReceivedByAgency(db: Db, w: { start: Date; end: Date }, agencyIds: string[] | null): Promise<Map<string, number>> {
  const rows = await repo.syncedReceived(db, w.start, w.end, agencyIds);
  return new Map(rows.map((r) => [r.agencyId, r.synced]));
}

/** The same, summed over the agencies. */
export async function syncedReceivedCount(db: Db, w: { start: Date; end: Date }, agencyIds: string[] | null): Promise<number> {
  let n = 0;
  for (const v of (await syncedReceivedByAgency(db, w, agencyIds)).values()) n += v;
  return n;
}
