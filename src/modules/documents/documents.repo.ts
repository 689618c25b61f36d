// SQL for stored files, result documents and form templates.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Files, FormTemplates, ResultDocuments } from '../../platform/db/schema.gen.js';
import type { FormTemplate, FormTemplateContent, FormNumber } from './templates.js';

interface FileNarrow {
  purpose: 'component' | 'supplement' | 'result' | 'other';
}
/** A stored file's row; `purpose` narrowed to what its CHECK constraint allows. */
export type FileRow = Omit<Selectable<Files>, keyof FileNarrow> & FileNarrow;

export type NewFile = Omit<FileRow, 'attached_version' | 'attached_action' | 'attached_at'>;

export async function insertFile(db: Db, f: NewFile): Promise<void> {
  await db.insertInto('files').values(f).execute();
}

export const findFile = (db: Db, id: string): Promise<FileRow | undefined> =>
  db.selectFrom('files').selectAll().where('id', '=', id).$narrowType<FileNarrow>().executeTakeFirst();

export async function filesByIds(db: Db, ids: string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('files').selectAll().where('id', 'in', ids).$narrowType<FileNarrow>().execute();
}

export const lockFile = (db: Db, id: string): Promise<FileRow | undefined> =>
  db.selectFrom('files').selectAll().where('id', '=', id).forUpdate().$narrowType<FileNarrow>().executeTakeFirst();

export const listFiles = (db: Db, dossierId: string): Promise<FileRow[]> =>
  db.selectFrom('files').selectAll().where('dossier_id', '=', dossierId).orderBy('uploaded_at').orderBy('id').$narrowType<FileNarrow>().execute();

export async function dossierBytes(db: Db, dossierId: string): Promise<number> {
  const r = await db.selectFrom('files').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), sql<number>`0`).as('n')).where('dossier_id', '=', dossierId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * Serialises, inside the caller's transaction, everything done to one content-addressed blob: deleting it
 * when unreferenced and adding a reference to it (transaction-scoped advisory lock on the hash).
 */
export async function lockBlob(db: Db, sha256: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${sha256}))`.execute(db);
}

/** Locks the dossier row (serialises uploads of one dossier for the per-dossier size limit). */
export async function lockDossier(db: Db, dossierId: string): Promise<void> {
  await db.selectFrom('dossiers').select('id').where('id', '=', dossierId).forUpdate().executeTakeFirst();
}

/** The code of the dossier a file belongs to (null while it has none; undefined when there is no such dossier). */
export async function dossierCodeOf(db: Db, dossierId: string): Promise<string | null | undefined> {
  const r = (await db.selectFrom('dossiers').select('code').where('id', '=', dossierId).executeTakeFirst()) as { code: string | null } | undefined;
  return r ? r.code : undefined;
}

export async function blobReferenced(db: Db, sha256: string): Promise<boolean> {
  const r = await db.selectFrom('files').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
  return !!r;
}

export async function markAttached(db: Db, id: string, v: { dossierId: string; version: number; action: string; at: Date; componentName?: string | null; reusedFrom?: string | null }): Promise<void> {
  await db
    .updateTable('files')
    .set({
      dossier_id: v.dossierId,
      attached_version: v.version,
      attached_action: v.action,
      attached_at: v.at,
      ...(v.componentName ? { component_name: v.componentName } : {}),
      ...(v.reusedFrom ? { reused_from: v.reusedFrom } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function setCitizenVisible(db: Db, id: string, visible: boolean): Promise<void> {
  await db.updateTable('files').set({ citizen_visible: visible }).where('id', '=', id).execute();
}

/** Staged files of these uploaders (exact labels, or a `prefix:`) never attached to a dossier, uploaded before `before`. */
export async function staleStagedFiles(db: Db, before: Date, uploaders: { exact: string[]; prefixes: string[] }): Promise<Array<{ id: string; sha256: string }>> {
  return db
    .selectFrom('files')
    .select(['id', 'sha256'])
    .where('dossier_id', 'is', null)
    .where('uploaded_at', '<', before)
    .where((eb) => eb.or([
      ...(uploaders.exact.length ? [eb('uploaded_by', 'in', uploaders.exact)] : []),
      ...uploaders.prefixes.map((p) => eb('uploaded_by', 'like', `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)),
    ]))
    .orderBy('uploaded_at')
    .limit(5000)
    .execute();
}

/** Deletes a staged file row if it is still not attached (and nothing signed from it); 1 when deleted. */
export async function deleteStagedFile(db: Db, id: string): Promise<number> {
  const r = await db
    .deleteFrom('files')
    .where('id', '=', id)
    .where('dossier_id', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('files as f2').select('f2.id').whereRef('f2.signed_from', '=', 'files.id'))))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- result documents ----

export type ResultDocumentRow = Selectable<ResultDocuments>;

export async function insertResultDocument(db: Db, r: ResultDocumentRow): Promise<void> {
  await db.insertInto('result_documents').values(r).execute();
}

export const listResultDocuments = (db: Db, dossierId: string): Promise<ResultDocumentRow[]> =>
  db.selectFrom('result_documents').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at').execute();

/** The result documents whose registered file has this SHA-256 (the public verify page). */
export const resultDocumentsByFileSha256 = (db: Db, sha256: string): Promise<ResultDocumentRow[]> =>
  db
    .selectFrom('result_documents')
    .innerJoin('files', 'files.id', 'result_documents.file_id')
    .selectAll('result_documents')
    .where('files.sha256', '=', sha256)
    .orderBy('result_documents.created_at')
    .limit(20)
    .execute();

// ---- form templates ----

interface TemplateNarrow {
  form: FormNumber;
  content: FormTemplateContent;
}
type TemplateRow = Omit<Selectable<FormTemplates>, keyof TemplateNarrow | 'id'> & TemplateNarrow;

const toTemplate = (r: TemplateRow): FormTemplate & { createdBy: string | null; createdAt: string } => ({
  form: r.form,
  version: r.version,
  legalBasis: r.legal_basis,
  effectiveFrom: r.effective_from,
  title: r.title,
  content: r.content,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The version in force on a date (the highest version effective on or before it). */
export async function templateInForce(db: Db, form: FormNumber, onDate: string): Promise<FormTemplate | undefined> {
  const r = await db
    .selectFrom('form_templates')
    .selectAll()
    .where('form', '=', form)
    .where('effective_from', '<=', onDate)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .$narrowType<TemplateNarrow>().executeTakeFirst();
  return r ? toTemplate(r) : undefined;
}

export async function listTemplates(db: Db, form?: FormNumber) {
  let q = db.selectFrom('form_templates').selectAll();
  if (form) q = q.where('form', '=', form);
  const rows = await q.orderBy('form').orderBy('version').$narrowType<TemplateNarrow>().execute();
  return rows.map(toTemplate);
}

/** Locks the versions of a form (serialises new versions of one form). */
export async function lockTemplates(db: Db, form: FormNumber): Promise<void> {
  await db.selectFrom('form_templates').select('id').where('form', '=', form).forUpdate().execute();
}

export async function nextTemplateVersion(db: Db, form: FormNumber): Promise<number> {
  const r = await db.selectFrom('form_templates').select((eb) => eb.fn.max<number>('version').as('v')).where('form', '=', form).executeTakeFirst();
  return Number(r?.v ?? 0) + 1;
}

export async function insertTemplate(db: Db, t: FormTemplate, createdBy: string | null): Promise<void> {
  await db
    .insertInto('form_templates')
    .values({
      form: t.form,
      version: t.version,
      legal_basis: t.legalBasis,
      effective_from: t.effectiveFrom,
      title: t.title,
      content: JSON.stringify(t.content),
      created_by: createdBy,
    })
    .execute();
}

/** Seeds the TT 03/2025 templates once (version 1 of each form). */
export async function seedTemplates(db: Db, templates: readonly FormTemplate[]): Promise<void> {
  for (const t of templates) {
    await db
      .insertInto('form_templates')
      .values({ form: t.form, version: t.version, legal_basis: t.legalBasis, effective_from: t.effectiveFrom, title: t.title, content: JSON.stringify(t.content), created_by: 'system' })
      .onConflict((oc) => oc.columns(['form', 'version']).doNothing())
      .execute();
  }
}
