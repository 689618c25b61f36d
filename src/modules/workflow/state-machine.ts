// The dossier state machine, event-sourced: decide(state, command, ctx) checks a command and returns the
// events it causes; evolve(state, event) applies one event (evolve.ts). The state is the fold of its
// events. Pure: time, the working calendar, the process (pinned version) and the configuration come in
// through the context; nothing here reads a clock or a database.
//
// Guards run in this order, and the first failure is the answer:
// 1. the action exists; 2. expectedVersion = state.version (STALE_VERSION);
// 3. the state allows the action (TRANSITIONS; ACTION_NOT_ALLOWED) and, for step actions, the current step
//    offers it; 4. the actor may do it (FORBIDDEN); 5. limits and timing (LIMIT_REACHED, TOO_LATE, NOT_DUE,
//    CLOCK_STOPPED, RESULT_ALREADY_ISSUED); 6. the payload (INVALID_PAYLOAD).
// allowedActions() runs 3–5 for every action, so "allowed" never depends on a payload.

import { ACTION_NAMES, LEADER_ROLES, isActionName, type ActionName, type Role } from './actions.js';
import {
  appointmentFrom,
  classify,
  clockRunning,
  fullConfig,
  hoursBetween,
  iso,
  openSuspension,
  stepDueFrom,
  toDate,
} from './deadlines.js';
import { evolve } from './evolve.js';
import {
  PayloadError,
  asObject,
  documentList,
  oneOf,
  optInstant,
  optNumber,
  optString,
  optStringList,
  reqInstant,
  reqNumber,
  reqString,
  type Raw,
} from './payload.js';
import { findStep, forwardTargets, nearestFinalStep, reachableFrom, type ProcessStep } from './process.js';
import {
  TERMINAL_STATES,
  type Actor,
  type ActorInfo,
  type Channel,
  type ClockChange,
  type Command,
  type DecideContext,
  type DecideError,
  type DecideResult,
  type DossierEvent,
  type DossierState,
  type ErrorCode,
  type Handover,
  type HandoverParty,
  type InternalState,
} from './types.js';

export * from './types.js';
export { evolve, fold } from './evolve.js';
export { elapsedWorkingHours, indicatorColumns, indicatorTiming, clockRunning } from './deadlines.js';

// ---------------------------------------------------------------------------------------------
// National statuses (DVCQG TrangThaiHoSo, §5.4)

export const NATIONAL_STATUS: Readonly<Record<InternalState, number>> = {
  registered: 1, // Mới đăng ký
  needs_completion: 1, // Mới đăng ký (chờ công dân hoàn thiện)
  accepted: 2, // Được tiếp nhận
  refused: 3, // Không được tiếp nhận
  processing: 4, // Đang xử lý
  transferred: 4, // Đang xử lý (liên thông)
  awaiting_supplement: 5, // Yêu cầu bổ sung giấy tờ
  awaiting_payment: 6, // Yêu cầu thực hiện nghĩa vụ tài chính
  withdrawal_requested: 7, // Công dân yêu cầu rút hồ sơ
  stopped: 8, // Dừng xử lý
  result_ready: 9, // Đã xử lý xong
  returned: 10, // Đã trả kết quả
};

export const NATIONAL_STATUS_LABELS: Readonly<Record<number, { vi: string; en: string }>> = {
  1: { vi: 'Mới đăng ký', en: 'Newly registered' },
  2: { vi: 'Được tiếp nhận', en: 'Accepted' },
  3: { vi: 'Không được tiếp nhận', en: 'Not accepted' },
  4: { vi: 'Đang xử lý', en: 'Processing' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Citizen requested withdrawal' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processing finished' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

export function nationalStatus(state: DossierState | InternalState): number {
  return NATIONAL_STATUS[typeof state === 'string' ? state : state.state];
}

export function isTerminal(state: DossierState | InternalState): boolean {
  return TERMINAL_STATES.includes(typeof state === 'string' ? state : state.state);
}

// ---------------------------------------------------------------------------------------------
// Transition table

/**
 * Target of a transition:
 * - a state;
 * - 'same': no state change (flags, assignment, consultations, apology);
 * - 'resume': back to the state before the pause (pausedFrom / withdrawalFrom);
 * - 'by_step': 'accepted' when the target step is the first (reception) step, else 'processing'.
 */
export type TransitionTarget = InternalState | 'same' | 'resume' | 'by_step';

export interface Transition {
  from: readonly InternalState[];
  to: TransitionTarget;
  /** 'step': configured per process step, done by the step's role; 'dossier': actor fixed by the rule. */
  scope: 'step' | 'dossier';
  /** Who may do it (documentation; the check is in WHO). */
  by: string;
}

const PRE_ACCEPTANCE: InternalState[] = ['registered', 'needs_completion'];
const IN_HAND: InternalState[] = ['accepted', 'processing'];
/** Accepted, not finished, clock may run (apology, deadline flags). */
const ACTIVE: InternalState[] = ['accepted', 'processing', 'awaiting_payment', 'transferred', 'withdrawal_requested'];
const CAN_WITHDRAW: InternalState[] = [...PRE_ACCEPTANCE, ...IN_HAND, 'awaiting_supplement', 'awaiting_payment', 'transferred'];
const OPEN_AFTER_ACCEPTANCE: InternalState[] = [
  'accepted', 'processing', 'awaiting_supplement', 'awaiting_payment', 'transferred', 'withdrawal_requested', 'result_ready',
];

export const TRANSITIONS: Readonly<Record<ActionName, Transition>> = {
  accept: { from: ['registered'], to: 'accepted', scope: 'step', by: 'reception step role' },
  request_completion: { from: ['registered'], to: 'needs_completion', scope: 'step', by: 'reception step role' },
  resubmit: { from: ['needs_completion'], to: 'registered', scope: 'dossier', by: 'citizen, or reception at the receiving centre' },
  refuse: { from: PRE_ACCEPTANCE, to: 'refused', scope: 'step', by: 'reception step role' },
  claim: { from: ['registered', 'accepted', 'processing', 'transferred', 'result_ready'], to: 'same', scope: 'dossier', by: 'step role in the holding agency (any processing role when transferred), if unassigned' },
  assign: { from: ['registered', 'accepted', 'processing', 'transferred', 'result_ready'], to: 'same', scope: 'dossier', by: 'unit or agency leader of the holding agency' },
  forward: { from: IN_HAND, to: 'by_step', scope: 'step', by: 'step role (assignee)' },
  send_back: { from: ['processing'], to: 'by_step', scope: 'step', by: 'step role (assignee)' },
  approve: { from: ['processing'], to: 'by_step', scope: 'step', by: 'step role (leader)' },
  request_supplement: { from: IN_HAND, to: 'awaiting_supplement', scope: 'step', by: 'step role (assignee)' },
  receive_supplement: { from: ['awaiting_supplement'], to: 'resume', scope: 'dossier', by: 'citizen, system, reception at the receiving centre or the step role' },
  request_payment: { from: [...IN_HAND, 'result_ready'], to: 'awaiting_payment', scope: 'step', by: 'step role (assignee)' },
  confirm_payment: { from: ['awaiting_payment'], to: 'resume', scope: 'dossier', by: 'system (gateway), cashier or reception' },
  consult: { from: ['processing'], to: 'same', scope: 'step', by: 'step role (assignee)' },
  answer_consultation: { from: OPEN_AFTER_ACCEPTANCE, to: 'same', scope: 'dossier', by: 'official of the consulted agency, or system' },
  transfer: { from: ['processing'], to: 'transferred', scope: 'step', by: 'step role (assignee)' },
  return_transfer: { from: ['transferred'], to: 'by_step', scope: 'dossier', by: 'official of the agency holding the transfer, or system' },
  reject: { from: ['processing'], to: 'result_ready', scope: 'step', by: 'step role (leader)' },
  record_result: { from: ['processing'], to: 'result_ready', scope: 'step', by: 'step role (clerk)' },
  return_result: { from: ['result_ready'], to: 'returned', scope: 'step', by: 'step role (return officer)' },
  request_withdrawal: { from: CAN_WITHDRAW, to: 'withdrawal_requested', scope: 'dossier', by: 'citizen, system, or reception on their behalf' },
  cancel_withdrawal: { from: ['withdrawal_requested'], to: 'resume', scope: 'dossier', by: 'citizen, system, or reception at the receiving centre' },
  stop: { from: ['withdrawal_requested'], to: 'stopped', scope: 'dossier', by: 'reception at the receiving centre' },
  apologize: { from: ACTIVE, to: 'same', scope: 'dossier', by: 'unit or agency leader of the competent or holding agency' },
  mark_due_soon: { from: ACTIVE, to: 'same', scope: 'dossier', by: 'system' },
  mark_overdue: { from: ACTIVE, to: 'same', scope: 'dossier', by: 'system' },
  mark_step_due_soon: { from: ACTIVE, to: 'same', scope: 'dossier', by: 'system' },
  mark_step_overdue: { from: ACTIVE, to: 'same', scope: 'dossier', by: 'system' },
  mark_consultation_due_soon: { from: OPEN_AFTER_ACCEPTANCE, to: 'same', scope: 'dossier', by: 'system' },
  mark_consultation_overdue: { from: OPEN_AFTER_ACCEPTANCE, to: 'same', scope: 'dossier', by: 'system' },
};

// ---------------------------------------------------------------------------------------------
// Failures

export interface Fail {
  code: ErrorCode;
  vi: string;
  en: string;
}
const fail = (code: ErrorCode, vi: string, en: string): Fail => ({ code, vi, en });
const forbidden = (vi: string, en: string): Fail => fail('FORBIDDEN', vi, en);
const notAllowed = (vi: string, en: string): Fail => fail('ACTION_NOT_ALLOWED', vi, en);

const isOfficial = (a: Actor): boolean => !a.system && !a.citizen;
const hasRole = (a: Actor, roles: readonly Role[]): boolean => isOfficial(a) && a.roles.some((r) => roles.includes(r));

// ---------------------------------------------------------------------------------------------
// Who may act

function currentStep(s: DossierState, ctx: DecideContext): ProcessStep | undefined {
  return findStep(ctx.process, s.stepKey);
}

/** The actor holds the step's role in the holding agency (and unit, when known). */
function holdsStepRole(s: DossierState, step: ProcessStep, actor: Actor): Fail | null {
  if (!isOfficial(actor)) return forbidden('Chỉ cán bộ được thực hiện thao tác này', 'Only officials may do this');
  if (!actor.roles.includes(step.role)) {
    return forbidden(`Cần vai trò ${step.role} tại bước này`, `The ${step.role} role is required at this step`);
  }
  if (actor.agencyId !== s.currentAgencyId) {
    return forbidden('Hồ sơ không thuộc cơ quan của bạn', "The dossier is not held by the actor's agency");
  }
  if (step.unitId && actor.unitIds && !actor.unitIds.includes(step.unitId)) {
    return forbidden('Hồ sơ không thuộc phòng của bạn', "The step belongs to another unit");
  }
  return null;
}

/** Step actions: offered by the current step, actor holds its role and is the assignee (or it is unassigned). */
function stepActor(action: ActionName) {
  return (s: DossierState, actor: Actor, ctx: DecideContext): Fail | null => {
    const step = currentStep(s, ctx);
    if (!step) return fail('PROCESS_MISMATCH', 'Bước hiện tại không có trong quy trình', 'The current step is not in the process');
    if (!step.actions.includes(action)) {
      return notAllowed('Bước hiện tại không có thao tác này', 'The current step does not offer this action');
    }
    const role = holdsStepRole(s, step, actor);
    if (role) return role;
    if (s.assigneeId !== null && s.assigneeId !== actor.userId) {
      return forbidden('Hồ sơ đang được giao cho người khác', 'The dossier is assigned to someone else');
    }
    return null;
  };
}

const TRANSFER_ROLES: Role[] = ['reception', 'handler', 'unit_leader', 'agency_leader', 'clerk'];

/**
 * Whether the actor could hold the dossier where it stands: the current step's role in the holding agency
 * (and unit), or any processing role there while it is transferred. Decides who may claim it and whom a
 * leader may assign it to.
 */
export function mayHoldStep(s: DossierState, a: Actor, ctx: DecideContext): Fail | null {
  if (s.state === 'transferred') {
    return hasRole(a, TRANSFER_ROLES) && inAgency(a, s.currentAgencyId)
      ? null
      : forbidden('Hồ sơ không thuộc cơ quan của bạn', "The dossier is not held by the actor's agency");
  }
  const step = currentStep(s, ctx);
  if (!step) return fail('PROCESS_MISMATCH', 'Bước hiện tại không có trong quy trình', 'The current step is not in the process');
  return holdsStepRole(s, step, a);
}

function inAgency(actor: Actor, ...agencyIds: string[]): boolean {
  return isOfficial(actor) && agencyIds.includes(actor.agencyId);
}

/** The one-stop desk (reception role at the receiving centre). */
const isDesk = (s: DossierState, a: Actor): boolean => hasRole(a, ['reception']) && inAgency(a, s.receivingAgencyId);

type Who = (s: DossierState, actor: Actor, ctx: DecideContext) => Fail | null;

const onlyIf =
  (test: (s: DossierState, a: Actor, ctx: DecideContext) => boolean, vi: string, en: string): Who =>
  (s, a, ctx) =>
    test(s, a, ctx) ? null : forbidden(vi, en);

const WHO: Record<ActionName, Who> = {
  accept: stepActor('accept'),
  request_completion: stepActor('request_completion'),
  refuse: stepActor('refuse'),
  forward: stepActor('forward'),
  send_back: stepActor('send_back'),
  approve: stepActor('approve'),
  request_supplement: stepActor('request_supplement'),
  request_payment: stepActor('request_payment'),
  consult: stepActor('consult'),
  transfer: stepActor('transfer'),
  reject: stepActor('reject'),
  record_result: stepActor('record_result'),
  return_result: stepActor('return_result'),
  claim: (s, a, ctx) => {
    if (s.assigneeId !== null) return notAllowed('Hồ sơ đã có người xử lý', 'The dossier is already assigned');
    return mayHoldStep(s, a, ctx);
  },
  assign: onlyIf(
    (s, a) => hasRole(a, LEADER_ROLES) && inAgency(a, s.currentAgencyId),
    'Chỉ lãnh đạo cơ quan đang giữ hồ sơ được phân công',
    'Only a leader of the holding agency may assign',
  ),
  resubmit: onlyIf((s, a) => !!a.citizen || isDesk(s, a), 'Chỉ công dân hoặc Bộ phận Một cửa', 'Only the citizen or the desk'),
  receive_supplement: (s, a, ctx) => {
    if (a.citizen || a.system || isDesk(s, a)) return null;
    const step = currentStep(s, ctx);
    return step && !holdsStepRole(s, step, a)
      ? null
      : forbidden('Không có quyền nhận hồ sơ bổ sung', 'Not allowed to receive the supplement');
  },
  confirm_payment: onlyIf(
    (s, a) => !!a.system || (hasRole(a, ['cashier', 'reception']) && inAgency(a, s.receivingAgencyId, s.currentAgencyId)),
    'Chỉ hệ thống thanh toán, cán bộ thu phí hoặc tiếp nhận',
    'Only the payment system, a cashier or the desk',
  ),
  answer_consultation: onlyIf(
    (s, a) => !!a.system || (isOfficial(a) && s.openConsultations.some((c) => c.agencyId === a.agencyId)),
    'Chỉ cơ quan được xin ý kiến',
    'Only the consulted agency',
  ),
  return_transfer: onlyIf(
    (s, a) => !!a.system || (hasRole(a, TRANSFER_ROLES) && inAgency(a, s.currentAgencyId)),
    'Chỉ cơ quan đang giữ hồ sơ liên thông',
    'Only the agency holding the transferred dossier',
  ),
  request_withdrawal: onlyIf(
    (s, a) => !!a.citizen || !!a.system || (hasRole(a, ['reception']) && inAgency(a, s.receivingAgencyId, s.currentAgencyId)),
    'Chỉ công dân hoặc Bộ phận Một cửa',
    'Only the citizen or the desk on their behalf',
  ),
  cancel_withdrawal: onlyIf(
    (s, a) => !!a.citizen || !!a.system || isDesk(s, a),
    'Chỉ công dân hoặc Bộ phận Một cửa',
    'Only the citizen or the desk',
  ),
  stop: onlyIf(isDesk, 'Chỉ Bộ phận Một cửa tiếp nhận hồ sơ', 'Only the receiving desk'),
  apologize: onlyIf(
    (s, a) => hasRole(a, LEADER_ROLES) && inAgency(a, s.competentAgencyId, s.currentAgencyId),
    'Chỉ lãnh đạo cơ quan giải quyết',
    'Only a leader of the competent agency',
  ),
  mark_due_soon: onlyIf((_s, a) => !!a.system, 'Chỉ hệ thống', 'System only'),
  mark_overdue: onlyIf((_s, a) => !!a.system, 'Chỉ hệ thống', 'System only'),
  mark_step_due_soon: onlyIf((_s, a) => !!a.system, 'Chỉ hệ thống', 'System only'),
  mark_step_overdue: onlyIf((_s, a) => !!a.system, 'Chỉ hệ thống', 'System only'),
  mark_consultation_due_soon: onlyIf((_s, a) => !!a.system, 'Chỉ hệ thống', 'System only'),
  mark_consultation_overdue: onlyIf((_s, a) => !!a.system, 'Chỉ hệ thống', 'System only'),
};

// ---------------------------------------------------------------------------------------------
// Limits and timing (payload-free)

/** Earlier steps: already visited, and the current step can be reached from them again. */
function sendBackTargets(s: DossierState, ctx: DecideContext): string[] {
  return s.visitedSteps.filter((k) => k !== s.stepKey && reachableFrom(ctx.process, k).has(s.stepKey ?? ''));
}

function resultIssued(s: DossierState): boolean {
  return s.result !== null || s.transfers.some((t) => t.result !== null);
}

function remainingToDue(s: DossierState, ctx: DecideContext): number {
  return s.dueAt === null ? Infinity : hoursBetween(ctx, ctx.now, s.dueAt);
}

// Step and consultation deadlines (flags only: nothing here moves a deadline).
const stepDueSoonHours = (ctx: DecideContext): number => fullConfig(ctx.config).stepDueSoonHours;
const isPast = (at: string, ctx: DecideContext): boolean => ctx.now.getTime() > toDate(at).getTime();
const isSoon = (at: string, ctx: DecideContext): boolean => hoursBetween(ctx, ctx.now, at) <= stepDueSoonHours(ctx);

/** The current step's deadline is flagged due soon / overdue (flags follow stepDueAt, see DossierState). */
export function stepFlags(s: DossierState): { dueSoon: boolean; overdue: boolean } {
  return {
    dueSoon: s.stepDueAt !== null && (s.stepDueSoonFor ?? null) === s.stepDueAt,
    overdue: s.stepDueAt !== null && (s.stepOverdueFor ?? null) === s.stepDueAt,
  };
}

/** Open consultations flagged due soon / overdue. */
export function consultationFlags(s: DossierState): { dueSoon: boolean; overdue: boolean } {
  return {
    dueSoon: s.openConsultations.some((c) => c.dueSoonFlagged === true),
    overdue: s.openConsultations.some((c) => c.overdueFlagged === true),
  };
}

const consultationsDueSoon = (s: DossierState, ctx: DecideContext) => s.openConsultations.filter((c) => isSoon(c.dueAt, ctx));
const consultationsOverdue = (s: DossierState, ctx: DecideContext) => s.openConsultations.filter((c) => isPast(c.dueAt, ctx));

const GUARDS: Partial<Record<ActionName, (s: DossierState, ctx: DecideContext) => Fail | null>> = {
  forward: (s, ctx) =>
    forwardTargets(ctx.process, currentStep(s, ctx)!).length > 0
      ? null
      : notAllowed('Không có bước tiếp theo để chuyển', 'No step to forward to'),
  approve: (s, ctx) => GUARDS.forward!(s, ctx),
  send_back: (s, ctx) =>
    sendBackTargets(s, ctx).length > 0 ? null : notAllowed('Không có bước trước', 'No earlier step'),
  request_supplement: (s, ctx) =>
    s.supplementRequests < fullConfig(ctx.config).maxSupplementRequests
      ? null
      : fail(
          'LIMIT_REACHED',
          'Đã yêu cầu bổ sung đủ số lần cho phép (NĐ 118, Điều 11: chỉ một lần)',
          'Supplement already requested the allowed number of times (ND 118 Art. 11: once)',
        ),
  answer_consultation: (s) =>
    s.openConsultations.length > 0 ? null : notAllowed('Không có yêu cầu xin ý kiến đang mở', 'No open consultation'),
  request_withdrawal: (s) =>
    resultIssued(s) ? fail('RESULT_ALREADY_ISSUED', 'Hồ sơ đã có kết quả', 'A result has already been issued') : null,
  stop: (s) =>
    resultIssued(s)
      ? fail('RESULT_ALREADY_ISSUED', 'Hồ sơ đã có kết quả, không thể dừng', 'A result has been issued; cannot stop')
      : null,
  apologize: (s, ctx) => {
    const c = fullConfig(ctx.config);
    if (s.apologies >= c.maxApologies) {
      return fail('LIMIT_REACHED', 'Đã gia hạn đủ số lần cho phép', 'The appointment was already rescheduled the allowed number of times');
    }
    if (s.dueAt === null || s.result !== null) return notAllowed('Hồ sơ chưa có hạn giải quyết', 'No running deadline');
    if (ctx.now.getTime() >= toDate(s.dueAt).getTime() || remainingToDue(s, ctx) < c.apologyLeadHours) {
      return fail('TOO_LATE', 'Phải xin lỗi, gia hạn trước thời hạn trả kết quả', 'The apology must be made before the due date');
    }
    return null;
  },
  mark_due_soon: (s, ctx) => {
    if (!clockRunning(s)) return fail('CLOCK_STOPPED', 'Thời hạn đang tạm dừng hoặc đã kết thúc', 'The clock is not running');
    return remainingToDue(s, ctx) <= fullConfig(ctx.config).dueSoonHours
      ? null
      : fail('NOT_DUE', 'Chưa đến thời điểm sắp hết hạn', 'Not due soon yet');
  },
  mark_overdue: (s, ctx) => {
    if (!clockRunning(s)) return fail('CLOCK_STOPPED', 'Thời hạn đang tạm dừng hoặc đã kết thúc', 'The clock is not running');
    return s.dueAt !== null && ctx.now.getTime() > toDate(s.dueAt).getTime()
      ? null
      : fail('NOT_DUE', 'Chưa quá hạn', 'Not overdue yet');
  },
  mark_step_due_soon: (s, ctx) => {
    if (!clockRunning(s) || s.stepDueAt === null) return fail('CLOCK_STOPPED', 'Bước hiện tại không có hạn đang chạy', 'No running step deadline');
    return isSoon(s.stepDueAt, ctx) ? null : fail('NOT_DUE', 'Bước chưa đến thời điểm sắp hết hạn', 'The step is not due soon yet');
  },
  mark_step_overdue: (s, ctx) => {
    if (!clockRunning(s) || s.stepDueAt === null) return fail('CLOCK_STOPPED', 'Bước hiện tại không có hạn đang chạy', 'No running step deadline');
    return isPast(s.stepDueAt, ctx) ? null : fail('NOT_DUE', 'Bước chưa quá hạn', 'The step is not overdue yet');
  },
  mark_consultation_due_soon: (s, ctx) =>
    consultationsDueSoon(s, ctx).length > 0 ? null : fail('NOT_DUE', 'Không có yêu cầu xin ý kiến sắp đến hạn', 'No consultation due soon'),
  mark_consultation_overdue: (s, ctx) =>
    consultationsOverdue(s, ctx).length > 0 ? null : fail('NOT_DUE', 'Không có yêu cầu xin ý kiến quá hạn', 'No overdue consultation'),
};

function check(s: DossierState, action: ActionName, actor: Actor, ctx: DecideContext): Fail | null {
  if (isTerminal(s)) return notAllowed('Hồ sơ đã kết thúc', 'The dossier is closed');
  if (!TRANSITIONS[action].from.includes(s.state)) {
    return notAllowed(`Không thể thực hiện khi hồ sơ ở trạng thái ${s.state}`, `Not allowed in state ${s.state}`);
  }
  return WHO[action](s, actor, ctx) ?? GUARDS[action]?.(s, ctx) ?? null;
}

/** Actions the actor may attempt now (state, role, agency, assignment, limits and timing; not payload). */
export function allowedActions(state: DossierState, actor: Actor, ctx: DecideContext): ActionName[] {
  return ACTION_NAMES.filter((a) => check(state, a, actor, ctx) === null);
}

// ---------------------------------------------------------------------------------------------
// Building events

/** What an action changes; the rest of the event is filled in by toEvent(). */
interface Draft {
  toState: InternalState;
  stepKey?: string | null;
  agencyId?: string;
  assigneeId?: string | null;
  payload?: Raw;
  handover?: Handover | null;
  clock?: ClockChange | null;
}

/** The agency where `step` runs for this dossier (receiving centre, competent agency, return point or a fixed one). */
export function agencyOf(step: ProcessStep, s: DossierState): string {
  const a = step.agency;
  if (a === 'receiving_centre') return s.receivingAgencyId;
  if (a === 'competent_agency') return s.competentAgencyId;
  if (a === 'return_point') return s.returnAgencyId;
  return a.agencyId;
}

function stateAtStep(step: ProcessStep, ctx: DecideContext): InternalState {
  return ctx.process.steps[0]?.key === step.key ? 'accepted' : 'processing';
}

/** Location and step clock when the dossier enters `step` now. */
function enter(step: ProcessStep, s: DossierState, ctx: DecideContext, assigneeId: string | null, budget = step.budgetHours) {
  return {
    stepKey: step.key,
    agencyId: agencyOf(step, s),
    assigneeId,
    clock: { stepEnteredAt: iso(ctx.now), stepDueAt: iso(stepDueFrom(ctx.now, budget, ctx)) },
  };
}

function party(agencyId: string | null, stepKey: string | null, userId: string | null): HandoverParty {
  return { agencyId, stepKey, userId };
}

function handover(from: HandoverParty, to: HandoverParty, dueAt: string | null, ctx: DecideContext): Handover {
  const c = classify(ctx.now, dueAt, ctx, fullConfig(ctx.config).earlyMarginHours);
  return { from, to, at: iso(ctx.now), dueAt, ...c };
}

/** Hand-over from the current step (the actor finishes it) to `to`. */
function handoverFromStep(s: DossierState, actor: Actor, to: HandoverParty, ctx: DecideContext): Handover {
  return handover(party(s.currentAgencyId, s.stepKey, actor.userId), to, s.stepDueAt, ctx);
}

function optUser(p: Raw): string | null {
  return optString(p, 'assigneeId');
}

/** forward / approve: to `payload.toStep`, or the only target. */
function moveForward(s: DossierState, cmd: Command, ctx: DecideContext): Draft {
  const p = asObject(cmd.payload);
  const targets = forwardTargets(ctx.process, currentStep(s, ctx)!);
  const toKey = optString(p, 'toStep');
  const target = toKey === null ? (targets.length === 1 ? targets[0] : undefined) : targets.find((t) => t.key === toKey);
  if (!target) {
    throw new PayloadError(
      `Chọn bước tiếp theo: ${targets.map((t) => t.key).join(', ')}`,
      `toStep must be one of: ${targets.map((t) => t.key).join(', ')}`,
    );
  }
  const assigneeId = optUser(p);
  const loc = enter(target, s, ctx, assigneeId);
  return {
    toState: stateAtStep(target, ctx),
    ...loc,
    payload: { toStep: target.key, assigneeId },
    handover: handoverFromStep(s, cmd.actor, party(loc.agencyId, target.key, assigneeId), ctx),
  };
}

/** Shifts the step's due instant by the working hours of the suspension that ends now. */
function resumeClock(s: DossierState, kind: 'supplement' | 'payment', ctx: DecideContext): { stepDueAt?: string | null; suspendedHours: number } {
  const open = openSuspension(s);
  if (!open || open.kind !== kind) return { suspendedHours: 0 };
  const suspendedHours = hoursBetween(ctx, open.start, ctx.now);
  const stepDueAt = s.stepDueAt === null ? null : iso(ctx.addWorkingHours(toDate(s.stepDueAt), suspendedHours));
  return { stepDueAt, suspendedHours };
}

function finalTargetFor(record: boolean, s: DossierState, ctx: DecideContext, p: Raw): ProcessStep | null {
  const step = currentStep(s, ctx)!;
  if (!record) {
    const f = nearestFinalStep(ctx.process, step.key);
    return f && f.key !== step.key ? f : null;
  }
  if (step.next.length === 0) return null;
  const toKey = optString(p, 'toStep') ?? (step.next.length === 1 ? step.next[0]! : null);
  const target = toKey === null ? undefined : step.next.includes(toKey) ? findStep(ctx.process, toKey) : undefined;
  if (!target) throw new PayloadError(`Chọn bước trả kết quả: ${step.next.join(', ')}`, `toStep must be one of: ${step.next.join(', ')}`);
  return target;
}

/** record_result / reject: the result goes to the return step (a hand-over), or stays at a final step. */
function finish(s: DossierState, cmd: Command, ctx: DecideContext, outcome: 'approved' | 'rejected'): Draft {
  const p = asObject(cmd.payload);
  const payload: Raw =
    outcome === 'approved'
      ? { documents: documentList(p, 'documents', true) }
      : { reason: reqString(p, 'reason'), documents: documentList(p, 'documents', false) ?? [] };
  const target = finalTargetFor(outcome === 'approved', s, ctx, p);
  if (!target) return { toState: 'result_ready', payload };
  const loc = enter(target, s, ctx, null);
  return {
    toState: 'result_ready',
    ...loc,
    payload: { ...payload, toStep: target.key },
    handover: handoverFromStep(s, cmd.actor, party(loc.agencyId, target.key, null), ctx),
  };
}

/**
 * Payment methods (hình thức nộp phí, lệ phí) confirm_payment accepts: cash (tiền mặt), bank_transfer
 * (chuyển khoản), pos (thẻ/POS), online (thanh toán trực tuyến: Cổng DVCQG / nền tảng thanh toán — QĐ 766
 * indicator 3.6). Only new commands are checked: events stored with other (free) text still replay.
 */
export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'pos', 'online'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
const PAYMENT_METHOD_NAMES: Record<PaymentMethod, { vi: string; en: string }> = {
  cash: { vi: 'tiền mặt', en: 'cash' },
  bank_transfer: { vi: 'chuyển khoản', en: 'bank transfer' },
  pos: { vi: 'thẻ/POS', en: 'card/POS' },
  online: { vi: 'thanh toán trực tuyến qua Cổng DVCQG / nền tảng thanh toán', en: 'online payment through the national portal / payment platform' },
};

/** The optional `method` of confirm_payment: one of PAYMENT_METHODS, else INVALID_PAYLOAD listing them. */
function paymentMethod(p: Raw): PaymentMethod | null {
  const v = p.method;
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && (PAYMENT_METHODS as readonly string[]).includes(v)) return v as PaymentMethod;
  const list = (lang: 'vi' | 'en') => PAYMENT_METHODS.map((m) => `${m} (${PAYMENT_METHOD_NAMES[m][lang]})`).join(', ');
  throw new PayloadError(`Hình thức nộp (method) phải là một trong: ${list('vi')}`, `method must be one of: ${list('en')}`);
}

type Build = (s: DossierState, cmd: Command, ctx: DecideContext) => Draft | null;

const reason = (cmd: Command): Raw => ({ reason: reqString(asObject(cmd.payload), 'reason') });
const optReason = (cmd: Command): Raw => ({ reason: optString(asObject(cmd.payload), 'reason') });

const BUILD: Record<ActionName, Build> = {
  accept: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const given = optInstant(p, 'clockStartAt');
    if (given && given.getTime() < ctx.now.getTime()) {
      throw new PayloadError('Thời điểm bắt đầu tính hạn không được trước thời điểm tiếp nhận', 'clockStartAt must not be before acceptance');
    }
    const clockStart = given ?? ctx.addWorkingHours(ctx.now, 0);
    const dueAt = iso(appointmentFrom(clockStart, ctx));
    const step = currentStep(s, ctx)!;
    return {
      toState: 'accepted',
      assigneeId: cmd.actor.userId,
      payload: { code: optString(p, 'code') },
      clock: {
        acceptedAt: iso(ctx.now),
        clockStartAt: iso(clockStart),
        dueAt,
        originalDueAt: dueAt,
        stepEnteredAt: iso(clockStart),
        stepDueAt: iso(stepDueFrom(clockStart, step.budgetHours, ctx)),
      },
    };
  },
  request_completion: (_s, cmd) => ({
    toState: 'needs_completion',
    payload: { ...reason(cmd), items: optStringList(asObject(cmd.payload), 'items') ?? [] },
  }),
  resubmit: () => ({ toState: 'registered' }),
  refuse: (_s, cmd) => ({ toState: 'refused', payload: reason(cmd) }),
  claim: (s, cmd) => ({ toState: s.state, assigneeId: cmd.actor.userId }),
  assign: (s, cmd) => {
    const userId = reqString(asObject(cmd.payload), 'userId');
    if (userId === s.assigneeId) throw new PayloadError('Hồ sơ đã giao cho người này', 'Already assigned to this user');
    return { toState: s.state, assigneeId: userId, payload: { userId } };
  },
  forward: moveForward,
  approve: moveForward,
  send_back: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const why = reqString(p, 'reason');
    const toKey = reqString(p, 'toStep');
    const target = sendBackTargets(s, ctx).includes(toKey) ? findStep(ctx.process, toKey) : undefined;
    if (!target) {
      throw new PayloadError('Chỉ trả lại bước đã đi qua trước đó', 'toStep must be an earlier step this dossier went through');
    }
    const assigneeId = optUser(p) ?? s.stepHandlers[toKey] ?? null;
    const loc = enter(target, s, ctx, assigneeId);
    return {
      toState: stateAtStep(target, ctx),
      ...loc,
      payload: { toStep: toKey, reason: why, assigneeId },
      handover: handoverFromStep(s, cmd.actor, party(loc.agencyId, toKey, assigneeId), ctx),
    };
  },
  request_supplement: (_s, cmd) => ({
    toState: 'awaiting_supplement',
    payload: { ...reason(cmd), items: optStringList(asObject(cmd.payload), 'items') ?? [] },
  }),
  receive_supplement: (s, _cmd, ctx) => {
    // Legal clock restarts from zero (ND 61 Art. 19(4)); originalDueAt (indicator clock) is untouched.
    const { stepDueAt, suspendedHours } = resumeClock(s, 'supplement', ctx);
    const clock: ClockChange = { dueAt: iso(appointmentFrom(ctx.now, ctx)), previousDueAt: s.dueAt };
    if (stepDueAt !== undefined) clock.stepDueAt = stepDueAt;
    return { toState: s.pausedFrom ?? 'processing', payload: { suspendedHours }, clock };
  },
  request_payment: (_s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    return {
      toState: 'awaiting_payment',
      payload: {
        amount: optNumber(p, 'amount', { min: 0 }),
        reason: optString(p, 'reason'),
        suspendsClock: fullConfig(ctx.config).suspendOnPayment,
      },
    };
  },
  confirm_payment: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const method = paymentMethod(p);
    const { stepDueAt, suspendedHours } = resumeClock(s, 'payment', ctx);
    return {
      toState: s.pausedFrom ?? 'processing',
      payload: {
        amount: optNumber(p, 'amount', { min: 0 }),
        receiptNumber: optString(p, 'receiptNumber'),
        method,
        suspendedHours,
      },
      clock: stepDueAt !== undefined ? { stepDueAt } : null,
    };
  },
  consult: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const agencyId = reqString(p, 'agencyId');
    if (agencyId === s.currentAgencyId) throw new PayloadError('Không thể xin ý kiến chính cơ quan mình', 'Cannot consult the holding agency itself');
    const hours = reqNumber(p, 'hours', { positive: true });
    return {
      toState: s.state,
      payload: {
        consultationId: `c${s.version + 1}`,
        agencyId,
        hours,
        dueAt: iso(ctx.addWorkingHours(ctx.now, hours)),
        question: optString(p, 'question'),
      },
    };
  },
  answer_consultation: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const mine = s.openConsultations.filter((c) => cmd.actor.system || c.agencyId === cmd.actor.agencyId);
    const id = optString(p, 'consultationId') ?? (mine.length === 1 ? mine[0]!.id : null);
    const c = mine.find((x) => x.id === id);
    if (!c) throw new PayloadError('Không tìm thấy yêu cầu xin ý kiến', 'consultationId must name an open consultation of your agency');
    const { classification } = classify(ctx.now, c.dueAt, ctx, fullConfig(ctx.config).earlyMarginHours);
    return { toState: s.state, payload: { consultationId: c.id, answer: optString(p, 'answer'), classification } };
  },
  transfer: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const agencyId = reqString(p, 'agencyId');
    if (agencyId === s.currentAgencyId) throw new PayloadError('Không thể liên thông đến chính cơ quan mình', 'Cannot transfer to the holding agency');
    const hours = optNumber(p, 'hours', { positive: true });
    const legDue = hours === null ? null : iso(ctx.addWorkingHours(ctx.now, hours));
    const stepRemainingHours = s.stepDueAt === null ? 0 : hoursBetween(ctx, ctx.now, s.stepDueAt);
    return {
      toState: 'transferred',
      agencyId,
      assigneeId: null,
      payload: { transferId: `t${s.version + 1}`, agencyId, hours, dueAt: legDue, stepRemainingHours },
      handover: handoverFromStep(s, cmd.actor, party(agencyId, null, null), ctx),
      clock: { stepEnteredAt: iso(ctx.now), stepDueAt: legDue },
    };
  },
  return_transfer: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const leg = s.transfers[s.transfers.length - 1]!;
    const origin = findStep(ctx.process, leg.fromStepKey);
    if (!origin) throw new PayloadError('Bước gốc không còn trong quy trình', 'The origin step is not in the process');
    const assigneeId = s.stepHandlers[origin.key] ?? null;
    const loc = enter(origin, s, ctx, assigneeId, 0);
    loc.clock.stepDueAt = iso(ctx.addWorkingHours(ctx.now, leg.stepRemainingHours));
    return {
      toState: stateAtStep(origin, ctx),
      ...loc,
      payload: { transferId: leg.id, result: documentList(p, 'result', false) },
      handover: handover(
        party(s.currentAgencyId, null, cmd.actor.userId),
        party(loc.agencyId, origin.key, assigneeId),
        leg.dueAt,
        ctx,
      ),
    };
  },
  reject: (s, cmd, ctx) => finish(s, cmd, ctx, 'rejected'),
  record_result: (s, cmd, ctx) => finish(s, cmd, ctx, 'approved'),
  return_result: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const method = oneOf(p, 'method', ['counter', 'post', 'online'] as const);
    const trackingNumber = method === 'post' ? reqString(p, 'trackingNumber') : optString(p, 'trackingNumber');
    const to: HandoverParty = { agencyId: null, stepKey: null, userId: null, applicant: true };
    return {
      toState: 'returned',
      payload: { method, trackingNumber, recipient: optString(p, 'recipient') },
      handover: handoverFromStep(s, cmd.actor, to, ctx),
    };
  },
  request_withdrawal: (_s, cmd) => ({ toState: 'withdrawal_requested', payload: optReason(cmd) }),
  cancel_withdrawal: (s, cmd) => ({ toState: s.withdrawalFrom ?? 'processing', payload: optReason(cmd) }),
  stop: (_s, cmd) => ({
    toState: 'stopped',
    payload: { ...optReason(cmd), noticeNumber: optString(asObject(cmd.payload), 'noticeNumber') },
  }),
  apologize: (s, cmd) => {
    const p = asObject(cmd.payload);
    const why = reqString(p, 'reason');
    const newDueAt = reqInstant(p, 'newDueAt');
    if (newDueAt.getTime() <= toDate(s.dueAt!).getTime()) {
      throw new PayloadError('Ngày hẹn mới phải sau ngày hẹn hiện tại', 'newDueAt must be after the current due date');
    }
    return {
      toState: s.state,
      payload: { reason: why, newDueAt: iso(newDueAt) },
      clock: { dueAt: iso(newDueAt), previousDueAt: s.dueAt },
    };
  },
  mark_due_soon: (s) => (s.dueSoon ? null : { toState: s.state }),
  mark_overdue: (s) => (s.overdue ? null : { toState: s.state }),
  // Flags already set → no event (the sweep may run any number of times).
  mark_step_due_soon: (s) =>
    stepFlags(s).dueSoon ? null : { toState: s.state, payload: { stepKey: s.stepKey, stepDueAt: s.stepDueAt } },
  mark_step_overdue: (s) =>
    stepFlags(s).overdue ? null : { toState: s.state, payload: { stepKey: s.stepKey, stepDueAt: s.stepDueAt } },
  mark_consultation_due_soon: (s, _cmd, ctx) => {
    const ids = consultationsDueSoon(s, ctx).filter((c) => !c.dueSoonFlagged).map((c) => c.id);
    return ids.length === 0 ? null : { toState: s.state, payload: { consultationIds: ids } };
  },
  mark_consultation_overdue: (s, _cmd, ctx) => {
    const ids = consultationsOverdue(s, ctx).filter((c) => !c.overdueFlagged).map((c) => c.id);
    return ids.length === 0 ? null : { toState: s.state, payload: { consultationIds: ids } };
  },
};

function actorInfo(a: Actor): ActorInfo {
  const info: ActorInfo = { userId: a.userId, roles: [...a.roles], agencyId: a.agencyId };
  if (a.system) info.system = true;
  if (a.citizen) info.citizen = true;
  return info;
}

function toEvent(s: DossierState, cmd: Command, d: Draft, ctx: DecideContext): DossierEvent {
  return {
    dossierId: s.dossierId,
    version: s.version + 1,
    action: cmd.action,
    fromState: s.state,
    toState: d.toState,
    fromStepKey: s.stepKey,
    stepKey: d.stepKey !== undefined ? d.stepKey : s.stepKey,
    agencyId: d.agencyId ?? s.currentAgencyId,
    assigneeId: d.assigneeId !== undefined ? d.assigneeId : s.assigneeId,
    at: iso(ctx.now),
    actor: actorInfo(cmd.actor),
    note: cmd.note?.trim() || null,
    payload: d.payload ?? {},
    handover: d.handover ?? null,
    clock: d.clock ?? null,
  };
}

function errorOf(f: Fail, s: DossierState, actor: Actor, ctx: DecideContext): DecideError {
  return { ok: false, code: f.code, messageVi: f.vi, messageEn: f.en, allowed: allowedActions(s, actor, ctx) };
}

/**
 * Checks a command against the current state and returns the events it causes (0 or 1 events: 0 when an
 * idempotent system flag is already set). Never throws for bad input.
 */
export function decide(state: DossierState, command: Command, ctx: DecideContext): DecideResult {
  const { action, actor } = command;
  if (!isActionName(action)) {
    return errorOf(fail('UNKNOWN_ACTION', `Thao tác không tồn tại: ${String(action)}`, `Unknown action: ${String(action)}`), state, actor, ctx);
  }
  if (command.expectedVersion !== state.version) {
    return errorOf(
      fail('STALE_VERSION', 'Hồ sơ đã được cập nhật bởi người khác, vui lòng tải lại', 'The dossier has changed; reload and retry'),
      state,
      actor,
      ctx,
    );
  }
  const denied = check(state, action, actor, ctx);
  if (denied) return errorOf(denied, state, actor, ctx);
  try {
    const draft = BUILD[action](state, command, ctx);
    return { ok: true, events: draft === null ? [] : [toEvent(state, command, draft, ctx)] };
  } catch (e) {
    if (e instanceof PayloadError) return errorOf(fail('INVALID_PAYLOAD', e.messageVi, e.messageEn), state, actor, ctx);
    throw e;
  }
}

/** decide + evolve: the events and the state after them. */
export function execute(
  state: DossierState,
  command: Command,
  ctx: DecideContext,
): { ok: true; events: DossierEvent[]; state: DossierState } | DecideError {
  const r = decide(state, command, ctx);
  if (!r.ok) return r;
  return { ok: true, events: r.events, state: r.events.reduce(evolve, state) };
}

// ---------------------------------------------------------------------------------------------
// Creation: the `receive` event

export interface ReceiveInput {
  dossierId: string;
  channel: Channel;
  receivingAgencyId: string;
  competentAgencyId: string;
  /** Return point (boundary-free reception); defaults to the receiving centre. */
  returnAgencyId?: string | null;
  /** Dossier code, if already issued (in person: at acceptance; online: the portal may issue it). */
  code?: string | null;
  /** Online submission time (portal); defaults to now. */
  submittedAt?: Date | null;
  /**
   * 'accepted': checked and accepted at the counter (default for in person and postal);
   * 'registered': awaiting reception (default online).
   */
  outcome?: 'accepted' | 'registered';
  /** Start of the legal clock, normalised by the caller (15:00 cut-off, next working period). Default:
   * addWorkingHours(now, 0). */
  clockStartAt?: Date | null;
}

function receiveError(vi: string, en: string, code: ErrorCode = 'INVALID_PAYLOAD'): DecideError {
  return { ok: false, code, messageVi: vi, messageEn: en, allowed: [] };
}

/**
 * Creates the first event of a dossier (version 1; apply with evolve(null, event)).
 * - registered (online/postal awaiting reception): by the citizen, the system (national portal), or the desk;
 *   the dossier waits in the reception pool of the receiving centre, no clock yet;
 * - accepted (checked at the counter): by an official holding the first step's role at the receiving
 *   centre, who becomes the assignee; the clock starts at clockStartAt.
 */
export function receive(input: ReceiveInput, actor: Actor, ctx: DecideContext): DecideResult {
  const first = ctx.process.steps[0];
  if (!first) return receiveError('Quy trình chưa có bước nào', 'The process has no steps', 'PROCESS_MISMATCH');
  if (![1, 2, 3].includes(input.channel)) return receiveError('Kênh nộp không hợp lệ', 'channel must be 1, 2 or 3');
  for (const k of ['dossierId', 'receivingAgencyId', 'competentAgencyId'] as const) {
    if (typeof input[k] !== 'string' || input[k].trim() === '') return receiveError(`Thiếu ${k}`, `Missing ${k}`);
  }
  const outcome = input.outcome ?? (input.channel === 2 ? 'registered' : 'accepted');
  const atDesk = hasRole(actor, [first.role]) && inAgency(actor, input.receivingAgencyId);
  if (outcome === 'accepted' ? !atDesk : !(actor.citizen || actor.system || atDesk)) {
    return receiveError('Không có quyền tiếp nhận hồ sơ', 'Not allowed to receive this dossier', 'FORBIDDEN');
  }
  if (input.clockStartAt && input.clockStartAt.getTime() < ctx.now.getTime()) {
    return receiveError('Thời điểm bắt đầu tính hạn không được trước thời điểm tiếp nhận', 'clockStartAt must not be before reception');
  }
  const now = iso(ctx.now);
  let clock: ClockChange | null = null;
  if (outcome === 'accepted') {
    const start = input.clockStartAt ?? ctx.addWorkingHours(ctx.now, 0);
    const dueAt = iso(appointmentFrom(start, ctx));
    clock = {
      acceptedAt: now,
      clockStartAt: iso(start),
      dueAt,
      originalDueAt: dueAt,
      stepEnteredAt: iso(start),
      stepDueAt: iso(stepDueFrom(start, first.budgetHours, ctx)),
    };
  }
  const event: DossierEvent = {
    dossierId: input.dossierId,
    version: 1,
    action: 'receive',
    fromState: null,
    toState: outcome,
    fromStepKey: null,
    stepKey: first.key,
    agencyId: input.receivingAgencyId,
    assigneeId: outcome === 'accepted' ? actor.userId : null,
    at: now,
    actor: actorInfo(actor),
    note: null,
    payload: {
      channel: input.channel,
      code: input.code?.trim() || null,
      submittedAt: iso(input.submittedAt ?? ctx.now),
      receivingAgencyId: input.receivingAgencyId,
      competentAgencyId: input.competentAgencyId,
      returnAgencyId: input.returnAgencyId || input.receivingAgencyId,
    },
    handover: null,
    clock,
  };
  return { ok: true, events: [event] };
}

// ---------------------------------------------------------------------------------------------
// Actors

export function systemActor(): Actor {
  return { userId: 'system', roles: [], agencyId: '', system: true };
}

export function citizenActor(citizenId: string): Actor {
  return { userId: `citizen:${citizenId}`, roles: [], agencyId: '', citizen: true };
}
