// SQL of the competence module: the field → agency map (versioned rows), the agencies it resolves to, who
// holds a role at an agency, and the dossiers nobody can act on.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export interface FieldAgencyRow {
  id: string;
  level: 'province' | 'commune';
  field: string;
  agency_id: string | null;
  agency_code: string | null;
  agency_name: string | null;
  commune_kind: 'commune_committee' | 'commune_police' | null;
  version: number;
  valid_from: Date;
  note: string | null;
}

export interface AgencyLite {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  parent_id: string | null;
  admin_unit_code: string | null;
}

export async function currentFieldAgency(db: Db, level: string, field: string): Promise<FieldAgencyRow | undefined> {
  const { rows } = await sql<FieldAgencyRow>`
    SELECT f.id, f.level, f.field, f.agency_id, a.code AS agency_code, a.name AS agency_name, f.commune_kind, f.version, f.valid_from, f.note
    FROM field_agencies f LEFT JOIN agencies a ON a.id = f.agency_id
    WHERE f.level = ${level} AND f.field = ${field} AND f.valid_to IS NULL`.execute(db);
  return rows[0];
}

export async function listFieldAgencies(db: Db, level?: string): Promise<FieldAgencyRow[]> {
  const { rows } = await sql<FieldAgencyRow>`
    SELECT f.id, f.level, f.field, f.agency_id, a.code AS agency_code, a.name AS agency_name, f.commune_kind, f.version, f.valid_from, f.note
    FROM field_agencies f LEFT JOIN agencies a ON a.id = f.agency_id
    WHERE f.valid_to IS NULL AND (${level ?? null}::text IS NULL OR f.level = ${level ?? null})
    ORDER BY f.level, f.field`.execute(db);
  return rows;
}

/** Closes the current row of (level, field) and inserts the next version. */
export async function setFieldAgency(
  db: Db,
  r: { level: string; field: string; agencyId: string | null; communeKind: string | null; by: string | null; note: string | null; at: Date },
): Promise<number> {
  const { rows } = await sql<{ version: number }>`
    UPDATE field_agencies SET valid_to = ${r.at} WHERE level = ${r.level} AND field = ${r.field} AND valid_to IS NULL
    RETURNING version`.execute(db);
  const version = (rows[0]?.version ?? 0) + 1;
  await sql`
    INSERT INTO field_agencies (level, field, agency_id, commune_kind, version, valid_from, set_by, note)
    VALUES (${r.level}, ${r.field}, ${r.agencyId}, ${r.communeKind}, ${version}, ${r.at}, ${r.by}, ${r.note})`.execute(db);
  return version;
}

export async function fieldAgencyHistory(db: Db, level: string, field: string) {
  const { rows } = await sql<{ version: number; agency_code: string | null; commune_kind: string | null; valid_from: Date; valid_to: Date | null }>`
    SELECT f.version, a.code AS agency_code, f.commune_kind, f.valid_from, f.valid_to
    FROM field_agencies f LEFT JOIN agencies a ON a.id = f.agency_id
    WHERE f.level = ${level} AND f.field = ${field} ORDER BY f.version`.execute(db);
  return rows;
}

const AGENCY_COLS = sql`a.id, a.code, a.name, a.kind, a.path, a.parent_id, a.admin_unit_code`;

export async function agenciesUnder(db: Db, path: string, kinds: string[]): Promise<AgencyLite[]> {
  const { rows } = await sql<AgencyLite>`
    SELECT ${AGENCY_COLS} FROM agencies a
    WHERE a.valid_to IS NULL AND a.path LIKE ${`${path}%`} AND a.kind = ANY(${kinds}::text[]) ORDER BY a.code`.execute(db);
  return rows;
}

export async function agencyById(db: Db, id: string): Promise<AgencyLite | undefined> {
  const { rows } = await sql<AgencyLite>`SELECT ${AGENCY_COLS} FROM agencies a WHERE a.id = ${id}`.execute(db);
  return rows[0];
}

export async function agencyByKindAndUnit(db: Db, kind: string, adminUnit: string): Promise<AgencyLite | undefined> {
  const { rows } = await sql<AgencyLite>`
    SELECT ${AGENCY_COLS} FROM agencies a WHERE a.valid_to IS NULL AND a.kind = ${kind} AND a.admin_unit_code = ${adminUnit}
    ORDER BY a.code LIMIT 1`.execute(db);
  return rows[0];
}

/** procedure_agencies overrides of a procedure: performs = true (linked) and false (unlinked). */
export async function procedureLinks(db: Db, procedureId: string): Promise<Array<AgencyLite & { performs: boolean }>> {
  const { rows } = await sql<AgencyLite & { performs: boolean }>`
    SELECT ${AGENCY_COLS}, pa.performs FROM procedure_agencies pa JOIN agencies a ON a.id = pa.agency_id
    WHERE pa.procedure_id = ${procedureId} AND a.valid_to IS NULL`.execute(db);
  return rows;
}

/**
 * The agency and the number of active officials holding `role` with an assignment covering it (an assignment
 * covers its agency's subtree; with `unitId`, only agency-wide assignments or ones in that unit), in one
 * statement: a hand-over checks it on every move, and each statement is a round trip.
 */
export async function agencyWithRoleHolders(db: Db, agencyId: string, role: string, unitId: string | null): Promise<(AgencyLite & { holders: number }) | undefined> {
  const { rows } = await sql<AgencyLite & { holders: string }>`
    SELECT ${AGENCY_COLS}, (
      SELECT count(DISTINCT u.id)
      FROM role_assignments ra JOIN users u ON u.id = ra.user_id AND u.active JOIN agencies h ON h.id = ra.agency_id
      WHERE ra.role = ${role} AND starts_with(a.path, h.path)
        AND (${unitId}::uuid IS NULL OR ra.unit_id IS NULL OR ra.unit_id = ${unitId}::uuid)
    ) AS holders
    FROM agencies a WHERE a.id = ${agencyId}`.execute(db);
  const r = rows[0];
  return r && { ...r, holders: Number(r.holders) };
}

export interface StrandedRow {
  code: string | null;
  id: string;
  procedure_code: string;
  procedure_name: string;
  step_key: string | null;
  step_role: string;
  agency_code: string;
  agency_name: string;
  updated_at: Date;
  total: string;
}

/** Open dossiers whose current step's role nobody holds at the current agency (or above it). */
export async function strandedDossiers(db: Db, underPaths: string[], limit: number, offset: number): Promise<StrandedRow[]> {
  const { rows } = await sql<StrandedRow>`
    SELECT d.code, d.id, d.procedure_code, d.procedure_name, d.step_key, d.step_role, a.code AS agency_code, a.name AS agency_name,
           d.updated_at, count(*) OVER () AS total
    FROM dossiers d JOIN agencies a ON a.id = d.current_agency_id
    WHERE d.step_role IS NOT NULL
      AND EXISTS (SELECT 1 FROM unnest(${underPaths}::text[]) p WHERE starts_with(a.path, p))
      AND NOT EXISTS (
        SELECT 1 FROM role_assignments ra JOIN users u ON u.id = ra.user_id AND u.active JOIN agencies ra_a ON ra_a.id = ra.agency_id
        WHERE ra.role = d.step_role AND starts_with(a.path, ra_a.path)
          AND (d.step_unit_id IS NULL OR ra.unit_id IS NULL OR ra.unit_id = d.step_unit_id))
    ORDER BY d.updated_at LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows;
}
