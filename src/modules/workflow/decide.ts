// The dispatcher: decide(state, command, ctx) runs the guards in order (action, version, then
// action-limits.ts check) and the action's decider; execute() is decide + evolve.
import { isActionName, type ActionName } from './actions.js';
import { PayloadError } from './payload.js';
import type { Actor, Command, DecideContext, DecideError, DecideResult, DossierEvent, DossierState } from './types.js';
import { fail, type Fail } from './decide-fail.js';
import type { Build } from './event-draft.js';
import { evolve } from './evolve.js';
import { allowedActions, check } from './action-limits.js';
import { toEvent } from './event-draft.js';
import { RECEPTION_DECIDERS } from './decide-reception.js';
import { HANDLING_DECIDERS } from './decide-handling.js';
import { SUPPLEMENT_DECIDERS } from './decide-supplement.js';
import { TRANSFER_CONSULT_DECIDERS } from './decide-transfer-consult.js';
import { RESULT_PAYMENT_DECIDERS } from './decide-result-payment.js';
import { STOP_WITHDRAW_DECIDERS } from './decide-stop-withdraw.js';
import { APOLOGY_FLAG_DECIDERS } from './decide-apology-flags.js';

/** One decider per action; the type makes a missing action a compile error. */
const BUILD: Record<ActionName, Build> = {
  ...RECEPTION_DECIDERS,
  ...HANDLING_DECIDERS,
  ...SUPPLEMENT_DECIDERS,
  ...TRANSFER_CONSULT_DECIDERS,
  ...RESULT_PAYMENT_DECIDERS,
  ...STOP_WITHDRAW_DECIDERS,
  ...APOLOGY_FLAG_DECIDERS,
};

function errorOf(f: Fail, s: DossierState, actor: Actor, ctx: DecideContext, path?: string): DecideError {
  return { ok: false, code: f.code, messageVi: f.vi, messageEn: f.en, allowed: allowedActions(s, actor, ctx), ...(path ? { path } : {}) };
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
    if (e instanceof PayloadError) return errorOf(fail('INVALID_PAYLOAD', e.messageVi, e.messageEn), state, actor, ctx, e.path);
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
