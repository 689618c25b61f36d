// The dossier row as a projection of its state (pure): the columns the inbox, the sweep and the reports
// query, recomputed from the state after every event, and the agencies a dossier has ever been at.
import type { DossierState, DecideContext } from '../workflow/state-machine.js';
import { NATIONAL_STATUS, consultationFlags, indicatorColumns, isTerminal, stepFlags } from '../workflow/state-machine.js';
import { findStep } from '../workflow/process.js';
import type { ProcessRow } from '../workflow/workflow.service.js';
import { reportFactsOf } from '../workflow/report-facts.js';
import type { ProjectionColumns } from './dossier-row.js';

/** The working calendar the indicator columns are computed with (a DecideContext is one). */
type IndicatorCalendar = Pick<DecideContext, 'addWorkingHours' | 'workingHoursBetween'>;

export function projectionOf(state: DossierState, process: ProcessRow, cal: IndicatorCalendar): ProjectionColumns {
  const step = findStep(process.definition, state.stepKey);
  const stepRole = isTerminal(state) ? null : state.state === 'transferred' ? 'handler' : (step?.role ?? null);
  const d = (x: string | null) => (x === null ? null : new Date(x));
  const stepF = stepFlags(state);
  const consF = consultationFlags(state);
  const ind = indicatorColumns(state, cal);
  return {
    code: state.code,
    version: state.version,
    status: state.state,
    national_status: NATIONAL_STATUS[state.state],
    step_key: state.stepKey,
    step_role: stepRole,
    step_unit_id: stepRole === null || state.state === 'transferred' ? null : (step?.unitId ?? null),
    assignee_id: state.assigneeId,
    current_agency_id: state.currentAgencyId,
    accepted_at: d(state.acceptedAt),
    clock_start_at: d(state.clockStartAt),
    due_at: d(state.dueAt),
    original_due_at: d(state.originalDueAt),
    step_due_at: d(state.stepDueAt),
    due_soon: state.dueSoon,
    overdue: state.overdue,
    step_due_soon: stepF.dueSoon,
    step_overdue: stepF.overdue,
    consultation_due_soon: consF.dueSoon,
    consultation_overdue: consF.overdue,
    finished_at: d(state.finishedAt),
    returned_at: d(state.returned?.returnedAt ?? null),
    indicator_end_at: d(ind.endAt),
    indicator_on_time: ind.onTime,
    indicator_late_from: d(ind.lateFrom),
    indicator_late: ind.late,
    ...reportFactsOf(state),
    updated_at: new Date(state.updatedAt),
    state,
  };
}

export function agencyIdsOf(state: DossierState, prior: string[] = []): string[] {
  return [
    ...new Set([
      ...prior,
      state.receivingAgencyId,
      state.competentAgencyId,
      state.returnAgencyId,
      state.currentAgencyId,
      ...state.transfers.map((t) => t.toAgencyId),
      ...state.openConsultations.map((c) => c.agencyId),
      ...state.closedConsultations.map((c) => c.agencyId),
    ]),
  ];
}
