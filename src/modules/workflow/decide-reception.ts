// Reception at the desk: accept (the legal clock starts), ask the applicant to complete, resubmit.
import type { ActionName } from './actions.js';
import { appointmentFrom, iso, stepDueFrom } from './deadlines.js';
import { PayloadError, asObject, optInstant, optString, optStringList } from './payload.js';
import { currentStep } from './who-may-act.js';
import { reason, type Build } from './event-draft.js';

export const RECEPTION_DECIDERS = {
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
} satisfies Partial<Record<ActionName, Build>>;
