// Supplement: ask once for missing papers (the clock stops), receive them (the legal clock restarts).
import type { ActionName } from './actions.js';
import { appointmentFrom, iso } from './deadlines.js';
import { asObject, optStringList } from './payload.js';
import type { ClockChange } from './types.js';
import { reason, resumeClock, type Build } from './event-draft.js';

export const SUPPLEMENT_DECIDERS = {
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
} satisfies Partial<Record<ActionName, Build>>;
