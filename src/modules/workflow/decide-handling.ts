// Handling inside the process: claim, assign, forward / approve to a next step, send back to an earlier one.
import type { ActionName } from './actions.js';
import { PayloadError, asObject, optString, reqString } from './payload.js';
import { findStep, forwardTargets } from './process.js';
import type { Command, DecideContext, DossierState } from './types.js';
import { currentStep } from './who-may-act.js';
import { sendBackTargets } from './action-limits.js';
import { enter, handoverFromStep, optUser, party, stateAtStep, type Build, type Draft } from './event-draft.js';

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

export const HANDLING_DECIDERS = {
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
} satisfies Partial<Record<ActionName, Build>>;
