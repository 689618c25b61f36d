// The administrators' list of rating criteria (domain-vn §8): list, add, edit (names, required), reorder,
// disable / enable. Criteria are never deleted: ratings keep the answers they were given under each key, so a
// disabled criterion stays in their rows and reports. `overall` is the one QĐ 766 5.4 reads: it stays active
// and required. Province-wide settings: only an administrator at the top of the organisation.
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid } from '../../platform/errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { actsFromTop } from '../org/permissions.js';
import { ratingErrors } from './ratings.errors.js';
import * as repo from './ratings.repo.js';
import type { CriterionCreateBody, CriterionUpdateBody } from './ratings.schema.js';

const OVERALL = 'overall';

function requireCriteriaAdmin(p: Principal): void {
  if (!actsFromTop(p, 'org.manage')) throw platformErrors.FORBIDDEN();
}

const out = (r: repo.CriterionRow) => ({ key: r.key, position: r.position, nameVi: r.name_vi, nameEn: r.name_en, required: r.required, active: r.active });

/** GET /admin/rating-criteria: every criterion, disabled ones included, in the order the form asks them. */
export async function listCriteria(ctx: AppContext, p: Principal) {
  requireCriteriaAdmin(p);
  return { items: (await repo.allCriteria(ctx.db)).map(out) };
}

/** POST /admin/rating-criteria: a new criterion, asked last. */
export async function addCriterion(ctx: AppContext, p: Principal, body: z.infer<typeof CriterionCreateBody>) {
  requireCriteriaAdmin(p);
  if (await repo.criterionByKey(ctx.db, body.key)) {
    throw ratingErrors.RATING_CRITERION_EXISTS({ key: body.key }, { errors: [{ path: 'body.key', code: 'RATING_CRITERION_EXISTS' }] });
  }
  await repo.insertCriterion(ctx.db, { key: body.key, name_vi: body.nameVi, name_en: body.nameEn, required: body.required ?? false, active: true });
  return listCriteria(ctx, p);
}

/** PUT /admin/rating-criteria/{key}: names, required, active. */
export async function updateCriterion(ctx: AppContext, p: Principal, key: string, body: z.infer<typeof CriterionUpdateBody>) {
  requireCriteriaAdmin(p);
  if (!(await repo.criterionByKey(ctx.db, key))) throw ratingErrors.RATING_CRITERION_NOT_FOUND({ key });
  if (key === OVERALL && (body.active === false || body.required === false)) {
    const path = body.active === false ? 'body.active' : 'body.required';
    throw invalid([{ path, code: 'RATING_CRITERION_OVERALL', messageVi: 'Tiêu chí "hài lòng chung" là căn cứ chỉ số 5.4 (QĐ 766): luôn bắt buộc và đang dùng.', messageEn: 'The overall criterion feeds QĐ 766 indicator 5.4: it stays required and active.' }]);
  }
  await repo.updateCriterion(ctx.db, key, {
    ...(body.nameVi !== undefined ? { name_vi: body.nameVi } : {}), ...(body.nameEn !== undefined ? { name_en: body.nameEn } : {}),
    ...(body.required !== undefined ? { required: body.required } : {}), ...(body.active !== undefined ? { active: body.active } : {}),
  });
  return listCriteria(ctx, p);
}

/** PUT /admin/rating-criteria/order: the keys in their new order (every criterion, each once). */
export async function reorderCriteria(ctx: AppContext, p: Principal, keys: string[]) {
  requireCriteriaAdmin(p);
  const all = (await repo.allCriteria(ctx.db)).map((r) => r.key);
  const missing = all.filter((k) => !keys.includes(k));
  const unknown = keys.filter((k, i) => !all.includes(k) || keys.indexOf(k) !== i);
  if (missing.length || unknown.length || keys.length !== all.length) {
    throw invalid([{ path: 'body.keys', code: 'RATING_CRITERIA_ORDER', messageVi: `Cần đủ mỗi tiêu chí một lần${missing.length ? ` (thiếu: ${missing.join(', ')})` : ''}${unknown.length ? ` (thừa hoặc lặp: ${unknown.join(', ')})` : ''}.`, messageEn: `Every criterion exactly once${missing.length ? ` (missing: ${missing.join(', ')})` : ''}${unknown.length ? ` (unknown or repeated: ${unknown.join(', ')})` : ''}.` }]);
  }
  await ctx.db.transaction().execute(async (trx) => repo.setCriteriaOrder(trx, keys));
  return listCriteria(ctx, p);
}
