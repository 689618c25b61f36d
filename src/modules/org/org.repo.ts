// SQL for agencies, units, users, role assignments, sessions and API tokens. Returns plain objects.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Agencies, AgencyUnits, LoginThrottle, OidcLogins, Users } from '../../platform/db/schema.gen.js';
import type { RoleAssignment } from '../../platform/auth/principal.js';
import type { Role } from '../../platform/auth/roles.js';
import { likeEscape, searchKey } from '../../platform/text.js';

/** An agency as stored (generated column types), without its bookkeeping timestamps. */
export type AgencyRow = Omit<Selectable<Agencies>, 'created_at' | 'updated_at'>;

export type UserKind = 'official' | 'integration';
/** A user as stored; `kind` is narrowed to the values its CHECK constraint allows. */
export type UserRow = Omit<Selectable<Users>, 'created_at' | 'updated_at' | 'kind'> & { kind: UserKind };

// ---- agencies ----
export const findAgencyById = (db: Db, id: string): Promise<AgencyRow | undefined> =>
  db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();

export async function findAgenciesByIds(db: Db, ids: string[]): Promise<AgencyRow[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('agencies').selectAll().where('id', 'in', ids).execute());
}

/** Id, code, name and path of agencies (the fields scope checks and dossier output need). */
export async function agencyBriefsByIds(db: Db, ids: string[]): Promise<AgencyBrief[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('agencies').select(['id', 'code', 'name', 'path']).where('id', 'in', ids).execute());
}

export type AgencyBrief = Pick<AgencyRow, 'id' | 'code' | 'name' | 'path'>;

/** Ids of the agencies under any of the path prefixes (an agency's subtree includes itself). */
export async function agencyIdsUnder(db: Db, prefixes: string[]): Promise<string[]> {
  if (prefixes.length === 0) return [];
  const rows = await db
    .selectFrom('agencies')
    .select('id')
    .where(sql<boolean>`path LIKE ANY(${sql.val(prefixes.map((p) => `${p}%`))}::text[])`)
    .execute();
  return rows.map((r) => r.id);
}

export const findAgencyByCode = (db: Db, code: string): Promise<AgencyRow | undefined> =>
  db.selectFrom('agencies').selectAll().where('code', '=', code).where('valid_to', 'is', null).executeTakeFirst();

/** The agencies in force with these codes (any order; missing codes are absent). */
export const findAgenciesByCodes = (db: Db, codes: string[]): Promise<AgencyRow[]> =>
  codes.length ? db.selectFrom('agencies').selectAll().where('code', 'in', codes).where('valid_to', 'is', null).execute() : Promise.resolve([]);

/** The agency with this code in force, else the one that held it last (closed agencies keep their code). */
export const findAgencyByCodeInHistory = (db: Db, code: string): Promise<AgencyRow | undefined> =>
  db.selectFrom('agencies').selectAll().where('code', '=', code)
    .orderBy(sql`valid_to IS NULL`, 'desc').orderBy('valid_from', 'desc').executeTakeFirst();

export function listAgencies(db: Db, opts: { underPath?: string; includeHistory?: boolean; kind?: string } = {}): Promise<AgencyRow[]> {
  let q = db.selectFrom('agencies').selectAll();
  if (opts.underPath) q = q.where('path', 'like', `${opts.underPath}%`);
  if (!opts.includeHistory) q = q.where('valid_to', 'is', null);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  return q.orderBy('path').execute();
}

export async function insertAgency(
  db: Db,
  a: { code: string; name: string; nameEn?: string | null; kind: string; parentId?: string | null; adminUnitCode?: string | null; validFrom?: string },
): Promise<AgencyRow> {
  const parent = a.parentId ? await findAgencyById(db, a.parentId) : undefined;
  const row = await db
    .insertInto('agencies')
    .values({
      code: a.code,
      name: a.name,
      name_en: a.nameEn ?? null,
      kind: a.kind,
      parent_id: a.parentId ?? null,
      path: '/', // set below, once the id is known
      admin_unit_code: a.adminUnitCode ?? null,
      valid_from: a.validFrom ?? '2025-07-01',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const path = `${parent ? parent.path : '/'}${row.id}/`;
  await db.updateTable('agencies').set({ path }).where('id', '=', row.id).execute();
  return { ...row, path };
}

export const updateAgency = (db: Db, id: string, patch: Partial<Pick<AgencyRow, 'name' | 'name_en' | 'admin_unit_code' | 'valid_to' | 'successor_id' | 'kind'>>) =>
  db.updateTable('agencies').set({ ...patch, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirst();

// ---- units (phòng) ----
export type UnitRow = Selectable<AgencyUnits>;
export const listUnits = (db: Db, agencyId: string) =>
  db.selectFrom('agency_units').selectAll().where('agency_id', '=', agencyId).orderBy('code').execute();

export const insertUnit = (db: Db, u: { agencyId: string; code: string; name: string }) =>
  db.insertInto('agency_units').values({ agency_id: u.agencyId, code: u.code, name: u.name }).returningAll().executeTakeFirstOrThrow();

// ---- users ----
export const findUserByUsername = (db: Db, username: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().$narrowType<{ kind: UserKind }>().where('username', '=', username).executeTakeFirst();

export const findUsersByUsernames = (db: Db, usernames: string[]): Promise<UserRow[]> =>
  usernames.length ? db.selectFrom('users').selectAll().$narrowType<{ kind: UserKind }>().where('username', 'in', usernames).execute() : Promise.resolve([]);

export const findUserById = (db: Db, id: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().$narrowType<{ kind: UserKind }>().where('id', '=', id).executeTakeFirst();

export const findUserByOidcSubject = (db: Db, sub: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().$narrowType<{ kind: UserKind }>().where('oidc_subject', '=', sub).executeTakeFirst();

/** Full names of users by id (names printed on forms). */
export async function userFullNames(db: Db, ids: string[]): Promise<Array<{ id: string; full_name: string }>> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids).execute()) as Array<{ id: string; full_name: string }>;
}

export const insertUser = (
  db: Db,
  u: { username: string; fullName: string; email?: string | null; phone?: string | null; kind?: 'official' | 'integration'; passwordHash?: string | null; oidcSubject?: string | null; homeAgencyId?: string | null },
): Promise<UserRow> =>
  db
    .insertInto('users')
    .values({
      username: u.username,
      full_name: u.fullName,
      email: u.email ?? null,
      phone: u.phone ?? null,
      kind: u.kind ?? 'official',
      password_hash: u.passwordHash ?? null,
      oidc_subject: u.oidcSubject ?? null,
      home_agency_id: u.homeAgencyId ?? null,
    })
    .returningAll()
    .$narrowType<{ kind: UserKind }>()
    .executeTakeFirstOrThrow();

export const updateUser = (db: Db, id: string, patch: Record<string, unknown>) =>
  db.updateTable('users').set({ ...patch, updated_at: sql`now()` }).where('id', '=', id).returningAll().$narrowType<{ kind: UserKind }>().executeTakeFirst();

/** Users with a role somewhere under one of `underPaths` (all users when omitted). */
export async function listUsers(db: Db, opts: { underPaths?: string[]; q?: string; limit: number; offset: number }) {
  let q = db.selectFrom('users').selectAll('users');
  if (opts.underPaths) {
    const paths = opts.underPaths;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_assignments as ra')
          .innerJoin('agencies as ag', 'ag.id', 'ra.agency_id')
          .whereRef('ra.user_id', '=', 'users.id')
          .where((w) => w.or(paths.map((p) => w('ag.path', 'like', `${likeEscape(p)}%`)))),
      ),
    );
  }
  // diacritics- and case-insensitive on both sides; the user's text is matched literally
  if (opts.q) q = q.where(sql<boolean>`f_unaccent(lower(users.full_name || ' ' || users.username)) LIKE ${'%' + likeEscape(searchKey(opts.q)) + '%'}`);
  const [items, total] = await Promise.all([
    q.orderBy('username').limit(opts.limit).offset(opts.offset).$narrowType<{ kind: UserKind }>().execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items satisfies UserRow[], total: Number(total.n) };
}

/** Records a failed login and returns the new count; locks with exponential backoff past the threshold. */
// ---- sign-in throttling ----
export type ThrottleRow = Selectable<LoginThrottle>;

export const findThrottles = (db: Db, keys: string[]) =>
  db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();

export const saveThrottle = (db: Db, r: ThrottleRow) =>
  db
    .insertInto('login_throttle')
    .values(r)
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: r.failures, last_failure_at: r.last_failure_at, blocked_until: r.blocked_until }))
    .execute();

export const clearThrottle = (db: Db, key: string) => db.deleteFrom('login_throttle').where('key', '=', key).execute();

// ---- role assignments ----
export async function assignmentsOf(db: Db, userId: string): Promise<RoleAssignment[]> {
  const rows = await db
    .selectFrom('role_assignments as ra')
    .innerJoin('agencies as ag', 'ag.id', 'ra.agency_id')
    .select(['ra.role', 'ra.agency_id', 'ra.unit_id', 'ag.code', 'ag.name', 'ag.path'])
    .where('ra.user_id', '=', userId)
    .where('ag.valid_to', 'is', null)
    .orderBy('ag.path')
    .$narrowType<{ role: Role }>()
    .execute();
  return rows.map((r) => ({ role: r.role, agencyId: r.agency_id, agencyCode: r.code, agencyName: r.name, agencyPath: r.path, unitId: r.unit_id }));
}

export const insertAssignment = (db: Db, a: { userId: string; role: Role; agencyId: string; unitId?: string | null }) =>
  db
    .insertInto('role_assignments')
    .values({ user_id: a.userId, role: a.role, agency_id: a.agencyId, unit_id: a.unitId ?? null })
    .onConflict((oc) => oc.columns(['user_id', 'role', 'agency_id']).doNothing())
    .returningAll()
    .executeTakeFirst();

/** Many assignments in one statement; those that exist already are left as they are. */
export async function insertAssignments(db: Db, rows: Array<{ userId: string; role: Role; agencyId: string; unitId?: string | null }>): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('role_assignments')
    .values(rows.map((a) => ({ user_id: a.userId, role: a.role, agency_id: a.agencyId, unit_id: a.unitId ?? null })))
    .onConflict((oc) => oc.columns(['user_id', 'role', 'agency_id']).doNothing())
    .execute();
}

export const deleteAssignment = (db: Db, userId: string, id: string) =>
  db.deleteFrom('role_assignments').where('id', '=', id).where('user_id', '=', userId).returningAll().executeTakeFirst();


/** Role assignments of some users (ids of one page of users), with agency and unit names. */
export type AssignmentListRow = Awaited<ReturnType<typeof assignmentsOfUsers>>[number];

export async function assignmentsOfUsers(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return (await db
    .selectFrom('role_assignments as ra')
    .innerJoin('agencies as ag', 'ag.id', 'ra.agency_id')
    .leftJoin('agency_units as un', 'un.id', 'ra.unit_id')
    .select([
      'ra.id', 'ra.user_id', 'ra.role', 'ra.agency_id', 'ag.code as agency_code', 'ag.name as agency_name',
      'ra.unit_id', 'un.code as unit_code', 'un.name as unit_name',
    ])
    .where('ra.user_id', 'in', userIds)
    .orderBy('ag.path')
    .orderBy('ra.role')
    .orderBy('ra.id')
    .$narrowType<{ role: Role }>()
    .execute());
}

export interface OfficialRow {
  id: string;
  username: string;
  full_name: string;
}

/**
 * Active officials (not integration clients) holding a role (optionally one role) at an agency in force
 * under `path` (the agency and its subtree); `q` matches name or username with or without diacritics.
 */
export async function officialsUnder(db: Db, opts: { path: string; role?: Role; q?: string; limit: number }): Promise<OfficialRow[]> {
  let q = db
    .selectFrom('users as u')
    .select(['u.id', 'u.username', 'u.full_name'])
    .where('u.active', '=', true)
    .where('u.kind', '=', 'official')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_assignments as ra')
          .innerJoin('agencies as ag', 'ag.id', 'ra.agency_id')
          .whereRef('ra.user_id', '=', 'u.id')
          .where('ag.path', 'like', `${likeEscape(opts.path)}%`)
          .where('ag.valid_to', 'is', null)
          .$if(opts.role !== undefined, (w) => w.where('ra.role', '=', opts.role!)),
      ),
    );
  if (opts.q) q = q.where(sql<boolean>`f_unaccent(lower(u.full_name || ' ' || u.username)) LIKE ${'%' + likeEscape(searchKey(opts.q)) + '%'}`);
  return (await q.orderBy('u.full_name').orderBy('u.username').limit(opts.limit).execute());
}

/** Active officials holding `role` at a top-level agency in force (system administrators), with their contacts. */
export async function topLevelRoleHolders(db: Db, role: Role): Promise<Array<{ id: string; full_name: string; email: string | null; phone: string | null }>> {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.full_name', 'u.email', 'u.phone'])
    .where('u.active', '=', true)
    .where('u.kind', '=', 'official')
    .where((eb) => eb.exists(
      eb.selectFrom('role_assignments as ra').innerJoin('agencies as ag', 'ag.id', 'ra.agency_id')
        .whereRef('ra.user_id', '=', 'u.id').where('ra.role', '=', role).where('ag.parent_id', 'is', null).where('ag.valid_to', 'is', null),
    ))
    .orderBy('u.username')
    .execute();
}

/** The roles of some users at agencies in force under `path`. */
export async function rolesUnder(db: Db, userIds: string[], path: string): Promise<Array<{ user_id: string; role: Role; agency_code: string }>> {
  if (userIds.length === 0) return [];
  return (await db
    .selectFrom('role_assignments as ra')
    .innerJoin('agencies as ag', 'ag.id', 'ra.agency_id')
    .select(['ra.user_id', 'ra.role', 'ag.code as agency_code'])
    .where('ra.user_id', 'in', userIds)
    .where('ag.path', 'like', `${likeEscape(path)}%`)
    .where('ag.valid_to', 'is', null)
    .orderBy('ag.path')
    .orderBy('ra.role')
    .$narrowType<{ role: Role }>()
    .execute());
}

// ---- sessions ----
export const insertSession = (
  db: Db,
  s: { id: string; userId: string; csrfToken: string; now: Date; expiresAt: Date; ip?: string; userAgent?: string; authMethod: string },
) =>
  db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      ip: s.ip ?? null,
      user_agent: s.userAgent ?? null,
      auth_method: s.authMethod,
    })
    .execute();

/**
 * A live (unrevoked) session with its user and the user's role assignments — the principal of a request in one
 * round trip (every authenticated request asks this; it used to take three). Assignments as assignmentsOf.
 */
export const findSessionPrincipal = (db: Db, id: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.expires_at', 's.last_seen_at', 's.csrf_token', 'u.kind', 'u.username', 'u.full_name', 'u.active'])
    .select(sql<RoleAssignment[]>`(
      SELECT COALESCE(jsonb_agg(jsonb_build_object('role', ra.role, 'agencyId', ra.agency_id, 'agencyCode', ag.code,
        'agencyName', ag.name, 'agencyPath', ag.path, 'unitId', ra.unit_id) ORDER BY ag.path), '[]'::jsonb)
      FROM role_assignments ra JOIN agencies ag ON ag.id = ra.agency_id
      WHERE ra.user_id = s.user_id AND ag.valid_to IS NULL)`.as('assignments'))
    .where('s.id', '=', id)
    .where('s.revoked_at', 'is', null)
    .$narrowType<{ kind: UserKind }>()
    .executeTakeFirst();

export const touchSession = (db: Db, id: string, now: Date) => db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();

export const revokeSession = (db: Db, id: string, now: Date) => db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).execute();

/** Ends every open session of a user (but `keep`, the caller's own, when given). */
export const revokeSessionsOfUser = (db: Db, userId: string, now: Date, keep?: string) => {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keep) q = q.where('id', '<>', keep);
  return q.execute();
};

export const revokeTokensOfUser = (db: Db, userId: string, now: Date) =>
  db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();

// ---- pending single sign-on logins (state, PKCE verifier, nonce) ----
export type OidcLoginRow = Selectable<OidcLogins>;

export async function deleteOidcLoginsBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('oidc_logins').where('created_at', '<', before).execute();
}

export async function insertOidcLogin(db: Db, l: OidcLoginRow): Promise<void> {
  await db.insertInto('oidc_logins').values(l).execute();
}

/** Removes and returns the pending login of `state` (each state is used once). */
export const takeOidcLogin = (db: Db, state: string): Promise<OidcLoginRow | undefined> =>
  db.deleteFrom('oidc_logins').where('state', '=', state).returningAll().executeTakeFirst();

// ---- audit log ----
export async function listAudit(db: Db, opts: { action?: string; limit: number; offset: number }) {
  let q = db.selectFrom('audit_log').selectAll();
  if (opts.action) q = q.where('action', '=', opts.action);
  const [items, total] = await Promise.all([
    q.orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// ---- API tokens ----
export const insertToken = (db: Db, t: { userId: string; name: string; prefix: string; tokenHash: string; scopes: string[]; expiresAt: Date | null }) =>
  db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, name: t.name, prefix: t.prefix, token_hash: t.tokenHash, scopes: t.scopes, expires_at: t.expiresAt })
    .returning(['id', 'name', 'prefix', 'scopes', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();

export const findTokenById = (db: Db, id: string) =>
  db.selectFrom('api_tokens').select(['id', 'user_id', 'revoked_at']).where('id', '=', id).executeTakeFirst();

export const findTokenByHash = (db: Db, hash: string) =>
  db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();

export const markTokenUsed = (db: Db, id: string, now: Date) => db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();

export const revokeToken = (db: Db, id: string, now: Date) =>
  db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).returning(['id', 'user_id']).executeTakeFirst();

export const listTokens = (db: Db, userId?: string) => {
  let q = db.selectFrom('api_tokens').select(['id', 'user_id', 'name', 'prefix', 'scopes', 'created_at', 'expires_at', 'revoked_at', 'last_used_at']);
  if (userId) q = q.where('user_id', '=', userId);
  return q.orderBy('created_at', 'desc').execute();
};
