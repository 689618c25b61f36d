// The read API other modules use (the online submission pre-fills the applicant and the representative):
// a citizen's profile, and one of their representations with its status. Null when there is none.
import type { AppContext } from '../../platform/context.js';
import { isUuid } from '../../platform/values.js';
import * as repo from './citizens.repo.js';
import type { ProfileOut, RepresentationOut } from './citizens.out.js';
import { profileView } from './profile-view.js';
import { representationViews } from './representation-view.js';

export type { CitizenPrincipal } from './citizen-session.js';
export type { ProfileOut as CitizenProfile, RepresentationOut as CitizenRepresentation } from './citizens.out.js';

export async function profileOf(ctx: AppContext, citizenId: string): Promise<ProfileOut | null> {
  const c = isUuid(citizenId) ? await repo.findCitizenById(ctx.db, citizenId) : undefined;
  return c ? profileView(ctx.db, c) : null;
}

/** Only the citizen's own representation; check `status === 'active'` before filing under it. */
export async function representationOf(ctx: AppContext, citizenId: string, representationId: string): Promise<RepresentationOut | null> {
  const r = isUuid(citizenId) && isUuid(representationId) ? await repo.findRepresentation(ctx.db, citizenId, representationId) : undefined;
  return r ? (await representationViews(ctx, citizenId, [r]))[0]! : null;
}

/** The files authorisations are recorded with (the staged-upload sweep keeps them). */
export const representationFileIds = (ctx: AppContext): Promise<string[]> => repo.representationFileIds(ctx.db);
// the sweep of expired codes, sessions and identity-provider sign-ins (the citizen-sweep job)
export { sweepExpiredSignIns } from './sweep-expired.js';
