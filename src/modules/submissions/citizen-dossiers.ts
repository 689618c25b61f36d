// "Hồ sơ của tôi" and one dossier of the signed-in citizen, through the dossiers service (which decides
// whose a dossier is), with what the documents module offers them: the receipt, the completion request and
// the refusal as PDFs (forms 01–03), the electronic results with their SHA-256, uploads answering a
// supplement request, and the actions a citizen takes (send the supplement, withdraw).
import type { AppContext } from '../../platform/context.js';
import type { RequestOrigin } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import * as dossiers from '../dossiers/dossiers.service.js';
import { citizenResults, openCitizenResult, renderCitizenForm, uploadStagedByCitizen, type UploadSource } from '../documents/documents.service.js';
import type { FormNumber } from '../documents/templates.js';
import type { Citizen } from './citizen.js';
import { profileOf } from '../citizens/citizens.read.js';

/**
 * Whose dossiers: the ones they submitted, and those filed for them (by a representative, at a desk) when the
 * identity provider proved their ID number; a number only typed into the profile proves nothing.
 */
async function refOf(ctx: AppContext, c: Citizen): Promise<dossiers.CitizenRef> {
  const profile = await profileOf(ctx, c.citizenId);
  const proven = profile?.verified.identity && profile.idNumber ? profile.idNumber : null;
  return { citizenId: c.citizenId, provenIdNumber: proven };
}

export async function myDossiers(ctx: AppContext, c: Citizen) {
  return dossiers.listCitizenDossiers(ctx, await refOf(ctx, c));
}

export async function myDossier(ctx: AppContext, c: Citizen, ref: string) {
  const d = await dossiers.citizenDossier(ctx, await refOf(ctx, c), ref);
  const results = await citizenResults(ctx, d.id);
  return {
    ...d,
    forms: {
      receipt: d.receivedAt !== null && d.code !== null,
      request: d.request?.kind === 'completion' || d.request?.kind === 'supplement',
      refusal: d.request?.kind === 'refusal' || d.nationalStatus === 3,
    },
    results: results.map((r) => ({
      number: r.number,
      date: r.date,
      title: r.title,
      signer: r.signer,
      digitallySigned: r.digitallySigned,
      file: r.file,
      verifyUrl: `${ctx.config.publicUrl}/xac-thuc?sha256=${r.file.sha256}`,
    })),
  };
}

export async function myAction(
  ctx: AppContext,
  c: Citizen,
  ref: string,
  action: string,
  req: dossiers.CitizenActionRequestBody,
  opts: { ifMatch?: string; idempotencyKey: string },
) {
  return dossiers.citizenAction(ctx, await refOf(ctx, c), ref, action, req, opts);
}

/** A paper answering a supplement request: staged under the citizen, sent with receive_supplement (fileIds). */
export async function uploadSupplementFile(ctx: AppContext, c: Citizen, ref: string, open: () => Promise<UploadSource>, origin?: RequestOrigin) {
  const d = await dossiers.citizenDossier(ctx, await refOf(ctx, c), ref);
  try {
    return await uploadStagedByCitizen(ctx, c.citizenId, await open(), { purpose: 'supplement', componentName: 'Giấy tờ bổ sung' }, origin);
  } catch (e) {
    if (e instanceof AppError && e.status < 500) throw new AppError(e.status, e.code, e.params, { ...e.extra, errors: [{ path: 'body.file', code: e.code }], dossier: d.id });
    throw e;
  }
}

export async function myResultFile(ctx: AppContext, c: Citizen, ref: string, fileId: string) {
  const d = await dossiers.citizenDossier(ctx, await refOf(ctx, c), ref);
  return openCitizenResult(ctx, d.id, fileId);
}

export async function myForm(ctx: AppContext, c: Citizen, ref: string, form: FormNumber) {
  return renderCitizenForm(ctx, await refOf(ctx, c), ref, form);
}
