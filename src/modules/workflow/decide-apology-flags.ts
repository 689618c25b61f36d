// Apology with a new appointment (form 04), and the system's deadline flags (idempotent: a flag already
// set makes no event, so the sweep may run any number of times).
import type { ActionName } from './actions.js';
import { iso, toDate } from './deadlines.js';
import { PayloadError, asObject, reqInstant, reqString } from './payload.js';
import { consultationsDueSoon, consultationsOverdue, stepFlags } from './action-limits.js';
import type { Build } from './event-draft.js';

export const APOLOGY_FLAG_DECIDERS = {
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
} satisfies Partial<Record<ActionName, Build>>;
