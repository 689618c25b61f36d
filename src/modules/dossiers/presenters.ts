// The dossier as the API shows it (pure): list items, the detail view, the register line, and forms 01–03
// (receipt, guidance, refusal). The loaders that fetch the process and agencies are in dossier-view.ts.
import type { Principal } from '../../platform/auth/principal.js';
import { isoOrNull } from '../../platform/values.js';
import type { AgencyBrief } from '../org/org.read.js';
import { formatLocalDateTime } from '../calendar/working-time.js';
import { NATIONAL_STATUS_LABELS, type DossierEvent, type DossierState } from '../workflow/state-machine.js';
import { findStep } from '../workflow/process.js';
import type { ProcessRow } from '../workflow/workflow.service.js';
import type { DossierRow } from './dossier-row.js';
import { receiptFacts, type ReceiptFiling } from './receipt-facts.js';

/** Agencies by id, as loaded by the caller (org read API). */
export type Agencies = Map<string, AgencyBrief>;
/** Who received, guided or refused: printed on the form by name. */
type Person = Pick<Principal, 'userId' | 'fullName'>;

export const iso = isoOrNull;
/** An instant as local time (Asia/Ho_Chi_Minh), as printed on forms. */
export const local = (d: Date | string | null | undefined): string | null => (d ? formatLocalDateTime(new Date(d)) : null);

export const publicAgency = (a: AgencyBrief | undefined) => (a ? { id: a.id, code: a.code, name: a.name } : null);

/** A dossier in a list (inbox, search, reports' drill-downs). */
export function inboxItem(row: DossierRow) {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    state: row.status,
    nationalStatus: row.national_status,
    stepKey: row.step_key,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    applicantName: row.applicant_name,
    channel: row.channel,
    currentAgencyId: row.current_agency_id,
    assigneeId: row.assignee_id,
    submittedAt: iso(row.submitted_at)!,
    acceptedAt: iso(row.accepted_at),
    dueAt: iso(row.due_at),
    dueSoon: row.due_soon,
    overdue: row.overdue,
    /** Current step's due instant and its sweep flags; open consultations' sweep flags. */
    stepDueAt: iso(row.step_due_at),
    stepDueSoon: row.step_due_soon ?? false,
    stepOverdue: row.step_overdue ?? false,
    consultationDueSoon: row.consultation_due_soon ?? false,
    consultationOverdue: row.consultation_overdue ?? false,
    field: row.field ?? null,
    finishedAt: iso(row.finished_at),
    indicatorOnTime: row.indicator_on_time ?? null,
    updatedAt: iso(row.updated_at)!,
  };
}

/** GET /dossiers/{code}: the inbox item plus the step, the process's steps, agencies and the full state. */
export function dossierView(row: DossierRow, process: ProcessRow, ag: Agencies) {
  const s = row.state;
  const step = findStep(process.definition, s.stepKey);
  return {
    ...inboxItem(row),
    nationalStatusLabel: NATIONAL_STATUS_LABELS[row.national_status],
    step: step ? { key: step.key, nameVi: step.nameVi, nameEn: step.nameEn, role: step.role } : null,
    /** Names of the process's steps (send-back picker, event log): keys are internal. */
    steps: process.definition.steps.map((x) => ({ key: x.key, nameVi: x.nameVi, nameEn: x.nameEn, role: x.role, next: x.next })),
    agencies: {
      current: publicAgency(ag.get(s.currentAgencyId)),
      receiving: publicAgency(ag.get(s.receivingAgencyId)),
      competent: publicAgency(ag.get(s.competentAgencyId)),
      return: publicAgency(ag.get(s.returnAgencyId)),
    },
    procedure: { id: row.procedure_id, versionId: row.procedure_version_id, code: row.procedure_code, name: row.procedure_name },
    process: { id: process.id, version: process.version },
    applicant: row.applicant,
    filing: row.filing,
    clockStartAt: iso(row.clock_start_at),
    originalDueAt: iso(row.original_due_at),
    stepDueAt: iso(row.step_due_at),
    finishedAt: iso(row.finished_at),
    returnedAt: iso(row.returned_at),
    calendarVersion: row.calendar_version,
    detail: s,
  };
}


/** A line of the register (form 07): the list item with what the register prints. */
export function registerItem(r: DossierRow, ag: Agencies) {
  return { ...inboxItem(r), applicant: r.applicant, filing: r.filing, state: r.state, competentAgency: publicAgency(ag.get(r.competent_agency_id)), returnedAt: iso(r.returned_at) };
}

/** Form 01 data: receipt and appointment (to the minute). */
export function receipt(row: Pick<DossierRow, 'applicant' | 'filing' | 'procedure_code' | 'procedure_name'>, s: DossierState, secret: string, receivedBy: Person, ag: Agencies) {
  const a = row.applicant as Record<string, any>;
  const f = row.filing as ReceiptFiling;
  const facts = receiptFacts(f, []);
  return {
    form: '01',
    title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    code: s.code!,
    secret,
    receivingAgency: publicAgency(ag.get(s.receivingAgencyId)),
    competentAgency: publicAgency(ag.get(s.competentAgencyId)),
    applicant: { fullName: a.fullName, idNumber: a.idNumber ?? null, address: a.address ?? null, phone: a.phone ?? null, email: a.email ?? null, organisation: a.organisation ?? null },
    representative: a.representative ?? null,
    procedure: { code: row.procedure_code, name: row.procedure_name },
    // as filed (each with `provided`); the printed checklist keeps the provided ones only (facts.components)
    components: f.components ?? [],
    sets: 1,
    fees: facts.fees,
    legalTimeLimit: { ...facts.legalTime, workingDays: facts.legalTime.hours === null ? null : facts.legalTime.hours / 8 },
    receivedAt: s.acceptedAt,
    receivedAtLocal: local(s.acceptedAt),
    clockStartAt: s.clockStartAt,
    appointmentAt: s.dueAt,
    appointmentAtLocal: local(s.dueAt),
    delivery: { method: facts.delivery.method, address: facts.delivery.address ?? null, place: publicAgency(ag.get(s.returnAgencyId)) },
    receivedBy: { id: receivedBy.userId, fullName: receivedBy.fullName },
  };
}

export function guidance(row: { applicant: Record<string, any>; procedure_code: string; procedure_name: string }, e: DossierEvent, agency: AgencyBrief | undefined, by: Person) {
  return {
    form: '02',
    title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    receivingAgency: publicAgency(agency),
    applicant: { fullName: row.applicant.fullName, address: row.applicant.address ?? null, phone: row.applicant.phone ?? null, email: row.applicant.email ?? null },
    procedure: { code: row.procedure_code, name: row.procedure_name },
    items: (e.payload.items as string[]) ?? [],
    reason: (e.payload.reason as string) ?? null,
    at: e.at,
    atLocal: local(e.at),
    guidedBy: { id: by.userId, fullName: by.fullName },
  };
}

export function refusal(row: { applicant: Record<string, any>; procedure_code: string; procedure_name: string }, e: DossierEvent, agency: AgencyBrief | undefined, by: Person) {
  return {
    form: '03',
    title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    receivingAgency: publicAgency(agency),
    applicant: { fullName: row.applicant.fullName, address: row.applicant.address ?? null },
    procedure: { code: row.procedure_code, name: row.procedure_name },
    reason: (e.payload.reason as string) ?? null,
    at: e.at,
    atLocal: local(e.at),
    refusedBy: { id: by.userId, fullName: by.fullName },
  };
}
