// Time limits the catalogue does not state (or states wrongly): an administrator sets one with its legal
// basis; a few limits fixed by law for whole groups of procedures are applied at import where the catalogue
// has none; bare numbers read as working days are listed for review ("đơn vị suy ra").
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { scopePaths } from '../org/permissions.js';
import * as repo from './catalog.repo.js';
import type { InferredUnitQuery, TimeLimitBody } from './catalog.schema.js';

/**
 * Limits fixed by law for procedures whose catalogue record has none. Nghị định 23/2015/NĐ-CP Art. 7(1)
 * [M, to confirm against the official text]: copies certified from originals, signature certification and
 * copies from the master register are done on the day the request is received (the next working day when it
 * comes after 15:00).
 */
export const LEGAL_DEFAULT_LIMITS: Array<{ name: RegExp; value: number; unit: 'same_day'; basis: string }> = [
  {
    name: /^(chứng thực bản sao từ bản chính|chứng thực chữ ký|cấp bản sao từ sổ gốc)/iu,
    value: 1,
    unit: 'same_day',
    basis: 'Khoản 1 Điều 7 Nghị định 23/2015/NĐ-CP: trong ngày tiếp nhận (sau 15 giờ: ngày làm việc tiếp theo)',
  },
];

/** Applies LEGAL_DEFAULT_LIMITS where neither the catalogue nor an admin gives a limit. Returns how many. */
export async function applyLegalDefaultLimits(db: Db): Promise<number> {
  let n = 0;
  for (const p of await repo.proceduresWithoutLimit(db)) {
    const rule = LEGAL_DEFAULT_LIMITS.find((r) => r.name.test(p.name));
    if (!rule) continue;
    await repo.upsertTimeLimit(db, { procedureId: p.id, value: rule.value, unit: rule.unit, basis: rule.basis, by: null });
    n++;
  }
  return n;
}

/** The admin limit of a procedure, as the catalogue's summary shape. */
export async function adminTimeLimit(db: Db, procedureId: string): Promise<{ value: number; unit: string; basis: string } | null> {
  const row = await repo.timeLimitOverride(db, procedureId);
  return row ? { value: Number(row.value), unit: row.unit, basis: row.basis } : null;
}

function requireCatalogueManager(p: Principal): void {
  const ok = scopePaths(p, 'procedure.manage').some((path) => path.split('/').filter(Boolean).length === 1);
  if (!ok) throw new AppError(403, 'FORBIDDEN');
}

/** PUT /admin/procedures/{code}/time-limit. */
export async function setTimeLimit(ctx: AppContext, p: Principal, code: string, body: z.infer<typeof TimeLimitBody>, origin: RequestOrigin) {
  requireCatalogueManager(p);
  const proc = await repo.findByCode(ctx.db, code);
  if (!proc) throw new AppError(404, 'PROCEDURE_NOT_FOUND', { code });
  const value = body.unit === 'same_day' ? 1 : body.value;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertTimeLimit(trx, { procedureId: proc.id, value, unit: body.unit, basis: body.basis, by: p.userId });
    await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'procedure.time_limit.set', targetType: 'procedure', targetId: proc.id, details: { code, value, unit: body.unit, basis: body.basis } }, origin);
  });
  return { code, value, unit: body.unit, basis: body.basis };
}

/** GET /admin/procedures/inferred-units: limits read as working days from a bare number, to review. */
export async function listInferredUnits(ctx: AppContext, p: Principal, q: z.infer<typeof InferredUnitQuery>) {
  if (scopePaths(p, 'procedure.manage').length === 0) throw new AppError(403, 'FORBIDDEN');
  const rows = await repo.proceduresWithInferredUnit(ctx.db, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({ code: r.code, name: r.name, field: r.field, timeText: r.time_text, readAs: 'working_days' as const, label: 'đơn vị suy ra' })),
    total: Number(rows[0]?.total ?? 0),
  };
}
