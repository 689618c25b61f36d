// Creation of a dossier: the `receive` event (version 1), online / postal registration or acceptance at
// the counter.
import { appointmentFrom, iso, stepDueFrom } from './deadlines.js';
import type {
  Actor,
  Channel,
  ClockChange,
  DecideContext,
  DecideError,
  DecideResult,
  DossierEvent,
  ErrorCode,
} from './types.js';
import { hasRole, inAgency } from './who-may-act.js';
import { actorInfo } from './event-draft.js';

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
