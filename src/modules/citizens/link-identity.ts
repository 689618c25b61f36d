// The account of a citizen the identity provider vouched for: by subject, else by an ID number a provider
// proved before (the subject is re-linked), else a new account. The proven fields overwrite what the
// citizen typed: they are the verified identity.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import * as repo from './citizens.repo.js';
import type { ProvenIdentity } from './identity-claims.js';

export async function linkIdentity(ctx: AppContext, trx: Db, issuer: string, id: ProvenIdentity): Promise<repo.CitizenRow> {
  const now = ctx.clock.now();
  await repo.lockAddress(trx, `oidc:${issuer}:${id.subject}`); // two callbacks of one person create one account
  const proven = {
    ...(id.name ? { full_name: id.name } : {}),
    ...(id.birthDate ? { birth_date: id.birthDate } : {}),
    ...(id.idNumber ? { id_number: id.idNumber } : {}),
    identity_verified_at: now,
    oidc_issuer: issuer,
    oidc_subject: id.subject,
  };
  const found = (await repo.findCitizenBySubject(trx, issuer, id.subject)) ?? (id.idNumber ? await repo.findProvenCitizenByIdNumber(trx, id.idNumber) : undefined);
  if (found) return (await repo.updateCitizen(trx, found.id, proven))!;
  return repo.insertCitizen(trx, { id: randomUUID(), created_at: now, ...proven });
}
