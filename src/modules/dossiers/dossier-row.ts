// The row of the dossier projection (table `dossiers`), a plain type: the dossiers repository returns it,
// and the reports repository, which owns its aggregate SQL over the same table, reads rows of this shape.
import type { DossierState } from '../workflow/types.js';

export interface DossierRow {
  id: string;
  code: string | null;
  channel: number;
  version: number;
  status: string;
  national_status: number;
  step_key: string | null;
  step_role: string | null;
  /** Unit (phòng) of the current step, for unit-scoped pools (migration 0012). */
  step_unit_id: string | null;
  assignee_id: string | null;
  current_agency_id: string;
  receiving_agency_id: string;
  competent_agency_id: string;
  return_agency_id: string;
  agency_ids: string[];
  procedure_id: string;
  procedure_version_id: string | null;
  procedure_code: string;
  procedure_name: string;
  process_id: string;
  applicant_name: string;
  applicant_id_number: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant: Record<string, any>;
  filing: Record<string, any>;
  submitted_at: Date;
  accepted_at: Date | null;
  clock_start_at: Date | null;
  due_at: Date | null;
  original_due_at: Date | null;
  step_due_at: Date | null;
  due_soon: boolean;
  overdue: boolean;
  step_due_soon: boolean;
  step_overdue: boolean;
  consultation_due_soon: boolean;
  consultation_overdue: boolean;
  finished_at: Date | null;
  returned_at: Date | null;
  /** Lĩnh vực of the procedure at reception (reports). */
  field: string | null;
  /** Indicator clock (QĐ 766 2.1), see migration 0010. */
  indicator_end_at: Date | null;
  indicator_on_time: boolean | null;
  indicator_late_from: Date | null;
  indicator_late: boolean;
  /** Report facts of the state (migration 0013, workflow/report-facts.ts). The generated columns filing_has_file and
   * filing_reused come with selectAll but are never written. */
  has_result: boolean;
  result_outcome: string | null;
  result_has_file: boolean;
  pay_due: boolean;
  paid_online: boolean;
  calendar_version: string | null;
  secret_hash: string | null;
  state: DossierState;
  created_at: Date;
  updated_at: Date;
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
