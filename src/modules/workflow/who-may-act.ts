// Who may do what (guard 4 of decide): step actions by the current step's role in the holding agency (and
// the assignee), dossier actions by the actor the rule names (citizen, desk, leader, consulted agency, system).
import { LEADER_ROLES, type ActionName, type Role } from './actions.js';
import { findStep, type ProcessStep } from './process.js';
import type { Actor, DecideContext, DossierState } from './types.js';
import { fail, forbidden, notAllowed, type Fail } from './decide-fail.js';

export const isOfficial = (a: Actor): boolean => !a.system && !a.citizen;
export const hasRole = (a: Actor, roles: readonly Role[]): boolean => isOfficial(a) && a.roles.some((r) => roles.includes(r));

export function currentStep(s: DossierState, ctx: DecideContext): ProcessStep | undefined {
  return findStep(ctx.process, s.stepKey);
}

/** The actor holds the step's role in the holding agency (and unit, when known). */
export function holdsStepRole(s: DossierState, step: ProcessStep, actor: Actor): Fail | null {
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

export const TRANSFER_ROLES: Role[] = ['reception', 'handler', 'unit_leader', 'agency_leader', 'clerk'];

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

export function inAgency(actor: Actor, ...agencyIds: string[]): boolean {
  return isOfficial(actor) && agencyIds.includes(actor.agencyId);
}

/** The one-stop desk (reception role at the receiving centre). */
export const isDesk = (s: DossierState, a: Actor): boolean => hasRole(a, ['reception']) && inAgency(a, s.receivingAgencyId);

export type Who = (s: DossierState, actor: Actor, ctx: DecideContext) => Fail | null;

const onlyIf =
  (test: (s: DossierState, a: Actor, ctx: DecideContext) => boolean, vi: string, en: string): Who =>
  (s, a, ctx) =>
    test(s, a, ctx) ? null : forbidden(vi, en);

export const WHO: Record<ActionName, Who> = {
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
  // the system returns a result the postal service confirmed as delivered (the postal integration)
  return_result: (s, a, ctx) => (a.system ? null : stepActor('return_result')(s, a, ctx)),
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
