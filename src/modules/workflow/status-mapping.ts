// The internal state → national status mapping (§5.4), as exposed by GET /api/v1/workflow/statuses. Pure.
import { ACTION_LABELS, ACTION_NAMES, SYSTEM_FLAG_ACTIONS } from './actions.js';
import { INTERNAL_STATES, NATIONAL_STATUS, NATIONAL_STATUS_LABELS, isTerminal } from './state-machine.js';

export function statusMapping() {
  const states = INTERNAL_STATES.map((state) => {
    const n = NATIONAL_STATUS[state];
    return { state, nationalStatus: n, labelVi: NATIONAL_STATUS_LABELS[n]!.vi, labelEn: NATIONAL_STATUS_LABELS[n]!.en, terminal: isTerminal(state) };
  });
  const nationalStatuses = Object.entries(NATIONAL_STATUS_LABELS)
    .map(([code, l]) => ({
      code: Number(code),
      labelVi: l.vi,
      labelEn: l.en,
      states: INTERNAL_STATES.filter((s) => NATIONAL_STATUS[s] === Number(code)),
    }))
    .sort((a, b) => a.code - b.code);
  // action labels (event log display); `system`: deadline flags written by the sweep, never offered to officials
  const actions = ACTION_NAMES.map((action) => ({ action, vi: ACTION_LABELS[action].vi, en: ACTION_LABELS[action].en, system: SYSTEM_FLAG_ACTIONS.includes(action) }));
  return { states, nationalStatuses, actions };
}
