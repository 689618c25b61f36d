// The dossiers of the register (form 07) of one agency and period, for the documents module.
import type { AppContext } from '../../platform/context.js';
import { agencyBriefs } from '../org/org.read.js';
import { registerItem } from './presenters.js';
import * as repo from './dossiers.repo.js';

/**
 * Dossiers received by an agency with reception (or, for dossiers without acceptance, submission) in
 * [from, to), oldest first, for the register (form 07). The caller checks dossier.read on the agency.
 */
export async function listForRegister(ctx: AppContext, agencyId: string, from: Date, to: Date) {
  const rows = await repo.acceptedBetween(ctx.db, agencyId, from, to);
  const ag = await agencyBriefs(ctx.db, rows.flatMap((r) => [r.competent_agency_id, ...r.state.transfers.map((t) => t.toAgencyId)]));
  return rows.map((r) => registerItem(r, ag));
}
