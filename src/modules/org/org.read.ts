// The org module's read API for the other modules: agencies (by id, by code, briefly cached briefs),
// subtrees, users and their names, role assignments, administrative-unit names. Other modules read the
// organisation only through this file (or call org.service), never through org.repo / admin-units.repo,
// so the org tables can change without touching the modules that ask about them.
// Functions take a `Db` (not the context) so that callers can read inside their own transaction.
import type { Db } from '../../platform/db/database.js';
import type { RoleAssignment } from '../../platform/auth/principal.js';
import { isUuid } from '../../platform/values.js';
import * as repo from './org.repo.js';
import * as adminUnits from './admin-units.repo.js';

export type { AgencyRow as Agency, AgencyBrief, UserRow as User } from './org.repo.js';
export type { AdminUnitRow as AdminUnit } from './admin-units.repo.js';

// ---- agencies ----

export const agencyById = (db: Db, id: string): Promise<repo.AgencyRow | undefined> => repo.findAgencyById(db, id);

export const agenciesByIds = (db: Db, ids: string[]): Promise<repo.AgencyRow[]> => repo.findAgenciesByIds(db, ids);

/** The agency in force with this code (a dissolved one keeps its code but is not found). */
export const agencyByCode = (db: Db, code: string): Promise<repo.AgencyRow | undefined> => repo.findAgencyByCode(db, code);

/** The agency with this code in force, else the last one that held it (a calendar is still asked for a closed one). */
export const agencyByCodeInHistory = (db: Db, code: string): Promise<repo.AgencyRow | undefined> => repo.findAgencyByCodeInHistory(db, code);

// Every dossier action needs id, code, name and path of several agencies (scope, actors, output); they
// change rarely and a path never changes once created, so a few seconds of staleness is harmless.
const BRIEF_TTL_MS = 10_000;
const briefCache = new Map<string, { at: number; brief: repo.AgencyBrief }>();

/** Id, code, name and path of agencies by id (cached for a few seconds); unknown ids are absent. */
export async function agencyBriefs(db: Db, ids: string[]): Promise<Map<string, repo.AgencyBrief>> {
  const now = Date.now();
  const out = new Map<string, repo.AgencyBrief>();
  const missing: string[] = [];
  for (const id of new Set(ids.filter(Boolean))) {
    const hit = briefCache.get(id);
    if (hit && now - hit.at < BRIEF_TTL_MS) out.set(id, hit.brief);
    else missing.push(id);
  }
  for (const brief of await repo.agencyBriefsByIds(db, missing)) {
    briefCache.set(brief.id, { at: now, brief });
    out.set(brief.id, brief);
  }
  return out;
}

/** Ids of every agency in the subtrees rooted at these paths (a principal's scope). */
export const subtreeAgencyIds = (db: Db, paths: string[]): Promise<string[]> => repo.agencyIdsUnder(db, paths);

// ---- users ----

/** System administrators (admin role at a top-level agency) with their e-mail and phone: operator alerts. */
export const systemAdminContacts = (db: Db) => repo.topLevelRoleHolders(db, 'admin');

export const userById = (db: Db, id: string): Promise<repo.UserRow | undefined> => repo.findUserById(db, id);

export const userByUsername = (db: Db, username: string): Promise<repo.UserRow | undefined> => repo.findUserByUsername(db, username);

/** The user's role assignments at agencies in force (what a Principal carries). */
export const assignmentsOf = (db: Db, userId: string): Promise<RoleAssignment[]> => repo.assignmentsOf(db, userId);

/** Full names of users by id (forms, event logs); ids that are not users' (system, citizen) are left out. */
export async function userNames(db: Db, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const uuids = [...new Set(ids.filter((x): x is string => !!x && isUuid(x)))];
  if (uuids.length === 0) return new Map();
  return new Map((await repo.userFullNames(db, uuids)).map((r) => [r.id, r.full_name]));
}

// ---- administrative units ----

/** Current administrative units by code (names in addresses and places printed on forms). */
export const currentAdminUnits = (db: Db, codes: string[]): Promise<adminUnits.AdminUnitRow[]> => adminUnits.currentUnitsByCodes(db, codes);

/** A current commune (ward) in force, with its province code; undefined for an unknown or retired code. */
export const currentCommune = (db: Db, code: string) => adminUnits.findCurrentCommune(db, code);

/** Agencies in force of one kind (e.g. the desks: 'service_centre', 'commune_centre'). */
export const agenciesOfKind = (db: Db, kind: string): Promise<repo.AgencyRow[]> => repo.listAgencies(db, { kind });
