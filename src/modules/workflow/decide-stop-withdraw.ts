// Ends before a result: refuse at reception, withdrawal requested / cancelled, processing stopped (form 05).
import type { ActionName } from './actions.js';
import { asObject, optString } from './payload.js';
import { optReason, reason, type Build } from './event-draft.js';

export const STOP_WITHDRAW_DECIDERS = {
  refuse: (_s, cmd) => ({ toState: 'refused', payload: reason(cmd) }),
  request_withdrawal: (_s, cmd) => ({ toState: 'withdrawal_requested', payload: optReason(cmd) }),
  cancel_withdrawal: (s, cmd) => ({ toState: s.withdrawalFrom ?? 'processing', payload: optReason(cmd) }),
  stop: (_s, cmd) => ({
    toState: 'stopped',
    payload: { ...optReason(cmd), noticeNumber: optString(asObject(cmd.payload), 'noticeNumber') },
  }),
} satisfies Partial<Record<ActionName, Build>>;
