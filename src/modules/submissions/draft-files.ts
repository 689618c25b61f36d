// One upload per component of a draft, through the documents module's file store and its checks (size while
// streaming, type by content, screening). A refused file keeps nothing and answers the documents module's
// code with the error on that component's field (`form.components.<id>`); an accepted one is staged under the
// citizen and recorded in the draft (a new version), to be attached to the dossier when it is submitted.
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors.js';
import type { RequestOrigin } from '../../platform/audit.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { uploadStagedByCitizen, type UploadSource } from '../documents/documents.service.js';
import type { Citizen } from './citizen.js';
import { draftOut } from './drafts.js';
import { loadProcedureForm } from './procedure-form.js';
import * as repo from './submissions.repo.js';
import { submissionErrors } from './submissions.errors.js';

const onComponent = (e: unknown, path: string): unknown => {
  if (!(e instanceof AppError) || e.status >= 500) return e;
  const errors = (e.extra.errors as unknown[] | undefined) ?? [{ path, code: e.code }];
  return new AppError(e.status, e.code, e.params, { ...e.extra, errors: errors.map((x) => ({ ...(x as object), path })) });
};

export async function uploadDraftFile(ctx: AppContext, c: Citizen, draftId: string, componentId: string, open: () => Promise<UploadSource>, origin?: RequestOrigin) {
  const draft = await repo.findDraft(ctx.db, draftId, c.citizenId);
  if (!draft) throw platformErrors.NOT_FOUND({ what: 'draft' });
  if (draft.status !== 'open') throw submissionErrors.DRAFT_ALREADY_SUBMITTED();
  const path = `form.components.${componentId}`;
  const pf = await loadProcedureForm(ctx, draft.procedure_code);
  const component = pf.procedure.components.find((x) => x.id === componentId);
  if (!component) {
    throw invalid([{ path: 'params.componentId', code: 'COMPONENT_UNKNOWN', messageVi: 'Thành phần hồ sơ không có trong danh mục của thủ tục', messageEn: 'Not a component of this procedure' }]);
  }
  let file;
  try {
    file = await uploadStagedByCitizen(ctx, c.citizenId, await open(), { purpose: 'component', componentId, componentName: component.name }, origin);
  } catch (e) {
    throw onComponent(e, path);
  }
  const saved = await attachToDraft(ctx, c, draftId, componentId, { fileId: file.id, name: file.name, size: file.size, sha256: file.sha256 });
  return { file, draft: saved };
}

/** Writes the file into the draft's component, retrying on a concurrent autosave (the upload wins its field only). */
async function attachToDraft(ctx: AppContext, c: Citizen, draftId: string, componentId: string, entry: Record<string, unknown>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const d = await repo.findDraft(ctx.db, draftId, c.citizenId);
    if (!d || d.status !== 'open') throw submissionErrors.DRAFT_ALREADY_SUBMITTED();
    const components = { ...((d.form.components as Record<string, unknown> | undefined) ?? {}) };
    const before = (components[componentId] as Record<string, unknown> | undefined) ?? {};
    components[componentId] = { ...before, ...entry };
    const saved = await repo.saveDraft(ctx.db, draftId, c.citizenId, d.version, { ...d.form, components }, ctx.clock.now());
    if (saved) return draftOut(saved);
  }
  throw submissionErrors.DRAFT_VERSION_CONFLICT({ current: 0 });
}
