// SQL of the submissions module: drafts (one row per draft, versioned) and the admins' e-form extensions.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export interface DraftRow {
  id: string;
  citizen_id: string;
  procedure_code: string;
  form: Record<string, unknown>;
  version: number;
  status: 'open' | 'submitted';
  dossier_id: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
}

const narrow = (r: unknown) => r as DraftRow;

export async function insertDraft(db: Db, row: Pick<DraftRow, 'id' | 'citizen_id' | 'procedure_code' | 'form' | 'created_at'>): Promise<DraftRow> {
  const r = await db
    .insertInto('submission_drafts')
    .values({ ...row, form: JSON.stringify(row.form), updated_at: row.created_at })
    .returningAll()
    .executeTakeFirstOrThrow();
  return narrow(r);
}

export async function findDraft(db: Db, id: string, citizenId: string): Promise<DraftRow | undefined> {
  const r = await db.selectFrom('submission_drafts').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).executeTakeFirst();
  return r ? narrow(r) : undefined;
}

export async function lockDraft(db: Db, id: string, citizenId: string): Promise<DraftRow | undefined> {
  const r = await db.selectFrom('submission_drafts').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).forUpdate().executeTakeFirst();
  return r ? narrow(r) : undefined;
}

export async function listDrafts(db: Db, citizenId: string): Promise<DraftRow[]> {
  const rows = await db.selectFrom('submission_drafts').selectAll().where('citizen_id', '=', citizenId).where('status', '=', 'open').orderBy('updated_at', 'desc').limit(100).execute();
  return rows.map(narrow);
}

/** Compare-and-set on the version: undefined when another save came first. */
export async function saveDraft(db: Db, id: string, citizenId: string, seen: number, form: Record<string, unknown>, at: Date): Promise<DraftRow | undefined> {
  const r = await db
    .updateTable('submission_drafts')
    .set({ form: JSON.stringify(form), version: sql`version + 1`, updated_at: at })
    .where('id', '=', id)
    .where('citizen_id', '=', citizenId)
    .where('version', '=', seen)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  return r ? narrow(r) : undefined;
}

/** The forms of every open draft (their staged uploads are kept by the sweep). */
export async function openDraftForms(db: Db): Promise<Array<Record<string, unknown>>> {
  const rows = await db.selectFrom('submission_drafts').select('form').where('status', '=', 'open').execute();
  return rows.map((r) => r.form as Record<string, unknown>);
}

export async function markSubmitted(db: Db, id: string, dossierId: string, at: Date): Promise<number> {
  const r = await db
    .updateTable('submission_drafts')
    .set({ status: 'submitted', dossier_id: dossierId, submitted_at: at, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface ExtensionRow {
  procedure_code: string;
  version: number;
  properties: Record<string, unknown>;
  required: string[];
  created_by: string;
  created_at: Date;
}

export async function latestExtension(db: Db, code: string): Promise<ExtensionRow | undefined> {
  const r = await db.selectFrom('procedure_form_extensions').selectAll().where('procedure_code', '=', code).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return r as ExtensionRow | undefined;
}

export async function insertExtension(db: Db, row: ExtensionRow): Promise<void> {
  await db
    .insertInto('procedure_form_extensions')
    .values({ ...row, properties: JSON.stringify(row.properties), required: JSON.stringify(row.required) })
    .execute();
}
