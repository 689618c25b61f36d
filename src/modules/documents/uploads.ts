// Upload use cases: a file of a dossier (POST /dossiers/{code}/files) or staged before reception (POST
// /files). Bytes stream into the content-addressed blob store (size limit while streaming, type by
// content); a rejected upload leaves no blob behind.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';

import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { scopePaths } from '../org/permissions.js';
import * as dossiers from '../dossiers/dossiers.service.js';
import * as repo from './documents.repo.js';
import { BlobTooLarge, readBlob } from './storage.js';
import { refusalError, screenUpload } from './upload-screening.js';
import { declaredTypeDisagrees, detectKind, MEDIA_TYPES, safeFileName, sniffFamily, type FileKind } from './sniff.js';
import { requireWorker } from './dossier-access.js';
import { fileOut } from './file-out.js';
import './documents.errors.js';
import { documentErrors } from './documents.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

export interface UploadFields {
  purpose?: 'component' | 'supplement' | 'result' | 'other';
  componentId?: string;
  componentName?: string;
  digitised?: boolean;
  reusedFrom?: string;
  fromCitizenStore?: boolean;
}

export interface UploadSource {
  stream: Readable;
  filename: string | undefined;
  /** the part's declared Content-Type (never trusted; refused when it contradicts the content) */
  declaredType?: string;
}

export async function storeUpload(ctx: AppContext, src: UploadSource): Promise<{ sha256: string; size: number; kind: FileKind; created: boolean }> {
  const store = ctx.blobStore;
  const limit = ctx.config.maxFileBytes;
  let put;
  try {
    put = await store.put(src.stream, {
      maxBytes: limit,
      inspectHead: (head) => {
        if (!sniffFamily(head)) throw documentErrors.FILE_TYPE_NOT_ALLOWED();
      },
    });
  } catch (e) {
    if (e instanceof BlobTooLarge || (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw documentErrors.FILE_TOO_LARGE({ limit });
    throw e;
  }
  if ((src.stream as { truncated?: boolean }).truncated) {
    await dropIfUnreferenced(ctx, put.sha256);
    throw documentErrors.FILE_TOO_LARGE({ limit });
  }
  const kind = put.size === 0 ? null : detectKind(put.head, put.tail);
  if (!kind) {
    if (put.created) await dropIfUnreferenced(ctx, put.sha256);
    throw documentErrors.FILE_TYPE_NOT_ALLOWED();
  }
  if (declaredTypeDisagrees(src.declaredType, kind)) {
    if (put.created) await dropIfUnreferenced(ctx, put.sha256);
    throw documentErrors.FILE_TYPE_MISMATCH({ declared: src.declaredType?.slice(0, 100) ?? '', kind });
  }
  // polyglots, active PDF content, archive bounds: the whole (size-bounded) file, 422 and nothing kept
  const refusal = screenUpload(put.size <= put.head.length ? put.head : await readBlob(store, put.sha256), kind);
  if (refusal) {
    if (put.created) await dropIfUnreferenced(ctx, put.sha256);
    throw refusalError(refusal);
  }
  return { sha256: put.sha256, size: put.size, kind, created: put.created };
}

// Blobs are content-addressed and shared: two uploads of the same bytes use one blob. Deleting an
// unreferenced blob (after a rejected upload) and adding a reference to it are serialised by a
// transaction-scoped advisory lock on the hash, so a concurrent upload never loses its file.
export async function dropIfUnreferenced(ctx: AppContext, sha256: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockBlob(trx, sha256);
    if (!(await repo.blobReferenced(trx, sha256))) await ctx.blobStore.delete(sha256);
  });
}

/** Inside the transaction that adds a reference: the blob must still be there (a rejected twin may have removed it). */
export async function claimBlob(ctx: AppContext, trx: Db, sha256: string): Promise<void> {
  await repo.lockBlob(trx, sha256);
  if (!(await ctx.blobStore.has(sha256))) throw documentErrors.UPLOAD_RETRY();
}

/** The row of a new upload (pure): the name and type come from the sniffed content, never the client's. */
export function newFileRow(
  stored: { sha256: string; size: number; kind: FileKind },
  src: UploadSource,
  fields: UploadFields,
  at: { id: string; dossierId: string | null; uploadedBy: string; at: Date; digitised: boolean },
): repo.NewFile {
  return {
    id: at.id,
    sha256: stored.sha256,
    size: stored.size,
    media_type: MEDIA_TYPES[stored.kind],
    kind: stored.kind,
    name: safeFileName(src.filename, stored.kind),
    purpose: fields.purpose ?? 'component',
    dossier_id: at.dossierId,
    uploaded_by: at.uploadedBy,
    uploaded_at: at.at,
    component_id: fields.componentId ?? null,
    component_name: fields.componentName?.normalize('NFC') ?? null,
    digitised: fields.digitised ?? at.digitised,
    reused_from: fields.reusedFrom ?? null,
    from_citizen_store: fields.fromCitizenStore ?? false,
    citizen_visible: false,
    signed_from: null,
  };
}

/** POST /dossiers/{code}/files. */
export async function uploadToDossier(ctx: AppContext, p: Principal, ref: string, src: UploadSource, fields: UploadFields, origin?: RequestOrigin) {
  const { dossier: d } = await dossiers.getDossierWithEvents(ctx, p, ref);
  await requireWorker(ctx, p, d);
  const stored = await storeUpload(ctx, src);
  const now = ctx.clock.now();
  const id = randomUUID();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      // serialise uploads of one dossier for the per-dossier limit
      await repo.lockDossier(trx, d.id);
      const used = await repo.dossierBytes(trx, d.id);
      if (used + stored.size > ctx.config.maxDossierBytes) throw documentErrors.DOSSIER_FILES_TOO_LARGE({ limit: ctx.config.maxDossierBytes });
      // on a dossier an upload counts as digitised when it is one of its components (not a supplement note)
      const row = newFileRow(stored, src, fields, { id, dossierId: d.id, uploadedBy: p.userId, at: now, digitised: (fields.purpose ?? 'component') === 'component' });
      await claimBlob(ctx, trx, stored.sha256);
      await repo.insertFile(trx, row);
      await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'file.upload', targetType: 'dossier', targetId: d.id, details: { fileId: id, sha256: stored.sha256, size: stored.size, kind: stored.kind } }, origin);
      return fileOut({ ...row, attached_version: null, attached_action: null, attached_at: null });
    });
  } catch (e) {
    if (stored.created) await dropIfUnreferenced(ctx, stored.sha256);
    throw e;
  }
}

/** POST /files: staged before reception (the dossier does not exist yet); only the uploader sees it. */
export async function uploadStaged(ctx: AppContext, p: Principal, src: UploadSource, fields: UploadFields, origin?: RequestOrigin) {
  if (scopePaths(p, 'dossier.receive').length === 0) throw platformErrors.FORBIDDEN();
  const stored = await storeUpload(ctx, src);
  const now = ctx.clock.now();
  const row = newFileRow(stored, src, fields, { id: randomUUID(), dossierId: null, uploadedBy: p.userId, at: now, digitised: true });
  await ctx.db.transaction().execute(async (trx) => {
    await claimBlob(ctx, trx, stored.sha256);
    await repo.insertFile(trx, row);
    await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'file.upload', targetType: 'file', targetId: row.id, details: { sha256: stored.sha256, size: stored.size, kind: stored.kind } }, origin);
  });
  return fileOut({ ...row, attached_version: null, attached_action: null, attached_at: null });
}


/**
 * A citizen's upload for an online submission (a draft's component, or a supplement): the same size limit,
 * type-by-content and screening as the desk's, staged under `citizen:<id>` until the submission or the
 * supplement action attaches it; only that citizen can attach it.
 */
export async function uploadStagedByCitizen(ctx: AppContext, citizenId: string, src: UploadSource, fields: UploadFields, origin?: RequestOrigin) {
  return uploadStagedAs(ctx, `citizen:${citizenId}`, src, fields, origin);
}

/**
 * A file an outside system handed over with a dossier (the national portal's attachments), staged under that
 * system's uploader name (`system:dvcqg`) until the dossier is registered: the same checks as any upload.
 */
export async function uploadStagedBySystem(ctx: AppContext, uploadedBy: `system:${string}`, src: UploadSource, fields: UploadFields) {
  return uploadStagedAs(ctx, uploadedBy, src, fields);
}

async function uploadStagedAs(ctx: AppContext, uploadedBy: string, src: UploadSource, fields: UploadFields, origin?: RequestOrigin) {
  const stored = await storeUpload(ctx, src);
  const row = newFileRow(stored, src, fields, { id: randomUUID(), dossierId: null, uploadedBy, at: ctx.clock.now(), digitised: false });
  await ctx.db.transaction().execute(async (trx) => {
    await claimBlob(ctx, trx, stored.sha256);
    await repo.insertFile(trx, row);
    await writeAudit(trx, { actorLabel: uploadedBy, action: 'file.upload', targetType: 'file', targetId: row.id, details: { sha256: stored.sha256, size: stored.size, kind: stored.kind } }, origin);
  });
  return fileOut({ ...row, attached_version: null, attached_action: null, attached_at: null });
}
