// SQL for process definitions (quy trình nội bộ), versioned per procedure and per agency override.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { ProcessDefinitions } from '../../platform/db/schema.gen.js';
import type { ProcessDefinition } from './process.js';
import type { WorkflowConfig } from './types.js';

/** What the JSON columns of a process version hold (written by this module only). */
interface ProcessJson {
  definition: ProcessDefinition;
  config: Partial<WorkflowConfig>;
}

/** A process version as stored; JSON columns typed by this module. */
export type ProcessRow = Omit<Selectable<ProcessDefinitions>, keyof ProcessJson> & ProcessJson;

export const findById = (db: Db, id: string): Promise<ProcessRow | undefined> =>
  db.selectFrom('process_definitions').selectAll().where('id', '=', id).$narrowType<ProcessJson>().executeTakeFirst();

/** The version in force for (procedure, agency override or '' for procedure-wide). */
export const findCurrent = (db: Db, procedureId: string, agencyKey: string): Promise<ProcessRow | undefined> =>
  db
    .selectFrom('process_definitions')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .where('agency_key', '=', agencyKey)
    .orderBy('version', 'desc')
    .limit(1)
    .$narrowType<ProcessJson>()
    .executeTakeFirst();

/** The versions in force for several agency keys of one procedure, in one statement (by agency key). */
export async function findCurrentOf(db: Db, procedureId: string, agencyKeys: string[]): Promise<Map<string, ProcessRow>> {
  const rows = await db
    .selectFrom('process_definitions')
    .selectAll()
    .distinctOn('agency_key')
    .where('procedure_id', '=', procedureId)
    .where('agency_key', 'in', agencyKeys)
    .orderBy('agency_key')
    .orderBy('version', 'desc')
    .$narrowType<ProcessJson>()
    .execute();
  return new Map(rows.map((r) => [r.agency_key, r]));
}

/** Locks the versions of (procedure, agency key) so that concurrent edits of one process run one after another. */
export async function lockVersions(db: Db, procedureId: string, agencyKey: string): Promise<void> {
  await db.selectFrom('process_definitions').select('id').where('procedure_id', '=', procedureId).where('agency_key', '=', agencyKey).forUpdate().execute();
}

export const listVersions = (db: Db, procedureId: string): Promise<ProcessRow[]> =>
  db
    .selectFrom('process_definitions')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .orderBy('agency_key')
    .orderBy('version', 'desc')
    .$narrowType<ProcessJson>()
    .execute();

/**
 * Inserts a version; `version` = current + 1. With `ifAbsent` (the derived default), a concurrent insert of
 * the same version is ignored and undefined is returned.
 */
export async function insertVersion(
  db: Db,
  v: {
    procedureId: string;
    agencyId: string | null;
    version: number;
    definition: ProcessDefinition;
    config: Partial<WorkflowConfig>;
    derived: boolean;
    createdBy: string | null;
  },
  ifAbsent = false,
): Promise<ProcessRow | undefined> {
  const r = await sql<ProcessRow>`
    INSERT INTO process_definitions (procedure_id, agency_id, agency_key, version, definition, config,
      legal_limit_hours, derived, created_by)
    VALUES (${v.procedureId}, ${v.agencyId}, ${v.agencyId ?? ''}, ${v.version}, ${JSON.stringify(v.definition)}::jsonb,
      ${JSON.stringify(v.config)}::jsonb, ${v.definition.legalLimitHours}, ${v.derived}, ${v.createdBy})
    ${ifAbsent ? sql`ON CONFLICT (procedure_id, agency_key, version) DO NOTHING` : sql``}
    RETURNING *`.execute(db);
  return r.rows[0];
}
