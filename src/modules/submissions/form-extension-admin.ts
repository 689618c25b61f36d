// Admins add a procedure's own e-form fields (PUT /procedures/{code}/form-extension): checked for safe
// keywords (form-extension.ts), stored as a new version (drafts begun earlier validate against the version in
// force when they are submitted), audited. Province-wide: procedure.manage on a top-level agency.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { invalid, isUniqueViolation } from '../../platform/errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { actsFromTop } from '../org/permissions.js';
import { getProcedure } from '../catalog/catalog.service.js';
import { checkExtension } from './form-extension.js';
import * as repo from './submissions.repo.js';
import { submissionErrors } from './submissions.errors.js';

export async function saveFormExtension(
  ctx: AppContext,
  p: Principal,
  code: string,
  body: { properties: Record<string, unknown>; required: string[]; baseVersion: number },
  origin?: RequestOrigin,
) {
  if (!actsFromTop(p, 'procedure.manage')) throw platformErrors.FORBIDDEN();
  const proc = await getProcedure(ctx, p, code);
  const errors = checkExtension(body);
  if (errors.length > 0) throw invalid(errors);
  const latest = await repo.latestExtension(ctx.db, proc.code);
  const current = latest?.version ?? 0;
  if (body.baseVersion !== current) throw submissionErrors.DRAFT_VERSION_CONFLICT({ current });
  const row = { procedure_code: proc.code, version: current + 1, properties: body.properties, required: body.required, created_by: p.userId, created_at: ctx.clock.now() };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertExtension(trx, row);
      await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'procedure.form_extension', targetType: 'procedure', targetId: proc.code, details: { version: row.version, fields: Object.keys(body.properties) } }, origin);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw submissionErrors.DRAFT_VERSION_CONFLICT({ current: current + 1 });
    throw e;
  }
  return { procedureCode: proc.code, version: row.version, properties: row.properties, required: row.required, createdAt: row.created_at.toISOString() };
}
