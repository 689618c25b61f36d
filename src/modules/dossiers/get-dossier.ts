// Reading one dossier: GET /dossiers/{code}, and the same with its event log for the documents module
// (forms, uploads). Outside the caller's read scope the dossier does not exist (404).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { visibleDossier } from './access.js';
import { dossierOut } from './dossier-view.js';
import * as repo from './dossiers.repo.js';
import { ownDossier, type CitizenRef } from './citizen-dossiers.js';

export async function getDossier(ctx: AppContext, p: Principal, ref: string) {
  const row = await visibleDossier(ctx, p, ref);
  return dossierOut(ctx.db, row);
}

/** One dossier (as GET /dossiers/{code}) with its event log, under the caller's read scope (404 outside). */
export async function getDossierWithEvents(ctx: AppContext, p: Principal, ref: string) {
  const row = await visibleDossier(ctx, p, ref);
  const [dossier, events] = await Promise.all([dossierOut(ctx.db, row), repo.listEvents(ctx.db, row.id)]);
  return { dossier, events };
}

/** The same for the citizen it belongs to (citizen-dossiers.ts decides whose it is; 404 for anyone else). */
export async function getOwnDossierWithEvents(ctx: AppContext, who: CitizenRef, ref: string) {
  const row = await ownDossier(ctx.db, who, ref);
  const [dossier, events] = await Promise.all([dossierOut(ctx.db, row), repo.listEvents(ctx.db, row.id)]);
  return { dossier, events };
}
