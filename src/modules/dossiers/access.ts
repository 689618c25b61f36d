// Who sees a dossier and as whom they act on it. Reading is decided by scope alone (dossier.read roles over
// one of the dossier's agencies, whole subtrees); acting by the principal's roles at each agency of the
// dossier, tried as workflow actors against the state machine (decide() checks the agency exactly).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';

import { inSubtree, scopePaths } from '../org/permissions.js';
import { agencyBriefs, subtreeAgencyIds } from '../org/org.read.js';
import { SYSTEM_FLAG_ACTIONS, type ActionName, type Role } from '../workflow/actions.js';
import { allowedActions, type Actor, type DecideContext, type DossierState } from '../workflow/state-machine.js';
import * as repo from './dossiers.repo.js';
import { platformErrors } from '../../platform/platform.errors.js';

const READ_ROLES_ACTION = 'dossier.read' as const;

/** Agency ids the principal reads (dossier.read roles, whole subtrees). */
export async function readScope(db: Db, p: Principal): Promise<string[]> {
  return subtreeAgencyIds(db, [...new Set(scopePaths(p, READ_ROLES_ACTION))]);
}

/**
 * Loads a dossier the principal may see (dossier.read over one of its agencies); 404 otherwise (never 403:
 * existence is not revealed). Being its assignee is not enough: reading is decided by scope alone.
 */
export async function visibleDossier(ctx: AppContext, p: Principal, ref: string): Promise<repo.DossierRow> {
  const row = await repo.findByRef(ctx.db, ref);
  if (!row || !(await maySee(ctx.db, p, row))) throw platformErrors.NOT_FOUND({ what: 'dossier' });
  return row;
}

/** visibleDossier's rule on a row already read (e.g. the row an action locked; `db` is then the transaction). */
export async function maySee(db: Db, p: Principal, row: Pick<repo.DossierRow, 'agency_ids'>): Promise<boolean> {
  const paths = scopePaths(p, READ_ROLES_ACTION);
  if (paths.length === 0) return false;
  const agencies = await agencyBriefs(db, row.agency_ids);
  return [...agencies.values()].some((a) => paths.some((pp) => a.path.startsWith(pp)));
}

/**
 * The principal as a workflow actor at each agency of the dossier where they hold roles (an assignment
 * covers its agency's subtree). decide() checks the agency exactly, so we try each candidate.
 */
export async function candidateActors(db: Db, p: Principal, s: DossierState): Promise<Actor[]> {
  const ids = [
    s.currentAgencyId,
    s.receivingAgencyId,
    s.competentAgencyId,
    s.returnAgencyId,
    ...s.openConsultations.map((c) => c.agencyId),
  ];
  const uniq = [...new Set(ids)];
  const info = await agencyBriefs(db, uniq);
  const byId = new Map([...info.values()].map((r) => [r.id, r.path]));
  const out: Actor[] = [];
  for (const id of uniq) {
    const path = byId.get(id);
    if (!path) continue;
    out.push(...actorsAt(p, { id, path }));
  }
  return out;
}

/**
 * The principal as actors at one agency. Role assignments without a unit (role_assignments.unit_id NULL)
 * cover the whole agency: one actor without `unitIds` (no unit restriction). Each unit-scoped assignment
 * only acts in its unit (phòng): one actor per unit, carrying the roles held in that unit and
 * `unitIds: [unit]`, so a step with a `unitId` (process.ts) is done only by members of that unit. Actors
 * are tried in this order (agency-wide first) by pickActor(); allowedFor() unions them.
 */
export function actorsAt(p: Pick<Principal, 'userId' | 'assignments'>, agency: { id: string; path: string }): Actor[] {
  const covering = p.assignments.filter((a) => inSubtree(a.agencyPath, agency));
  const out: Actor[] = [];
  const wide = [...new Set(covering.filter((a) => !a.unitId).map((a) => a.role as Role))];
  if (wide.length > 0) out.push({ userId: p.userId, roles: wide, agencyId: agency.id });
  const units = [...new Set(covering.filter((a) => a.unitId).map((a) => a.unitId!))];
  for (const unitId of units) {
    const roles = [...new Set(covering.filter((a) => a.unitId === unitId).map((a) => a.role as Role))];
    out.push({ userId: p.userId, roles, agencyId: agency.id, unitIds: [unitId] });
  }
  return out;
}

export function pickActor(candidates: Actor[], p: Principal, s: DossierState, action: ActionName, dctx: DecideContext): Actor {
  for (const a of candidates) if (allowedActions(s, a, dctx).includes(action)) return a;
  return candidates.find((a) => a.agencyId === s.currentAgencyId) ?? candidates[0] ?? { userId: p.userId, roles: [], agencyId: s.currentAgencyId };
}

export function allowedFor(candidates: Actor[], s: DossierState, dctx: DecideContext): ActionName[] {
  const set = new Set<ActionName>();
  for (const a of candidates) for (const x of allowedActions(s, a, dctx)) set.add(x);
  return [...set].filter((a) => !SYSTEM_FLAG_ACTIONS.includes(a));
}

/**
 * The step-role pools of the principal: one per (role, unit) of its assignments. An agency-wide assignment
 * (unitId null) sees every unassigned step of that role in its subtree; a unit-scoped one (phòng) sees the
 * steps of its unit and the steps without a unit — the same rule as actorsAt() / the state machine.
 */
export async function poolsOf(db: Db, p: Principal): Promise<repo.InboxPool[]> {
  const groups = new Map<string, { role: string; unitId: string | null; paths: string[] }>();
  for (const a of p.assignments) {
    const k = `${a.role}|${a.unitId ?? ''}`;
    const g = groups.get(k) ?? { role: a.role, unitId: a.unitId, paths: [] };
    g.paths.push(a.agencyPath);
    groups.set(k, g);
  }
  const pools: repo.InboxPool[] = [];
  for (const g of groups.values()) pools.push({ role: g.role, unitId: g.unitId, agencyIds: await subtreeAgencyIds(db, g.paths) });
  return pools;
}
