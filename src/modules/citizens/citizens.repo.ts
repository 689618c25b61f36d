// SQL for citizen accounts, their sessions, sign-in challenges, pending identity-provider sign-ins and
// representations. Returns plain objects.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { CitizenRepresentations, Citizens, CitizenSessions, CitizenSignInChallenges } from '../../platform/db/schema.gen.js';

export type CitizenRow = Selectable<Citizens>;
export type CitizenSessionRow = Selectable<CitizenSessions>;
export type ChallengeRow = Selectable<CitizenSignInChallenges>;
export type RepresentationRow = Selectable<CitizenRepresentations>;

// ---- citizens ----
export const findCitizenById = (db: Db, id: string): Promise<CitizenRow | undefined> =>
  db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirst();

export const findCitizenByPhone = (db: Db, phone: string): Promise<CitizenRow | undefined> =>
  db.selectFrom('citizens').selectAll().where('phone', '=', phone).executeTakeFirst();

export const findCitizenByEmail = (db: Db, email: string): Promise<CitizenRow | undefined> =>
  db.selectFrom('citizens').selectAll().where('email', '=', email).executeTakeFirst();

export const findCitizenBySubject = (db: Db, issuer: string, subject: string): Promise<CitizenRow | undefined> =>
  db.selectFrom('citizens').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();

/**
 * An account whose ID number an identity provider proved earlier (another issuer or subject: the province
 * changed provider, the provider re-issued subjects). A number typed by hand never links an account.
 */
export const findProvenCitizenByIdNumber = (db: Db, idNumber: string): Promise<CitizenRow | undefined> =>
  db.selectFrom('citizens').selectAll().where('id_number', '=', idNumber).where('identity_verified_at', 'is not', null).orderBy('created_at').executeTakeFirst();

export const insertCitizen = (db: Db, row: Insertable<Citizens>): Promise<CitizenRow> =>
  db.insertInto('citizens').values(row).returningAll().executeTakeFirstOrThrow();

export const updateCitizen = (db: Db, id: string, set: Updateable<Citizens>): Promise<CitizenRow | undefined> =>
  db.updateTable('citizens').set(set).where('id', '=', id).returningAll().executeTakeFirst();

/** Row lock: profile edits and sign-ins that link a field to the account are serialised per account. */
export const lockCitizen = (db: Db, id: string): Promise<CitizenRow | undefined> =>
  db.selectFrom('citizens').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

// ---- sessions ----
export const insertSession = (db: Db, row: Insertable<CitizenSessions>) => db.insertInto('citizen_sessions').values(row).execute();

export const findSession = (db: Db, id: string): Promise<CitizenSessionRow | undefined> =>
  db.selectFrom('citizen_sessions').selectAll().where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();

export const touchSession = (db: Db, id: string, now: Date) =>
  db.updateTable('citizen_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();

export const revokeSession = (db: Db, id: string, now: Date) =>
  db.updateTable('citizen_sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();

// ---- one-time code challenges ----
export const insertChallenge = (db: Db, row: Insertable<CitizenSignInChallenges>): Promise<ChallengeRow> =>
  db.insertInto('citizen_sign_in_challenges').values(row).returningAll().executeTakeFirstOrThrow();

/** Serialises code requests for one address (transaction-scoped advisory lock on its text). */
export async function lockAddress(db: Db, address: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'citizen-address:' + address}))`.execute(db);
}

/** Codes sent to an address since `since`, newest first. */
export const challengesForAddressSince = (db: Db, address: string, since: Date): Promise<ChallengeRow[]> =>
  db.selectFrom('citizen_sign_in_challenges').selectAll().where('address', '=', address).where('created_at', '>', since).orderBy('created_at', 'desc').execute();

export const findChallengeForUpdate = (db: Db, id: string): Promise<ChallengeRow | undefined> =>
  db.selectFrom('citizen_sign_in_challenges').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const countAttempt = (db: Db, id: string) =>
  db.updateTable('citizen_sign_in_challenges').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();

/** Consumed once: the WHERE makes a second, concurrent verification of the same code change nothing. */
export async function consumeChallenge(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('citizen_sign_in_challenges').set({ consumed_at: now }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Earlier open codes of an address stop working when a new one is sent. */
export const retireOpenChallenges = (db: Db, address: string, purpose: string, now: Date) =>
  db.updateTable('citizen_sign_in_challenges').set({ consumed_at: now }).where('address', '=', address).where('purpose', '=', purpose).where('consumed_at', 'is', null).execute();

// ---- identity-provider sign-ins ----
export const insertOidcLogin = (db: Db, row: { state: string; code_verifier: string; nonce: string; return_to: string | null; created_at: Date }) =>
  db.insertInto('citizen_oidc_logins').values(row).execute();

/** Taken once: the row is deleted as it is read, so a replayed callback finds nothing. */
export const takeOidcLogin = (db: Db, state: string) =>
  db.deleteFrom('citizen_oidc_logins').where('state', '=', state).returningAll().executeTakeFirst();

export const deleteOidcLoginsBefore = (db: Db, before: Date) => db.deleteFrom('citizen_oidc_logins').where('created_at', '<', before).execute();

// ---- representations ----
export const insertRepresentation = (db: Db, row: Insertable<CitizenRepresentations>): Promise<RepresentationRow> =>
  db.insertInto('citizen_representations').values(row).returningAll().executeTakeFirstOrThrow();

export const representationsOf = (db: Db, citizenId: string): Promise<RepresentationRow[]> =>
  db.selectFrom('citizen_representations').selectAll().where('citizen_id', '=', citizenId).orderBy('created_at', 'desc').orderBy('id').execute();

export const findRepresentation = (db: Db, citizenId: string, id: string): Promise<RepresentationRow | undefined> =>
  db.selectFrom('citizen_representations').selectAll().where('citizen_id', '=', citizenId).where('id', '=', id).executeTakeFirst();

export const revokeRepresentation = (db: Db, citizenId: string, id: string, now: Date): Promise<RepresentationRow | undefined> =>
  db.updateTable('citizen_representations').set({ revoked_at: now }).where('citizen_id', '=', citizenId).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst();

// ---- the sweep of what has expired ----

/** Deletes sign-in codes expired before `before`, sessions ended (expired, idle or revoked) and stale OIDC states. */
export async function deleteExpired(db: Db, at: { challengesBefore: Date; now: Date; idleBefore: Date; oidcBefore: Date }) {
  const challenges = await db.deleteFrom('citizen_sign_in_challenges').where('expires_at', '<', at.challengesBefore).executeTakeFirst();
  const sessions = await db
    .deleteFrom('citizen_sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', at.now), eb('last_seen_at', '<', at.idleBefore), eb('revoked_at', 'is not', null)]))
    .executeTakeFirst();
  const oidc = await db.deleteFrom('citizen_oidc_logins').where('created_at', '<', at.oidcBefore).executeTakeFirst();
  return { challenges: Number(challenges.numDeletedRows), sessions: Number(sessions.numDeletedRows), oidcLogins: Number(oidc.numDeletedRows) };
}

/** Every file an authorisation (representation) is recorded with: staged, never attached, but kept. */
export async function representationFileIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('citizen_representations').select('document_file_id').execute()).map((r) => r.document_file_id);
}
