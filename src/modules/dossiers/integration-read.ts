// A dossier and its event log for the integration modules (the national-portal sync, the postal service):
// read without a principal, because their callers are outbox handlers and jobs acting for the system, and
// never exposed over HTTP as such (their own routes check their own permissions). Read-only.
import type { Db } from '../../platform/db/database.js';
import type { DossierEvent } from '../workflow/types.js';
import type { DossierRow } from './dossier-row.js';
import * as repo from './dossiers.repo.js';

export interface DossierRecord {
  row: DossierRow;
  events: DossierEvent[];
}

/** The dossier (by id or code) with its whole event log, or null. */
export async function dossierRecord(db: Db, ref: string): Promise<DossierRecord | null> {
  const row = await repo.findByRef(db, ref);
  if (!row) return null;
  return { row, events: await repo.listEvents(db, row.id) };
}

/** The codes of dossiers by id (a dossier registered but not yet received has none). */
export async function dossierCodes(db: Db, ids: string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('dossiers').select(['id', 'code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}
