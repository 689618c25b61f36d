// Dossier use cases: reception, actions, inbox/search, events, control slip, public look-up, deadline sweep.
// Every rule of the workflow is in the pure state machine (workflow/state-machine.ts); this layer loads the
// dossier, resolves who acts, runs decide() and stores its events and the projection in ONE transaction
// (row locked with SELECT … FOR UPDATE, Idempotency-Key row written in the same transaction).
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid, type FieldError } from '../../platform/errors.js';
import type { RequestOrigin } from '../../platform/audit.js';
import { runIdempotent } from '../../platform/http/idempotency.js';
import { registerMessages } from '../../platform/i18n/messages.js';
import { can, inSubtree, scopePaths } from '../org/permissions.js';
import * as orgRepo from '../org/org.repo.js';
import { officialsAt, userNames } from '../org/org.service.js';
import { getWorkingCalendar } from '../calendar/calendar.service.js';
import {
  addWorkingHours as calAddWorkingHours,
  formatLocalDateTime,
  localDate,
  localDayStart,
  sameDayDue,
  workingMinutesBetween,
  type WorkingCalendar,
} from '../calendar/working-time.js';
import { addDaysIso } from '../calendar/civil-date.js';
import { agenciesPerforming, getProcedureForReception, type ReceptionProcedure } from '../catalog/catalog.service.js';
import { competenceFor } from '../competence/competent-agency.js';
import { requireSomeoneCanAct } from '../competence/role-holders.js';
import { ACTION_LABELS, SYSTEM_FLAG_ACTIONS, isActionName, type ActionName, type Role } from '../workflow/actions.js';
import {
  NATIONAL_STATUS,
  NATIONAL_STATUS_LABELS,
  allowedActions,
  consultationFlags,
  indicatorColumns,
  stepFlags,
  decide,
  agencyOf,
  evolve,
  isTerminal,
  mayHoldStep,
  receive,
  systemActor,
  type Actor,
  type DecideContext,
  type DecideError,
  type DossierEvent,
  type DossierState,
} from '../workflow/state-machine.js';
import { findStep } from '../workflow/process.js';
import { buildControlSlip } from '../workflow/control-slip.js';
import { processById, processForDossier, workflowConfigOf, legalLimitOf, type ProcedureRef } from '../workflow/workflow.service.js';
import type { ProcessRow } from '../workflow/workflow.repo.js';
import { formatDossierCode } from './dossier-code.js';
import { checkCitizenId, isEmail, normalisePhone } from './applicant.js';
import { resolveComponents } from './filed-components.js';
import { newLookupSecret, secretHash, secretMatches } from './lookup-secret.js';
import * as repo from './dossiers.repo.js';
import { attachFilesToEvents } from '../documents/attach.js';
import type { InboxQueryIn, ReceiveInputBody } from './dossiers.schema.js';
import { isoOrNull } from '../../platform/values.js';
import { reportFactsOf } from '../workflow/report-facts.js';

registerMessages({
  STALE_VERSION: { vi: 'Hồ sơ đã được cập nhật bởi người khác, vui lòng tải lại.', en: 'The dossier has changed; reload and retry.' },
  ACTION_NOT_ALLOWED: { vi: 'Không thể thực hiện thao tác lúc này: {vi}', en: 'The action is not allowed now: {en}' },
  ACTION_FORBIDDEN: { vi: 'Bạn không được thực hiện thao tác này: {vi}', en: 'You may not perform this action: {en}' },
  INVALID_PAYLOAD: { vi: 'Dữ liệu thao tác không hợp lệ: {vi}', en: 'Invalid action data: {en}' },
  LIMIT_REACHED: { vi: '{vi}', en: '{en}' },
  TOO_LATE: { vi: '{vi}', en: '{en}' },
  NOT_DUE: { vi: '{vi}', en: '{en}' },
  CLOCK_STOPPED: { vi: '{vi}', en: '{en}' },
  RESULT_ALREADY_ISSUED: { vi: '{vi}', en: '{en}' },
  PROCESS_MISMATCH: { vi: '{vi}', en: '{en}' },
  UNKNOWN_ACTION: { vi: '{vi}', en: '{en}' },
  VERSION_REQUIRED: {
    vi: 'Cần gửi phiên bản hồ sơ (trường version hoặc tiêu đề If-Match).',
    en: 'The dossier version is required (body field version or If-Match header).',
  },
  RECEIVING_AGENCY_REQUIRED: {
    vi: 'Cần chọn nơi tiếp nhận (receivingAgencyCode).',
    en: 'Choose the receiving desk (receivingAgencyCode).',
  },
  COMPETENT_AGENCY_REQUIRED: {
    vi: 'Cần chọn cơ quan có thẩm quyền giải quyết (competentAgencyCode).',
    en: 'Choose the competent agency (competentAgencyCode).',
  },
  APPLICANT_INVALID: { vi: 'Thông tin người nộp hồ sơ không hợp lệ.', en: 'The applicant data is invalid.' },
});

// ---------------------------------------------------------------------------------------------
// Calendar and decide() context

export interface CalendarFns {
  calendar: WorkingCalendar;
  version: string;
}

async function calendarFor(ctx: AppContext, agencyId: string, at: Date): Promise<CalendarFns> {
  const { calendar, version } = await getWorkingCalendar(ctx, agencyId, at);
  return { calendar, version: String(version) };
}

export function decideContext(now: Date, cal: CalendarFns, process: ProcessRow, base: Partial<DecideContext['config']> = {}): DecideContext {
  const c = cal.calendar;
  return {
    now,
    addWorkingHours: (from, hours) => calAddWorkingHours(c, from, hours),
    workingHoursBetween: (a, b) => workingMinutesBetween(c, a, b) / 60,
    endOfWorkingDay: (d) => sameDayDue(c, d),
    process: process.definition,
    config: workflowConfigOf(process, base),
  };
}

function configBase(ctx: AppContext): Partial<DecideContext['config']> {
  return { dueSoonHours: ctx.config.dueSoonHours };
}

// ---------------------------------------------------------------------------------------------
// Agencies (id, code, name, path), cached briefly: every action needs them for scope, actors and output,
// and they change rarely (an agency's path never changes once created).

type AgencyInfo = { id: string; code: string; name: string; path: string };
const AGENCY_TTL_MS = 10_000;
const agencyCache = new Map<string, { at: number; a: AgencyInfo }>();

async function agencyInfo(db: Db, ids: string[]): Promise<Map<string, AgencyInfo>> {
  const now = Date.now();
  const out = new Map<string, AgencyInfo>();
  const missing: string[] = [];
  for (const id of new Set(ids.filter(Boolean))) {
    const hit = agencyCache.get(id);
    if (hit && now - hit.at < AGENCY_TTL_MS) out.set(id, hit.a);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const rows = (await db.selectFrom('agencies').select(['id', 'code', 'name', 'path']).where('id', 'in', missing).execute()) as AgencyInfo[];
    for (const r of rows) {
      agencyCache.set(r.id, { at: now, a: r });
      out.set(r.id, r);
    }
  }
  return out;
}

const publicAgency = (a: AgencyInfo | undefined) => (a ? { id: a.id, code: a.code, name: a.name } : null);

// ---------------------------------------------------------------------------------------------
// Scope and actors

const READ_ROLES_ACTION = 'dossier.read' as const;

/** Agency ids the principal reads (dossier.read roles, whole subtrees). */
async function readScope(db: Db, p: Principal): Promise<string[]> {
  return repo.agencyIdsUnder(db, [...new Set(scopePaths(p, READ_ROLES_ACTION))]);
}

/**
 * Loads a dossier the principal may see (dossier.read over one of its agencies); 404 otherwise (never 403:
 * existence is not revealed). Being its assignee is not enough: reading is decided by scope alone.
 */
async function visibleDossier(ctx: AppContext, p: Principal, ref: string): Promise<repo.DossierRow> {
  const row = await repo.findByRef(ctx.db, ref);
  if (!row) throw new AppError(404, 'NOT_FOUND', { what: 'dossier' });
  const paths = scopePaths(p, READ_ROLES_ACTION);
  if (paths.length > 0) {
    const agencies = await agencyInfo(ctx.db, row.agency_ids);
    if ([...agencies.values()].some((a) => paths.some((pp) => a.path.startsWith(pp)))) return row;
  }
  throw new AppError(404, 'NOT_FOUND', { what: 'dossier' });
}

/**
 * The principal as a workflow actor at each agency of the dossier where they hold roles (an assignment
 * covers its agency's subtree). decide() checks the agency exactly, so we try each candidate.
 */
async function candidateActors(db: Db, p: Principal, s: DossierState): Promise<Actor[]> {
  const ids = [
    s.currentAgencyId,
    s.receivingAgencyId,
    s.competentAgencyId,
    s.returnAgencyId,
    ...s.openConsultations.map((c) => c.agencyId),
  ];
  const uniq = [...new Set(ids)];
  const info = await agencyInfo(db, uniq);
  const byId = new Map([...info.values()].map((r) => [r.id, r.path]));
  const out: Actor[] = [];
  for (const id of uniq) {
    const path = byId.get(id);
    if (!path) continue;
    out.push(...actorsAt(p, { id, path }));
  }
  return out;
}

/**
 * The principal as actors at one agency. Role assignments without a unit (role_assignments.unit_id NULL)
 * cover the whole agency: one actor without `unitIds` (no unit restriction). Each unit-scoped assignment
 * only acts in its unit (phòng): one actor per unit, carrying the roles held in that unit and
 * `unitIds: [unit]`, so a step with a `unitId` (process.ts) is done only by members of that unit. Actors
 * are tried in this order (agency-wide first) by pickActor(); allowedFor() unions them.
 */
export function actorsAt(p: Pick<Principal, 'userId' | 'assignments'>, agency: { id: string; path: string }): Actor[] {
  const covering = p.assignments.filter((a) => inSubtree(a.agencyPath, agency));
  const out: Actor[] = [];
  const wide = [...new Set(covering.filter((a) => !a.unitId).map((a) => a.role as Role))];
  if (wide.length > 0) out.push({ userId: p.userId, roles: wide, agencyId: agency.id });
  const units = [...new Set(covering.filter((a) => a.unitId).map((a) => a.unitId!))];
  for (const unitId of units) {
    const roles = [...new Set(covering.filter((a) => a.unitId === unitId).map((a) => a.role as Role))];
    out.push({ userId: p.userId, roles, agencyId: agency.id, unitIds: [unitId] });
  }
  return out;
}

function pickActor(candidates: Actor[], p: Principal, s: DossierState, action: ActionName, dctx: DecideContext): Actor {
  for (const a of candidates) if (allowedActions(s, a, dctx).includes(action)) return a;
  return candidates.find((a) => a.agencyId === s.currentAgencyId) ?? candidates[0] ?? { userId: p.userId, roles: [], agencyId: s.currentAgencyId };
}

function allowedFor(candidates: Actor[], s: DossierState, dctx: DecideContext): ActionName[] {
  const set = new Set<ActionName>();
  for (const a of candidates) for (const x of allowedActions(s, a, dctx)) set.add(x);
  return [...set].filter((a) => !SYSTEM_FLAG_ACTIONS.includes(a));
}

function decideError(e: DecideError): AppError {
  const params = { vi: e.messageVi, en: e.messageEn };
  const extra = { allowed: e.allowed, reason: e.code };
  switch (e.code) {
    case 'FORBIDDEN':
      return new AppError(403, 'ACTION_FORBIDDEN', params, extra);
    case 'INVALID_PAYLOAD':
      return new AppError(422, 'INVALID_PAYLOAD', params, {
        ...extra,
        errors: [{ path: 'body.payload', code: 'INVALID_PAYLOAD', messageVi: e.messageVi, messageEn: e.messageEn }],
      });
    default:
      return new AppError(409, e.code, params, extra);
  }
}

// ---------------------------------------------------------------------------------------------
// Projection

/** The working calendar the indicator columns are computed with (a DecideContext is one). */
type IndicatorCalendar = Pick<DecideContext, 'addWorkingHours' | 'workingHoursBetween'>;

function projectionOf(state: DossierState, process: ProcessRow, cal: IndicatorCalendar): repo.ProjectionColumns {
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

function agencyIdsOf(state: DossierState, prior: string[] = []): string[] {
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

// ---------------------------------------------------------------------------------------------
// Codes and secrets

export function codePattern(ctx: AppContext): string {
  return ctx.config.dossierCodePattern;
}

async function issueCode(ctx: AppContext, db: Db, agency: { id: string; code: string }, now: Date): Promise<string> {
  const date = localDate(now);
  const seq = await repo.nextSequence(db, agency.id, date);
  return formatDossierCode(codePattern(ctx), { agencyCode: agency.code, date, sequence: seq });
}

const newSecret = newLookupSecret; // printed on the receipt (lookup-secret.ts)

// ---------------------------------------------------------------------------------------------
// Output shapes


const iso = isoOrNull;
const local = (d: Date | string | null | undefined): string | null => (d ? formatLocalDateTime(new Date(d)) : null);

export function inboxItem(row: repo.DossierRow) {
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

async function dossierOut(db: Db, row: repo.DossierRow) {
  const s = row.state;
  const process = await processById(db, row.process_id);
  const step = findStep(process.definition, s.stepKey);
  const ag = await agencyInfo(db, [s.currentAgencyId, s.receivingAgencyId, s.competentAgencyId, s.returnAgencyId]);
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

/** Form 01 data: receipt and appointment (to the minute). */
async function receiptOf(db: Db, row: Pick<repo.DossierRow, 'applicant' | 'filing' | 'procedure_code' | 'procedure_name'>, s: DossierState, secret: string, receivedBy: Principal) {
  const ag = await agencyInfo(db, [s.receivingAgencyId, s.returnAgencyId, s.competentAgencyId]);
  const a = row.applicant as Record<string, any>;
  const f = row.filing as Record<string, any>;
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
    components: f.components ?? [],
    sets: 1,
    fees: f.fees ?? [],
    legalTimeLimit: { hours: f.legalLimitHours ?? null, workingDays: typeof f.legalLimitHours === 'number' ? f.legalLimitHours / 8 : null, sameDay: !!f.sameDay },
    receivedAt: s.acceptedAt,
    receivedAtLocal: local(s.acceptedAt),
    clockStartAt: s.clockStartAt,
    appointmentAt: s.dueAt,
    appointmentAtLocal: local(s.dueAt),
    delivery: { method: f.delivery?.method ?? 'counter', address: f.delivery?.address ?? null, place: publicAgency(ag.get(s.returnAgencyId)) },
    receivedBy: { id: receivedBy.userId, fullName: receivedBy.fullName },
  };
}

function guidanceOf(row: { applicant: Record<string, any>; procedure_code: string; procedure_name: string }, e: DossierEvent, agency: AgencyInfo | undefined, by: Principal) {
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

function refusalOf(row: { applicant: Record<string, any>; procedure_code: string; procedure_name: string }, e: DossierEvent, agency: AgencyInfo | undefined, by: Principal) {
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

// ---------------------------------------------------------------------------------------------
// Reception

async function validateApplicant(ctx: AppContext, body: ReceiveInputBody, now: Date): Promise<{ errors: FieldError[]; phone: string | null }> {
  const errors: FieldError[] = [];
  const a = body.applicant;
  const fe = (path: string, code: string, vi: string, en: string) => errors.push({ path, code, messageVi: vi, messageEn: en });
  if (a.birthDate && a.birthDate > localDate(now)) {
    fe('body.applicant.birthDate', 'DATE_IN_FUTURE', 'Ngày sinh không được sau hôm nay', 'The date of birth cannot be after today');
  }
  if (a.kind === 'individual') {
    if (!a.idNumber) fe('body.applicant.idNumber', 'REQUIRED', 'Cần số định danh cá nhân', 'The citizen ID number is required');
    else errors.push(...checkCitizenId(a.idNumber, 'body.applicant.idNumber', { birthDate: a.birthDate, today: now }));
  } else if (!a.organisation) {
    fe('body.applicant.organisation', 'REQUIRED', 'Cần thông tin tổ chức', 'Organisation details are required');
  } else if (a.idNumber) {
    errors.push(...checkCitizenId(a.idNumber, 'body.applicant.idNumber', { today: now }));
  }
  let phone: string | null = null;
  if (a.phone) {
    phone = normalisePhone(a.phone);
    if (!phone) fe('body.applicant.phone', 'PHONE_FORMAT', 'Số điện thoại không hợp lệ', 'Not a Vietnamese mobile or landline number');
  }
  if (a.email && !isEmail(a.email)) fe('body.applicant.email', 'EMAIL_FORMAT', 'Thư điện tử không hợp lệ', 'Invalid e-mail address');
  if (body.representative) {
    const r = body.representative;
    errors.push(...checkCitizenId(r.idNumber, 'body.representative.idNumber', { today: now }));
    if (r.phone && !normalisePhone(r.phone)) fe('body.representative.phone', 'PHONE_FORMAT', 'Số điện thoại không hợp lệ', 'Not a Vietnamese phone number');
    if (r.email && !isEmail(r.email)) fe('body.representative.email', 'EMAIL_FORMAT', 'Thư điện tử không hợp lệ', 'Invalid e-mail address');
  }
  if (!a.phone && !a.email && !a.address) {
    fe('body.applicant', 'CONTACT_REQUIRED', 'Cần ít nhất một thông tin liên hệ (điện thoại, thư điện tử hoặc địa chỉ)', 'At least one contact (phone, e-mail or address) is required');
  }
  const addresses: Array<[string, { communeCode: string; provinceCode?: string } | undefined]> = [
    ['body.applicant.address', a.address],
    ['body.representative.address', body.representative?.address],
    ['body.delivery.address', body.delivery.address],
  ];
  for (const [path, addr] of addresses) {
    if (!addr) continue;
    const unit = await ctx.db
      .selectFrom('admin_units')
      .select(['code', 'province_code'])
      .where('generation', '=', 'current')
      .where('level', '=', 'commune')
      .where('code', '=', addr.communeCode)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    if (!unit) fe(`${path}.communeCode`, 'ADMIN_UNIT_UNKNOWN', 'Mã xã/phường không có trong danh mục hiện hành', 'Not a current commune/ward code');
    else if (addr.provinceCode && unit.province_code !== addr.provinceCode) {
      fe(`${path}.provinceCode`, 'ADMIN_UNIT_MISMATCH', 'Xã/phường không thuộc tỉnh đã chọn', 'The commune is not in that province');
    }
  }
  if (body.delivery.method === 'post' && !body.delivery.address && !a.address) {
    fe('body.delivery.address', 'REQUIRED', 'Cần địa chỉ nhận kết quả qua bưu chính', 'A postal address is required');
  }
  return { errors, phone };
}

async function agencyByCode(ctx: AppContext, code: string, path: string): Promise<orgRepo.AgencyRow> {
  const a = await orgRepo.findAgencyByCode(ctx.db, code);
  if (!a) throw invalid([{ path, code: 'AGENCY_UNKNOWN', messageVi: `Không có cơ quan mã ${code}`, messageEn: `No agency with code ${code}` }]);
  return a;
}

/**
 * The competent agency: the one given (it must be a candidate of competenceFor or perform the procedure), else
 * the only candidate (competent-agency.ts); several → the desk must choose (the candidates are in the error);
 * none → the earlier rule (the desk's parent when it performs the procedure, or the only performer), never the
 * desk itself, else the missing configuration is named.
 */
async function competentAgencyOf(ctx: AppContext, proc: ReceptionProcedure, receiving: orgRepo.AgencyRow, code: string | undefined): Promise<orgRepo.AgencyRow> {
  const competence = await competenceFor(ctx.db, proc, receiving);
  const performing: string[] = await agenciesPerforming(ctx, proc.id);
  const candidates = competence.candidates;
  if (code) {
    const chosen = await agencyByCode(ctx, code, 'body.competentAgencyCode');
    if (!candidates.some((c) => c.id === chosen.id) && performing.length > 0 && !performing.includes(chosen.id)) {
      throw invalid([{ path: 'body.competentAgencyCode', code: 'NOT_COMPETENT', messageVi: 'Cơ quan không thực hiện thủ tục này', messageEn: 'The agency does not perform this procedure' }]);
    }
    return chosen;
  }
  if (candidates.length === 1) return (await orgRepo.findAgencyById(ctx.db, candidates[0]!.id))!;
  const names = candidates.map((c) => `${c.name} (${c.code})`).join('; ');
  if (candidates.length > 1) {
    throw new AppError(422, 'COMPETENT_AGENCY_REQUIRED', {}, {
      candidates: candidates.map((c) => ({ code: c.code, name: c.name })),
      errors: [{ path: 'body.competentAgencyCode', code: 'COMPETENT_AGENCY_CHOICE', messageVi: `Chọn cơ quan có thẩm quyền: ${names}`, messageEn: `Choose the competent agency: ${names}` }],
    });
  }
  const guess =
    (receiving.parent_id && performing.includes(receiving.parent_id) ? receiving.parent_id : null) ??
    (performing.includes(receiving.id) ? receiving.id : null) ??
    (performing.length === 1 ? performing[0]! : null);
  const guessed = guess ? await orgRepo.findAgencyById(ctx.db, guess) : undefined;
  // a desk (centre) is never competent by default: a dossier left there in the handling step strands
  if (guessed && guessed.kind !== 'service_centre' && guessed.kind !== 'commune_centre') return guessed;
  throw new AppError(422, 'COMPETENT_AGENCY_REQUIRED', {}, {
    candidates: [],
    errors: [{ path: 'body.competentAgencyCode', code: 'COMPETENT_AGENCY_UNKNOWN', messageVi: competence.missing?.vi ?? 'Cần chọn cơ quan có thẩm quyền', messageEn: competence.missing?.en ?? 'Choose the competent agency' }],
  });
}

const CHANNEL_KINDS: Record<number, string[]> = { 1: ['1', 'in_person', 'direct', 'truc_tiep'], 2: ['2', 'online', 'truc_tuyen'], 3: ['3', 'postal', 'post', 'buu_chinh'] };

interface Reception {
  dossier: Awaited<ReturnType<typeof dossierOut>>;
  receipt?: Awaited<ReturnType<typeof receiptOf>>;
  guidance?: ReturnType<typeof guidanceOf>;
  refusal?: ReturnType<typeof refusalOf>;
}

/** POST /dossiers: receive a dossier (accept / incomplete / refuse / register). */
export async function receiveDossier(
  ctx: AppContext,
  p: Principal,
  body: ReceiveInputBody,
  opts: { idempotencyKey?: string; origin?: RequestOrigin } = {},
): Promise<{ status: number; body: Reception; replayed: boolean }> {
  const now = ctx.clock.now();
  // receiving desk: given, or the only agency where the caller receives
  let receiving: orgRepo.AgencyRow;
  if (body.receivingAgencyCode) receiving = await agencyByCode(ctx, body.receivingAgencyCode, 'body.receivingAgencyCode');
  else {
    const desks = [...new Set(p.assignments.filter((a) => a.role === 'reception').map((a) => a.agencyCode))];
    if (desks.length !== 1) {
      throw new AppError(desks.length === 0 ? 403 : 422, desks.length === 0 ? 'FORBIDDEN' : 'RECEIVING_AGENCY_REQUIRED');
    }
    receiving = await agencyByCode(ctx, desks[0]!, 'body.receivingAgencyCode');
  }
  if (!can(p, 'dossier.receive', receiving)) throw new AppError(403, 'FORBIDDEN');

  const proc = await getProcedureForReception(ctx, body.procedureCode, now, body.caseKey).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) return null;
    throw e;
  });
  if (!proc) {
    throw invalid([{ path: 'body.procedureCode', code: 'PROCEDURE_NOT_FOUND', messageVi: `Không có thủ tục ${body.procedureCode}`, messageEn: `No procedure ${body.procedureCode}` }]);
  }
  const legalLimitHours = legalLimitOf(proc as ProcedureRef);
  const competent = await competentAgencyOf(ctx, proc, receiving, body.competentAgencyCode);
  const returnAgency = body.returnAgencyCode ? await agencyByCode(ctx, body.returnAgencyCode, 'body.returnAgencyCode') : receiving;

  const { errors, phone } = await validateApplicant(ctx, body, now);
  if (errors.length > 0) throw invalid(errors, 'APPLICANT_INVALID');

  const outcome = body.outcome ?? (body.channel === 2 ? 'register' : 'accept');
  const filed = resolveComponents(proc, body, outcome);
  if (filed.errors.length > 0) throw invalid(filed.errors);
  const cal = await calendarFor(ctx, receiving.id, now);
  const channel = (proc.channels ?? []).find((c: { kind: unknown }) => CHANNEL_KINDS[body.channel]!.includes(String(c.kind))) ?? proc.channels?.[0];
  const filing = {
    caseKey: body.caseKey ?? null,
    components: filed.components,
    delivery: body.delivery,
    fees: channel?.fees ?? [],
    legalLimitHours,
    sameDay: !!proc.sameDay,
    note: body.note ?? null,
  };
  const applicant = { ...body.applicant, phone: phone ?? body.applicant.phone ?? null, representative: body.representative ?? null };

  return runIdempotent(
    ctx.db,
    { principal: p.userId, key: opts.idempotencyKey, method: 'POST', path: '/api/v1/dossiers', request: body },
    async (trx) => {
      const process = await processForDossier(trx, proc as ProcedureRef, competent.id);
      const dctx = decideContext(now, cal, process, configBase(ctx));
      const dossierId = randomUUID();
      const actor: Actor = {
        userId: p.userId,
        roles: [...new Set(p.assignments.filter((a) => inSubtree(a.agencyPath, receiving)).map((a) => a.role as Role))],
        agencyId: receiving.id,
      };
      const code = outcome === 'accept' ? await issueCode(ctx, trx, receiving, now) : null;
      const r = receive(
        {
          dossierId,
          channel: body.channel,
          receivingAgencyId: receiving.id,
          competentAgencyId: competent.id,
          returnAgencyId: returnAgency.id,
          code,
          submittedAt: body.submittedAt ? new Date(body.submittedAt) : now,
          outcome: outcome === 'accept' ? 'accepted' : 'registered',
        },
        actor,
        dctx,
      );
      if (!r.ok) throw decideError(r);
      const events = [...r.events];
      let state = evolve(null, events[0]!);
      if (outcome === 'incomplete' || outcome === 'refuse') {
        const d = decide(
          state,
          {
            action: outcome === 'incomplete' ? 'request_completion' : 'refuse',
            actor,
            expectedVersion: state.version,
            payload: { reason: body.reason, items: body.items },
            note: body.note,
          },
          dctx,
        );
        if (!d.ok) throw decideError(d);
        events.push(...d.events);
        state = d.events.reduce(evolve, state);
      }
      const secret = code ? newSecret() : null;
      const row: Omit<repo.DossierRow, 'created_at'> = {
        id: dossierId,
        channel: body.channel,
        receiving_agency_id: receiving.id,
        competent_agency_id: competent.id,
        return_agency_id: returnAgency.id,
        agency_ids: agencyIdsOf(state),
        procedure_id: proc.id,
        procedure_version_id: proc.versionId ?? null,
        procedure_code: proc.code,
        procedure_name: proc.name,
        field: proc.field ?? null,
        process_id: process.id,
        applicant_name: body.applicant.kind === 'organisation' && body.applicant.organisation ? body.applicant.organisation.name : body.applicant.fullName,
        applicant_id_number: body.applicant.idNumber ?? null,
        applicant_phone: phone,
        applicant_email: body.applicant.email ?? null,
        applicant,
        filing,
        submitted_at: new Date(state.submittedAt),
        calendar_version: cal.version,
        secret_hash: secret ? secretHash(secret) : null,
        ...projectionOf(state, process, dctx),
      };
      await repo.insertDossier(trx, row);
      // documents: link uploaded files to the reception event and record their hashes in it
      await attachFilesToEvents(trx, {
        userId: p.userId,
        events,
        extra: filed.components.filter((c) => c.fileId).map((c) => ({ fileId: c.fileId!, componentName: c.name, reusedFrom: c.reusedFrom ?? null })),
      });
      await repo.insertEvents(trx, events, cal.version);
      const full = { ...row, created_at: now } as repo.DossierRow;
      const out: Reception = { dossier: await dossierOut(trx, full) };
      const ag = await agencyInfo(trx, [receiving.id]);
      if (secret) out.receipt = await receiptOf(trx, full, state, secret, p);
      if (outcome === 'incomplete') out.guidance = guidanceOf(full, events[1]!, ag.get(receiving.id), p);
      if (outcome === 'refuse') out.refusal = refusalOf(full, events[1]!, ag.get(receiving.id), p);
      return { status: 201, body: out };
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Actions

export interface ActionRequest {
  version?: number;
  payload?: Record<string, unknown>;
  note?: string;
}

/** Resolves agency codes / usernames in a payload to the ids the state machine uses (422 if unknown). */
async function resolvePayload(ctx: AppContext, action: ActionName, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out = { ...payload };
  if ((action === 'transfer' || action === 'consult') && typeof out.agencyCode === 'string') {
    const a = await agencyByCode(ctx, out.agencyCode, 'body.payload.agencyCode');
    out.agencyId = a.id;
    delete out.agencyCode;
  } else if ((action === 'transfer' || action === 'consult') && typeof out.agencyId === 'string') {
    const a = repo.isUuid(out.agencyId) ? await orgRepo.findAgencyById(ctx.db, out.agencyId) : undefined;
    if (!a) throw invalid([{ path: 'body.payload.agencyId', code: 'AGENCY_UNKNOWN', messageVi: 'Không có cơ quan này', messageEn: 'Unknown agency' }]);
  }
  for (const key of ['userId', 'assigneeId'] as const) {
    const v = out[key];
    if (typeof v !== 'string') continue;
    const user = repo.isUuid(v) ? await orgRepo.findUserById(ctx.db, v) : await orgRepo.findUserByUsername(ctx.db, v);
    if (!user) throw invalid([{ path: `body.payload.${key}`, code: 'USER_UNKNOWN', messageVi: 'Không có người dùng này', messageEn: 'Unknown user' }]);
    out[key] = user.id;
  }
  if (action === 'accept') delete out.code; // the code is issued by the system
  return out;
}

/**
 * A user the action names as the new holder (assign's userId, forward's assigneeId, …) must be able to hold
 * the dossier where it lands: an active official whose roles cover the holding agency, with the step's role.
 * Otherwise a leader could hand a dossier to anyone, e.g. an official of another commune.
 */
async function requireEligibleAssignee(db: Db, payload: Record<string, unknown>, next: DossierState, dctx: DecideContext): Promise<void> {
  for (const key of ['userId', 'assigneeId'] as const) {
    const id = payload[key];
    if (typeof id !== 'string' || next.assigneeId !== id) continue;
    const user = await orgRepo.findUserById(db, id);
    const agency = (await agencyInfo(db, [next.currentAgencyId])).get(next.currentAgencyId);
    const assignments = user?.active && user.kind === 'official' ? await orgRepo.assignmentsOf(db, id) : [];
    const eligible = !!agency && actorsAt({ userId: id, assignments }, agency).some((a) => mayHoldStep(next, a, dctx) === null);
    if (!eligible) {
      throw invalid([{
        path: `body.payload.${key}`,
        code: 'ASSIGNEE_NOT_ELIGIBLE',
        messageVi: 'Người được giao không có vai trò của bước này tại cơ quan đang giữ hồ sơ.',
        messageEn: 'The assignee does not hold the role of this step in the agency holding the dossier.',
      }]);
    }
  }
}

/**
 * A move into a step (or agency) where nobody holds the step's role is refused (409 NO_ONE_CAN_ACT, naming
 * the missing role assignment): the dossier would strand there.
 */
async function requireActorsFor(db: Db, before: DossierState, next: DossierState, process: ProcessRow): Promise<void> {
  if (isTerminal(next)) return;
  if (next.stepKey === before.stepKey && next.currentAgencyId === before.currentAgencyId && next.state === before.state) return;
  const step = findStep(process.definition, next.stepKey);
  const role = next.state === 'transferred' ? 'handler' : step?.role;
  if (!role) return;
  await requireSomeoneCanAct(db, {
    agencyId: next.currentAgencyId,
    role,
    unitId: next.state === 'transferred' ? null : (step?.unitId ?? null),
    stepVi: step?.nameVi ?? 'Thụ lý',
    stepEn: step?.nameEn ?? 'Handling',
  });
}

export function parseIfMatch(h: string | undefined): number | undefined {
  if (!h) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(h.trim());
  return m ? Number(m[1]) : undefined;
}

/** POST /dossiers/{code}/actions/{action}. */
export async function performAction(
  ctx: AppContext,
  p: Principal,
  ref: string,
  actionName: string,
  req: ActionRequest,
  opts: { ifMatch?: string; idempotencyKey?: string; origin?: RequestOrigin } = {},
) {
  const pre = await visibleDossier(ctx, p, ref);
  if (!isActionName(actionName)) {
    throw invalid([{ path: 'params.action', code: 'UNKNOWN_ACTION', messageVi: `Thao tác không tồn tại: ${actionName}`, messageEn: `Unknown action: ${actionName}` }], 'VALIDATION_FAILED', 400);
  }
  const action: ActionName = actionName;
  const expected = req.version ?? parseIfMatch(opts.ifMatch);
  if (expected === undefined) throw new AppError(428, 'VERSION_REQUIRED');
  const payload = await resolvePayload(ctx, action, req.payload ?? {});
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, pre.receiving_agency_id, now);
  return runIdempotent(
    ctx.db,
    {
      principal: p.userId,
      key: opts.idempotencyKey,
      method: 'POST',
      path: `/api/v1/dossiers/${pre.id}/actions/${action}`,
      request: { version: expected, payload: req.payload ?? {}, note: req.note ?? null },
    },
    async (trx) => {
      const row = await repo.lockById(trx, pre.id);
      const process = await processById(trx, row.process_id);
      const dctx = decideContext(now, cal, process, configBase(ctx));
      const state = row.state;
      const candidates = await candidateActors(trx, p, state);
      const actor = pickActor(candidates, p, state, action, dctx);
      let secret: string | null = null;
      if (action === 'accept' && !state.code && expected === state.version && allowedActions(state, actor, dctx).includes('accept')) {
        const ag = (await agencyInfo(trx, [state.receivingAgencyId])).get(state.receivingAgencyId)!;
        payload.code = await issueCode(ctx, trx, ag, now);
        secret = newSecret();
      }
      const r = decide(state, { action, actor, expectedVersion: expected, payload, note: req.note ?? null }, dctx);
      if (!r.ok) throw decideError(r);
      const next = r.events.reduce(evolve, state);
      await requireEligibleAssignee(trx, payload, next, dctx);
      await requireActorsFor(trx, state, next, process);
      // documents: files referenced by the action (result documents, a supplement's fileIds) → hashes in the event
      const extraIds = Array.isArray(req.payload?.fileIds) ? (req.payload.fileIds as unknown[]).filter((x): x is string => typeof x === 'string') : [];
      await attachFilesToEvents(trx, { userId: p.userId, events: r.events, extra: extraIds.map((fileId) => ({ fileId })) });
      await repo.insertEvents(trx, r.events, cal.version);
      await repo.updateProjection(trx, row.id, projectionOf(next, process, dctx), {
        agencyIds: agencyIdsOf(next, row.agency_ids),
        secretHash: secret ? secretHash(secret) : undefined,
        calendarVersion: cal.version,
      });
      const updated = { ...row, ...projectionOf(next, process, dctx), agency_ids: agencyIdsOf(next, row.agency_ids) } as repo.DossierRow;
      const body: Record<string, unknown> = {
        dossier: await dossierOut(trx, updated),
        events: r.events,
        allowed: allowedFor(candidates, next, dctx),
      };
      if (secret) body.receipt = await receiptOf(trx, updated, next, secret, p);
      const ev = r.events[0];
      if (ev && action === 'request_completion') body.guidance = guidanceOf(updated, ev, (await agencyInfo(trx, [next.receivingAgencyId])).get(next.receivingAgencyId), p);
      if (ev && action === 'refuse') body.refusal = refusalOf(updated, ev, (await agencyInfo(trx, [next.receivingAgencyId])).get(next.receivingAgencyId), p);
      return { status: 200, body };
    },
  );
}

/** GET /dossiers/{code}/allowed-actions. */
export async function allowedActionsFor(ctx: AppContext, p: Principal, ref: string) {
  const row = await visibleDossier(ctx, p, ref);
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, row.receiving_agency_id, now);
  const process = await processById(ctx.db, row.process_id);
  const dctx = decideContext(now, cal, process, configBase(ctx));
  const candidates = await candidateActors(ctx.db, p, row.state);
  const allowed = allowedFor(candidates, row.state, dctx);
  return { code: row.code, version: row.version, allowed, labels: allowed.map((a) => ({ action: a, ...ACTION_LABELS[a] })) };
}

// ---------------------------------------------------------------------------------------------
// Reads

export async function getDossier(ctx: AppContext, p: Principal, ref: string) {
  const row = await visibleDossier(ctx, p, ref);
  return dossierOut(ctx.db, row);
}

/** One dossier (as GET /dossiers/{code}) with its event log, under the caller's read scope (404 outside). */
export async function getDossierWithEvents(ctx: AppContext, p: Principal, ref: string) {
  const row = await visibleDossier(ctx, p, ref);
  const [dossier, events] = await Promise.all([dossierOut(ctx.db, row), repo.listEvents(ctx.db, row.id)]);
  return { dossier, events };
}

/**
 * Dossiers received by an agency with reception (or, for dossiers without acceptance, submission) in
 * [from, to), oldest first, for the register (form 07). The caller checks dossier.read on the agency.
 */
export async function listForRegister(ctx: AppContext, agencyId: string, from: Date, to: Date) {
  const rows = (await ctx.db
    .selectFrom('dossiers')
    .selectAll()
    .where('receiving_agency_id', '=', agencyId)
    .where('accepted_at', 'is not', null)
    .where('accepted_at', '>=', from)
    .where('accepted_at', '<', to)
    .orderBy('accepted_at')
    .orderBy('code')
    .limit(10000)
    .execute()) as repo.DossierRow[];
  const ag = await agencyInfo(ctx.db, rows.flatMap((r) => [r.competent_agency_id, ...r.state.transfers.map((t) => t.toAgencyId)]));
  return rows.map((r) => ({ ...inboxItem(r), applicant: r.applicant, filing: r.filing, state: r.state, competentAgency: publicAgency(ag.get(r.competent_agency_id)), returnedAt: iso(r.returned_at) }));
}

export async function getEvents(ctx: AppContext, p: Principal, ref: string) {
  const row = await visibleDossier(ctx, p, ref);
  const events = await repo.listEvents(ctx.db, row.id);
  // the log shows who acted and to whom a dossier went by name, never by id
  const people = (e: DossierEvent) => [e.actor.userId, e.assigneeId, e.payload.userId as string | undefined, e.payload.assigneeId as string | undefined];
  const names = await userNames(ctx.db, events.flatMap(people));
  const process = await processById(ctx.db, row.process_id);
  const stepName = (key: string | null) => (key ? findStep(process.definition, key) : undefined);
  return {
    items: events.map((e) => ({
      ...e,
      actorName: names.get(e.actor.userId) ?? null,
      assigneeName: (e.assigneeId && names.get(e.assigneeId)) || null,
      stepNameVi: stepName(e.stepKey)?.nameVi ?? null,
      stepNameEn: stepName(e.stepKey)?.nameEn ?? null,
    })),
    total: events.length,
  };
}

/**
 * GET /dossiers/{code}/assignees: who can take the dossier — for `forward`, the officials holding the next
 * step's role where that step runs; for `assign`, the current step's. Readable by whoever sees the dossier
 * (a desk forwarding to a department need not read the department's other dossiers).
 */
export async function listAssignees(ctx: AppContext, p: Principal, ref: string, action: 'forward' | 'assign') {
  const row = await visibleDossier(ctx, p, ref);
  const process = await processById(ctx.db, row.process_id);
  const current = findStep(process.definition, row.state.stepKey);
  const step = action === 'forward' ? findStep(process.definition, current?.next[0] ?? null) : current;
  if (!step) return { items: [] };
  return officialsAt(ctx, agencyOf(step, row.state), { role: step.role as Role, limit: 200 });
}

export async function getControlSlip(ctx: AppContext, p: Principal, ref: string) {
  const row = await visibleDossier(ctx, p, ref);
  const events = await repo.listEvents(ctx.db, row.id);
  const process = await processById(ctx.db, row.process_id);
  const slip = buildControlSlip(events, { process: process.definition });
  const ids = [slip.handlingAgencyId, ...slip.cooperatingAgencyIds, ...slip.rows.flatMap((r) => [r.giver.agencyId, r.receiver.agencyId])].filter((x): x is string => !!x);
  const ag = await agencyInfo(ctx.db, ids);
  return {
    form: '06',
    title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    ...slip,
    applicantName: row.applicant_name,
    agencies: Object.fromEntries([...ag].map(([k, v]) => [k, { code: v.code, name: v.name }])),
  };
}


registerMessages({
  DATE_RANGE_REVERSED: {
    vi: 'Khoảng ngày không hợp lệ: {fromName} ({from}) sau {toName} ({to}).',
    en: 'Invalid date range: {fromName} ({from}) is after {toName} ({to}).',
  },
});

/** Local dates (Asia/Ho_Chi_Minh, no DST) → the half-open instant range [from 00:00, (to + 1) 00:00). */
function localDayRange(from: string | undefined, to: string | undefined, fromName: string, toName: string): { from?: Date; before?: Date } {
  if (from && to && from > to) {
    throw new AppError(422, 'DATE_RANGE_REVERSED', { fromName, from, toName, to }, {
      errors: [{
        path: `querystring.${toName}`,
        code: 'DATE_RANGE_REVERSED',
        messageVi: `${toName} (${to}) phải từ ngày ${from} (${fromName}) trở đi.`,
        messageEn: `${toName} (${to}) cannot be before ${fromName} (${from}).`,
      }],
    });
  }
  return {
    from: from ? localDayStart(from) : undefined,
    before: to ? localDayStart(addDaysIso(to, 1)) : undefined,
  };
}

/**
 * The step-role pools of the principal: one per (role, unit) of its assignments. An agency-wide assignment
 * (unitId null) sees every unassigned step of that role in its subtree; a unit-scoped one (phòng) sees the
 * steps of its unit and the steps without a unit — the same rule as actorsAt() / the state machine.
 */
async function poolsOf(db: Db, p: Principal): Promise<repo.InboxPool[]> {
  const groups = new Map<string, { role: string; unitId: string | null; paths: string[] }>();
  for (const a of p.assignments) {
    const k = `${a.role}|${a.unitId ?? ''}`;
    const g = groups.get(k) ?? { role: a.role, unitId: a.unitId, paths: [] };
    g.paths.push(a.agencyPath);
    groups.set(k, g);
  }
  const pools: repo.InboxPool[] = [];
  for (const g of groups.values()) pools.push({ role: g.role, unitId: g.unitId, agencyIds: await repo.agencyIdsUnder(db, g.paths) });
  return pools;
}

/** GET /dossiers: inbox and search, scoped to the caller. */
export async function listDossiers(ctx: AppContext, p: Principal, q: InboxQueryIn) {
  const received = localDayRange(q.receivedFrom, q.receivedTo, 'receivedFrom', 'receivedTo');
  const finished = localDayRange(q.finishedFrom, q.finishedTo, 'finishedFrom', 'finishedTo');
  const scopeAgencyIds = await readScope(ctx.db, p);
  let agencyId: string | undefined;
  if (q.agency) {
    const a = await orgRepo.findAgencyByCode(ctx.db, q.agency);
    agencyId = a?.id ?? '00000000-0000-0000-0000-000000000000';
  }
  const pools = q.pool ? await poolsOf(ctx.db, p) : undefined;
  const r = await repo.inbox(ctx.db, {
    scopeAgencyIds,
    userId: p.userId,
    q: q.q,
    status: q.status,
    state: q.state,
    procedure: q.procedure,
    agencyId,
    overdue: q.overdue,
    dueSoon: q.dueSoon,
    stepOverdue: q.stepOverdue,
    stepDueSoon: q.stepDueSoon,
    consultationOverdue: q.consultationOverdue,
    consultationDueSoon: q.consultationDueSoon,
    mine: q.mine,
    pools,
    field: q.field,
    channel: q.channel,
    receivedFrom: received.from,
    receivedBefore: received.before,
    finishedFrom: finished.from,
    finishedBefore: finished.before,
    sort: q.sort,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: r.items.map(inboxItem), total: r.total, page: q.page, pageSize: q.pageSize };
}

// ---------------------------------------------------------------------------------------------
// Public look-up (citizen): only what the receipt shows; the same 404 for a wrong code or secret.

const LOOKUP_HINT = {
  hintVi: 'Kiểm tra lại mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả. Mã tra cứu gồm 15 chữ in hoa và chữ số, không có chữ O, chữ I, số 0, số 1; không phân biệt chữ hoa, chữ thường; có thể gõ có hoặc không có dấu cách.',
  hintEn: 'Check the dossier code and the lookup code printed on the receipt. The lookup code has 15 capital letters and digits, without the letters O and I or the digits 0 and 1; upper or lower case and spaces do not matter.',
};

export async function publicLookup(ctx: AppContext, code: string, secret: string) {
  const notFound = () => new AppError(404, 'NOT_FOUND', { what: 'dossier' }, LOOKUP_HINT);
  // dossier codes are matched case-insensitively (they are issued in upper case)
  const typed = code.trim();
  const row = repo.isUuid(typed) ? undefined : ((await repo.findByRef(ctx.db, typed)) ?? (await repo.findByRef(ctx.db, code.trim().toUpperCase())));
  // compared even when the dossier does not exist, so timing does not reveal codes
  const ok = secretMatches(secret, row?.secret_hash);
  if (!row || !ok) throw notFound();
  const ag = await agencyInfo(ctx.db, [row.receiving_agency_id, row.return_agency_id]);
  return {
    code: row.code!,
    procedure: { code: row.procedure_code, name: row.procedure_name },
    receivingAgency: ag.get(row.receiving_agency_id)?.name ?? null,
    returnAgency: ag.get(row.return_agency_id)?.name ?? null,
    nationalStatus: row.national_status,
    statusLabel: NATIONAL_STATUS_LABELS[row.national_status]!,
    receivedAt: iso(row.accepted_at),
    appointmentAt: iso(row.due_at),
    resultReady: row.national_status === 9,
    returnedAt: iso(row.returned_at),
  };
}

// ---------------------------------------------------------------------------------------------
// Deadline sweep (called by the pg-boss job and directly by tests)

const SWEEP_ACTIONS = [
  'mark_due_soon',
  'mark_overdue',
  'mark_step_due_soon',
  'mark_step_overdue',
  'mark_consultation_due_soon',
  'mark_consultation_overdue',
] as const;

export interface SweepResult {
  checked: number;
  /** Dossier appointment (dueAt) flags. */
  dueSoon: number;
  overdue: number;
  /** Current step (stepDueAt) flags. */
  stepDueSoon: number;
  stepOverdue: number;
  /** Open consultation flags (events; one event may flag several consultations). */
  consultationDueSoon: number;
  consultationOverdue: number;
}

/**
 * Appends system flag events to open dossiers: the appointment (`mark_due_soon` / `mark_overdue`), the
 * current step's due instant (`mark_step_due_soon` / `mark_step_overdue`) and open consultations
 * (`mark_consultation_due_soon` / `mark_consultation_overdue`). decide() decides (clock stopped, already
 * flagged, not due → nothing), so repeated sweeps add nothing; no flag moves a deadline. A pure pre-check
 * on the candidate's stored state skips dossiers with nothing to flag; the others get one short
 * transaction each, with the row locked and the decision taken again on the locked state.
 */
export async function sweepDeadlines(ctx: AppContext, now: Date): Promise<SweepResult> {
  const horizon = new Date(now.getTime() + 60 * 86_400_000);
  const candidates = await repo.sweepCandidates(ctx.db, horizon);
  const cals = new Map<string, CalendarFns>();
  const counts: SweepResult = { checked: candidates.length, dueSoon: 0, overdue: 0, stepDueSoon: 0, stepOverdue: 0, consultationDueSoon: 0, consultationOverdue: 0 };
  const system = systemActor();
  const flagEvents = (state: DossierState, dctx: DecideContext): { events: DossierEvent[]; state: DossierState } => {
    const events: DossierEvent[] = [];
    for (const action of SWEEP_ACTIONS) {
      const r = decide(state, { action, actor: system, expectedVersion: state.version }, dctx);
      if (!r.ok) continue;
      events.push(...r.events);
      state = r.events.reduce(evolve, state);
    }
    return { events, state };
  };
  for (const c of candidates) {
    let cal = cals.get(c.receiving_agency_id);
    if (!cal) {
      cal = await calendarFor(ctx, c.receiving_agency_id, now);
      cals.set(c.receiving_agency_id, cal);
    }
    const calendar = cal;
    // cheap pre-check outside any transaction: nothing to flag yet
    const proc = await processById(ctx.db, c.process_id);
    if (flagEvents(c.state, decideContext(now, calendar, proc, configBase(ctx))).events.length === 0) continue;
    const res = await ctx.db.transaction().execute(async (trx) => {
      const row = await repo.lockById(trx, c.id);
      const process = await processById(trx, row.process_id);
      const dctx = decideContext(now, calendar, process, configBase(ctx));
      const { events, state } = flagEvents(row.state, dctx);
      if (events.length === 0) return [] as DossierEvent[];
      await repo.insertEvents(trx, events, calendar.version);
      await repo.updateProjection(trx, row.id, projectionOf(state, process, dctx), { calendarVersion: calendar.version });
      return events;
    });
    for (const e of res) {
      if (e.action === 'mark_due_soon') counts.dueSoon++;
      else if (e.action === 'mark_overdue') counts.overdue++;
      else if (e.action === 'mark_step_due_soon') counts.stepDueSoon++;
      else if (e.action === 'mark_step_overdue') counts.stepOverdue++;
      else if (e.action === 'mark_consultation_due_soon') counts.consultationDueSoon++;
      else if (e.action === 'mark_consultation_overdue') counts.consultationOverdue++;
    }
  }
  return counts;
}
