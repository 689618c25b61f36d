// "Nộp hồ sơ": the draft validated against its e-form (the schema the browser rendered), turned into a
// filing and registered through the dossiers service as an online dossier (channel 2, status 1) in the
// receiving desk's queue, the draft closed in the same transaction. Keyed by the draft: a double click, a
// retry or a second device submitting the same draft stores one dossier and answers it again.
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid, type FieldError } from '../../platform/errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { submitOnline, type OnlineFiling } from '../dossiers/dossiers.service.js';
import type { Citizen } from './citizen.js';
import { compileForm, formErrors } from './form-validate.js';
import { loadProcedureForm, type ProcedureForm } from './procedure-form.js';
import * as repo from './submissions.repo.js';
import { submissionErrors } from './submissions.errors.js';

type Obj = Record<string, any>;

/** The e-form's data as the dossier engine's filing (pure). */
export function filingOf(form: Obj, pf: ProcedureForm, c: Citizen): OnlineFiling {
  const a: Obj = { ...form.applicant };
  // the contact the session proved is used when the form names none, so the acknowledgement reaches them
  if (!a.phone && !a.email) {
    if (c.phone) a.phone = c.phone;
    if (c.email) a.email = c.email;
  }
  const byId = new Map(pf.procedure.components.map((x) => [x.id, x]));
  const components = Object.entries((form.components ?? {}) as Record<string, Obj>).map(([componentId, v]) => {
    const k = byId.get(componentId);
    return { componentId, fileId: v.fileId as string, provided: true, form: (k && k.originals > 0 ? 'original' : 'copy') as 'original' | 'copy', copies: typeof v.copies === 'number' ? v.copies : 1 };
  });
  return {
    procedureCode: pf.procedure.code,
    receivingAgencyCode: form.receivingAgencyCode,
    applicant: a as OnlineFiling['applicant'],
    ...(form.actingForAnother && form.representative ? { representative: form.representative } : {}),
    caseKey: form.caseKey,
    components,
    delivery: form.delivery ?? { method: 'online' },
  };
}

/** Field errors of the dossier engine (`body.applicant.phone`) on the form's paths (`form.applicant.phone`). */
function onForm(e: unknown): unknown {
  if (!(e instanceof AppError) || !Array.isArray(e.extra.errors)) return e;
  const errors = (e.extra.errors as FieldError[]).map((x) => ({ ...x, path: x.path.replace(/^body\./, 'form.') }));
  return new AppError(e.status, e.code, e.params, { ...e.extra, errors });
}

/**
 * POST /citizen/drafts/{id}/submit. Keyed by the draft, and by the client's Idempotency-Key when it sends one:
 * a retry under either answers the same dossier; the client's key on another draft is refused.
 */
export async function submitDraft(ctx: AppContext, c: Citizen, draftId: string, idempotencyKey?: string) {
  const draft = await repo.findDraft(ctx.db, draftId, c.citizenId);
  if (!draft) throw platformErrors.NOT_FOUND({ what: 'draft' });
  const key = `submission-draft:${draft.id}`;
  const pf = await loadProcedureForm(ctx, draft.procedure_code);
  if (pf.procedure.onlineLevel === 'none') {
    throw submissionErrors.PROCEDURE_NOT_ONLINE({ code: pf.procedure.code, where: pf.procedure.receivingAddress ?? 'Bộ phận Một cửa' });
  }
  if (draft.status === 'open') {
    const errors = formErrors(compileForm(pf.schema), draft.form);
    if (errors.length > 0) throw invalid(errors);
  }
  const filing = filingOf(draft.form, pf, c);
  const extra = draft.form.extra ?? null;
  try {
    const r = await submitOnline(ctx, { citizenId: c.citizenId, assurance: c.assurance }, filing, {
      idempotencyKey: key,
      clientKey: idempotencyKey ? { key: idempotencyKey, path: `/api/v1/citizen/drafts/${draft.id}/submit` } : undefined,
      extraFiling: { formExtra: extra, formExtensionVersion: pf.extension?.version ?? 0, draftId: draft.id },
      inTransaction: async (trx, dossierId) => {
        if ((await repo.markSubmitted(trx, draft.id, dossierId, ctx.clock.now())) !== 1) throw submissionErrors.DRAFT_ALREADY_SUBMITTED();
      },
    });
    const d = r.body.dossier;
    const dossier = { id: d.id, code: d.code, nationalStatus: d.nationalStatus, statusLabel: d.nationalStatusLabel!, channel: d.channel, submittedAt: d.submittedAt, receivingAgency: d.agencies.receiving?.name ?? null };
    return { status: (r.replayed ? 200 : 201) as 200 | 201, body: { dossier, draftId: draft.id } };
  } catch (e) {
    throw onForm(e);
  }
}
