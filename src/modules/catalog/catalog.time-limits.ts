// Time limits the catalogue does not state (or states wrongly): an administrator sets one with its legal
// basis; a few limits fixed by law for whole groups of procedures are applied at import where the catalogue
// has none; bare numbers read as working days are listed for review ("đơn vị suy ra").
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';

import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { actsFromTop, scopePaths } from '../org/permissions.js';
import * as repo from './catalog.repo.js';
import { NO_LIMIT_REASONS, noLimitReason } from './catalog.time-fallbacks.js';
import type { InferredUnitQuery, TimeLimitBody } from './catalog.schema.js';
import { catalogErrors } from './catalog.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/**
 * Limits fixed by law for procedures whose catalogue record has none. Nghị định 23/2015/NĐ-CP Art. 7(1)
 * [M, to confirm against the official text]: copies certified from originals, signature certification and
 * copies from the master register are done on the day the request is received (the next working day when it
 * comes after 15:00).
 */
export const LEGAL_DEFAULT_LIMITS: Array<{ name: RegExp; value: number; unit: 'same_day' | 'working_days'; basis: string }> = [
  {
    name: /^(chứng thực bản sao từ bản chính|chứng thực chữ ký|cấp bản sao từ sổ gốc)/iu,
    value: 1,
    unit: 'same_day',
    basis: 'Khoản 1 Điều 7 Nghị định 23/2015/NĐ-CP: trong ngày tiếp nhận (sau 15 giờ: ngày làm việc tiếp theo)',
  },
  {
    // Art. 7(2) [M, to confirm]: contracts and transactions, their amendment, cancellation and corrections, wills,
    // refusals and divisions of an estate: at most 2 working days from a complete request.
    name: /^(chứng thực (hợp đồng|giao dịch|việc sửa đổi, bổ sung, hủy bỏ (hợp đồng|giao dịch)|di chúc|văn bản (từ chối nhận|thỏa thuận phân chia|phân chia|khai nhận) di sản)|sửa lỗi sai sót trong (hợp đồng|giao dịch))/iu,
    value: 2,
    unit: 'working_days',
    basis: 'Khoản 2 Điều 7 Nghị định 23/2015/NĐ-CP: không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ yêu cầu chứng thực',
  },
  {
    // A certified copy of a contract already certified is a copy from the register (Art. 7(1)) [M, to confirm].
    name: /^cấp bản sao có chứng thực từ bản chính (hợp đồng|giao dịch)/iu,
    value: 1,
    unit: 'same_day',
    basis: 'Khoản 1 Điều 7 Nghị định 23/2015/NĐ-CP (bản sao từ sổ gốc, bản chính): trong ngày tiếp nhận (sau 15 giờ: ngày làm việc tiếp theo)',
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
  if (!actsFromTop(p, 'procedure.manage')) throw platformErrors.FORBIDDEN();
}

/** PUT /admin/procedures/{code}/time-limit. */
export async function setTimeLimit(ctx: AppContext, p: Principal, code: string, body: z.infer<typeof TimeLimitBody>, origin: RequestOrigin) {
  requireCatalogueManager(p);
  const proc = await repo.findByCode(ctx.db, code);
  if (!proc) throw catalogErrors.PROCEDURE_NOT_FOUND({ code });
  const value = body.unit === 'same_day' ? 1 : body.value;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertTimeLimit(trx, { procedureId: proc.id, value, unit: body.unit, basis: body.basis, by: p.userId });
    await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'procedure.time_limit.set', targetType: 'procedure', targetId: proc.id, details: { code, value, unit: body.unit, basis: body.basis } }, origin);
  });
  return { code, value, unit: body.unit, basis: body.basis };
}

/** GET /admin/procedures/inferred-units: limits read as working days from a bare number, to review. */
export async function listInferredUnits(ctx: AppContext, p: Principal, q: z.infer<typeof InferredUnitQuery>) {
  if (scopePaths(p, 'procedure.manage').length === 0) throw platformErrors.FORBIDDEN();
  const rows = await repo.proceduresWithInferredUnit(ctx.db, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => {
      const kind = (r.time_from in REVIEW_LABELS ? r.time_from : 'unit_inferred') as ReviewKind;
      return { code: r.code, name: r.name, field: r.field, timeText: r.time_text, kind, value: Number(r.time_value), readAs: r.time_unit, label: REVIEW_LABELS[kind].vi, labelEn: REVIEW_LABELS[kind].en };
    }),
    total: Number(rows[0]?.total ?? 0),
  };
}

type ReviewKind = 'unit_inferred' | 'cases' | 'phases' | 'months';
const REVIEW_LABELS: Record<ReviewKind, { vi: string; en: string }> = {
  unit_inferred: { vi: 'đơn vị suy ra', en: 'unit inferred (a bare number read as working days)' },
  cases: { vi: 'thời hạn dài nhất của các trường hợp', en: 'the longest of the per-case limits' },
  phases: { vi: 'cộng các giai đoạn', en: 'phases added up' },
  months: { vi: 'tính theo tháng dương lịch (cùng ngày tháng sau, gặp ngày nghỉ thì sang ngày làm việc kế tiếp)', en: 'calendar months (same date, moved to the next working day)' },
};

/** GET /admin/procedures/without-limit: province/commune procedures with no limit at all, each with the reason. */
export async function listWithoutLimit(ctx: AppContext, p: Principal) {
  if (scopePaths(p, 'procedure.manage').length === 0) throw platformErrors.FORBIDDEN();
  const rows = (await repo.proceduresWithoutLimitDetail(ctx.db)).filter((r) => r.levels.includes('province') || r.levels.includes('commune'));
  return {
    items: rows.map((r) => {
      const { reason, detail } = noLimitReason({ name: r.name, steps: r.steps, channels: r.channels });
      return { code: r.code, name: r.name, field: r.field, reason, reasonVi: NO_LIMIT_REASONS[reason].vi, reasonEn: NO_LIMIT_REASONS[reason].en, detail: detail.slice(0, 300), adminAction: `PUT /api/v1/admin/procedures/${r.code}/time-limit` };
    }),
    total: rows.length,
  };
}
