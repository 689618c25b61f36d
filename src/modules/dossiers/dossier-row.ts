// The row of the dossier projection (table `dossiers`), a plain type: the dossiers repository returns it,
// and the reports repository, which owns its aggregate SQL over the same table, reads rows of this shape.
import type { Selectable } from 'kysely';
import type { Dossiers } from '../../platform/db/schema.gen.js';
import type { DossierState } from '../workflow/types.js';

/**
 * A dossier row: the generated column types of `dossiers`, with the JSON columns typed by this module (the
 * database cannot type them) and without the generated columns filing_has_file / filing_reused (computed by
 * PostgreSQL from `filing`, never written; they still come with selectAll).
 */
export type DossierRow = Omit<Selectable<Dossiers>, DossierJsonColumn | 'filing_has_file' | 'filing_reused'> & DossierJson;

type DossierJsonColumn = 'applicant' | 'filing' | 'state';
/** What the JSON columns hold (written by this module only). */
export interface DossierJson {
  applicant: Record<string, any>;
  filing: Record<string, any>;
  state: DossierState;
}

/** Columns derived from the state (see projection.ts). */
export type ProjectionColumns = Pick<
  DossierRow,
  | 'code' | 'version' | 'status' | 'national_status' | 'step_key' | 'step_role' | 'step_unit_id' | 'assignee_id' | 'current_agency_id'
  | 'accepted_at' | 'clock_start_at' | 'due_at' | 'original_due_at' | 'step_due_at' | 'due_soon' | 'overdue'
  | 'step_due_soon' | 'step_overdue' | 'consultation_due_soon' | 'consultation_overdue'
  | 'finished_at' | 'returned_at' | 'updated_at'
  | 'indicator_end_at' | 'indicator_on_time' | 'indicator_late_from' | 'indicator_late'
  | 'has_result' | 'result_outcome' | 'result_has_file' | 'pay_due' | 'paid_online'
> & { state: DossierState };
