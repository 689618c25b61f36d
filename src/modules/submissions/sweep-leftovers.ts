// The citizen portal's hourly clean-up (job citizen-sweep): expired sign-in codes and ended sessions (the
// citizens module), and staged uploads of citizens and of the national portal never attached to a dossier and
// older than MOTCUA_STAGED_UPLOAD_KEEP_DAYS, with their stored files (the documents module). Papers an open
// draft still holds and authorisation documents stay, however old.
import type { AppContext } from '../../platform/context.js';
import { representationFileIds, sweepExpiredSignIns } from '../citizens/citizens.read.js';
import { sweepStagedUploads } from '../documents/documents.service.js';
import * as repo from './submissions.repo.js';

/** The staged file ids a draft's form holds (components.<id>.fileId), pure. */
export function fileIdsOfForm(form: Record<string, unknown>): string[] {
  const components = form.components;
  if (!components || typeof components !== 'object') return [];
  return Object.values(components as Record<string, unknown>)
    .map((c) => (c && typeof c === 'object' ? (c as { fileId?: unknown }).fileId : undefined))
    .filter((id): id is string => typeof id === 'string');
}

export async function sweepCitizenLeftovers(ctx: AppContext) {
  const signIns = await sweepExpiredSignIns(ctx);
  const keep = [...(await repo.openDraftForms(ctx.db)).flatMap(fileIdsOfForm), ...(await representationFileIds(ctx))];
  const uploads = await sweepStagedUploads(ctx, { keepDays: ctx.config.stagedUploadKeepDays, keep });
  return { ...signIns, stagedFiles: uploads.files, blobs: uploads.blobs, keptStaged: uploads.kept };
}
