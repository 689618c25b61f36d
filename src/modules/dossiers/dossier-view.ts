// Loaders for the presenters: the process and the agencies a view names, read inside the caller's
// transaction when there is one (an action's answer shows the dossier as it was just stored).
import type { Db } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { agencyBriefs } from '../org/org.read.js';
import { processById } from '../workflow/workflow.service.js';
import type { DossierState } from '../workflow/state-machine.js';
import type { DossierRow } from './dossier-row.js';
import { dossierView, receipt } from './presenters.js';

/** The detail view of a dossier (GET /dossiers/{code} and every write's answer). */
export async function dossierOut(db: Db, row: DossierRow) {
  const s = row.state;
  const process = await processById(db, row.process_id);
  const ag = await agencyBriefs(db, [s.currentAgencyId, s.receivingAgencyId, s.competentAgencyId, s.returnAgencyId]);
  return dossierView(row, process, ag);
}

export type DossierOut = Awaited<ReturnType<typeof dossierOut>>;

/** Form 01 data: receipt and appointment (to the minute). */
export async function receiptOf(db: Db, row: Pick<DossierRow, 'applicant' | 'filing' | 'procedure_code' | 'procedure_name'>, s: DossierState, secret: string, receivedBy: Principal) {
  const ag = await agencyBriefs(db, [s.receivingAgencyId, s.returnAgencyId, s.competentAgencyId]);
  return receipt(row, s, secret, receivedBy, ag);
}
