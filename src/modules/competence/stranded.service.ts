// GET /admin/dossiers/stranded: open dossiers whose current step nobody can act on (no active official holds the
// step's role at the dossier's current agency), each with the configuration that would fix it.
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';

import { scopePaths } from '../org/permissions.js';
import { ROLE_NAMES, type Role } from '../../platform/auth/roles.js';
import * as repo from './competence.repo.js';
import { fixFor } from './role-holders.js';
import type { StrandedQuery } from './competence.schema.js';
import { platformErrors } from '../../platform/platform.errors.js';

export async function listStranded(ctx: AppContext, p: Principal, q: z.infer<typeof StrandedQuery>) {
  const paths = [...new Set([...scopePaths(p, 'procedure.manage'), ...scopePaths(p, 'user.manage')])];
  if (paths.length === 0) throw platformErrors.FORBIDDEN();
  const rows = await repo.strandedDossiers(ctx.db, paths, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => {
      const fix = fixFor(r.step_role, r.agency_name);
      return {
        code: r.code,
        id: r.id,
        procedureCode: r.procedure_code,
        procedureName: r.procedure_name,
        stepKey: r.step_key,
        role: r.step_role,
        roleName: ROLE_NAMES[r.step_role as Role]?.vi ?? r.step_role,
        agencyCode: r.agency_code,
        agencyName: r.agency_name,
        fixVi: fix.vi,
        fixEn: fix.en,
        updatedAt: new Date(r.updated_at).toISOString(),
      };
    }),
    total: Number(rows[0]?.total ?? 0),
  };
}
