// can(user, action, agency): the one permission check every module uses. Pure: no I/O.
// An assignment covers its agency and the agency's whole subtree (materialised path prefix).
import type { Principal } from '../../platform/auth/principal.js';
import type { Role } from '../../platform/auth/roles.js';

export const ACTIONS = {
  'org.manage': ['admin'],
  'user.manage': ['admin'],
  'audit.read': ['admin'],
  'calendar.manage': ['admin'],
  'procedure.manage': ['admin', 'procedure_control'],
  'process.manage': ['admin', 'procedure_control'],
  'dossier.read': ['reception', 'handler', 'unit_leader', 'agency_leader', 'clerk', 'return_officer', 'cashier', 'procedure_control'],
  'dossier.receive': ['reception'],
  'dossier.handle': ['handler'],
  'dossier.assign': ['unit_leader', 'agency_leader'],
  'dossier.approve': ['unit_leader', 'agency_leader'],
  'dossier.issue': ['clerk'],
  'dossier.return': ['return_officer', 'reception'],
  'fee.collect': ['cashier', 'reception'],
  'report.read': ['unit_leader', 'agency_leader', 'procedure_control', 'admin'],
  // petitions (PAKN) and Q&A: the agency's officials handle what is assigned to it; the province's
  // procedure-control office (and admins) at the top receive, classify and assign
  'petition.handle': ['reception', 'handler', 'unit_leader', 'agency_leader', 'procedure_control', 'admin'],
  'petition.assign': ['procedure_control', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export interface AgencyRef {
  id: string;
  path: string;
}

export const inSubtree = (scopePath: string, target: AgencyRef): boolean => target.path.startsWith(scopePath);

export function can(p: Principal | null, action: Action, agency: AgencyRef): boolean {
  if (!p) return false;
  const roles: readonly Role[] = ACTIONS[action];
  return p.assignments.some((a) => roles.includes(a.role) && inSubtree(a.agencyPath, agency));
}

/** Roles the principal holds at (or above) the agency. */
export function rolesAt(p: Principal, agency: AgencyRef): Role[] {
  return [...new Set(p.assignments.filter((a) => inSubtree(a.agencyPath, agency)).map((a) => a.role))];
}

/** Agency-path prefixes where the principal holds one of the roles of `action` (for scoping queries). */
export function scopePaths(p: Principal, action: Action): string[] {
  const roles: readonly Role[] = ACTIONS[action];
  return p.assignments.filter((a) => roles.includes(a.role)).map((a) => a.agencyPath);
}

/** How deep an agency sits in the tree: 0 for a root (the provincial People's Committee, path '/<id>/'). */
export const agencyDepth = (path: string): number => path.split('/').filter(Boolean).length - 1;

/**
 * The principal holds a role of `action` at a root of the agency tree: province-wide records (the audit
 * log, procedure-wide processes and templates) are managed from the top only.
 */
export function actsFromTop(p: Principal, action: Action): boolean {
  return scopePaths(p, action).some((path) => agencyDepth(path) === 0);
}
