// Limits and timing (guard 5 of decide, payload-free): supplement and apology limits, deadlines that must
// not have passed or must have come, results already issued; then the whole check (guards 3–5) behind
// allowedActions().
import { ACTION_NAMES, type ActionName } from './actions.js';
import { clockRunning, fullConfig, hoursBetween, toDate } from './deadlines.js';
import { forwardTargets, reachableFrom } from './process.js';
import type { Actor, DecideContext, DossierState } from './types.js';
import { fail, notAllowed, type Fail } from './decide-fail.js';
import { WHO, currentStep } from './who-may-act.js';
import { TRANSITIONS } from './transitions.js';
import { isTerminal } from './national-status.js';

/** Earlier steps: already visited, and the current step can be reached from them again. */
export function sendBackTargets(s: DossierState, ctx: DecideContext): string[] {
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

export const consultationsDueSoon = (s: DossierState, ctx: DecideContext) => s.openConsultations.filter((c) => isSoon(c.dueAt, ctx));
export const consultationsOverdue = (s: DossierState, ctx: DecideContext) => s.openConsultations.filter((c) => isPast(c.dueAt, ctx));

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

export function check(s: DossierState, action: ActionName, actor: Actor, ctx: DecideContext): Fail | null {
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
