// SQL for process definitions (quy trình nội bộ), versioned per procedure and per agency override.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { ProcessDefinition } from './process.js';
import type { WorkflowConfig } from './types.js';

export interface ProcessRow {
  id: string;
  procedure_id: string;
  agency_id: string | null;
  agency_key: string;
  version: number;
  definition: ProcessDefinition;
  config: Partial<WorkflowConfig>;
  legal_limit_hours: number;
  derived: boolean;
  created_by: string | null;
  created_at: Date;
}

export const findById = (db: Db, id: string): Promise<ProcessRow | undefined> =>
  db.selectFrom('process_definitions').selectAll().where('id', '=', id).executeTakeFirst() as Promise<ProcessRow | undefined>;

/** The version in force for (procedure, agency override or '' for procedure-wide). */
export const findCurrent = (db: Db, procedureId: string, agencyKey: string): Promise<ProcessRow | undefined> =>
  db
    .selectFrom('process_definitions')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .where('agency_key', '=', agencyKey)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst() as Promise<ProcessRow | undefined>;

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
    .execute() as Promise<ProcessRow[]>;

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
