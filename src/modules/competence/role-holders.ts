// Whether anyone can act at a step: an active official holding the step's role at the agency (or above it),
// in the step's unit when it has one. Used to refuse moving a dossier where nobody could pick it up.
import type { Db } from '../../platform/db/database.js';

import { ROLE_NAMES, type Role } from '../../platform/auth/roles.js';
import * as repo from './competence.repo.js';
import { competenceErrors } from './competence.errors.js';

export function fixFor(role: string, agencyName: string): { vi: string; en: string } {
  const r = ROLE_NAMES[role as Role] ?? { vi: role, en: role };
  return {
    vi: `Phân vai trò "${r.vi}" cho một cán bộ tại ${agencyName} (Quản trị › Người dùng › Vai trò)`,
    en: `Assign the role "${r.en}" to an official at ${agencyName} (Administration › Users › Roles)`,
  };
}

/** Throws 409 NO_ONE_CAN_ACT unless someone holds `role` at the agency (and unit). */
export async function requireSomeoneCanAct(
  db: Db,
  at: { agencyId: string; role: string; unitId: string | null; stepVi: string; stepEn: string },
): Promise<void> {
  const agency = await repo.agencyWithRoleHolders(db, at.agencyId, at.role, at.unitId);
  if (!agency || agency.holders > 0) return;
  const r = ROLE_NAMES[at.role as Role] ?? { vi: at.role, en: at.role };
  throw competenceErrors.NO_ONE_CAN_ACT({ agency: agency.name, roleVi: r.vi, roleEn: r.en, stepVi: at.stepVi, stepEn: at.stepEn },
    { missing: { agencyCode: agency.code, role: at.role, unitId: at.unitId } },
  );
}
