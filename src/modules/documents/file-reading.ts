// Reading files: one file the principal may read (staged by them, or of a dossier in their scope), the
// files and results of a dossier with their digitisation flags, and the citizen's copy of a result.
import type { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import * as dossiers from '../dossiers/dossiers.service.js';
import * as repo from './documents.repo.js';
import { isUuid } from '../../platform/values.js';
import { fileOut } from './file-out.js';
import { resultOut } from './result-out.js';
import './documents.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** A file the principal may read: staged by them, or of a dossier in their scope (404 otherwise). */
export async function readableFile(ctx: AppContext, p: Principal, id: string): Promise<repo.FileRow> {
  const f = isUuid(id) ? await repo.findFile(ctx.db, id) : undefined;
  if (!f) throw platformErrors.NOT_FOUND({ what: 'file' });
  if (f.dossier_id === null) {
    if (f.uploaded_by !== p.userId) throw platformErrors.NOT_FOUND({ what: 'file' });
    return f;
  }
  try {
    await dossiers.getDossierWithEvents(ctx, p, f.dossier_id);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw platformErrors.NOT_FOUND({ what: 'file' });
    throw e;
  }
  return f;
}

export async function openFile(ctx: AppContext, p: Principal, id: string): Promise<{ file: repo.FileRow; stream: Readable }> {
  const file = await readableFile(ctx, p, id);
  return { file, stream: await ctx.blobStore.get(file.sha256) };
}

export async function listDossierFiles(ctx: AppContext, p: Principal, ref: string) {
  const { dossier: d } = await dossiers.getDossierWithEvents(ctx, p, ref);
  const files = await repo.listFiles(ctx.db, d.id);
  const results = await repo.listResultDocuments(ctx.db, d.id);
  const comps = ((d.filing as any)?.components ?? []) as Array<{ name: string; fileId?: string; reusedFrom?: string }>;
  return {
    items: files.map(fileOut),
    results: results.map(resultOut),
    // digitisation flags per component (feed the QĐ 766 digitisation indicators)
    digitisation: comps.map((c) => {
      const f = files.find((x) => x.id === c.fileId) ?? files.find((x) => x.component_name === c.name);
      return {
        component: c.name,
        fileId: f?.id ?? (c.fileId && !isUuid(c.fileId) ? c.fileId : null),
        digitised: !!f?.digitised || (!!c.fileId && !isUuid(c.fileId)),
        reused: !!(c.reusedFrom || f?.reused_from),
        fromCitizenStore: !!f?.from_citizen_store,
      };
    }),
  };
}

/** Citizen's copy: GET /public/dossiers/{code}/results/{fileId}?secret=… (online delivery only). */
export async function openPublicResult(ctx: AppContext, code: string, secret: string, fileId: string): Promise<{ file: repo.FileRow; stream: Readable }> {
  const nf = () => platformErrors.NOT_FOUND({ what: 'file' });
  const look = await dossiers.publicLookup(ctx, code, secret); // 404 on a wrong code or secret
  if (!look.resultReady && !look.returnedAt) throw nf();
  const f = isUuid(fileId) ? await repo.findFile(ctx.db, fileId) : undefined;
  if (!f || !f.citizen_visible || !f.dossier_id) throw nf();
  if ((await repo.dossierCodeOf(ctx.db, f.dossier_id)) !== look.code) throw nf();
  return { file: f, stream: await ctx.blobStore.get(f.sha256) };
}

/**
 * The results a citizen may download from their own dossier (the caller has checked that the dossier is
 * theirs, through the dossiers service): result documents whose file is shown to the citizen (online
 * delivery), each with its SHA-256 so the citizen can check the copy, and whether it is digitally signed.
 */
export async function citizenResults(ctx: AppContext, dossierId: string) {
  const [files, results] = await Promise.all([repo.listFiles(ctx.db, dossierId), repo.listResultDocuments(ctx.db, dossierId)]);
  const visible = new Map(files.filter((f) => f.citizen_visible).map((f) => [f.id, f]));
  return results
    .filter((r) => r.file_id && visible.has(r.file_id))
    .map((r) => {
      const f = visible.get(r.file_id!)!;
      return { ...resultOut(r), file: { id: f.id, name: f.name, size: Number(f.size), sha256: f.sha256, mediaType: f.media_type } };
    });
}

/** One citizen-visible file of the dossier (a result); 404 otherwise. */
export async function openCitizenResult(ctx: AppContext, dossierId: string, fileId: string): Promise<{ file: repo.FileRow; stream: Readable }> {
  const f = isUuid(fileId) ? await repo.findFile(ctx.db, fileId) : undefined;
  if (!f || f.dossier_id !== dossierId || !f.citizen_visible) throw platformErrors.NOT_FOUND({ what: 'file' });
  return { file: f, stream: await ctx.blobStore.get(f.sha256) };
}
