// Form templates (admin): versions of forms 01–07, effective from a date; the defaults seeded at start-up.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';

import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { actsFromTop } from '../org/permissions.js';
import * as repo from './documents.repo.js';
import {
  checkTemplate,
  DEFAULT_TEMPLATES,
  type FormNumber,
  type FormTemplate,
  type FormTemplateContent,
} from './templates.js';
import './documents.errors.js';
import { documentErrors } from './documents.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

const isTemplateManager = (p: Principal) => actsFromTop(p, 'procedure.manage');

export async function listFormTemplates(ctx: AppContext, form?: FormNumber) {
  return { items: await repo.listTemplates(ctx.db, form) };
}

export async function createFormTemplateVersion(
  ctx: AppContext,
  p: Principal,
  form: FormNumber,
  input: { legalBasis: string; effectiveFrom: string; title: string; content: FormTemplateContent },
  origin?: RequestOrigin,
) {
  if (!isTemplateManager(p)) throw platformErrors.FORBIDDEN();
  const problems = checkTemplate(form, input.content);
  if (problems.length) throw documentErrors.TEMPLATE_INVALID({ problems: problems.join('; ') }, { errors: problems.map((m) => ({ path: 'body.content', code: 'TEMPLATE_INVALID', message: m })) });
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockTemplates(trx, form);
    const version = await repo.nextTemplateVersion(trx, form);
    const t: FormTemplate = { form, version, legalBasis: input.legalBasis.normalize('NFC'), effectiveFrom: input.effectiveFrom, title: input.title.normalize('NFC'), content: JSON.parse(JSON.stringify(input.content).normalize('NFC')) };
    await repo.insertTemplate(trx, t, p.userId);
    await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'form_template.create', targetType: 'form_template', targetId: `${form}@${version}`, details: { effectiveFrom: t.effectiveFrom } }, origin);
    return t;
  });
}

export async function seedFormTemplates(db: Db): Promise<void> {
  await repo.seedTemplates(db, DEFAULT_TEMPLATES);
}
