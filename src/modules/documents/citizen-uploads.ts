// A file a signed-in citizen uploads (an authorisation document of a representation): typed by content and
// screened like every upload, owned by the citizen (`uploaded_by` is their label, never an official's id,
// so no desk can attach it), and recorded in the same transaction as what refers to it.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Readable } from 'node:stream';
import type { Db } from '../../platform/db/database.js';
import { isUuid } from '../../platform/values.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import * as repo from './documents.repo.js';
import { claimBlob, dropIfUnreferenced, newFileRow, storeUpload, type UploadSource } from './uploads.js';
import { fileOut } from './file-out.js';

export type StoredFile = ReturnType<typeof fileOut>;

/**
 * Stores the file, then in one transaction writes its row and runs `attach` (the caller's rows that point
 * at it). If `attach` throws, nothing is kept: neither the row nor a blob no one else uses.
 */
export async function uploadForCitizen<T>(
  ctx: AppContext,
  ownerLabel: string,
  src: UploadSource,
  origin: RequestOrigin,
  attach: (trx: Db, file: StoredFile) => Promise<T>,
): Promise<T> {
  const stored = await storeUpload(ctx, src);
  const row = newFileRow(stored, src, { purpose: 'other' }, { id: randomUUID(), dossierId: null, uploadedBy: ownerLabel, at: ctx.clock.now(), digitised: false });
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await claimBlob(ctx, trx, stored.sha256);
      await repo.insertFile(trx, row);
      await writeAudit(trx, { actorLabel: ownerLabel, action: 'file.upload', targetType: 'file', targetId: row.id, details: { sha256: stored.sha256, size: stored.size, kind: stored.kind } }, origin);
      return attach(trx, fileOut({ ...row, attached_version: null, attached_action: null, attached_at: null }));
    });
  } catch (e) {
    if (stored.created) await dropIfUnreferenced(ctx, stored.sha256);
    throw e;
  }
}

/** File rows by id that belong to this owner (names and sizes for the owner's own lists). */
export async function filesOwnedBy(ctx: AppContext, ownerLabel: string, ids: string[]): Promise<Map<string, { id: string; name: string; size: number; kind: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await repo.filesByIds(ctx.db, ids);
  return new Map(rows.filter((r) => r.uploaded_by === ownerLabel).map((r) => [r.id, { id: r.id, name: r.name, size: Number(r.size), kind: r.kind }]));
}

/** One of the owner's own files, to download (404 for anyone else's). */
export async function openCitizenFile(ctx: AppContext, ownerLabel: string, id: string): Promise<{ file: repo.FileRow; stream: Readable }> {
  const f = isUuid(id) ? await repo.findFile(ctx.db, id) : undefined;
  if (!f || f.uploaded_by !== ownerLabel) throw platformErrors.NOT_FOUND({ what: 'file' });
  return { file: f, stream: await ctx.blobStore.get(f.sha256) };
}
