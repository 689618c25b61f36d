// GET /procedures/{code}/competence?desk=: the competent agency the desk should preselect (or choose among).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';

import { getAgency } from '../org/org.service.js';
import { getProcedureForReception } from '../catalog/catalog.service.js';
import { competenceFor } from './competent-agency.js';
import { orgErrors } from '../org/org.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

export async function competenceAtDesk(ctx: AppContext, p: Principal | null, code: string, deskCode: string) {
  if (!p) throw platformErrors.UNAUTHENTICATED();
  const desk = await getAgency(ctx, deskCode).catch(() => null);
  if (!desk) throw orgErrors.AGENCY_NOT_FOUND({ code: deskCode });
  const proc = await getProcedureForReception(ctx, code);
  const c = await competenceFor(ctx.db, proc, desk);
  return {
    level: c.level,
    source: c.source,
    candidates: c.candidates.map((a) => ({ code: a.code, name: a.name })),
    missingVi: c.missing?.vi ?? null,
    missingEn: c.missing?.en ?? null,
  };
}
