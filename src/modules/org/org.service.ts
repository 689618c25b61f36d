// Use cases for agencies, units, users and role assignments. Every change is permission-checked
// against the agency tree and written to the audit log in the same transaction.
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid, isUniqueViolation } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth/secrets.js';
import type { Db } from '../../platform/db/database.js';
import type { Role } from '../../platform/auth/roles.js';
import { actsFromTop, agencyDepth, can, scopePaths, type Action } from './permissions.js';
import * as repo from './org.repo.js';
import type { AgencyCreate, AgencyPatch, AssignmentCreate, UnitCreate, UserCreate, UserPatch } from './org.schema.js';
import { platformErrors } from '../../platform/platform.errors.js';

const denied = () => platformErrors.FORBIDDEN();

export function agencyOut(a: repo.AgencyRow) {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    nameEn: a.name_en,
    kind: a.kind,
    parentId: a.parent_id,
    adminUnitCode: a.admin_unit_code,
    validFrom: a.valid_from,
    validTo: a.valid_to,
    successorId: a.successor_id,
    depth: agencyDepth(a.path),
  };
}

export function userOut(u: repo.UserRow) {
  return { id: u.id, username: u.username, fullName: u.full_name, email: u.email, phone: u.phone, kind: u.kind, active: u.active, oidcSubject: u.oidc_subject };
}

export async function getAgency(ctx: AppContext, code: string): Promise<repo.AgencyRow> {
  const a = await repo.findAgencyByCode(ctx.db, code);
  if (!a) throw platformErrors.NOT_FOUND();
  return a;
}

/** The agency tree (in force, or with `includeHistory` also dissolved agencies), by path. */
export async function listAgencies(ctx: AppContext, opts: { includeHistory?: boolean; kind?: string }) {
  const rows = await repo.listAgencies(ctx.db, opts);
  return { items: rows.map(agencyOut), total: rows.length };
}

/** One agency in force by code, with its units (phòng); 404 when unknown. */
export async function getAgencyWithUnits(ctx: AppContext, code: string) {
  const a = await getAgency(ctx, code);
  return { ...agencyOut(a), units: await repo.listUnits(ctx.db, a.id) };
}

function requireCan(p: Principal, action: Action, agency: repo.AgencyRow): void {
  if (!can(p, action, agency)) throw denied();
}

async function audited<T>(ctx: AppContext, p: Principal, origin: RequestOrigin, action: string, target: { type: string; id: (r: T) => string }, details: Record<string, unknown>, work: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const result = await work(trx);
      await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action, targetType: target.type, targetId: target.id(result), details }, origin);
      return result;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw platformErrors.ALREADY_EXISTS({ what: target.type });
    throw err;
  }
}

export async function createAgency(ctx: AppContext, p: Principal, body: z.infer<typeof AgencyCreate>, origin: RequestOrigin) {
  if (!ctx.config.agencyCodePattern.test(body.code)) {
    throw invalid([{ path: 'body.code', code: 'AGENCY_CODE_FORMAT', messageVi: `Mã cơ quan không đúng định dạng ${ctx.config.agencyCodePattern.source}`, messageEn: `Agency code does not match ${ctx.config.agencyCodePattern.source}` }]);
  }
  if (!body.parentCode) throw invalid([{ path: 'body.parentCode', code: 'REQUIRED', messageVi: 'Cần chọn cơ quan cấp trên.', messageEn: 'A parent agency is required.' }]);
  const parent = await getAgency(ctx, body.parentCode);
  requireCan(p, 'org.manage', parent);
  const row = await audited(ctx, p, origin, 'agency.create', { type: 'agency', id: (r: repo.AgencyRow) => r.id }, { ...body }, (db) =>
    repo.insertAgency(db, { ...body, parentId: parent.id }),
  );
  return agencyOut(row);
}

export async function updateAgency(ctx: AppContext, p: Principal, code: string, patch: z.infer<typeof AgencyPatch>, origin: RequestOrigin) {
  const agency = await getAgency(ctx, code);
  requireCan(p, 'org.manage', agency);
  const successor = patch.successorCode ? await getAgency(ctx, patch.successorCode) : undefined;
  if (successor && successor.id === agency.id) {
    throw invalid([{ path: 'body.successorCode', code: 'SELF_SUCCESSOR', messageVi: 'Cơ quan không thể kế thừa chính nó.', messageEn: 'An agency cannot succeed itself.' }]);
  }
  if (patch.validTo !== undefined && patch.validTo < agency.valid_from) {
    throw invalid([{ path: 'body.validTo', code: 'BEFORE_VALID_FROM', messageVi: `Ngày kết thúc phải từ ngày ${agency.valid_from} trở đi.`, messageEn: `The end date cannot be before ${agency.valid_from}.` }]);
  }
  const row = await audited(ctx, p, origin, 'agency.update', { type: 'agency', id: () => agency.id }, { code, ...patch }, async (db) =>
    repo.updateAgency(db, agency.id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
      ...(patch.adminUnitCode !== undefined && { admin_unit_code: patch.adminUnitCode }),
      ...(patch.validTo !== undefined && { valid_to: patch.validTo }),
      ...(successor && { successor_id: successor.id }),
    }),
  );
  return agencyOut(row!);
}

export async function createUnit(ctx: AppContext, p: Principal, code: string, body: z.infer<typeof UnitCreate>, origin: RequestOrigin) {
  const agency = await getAgency(ctx, code);
  requireCan(p, 'org.manage', agency);
  return audited(ctx, p, origin, 'unit.create', { type: 'agency_unit', id: (r: { id: string }) => r.id }, { agency: code, ...body }, (db) =>
    repo.insertUnit(db, { agencyId: agency.id, ...body }),
  );
}

/** Rows grouped by user_id, in their order (Map.groupBy needs Node 21). */
function byUserId<T extends { user_id: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.user_id, [...(m.get(r.user_id) ?? []), r]);
  return m;
}

export function userRoleOut(r: repo.AssignmentListRow) {
  return {
    id: r.id,
    role: r.role,
    agencyId: r.agency_id,
    agencyCode: r.agency_code,
    agencyName: r.agency_name,
    unit: r.unit_id ? { id: r.unit_id, code: r.unit_code ?? '', name: r.unit_name ?? '' } : null,
  };
}

/** Users an admin may see: those with a role anywhere in the admin's subtrees, each with all their roles. */
export async function listUsers(ctx: AppContext, p: Principal, opts: { q?: string; page: number; pageSize: number }) {
  const paths = scopePaths(p, 'user.manage');
  if (paths.length === 0) throw denied();
  // every subtree the admin manages (an admin of two communes sees both)
  const r = await repo.listUsers(ctx.db, { underPaths: paths, q: opts.q, limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize });
  // one query for the roles of the whole page
  const roles = await repo.assignmentsOfUsers(ctx.db, r.items.map((u) => u.id));
  const byUser = byUserId(roles);
  return { items: r.items.map((u) => ({ ...userOut(u), roles: (byUser.get(u.id) ?? []).map(userRoleOut) })), total: r.total };
}

/** An admin manages a user when every agency the user works in is inside the admin's scope. */
export async function canManageUser(ctx: AppContext, p: Principal, id: string): Promise<boolean> {
  const assignments = await repo.assignmentsOf(ctx.db, id);
  if (assignments.length > 0) return assignments.every((a) => can(p, 'user.manage', { id: a.agencyId, path: a.agencyPath }));
  // no role yet: the admins of the user's home agency; a user without one only by province-level admins
  const user = await repo.findUserById(ctx.db, id);
  const home = user?.home_agency_id ? await repo.findAgencyById(ctx.db, user.home_agency_id) : undefined;
  return home ? can(p, 'user.manage', home) : isRootAdmin(p);
}

/** API tokens of the users the admin manages (others' tokens are left out, not refused). */
export async function listManagedTokens(ctx: AppContext, p: Principal) {
  const all = await repo.listTokens(ctx.db);
  const manages = new Map<string, boolean>();
  for (const t of all) if (!manages.has(t.user_id)) manages.set(t.user_id, await canManageUser(ctx, p, t.user_id));
  return { items: all.filter((t) => manages.get(t.user_id)) };
}

/** The user, if the admin manages them; users outside the admin's scope look absent (404). */
export async function managedUser(ctx: AppContext, p: Principal, id: string): Promise<repo.UserRow> {
  const user = await repo.findUserById(ctx.db, id);
  if (!user || !(await canManageUser(ctx, p, id))) throw platformErrors.NOT_FOUND();
  return user;
}

/** An admin at the top of the tree (the provincial People's Committee): sees province-wide records. */
export const isRootAdmin = (p: Principal): boolean => actsFromTop(p, 'user.manage');

export async function createUser(ctx: AppContext, p: Principal, body: z.infer<typeof UserCreate>, origin: RequestOrigin) {
  const paths = scopePaths(p, 'user.manage');
  if (paths.length === 0) throw denied();
  const home = body.agencyCode
    ? await getAgency(ctx, body.agencyCode)
    : await repo.findAgencyById(ctx.db, p.assignments.find((a) => a.role === 'admin' && a.agencyPath === paths.sort((x, y) => x.length - y.length)[0])!.agencyId);
  if (!home || !can(p, 'user.manage', home)) throw denied();
  const passwordHash = body.password ? await hashPassword(body.password) : null;
  const { password: _omit, ...details } = body;
  const row = await audited(ctx, p, origin, 'user.create', { type: 'user', id: (r: repo.UserRow) => r.id }, { ...details, homeAgency: home.code }, (db) =>
    repo.insertUser(db, { ...body, passwordHash, homeAgencyId: home.id }),
  );
  return userOut(row);
}

export async function updateUser(ctx: AppContext, p: Principal, id: string, patch: z.infer<typeof UserPatch>, origin: RequestOrigin) {
  await managedUser(ctx, p, id);
  const set: Record<string, unknown> = {};
  if (patch.fullName !== undefined) set.full_name = patch.fullName;
  if (patch.email !== undefined) set.email = patch.email;
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.active !== undefined) set.active = patch.active;
  if (patch.oidcSubject !== undefined) set.oidc_subject = patch.oidcSubject;
  const row = await audited(ctx, p, origin, 'user.update', { type: 'user', id: () => id }, patch, async (db) => {
    const updated = await repo.updateUser(db, id, set);
    if (patch.active === false) await endAccess(ctx, db, p, id, { tokens: true });
    return updated;
  });
  return userOut(row!);
}

/**
 * Ends what a user is signed in with when an admin changes what they may do: every session (so a later
 * reactivation revives none) and, on reset or deactivation, every API token. The admin's own current
 * session survives changes they make to themselves.
 */
async function endAccess(ctx: AppContext, db: Db, p: Principal, userId: string, opts: { tokens: boolean }): Promise<void> {
  const now = ctx.clock.now();
  await repo.revokeSessionsOfUser(db, userId, now, userId === p.userId ? p.sessionId : undefined);
  if (opts.tokens) await repo.revokeTokensOfUser(db, userId, now);
}

export async function resetPassword(ctx: AppContext, p: Principal, id: string, password: string, origin: RequestOrigin): Promise<void> {
  await managedUser(ctx, p, id);
  const passwordHash = await hashPassword(password);
  await audited(ctx, p, origin, 'user.reset_password', { type: 'user', id: () => id }, {}, async (db) => {
    await repo.updateUser(db, id, { password_hash: passwordHash, failed_logins: 0, locked_until: null });
    await endAccess(ctx, db, p, id, { tokens: true });
  });
}

export async function assignRole(ctx: AppContext, p: Principal, userId: string, body: z.infer<typeof AssignmentCreate>, origin: RequestOrigin) {
  await managedUser(ctx, p, userId);
  const agency = await getAgency(ctx, body.agencyCode);
  requireCan(p, 'user.manage', agency);
  if (body.unitId && !(await repo.listUnits(ctx.db, agency.id)).some((u) => u.id === body.unitId)) {
    throw invalid([{ path: 'body.unitId', code: 'UNIT_NOT_IN_AGENCY', messageVi: 'Phòng không thuộc cơ quan đã chọn.', messageEn: 'The unit does not belong to the chosen agency.' }]);
  }
  await audited(ctx, p, origin, 'user.assign_role', { type: 'user', id: () => userId }, { ...body }, (db) =>
    repo.insertAssignment(db, { userId, role: body.role, agencyId: agency.id, unitId: body.unitId }),
  );
  return (await repo.assignmentsOfUsers(ctx.db, [userId])).map(userRoleOut);
}

export async function removeRole(ctx: AppContext, p: Principal, userId: string, assignmentId: string, origin: RequestOrigin) {
  await managedUser(ctx, p, userId);
  // the 404 is thrown inside the transaction so that no audit row records a removal that did not happen
  await audited(ctx, p, origin, 'user.remove_role', { type: 'user', id: () => userId }, { assignmentId }, async (db) => {
    const removed = await repo.deleteAssignment(db, userId, assignmentId);
    if (!removed) throw platformErrors.NOT_FOUND();
    await endAccess(ctx, db, p, userId, { tokens: false });
    return removed;
  });
}

/**
 * Officials holding a role (optionally `role`) in the agency or its subtree: the assignee picker. Readable
 * by whoever may read that agency's dossiers; an unknown agency or one outside the caller's scope → 404.
 */
export async function listOfficials(ctx: AppContext, p: Principal, code: string, opts: { role?: Role; q?: string; limit: number }) {
  const agency = await repo.findAgencyByCode(ctx.db, code);
  if (!agency || !can(p, 'dossier.read', agency)) throw platformErrors.NOT_FOUND({ what: 'agency' });
  return officialsUnder(ctx, agency.path, opts);
}

/** The officials under an agency path with their role assignments there (both pickers' answer). */
async function officialsUnder(ctx: AppContext, path: string, opts: { role?: Role; q?: string; limit: number }) {
  const users = await repo.officialsUnder(ctx.db, { path, role: opts.role, q: opts.q, limit: opts.limit });
  const roles = byUserId(await repo.rolesUnder(ctx.db, users.map((u) => u.id), path));
  return {
    items: users.map((u) => ({
      id: u.id,
      username: u.username,
      fullName: u.full_name,
      roles: (roles.get(u.id) ?? []).map((r) => ({ role: r.role, agencyCode: r.agency_code })),
    })),
  };
}

export async function listAudit(ctx: AppContext, p: Principal, opts: { page: number; pageSize: number; action?: string }) {
  // the audit log is province-wide (logins, IPs, every admin's changes): province-level admins only
  if (!isRootAdmin(p)) throw denied();
  return repo.listAudit(ctx.db, { action: opts.action, limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize });
}

/**
 * Officials holding `role` at an agency or its subtree, for a caller already authorised by something else
 * (the dossier they hold: GET /dossiers/{code}/assignees). Same shape as listOfficials.
 */
export async function officialsAt(ctx: AppContext, agencyId: string, opts: { role?: Role; limit: number }) {
  const agency = await repo.findAgencyById(ctx.db, agencyId);
  if (!agency) return { items: [] };
  return officialsUnder(ctx, agency.path, opts);
}
