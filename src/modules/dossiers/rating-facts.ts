// What the ratings module reads of a dossier (read-only): whether it may be rated, where it belongs (competent
// agency, procedure) and the officials who handled it (who returned the result and who finished its
// processing steps, from the event log), found by the proof the rater holds: the lookup secret of the receipt,
// the citizen's account, or the dossier id the desk handed to a kiosk (after its own access check).
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { DossierEvent } from '../workflow/types.js';
import { visibleDossier } from './access.js';
import { ownDossier, type CitizenRef } from './citizen-dossiers.js';
import { secretMatches } from './lookup-secret.js';
import * as repo from './dossiers.repo.js';

export interface DossierRatingFacts {
  id: string;
  code: string;
  status: string;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  competentAgencyId: string;
  acceptedAt: Date | null;
  returnedAt: Date | null;
  /** Who returned the result first, then the officials who finished a processing step (distinct, in order). */
  officialIds: string[];
}

/** The officials who handled the dossier: the one who returned the result, then each who moved it on (not citizens, not the system). */
export function handlingOfficials(events: DossierEvent[]): string[] {
  const out: string[] = [];
  const add = (id: string | null | undefined) => { if (id && !out.includes(id)) out.push(id); };
  const human = (e: DossierEvent) => !e.actor.system && !e.actor.citizen;
  for (const e of events) if (e.action === 'return_result' && human(e)) add(e.actor.userId);
  for (const e of events) if (human(e) && e.fromState !== null && e.action !== 'return_result') add(e.actor.userId);
  return out;
}

async function factsOf(db: Db, row: repo.DossierRow): Promise<DossierRatingFacts> {
  const events = await repo.listEvents(db, row.id);
  return {
    id: row.id,
    code: row.code ?? row.id,
    status: row.status,
    procedureId: row.procedure_id,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    competentAgencyId: row.competent_agency_id,
    acceptedAt: row.accepted_at ? new Date(row.accepted_at) : null,
    returnedAt: row.returned_at ? new Date(row.returned_at) : null,
    officialIds: handlingOfficials(events),
  };
}

/** By code + lookup secret; the same 404 as the public look-up otherwise. */
export async function ratingFactsBySecret(ctx: AppContext, code: string, secret: string): Promise<DossierRatingFacts> {
  const typed = code.trim();
  const row = repo.isUuid(typed) ? undefined : ((await repo.findByRef(ctx.db, typed)) ?? (await repo.findByRef(ctx.db, code.trim().toUpperCase())));
  const ok = secretMatches(secret, row?.secret_hash);
  if (!row || !ok) throw platformErrors.NOT_FOUND({ what: 'dossier' });
  return factsOf(ctx.db, row);
}

/** The citizen's own dossier (404 for anyone else's). */
export async function ratingFactsOfCitizen(ctx: AppContext, who: CitizenRef, ref: string): Promise<DossierRatingFacts> {
  return factsOf(ctx.db, await ownDossier(ctx.db, who, ref));
}

/** A dossier the official can see (404 outside their read scope): the desk handing it to its kiosk. */
export async function ratingFactsForOfficial(ctx: AppContext, p: Principal, ref: string): Promise<DossierRatingFacts> {
  return factsOf(ctx.db, await visibleDossier(ctx, p, ref));
}

/** By id, for a dossier already handed to a kiosk (null when gone). */
export async function ratingFactsById(db: Db, id: string): Promise<DossierRatingFacts | null> {
  const row = await repo.findByRef(db, id);
  return row ? factsOf(db, row) : null;
}
