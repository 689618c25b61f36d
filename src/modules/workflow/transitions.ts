// The transition table: from which states each action may be taken, where it leads, and who does it
// (configured per process step, or fixed by the rule). The checks on who are in who-may-act.ts.
import type { ActionName } from './actions.js';
import type { InternalState } from './types.js';


/**
 * Target of a transition:
 * - a state;
 * - 'same': no state change (flags, assignment, consultations, apology);
 * - 'resume': back to the state before the pause (pausedFrom / withdrawalFrom);
 * - 'by_step': 'accepted' when the target step is the first (reception) step, else 'processing'.
 */
export type TransitionTarget = InternalState | 'same' | 'resume' | 'by_step';

export interface Transition {
  from: readonly InternalState[];
  to: TransitionTarget;
  /** 'step': configured per process step, done by the step's role; 'dossier': actor fixed by the rule. */
  scope: 'step' | 'dossier';
  /** Who may do it (documentation; the check is in WHO). */
  by: string;
}

const PRE_ACCEPTANCE: InternalState[] = ['registered', 'needs_completion'];
const IN_HAND: InternalState[] = ['accepted', 'processing'];
/** Accepted, not finished, clock may run (apology, deadline flags). */
const ACTIVE: InternalState[] = ['accepted', 'processing', 'awaiting_payment', 'transferred', 'withdrawal_requested'];
const CAN_WITHDRAW: InternalState[] = [...PRE_ACCEPTANCE, ...IN_HAND, 'awaiting_supplement', 'awaiting_payment', 'transferred'];
const OPEN_AFTER_ACCEPTANCE: InternalState[] = [
  'accepted', 'processing', 'awaiting_supplement', 'awaiting_payment', 'transferred', 'withdrawal_requested', 'result_ready',
];

export const TRANSITIONS: Readonly<Record<ActionName, Transition>> = {
  accept: { from: ['registered'], to: 'accepted', scope: 'step', by: 'reception step role' },
  request_completion: { from: ['registered'], to: 'needs_completion', scope: 'step', by: 'reception step role' },
  resubmit: { from: ['needs_completion'], to: 'registered', scope: 'dossier', by: 'citizen, or reception at the receiving centre' },
  refuse: { from: PRE_ACCEPTANCE, to: 'refused', scope: 'step', by: 'reception step role' },
  claim: { from: ['registered', 'accepted', 'processing', 'transferred', 'result_ready'], to: 'same', scope: 'dossier', by: 'step role in the holding agency (any processing role when transferred), if unassigned' },
  assign: { from: ['registered', 'accepted', 'processing', 'transferred', 'result_ready'], to: 'same', scope: 'dossier', by: 'unit or agency leader of the holding agency' },
  forward: { from: IN_HAND, to: 'by_step', scope: 'step', by: 'step role (assignee)' },
  send_back: { from: ['processing'], to: 'by_step', scope: 'step', by: 'step role (assignee)' },
  approve: { from: ['processing'], to: 'by_step', scope: 'step', by: 'step role (leader)' },
  request_supplement: { from: IN_HAND, to: 'awaiting_supplement', scope: 'step', by: 'step role (assignee)' },
  receive_supplement: { from: ['awaiting_supplement'], to: 'resume', scope: 'dossier', by: 'citizen, system, reception at the receiving centre or the step role' },
  request_payment: { from: [...IN_HAND, 'result_ready'], to: 'awaiting_payment', scope: 'step', by: 'step role (assignee)' },
  confirm_payment: { from: ['awaiting_payment'], to: 'resume', scope: 'dossier', by: 'system (gateway), cashier or reception' },
  consult: { from: ['processing'], to: 'same', scope: 'step', by: 'step role (assignee)' },
  answer_consultation: { from: OPEN_AFTER_ACCEPTANCE, to: 'same', scope: 'dossier', by: 'official of the consulted agency, or system' },
  transfer: { from: ['processing'], to: 'transferred', scope: 'step', by: 'step role (assignee)' },
  return_transfer: { from: ['transferred'], to: 'by_step', scope: 'dossier', by: 'official of the agency holding the transfer, or system' },
  reject: { from: ['processing'], to: 'result_ready', scope: 'step', by: 'step role (leader)' },
  record_result: { from: ['processing'], to: 'result_ready', scope: 'step', by: 'step role (clerk)' },
  return_result: { from: ['result_ready'], to: 'returned', scope: 'step', by: 'step role (return officer)' },
  request_withdrawal: { from: CAN_WITHDRAW, to: 'withdrawal_requested', scope: 'dossier', by: 'citizen, system, or reception on their behalf' },
  cancel_withdrawal: { from: ['withdrawal_requested'], to: 'resume', scope: 'dossier', by: 'citizen, system, or reception at the receiving centre' },
  stop: { from: ['withdrawal_requested'], to: 'stopped', scope: 'dossier', by: 'reception at the receiving centre' },
  apologize: { from: ACTIVE, to: 'same', scope: 'dossier', by: 'unit or agency leader of the competent or holding agency' },
  mark_due_soon: { from: ACTIVE, to: 'same', scope: 'dossier', by: 'system' },
  mark_overdue: { from: ACTIVE, to: 'same', scope: 'dossier', by: 'system' },
  mark_step_due_soon: { from: ACTIVE, to: 'same', scope: 'dossier', by: 'system' },
  mark_step_overdue: { from: ACTIVE, to: 'same', scope: 'dossier', by: 'system' },
  mark_consultation_due_soon: { from: OPEN_AFTER_ACCEPTANCE, to: 'same', scope: 'dossier', by: 'system' },
  mark_consultation_overdue: { from: OPEN_AFTER_ACCEPTANCE, to: 'same', scope: 'dossier', by: 'system' },
};
