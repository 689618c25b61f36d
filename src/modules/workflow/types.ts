// Types of the dossier state machine (see state-machine.ts). All instants are ISO-8601 UTC strings
// (`Date.prototype.toISOString()`), so states and events survive JSON (the event log, the projection row)
// unchanged; the context works with Date objects.

import type { ActionName, Role } from './actions.js';
import type { ProcessDefinition } from './process.js';

/** Internal states; `NATIONAL_STATUS` maps them to the 10 national statuses (§5.4). */
export const INTERNAL_STATES = [
  'registered', // 1 online, awaiting reception (mới đăng ký)
  'needs_completion', // 1 sent back before acceptance (form 02)
  'refused', // 3 terminal (form 03)
  'accepted', // 2 at the reception step, before hand-over
  'processing', // 4 at a step: in the step role's pool or with an official
  'awaiting_supplement', // 5 clock stopped
  'awaiting_payment', // 6 clock stopped if config.suspendOnPayment
  'transferred', // 4 with another agency (liên thông)
  'withdrawal_requested', // 7
  'stopped', // 8 terminal (form 05)
  'result_ready', // 9 result recorded (approved or rejected), at the return point
  'returned', // 10 terminal
] as const;
export type InternalState = (typeof INTERNAL_STATES)[number];

export const TERMINAL_STATES: readonly InternalState[] = ['refused', 'stopped', 'returned'];

/** Submission channel, DVCQG KenhThucHien: 1 in person, 2 online, 3 postal service. */
export type Channel = 1 | 2 | 3;

/**
 * Who acts. Officials: `roles` + the acting `agencyId` (+ optionally the units they belong to).
 * The citizen (applicant or representative, authenticated by the portal; the service layer checks that
 * they own the dossier): `{ userId: 'citizen:<id>', roles: [], agencyId: '', citizen: true }`.
 * The system (deadline sweeps, the payment gateway, integrations):
 * `{ userId: 'system', roles: [], agencyId: '', system: true }`. See citizenActor()/systemActor().
 */
export interface Actor {
  userId: string;
  roles: Role[];
  /** Acting agency (officials). */
  agencyId: string;
  /** Units (phòng) of the official; when given, steps with a unitId require membership. */
  unitIds?: string[];
  system?: boolean;
  citizen?: boolean;
}

export type ActorInfo = Pick<Actor, 'userId' | 'roles' | 'agencyId'> & { system?: true; citizen?: true };

export type Classification = 'early' | 'on_time' | 'late';

export interface WorkflowConfig {
  /** ND 118 Art. 11: supplement may be requested only once (default 1). */
  maxSupplementRequests: number;
  /** ND 61 Art. 19(9): reschedule at most once (default 1). */
  maxApologies: number;
  /** Working hours before dueAt from which a dossier is "due soon". */
  dueSoonHours: number;
  /** Waiting for payment stops the clock (default true). */
  suspendOnPayment?: boolean;
  /** A step finished at least this many working hours before its due instant is "early" (default 1). */
  earlyMarginHours?: number;
  /** Apology must be made at least this many working hours before dueAt (default 0: before dueAt). */
  apologyLeadHours?: number;
  /** Working hours before a step's or a consultation's due instant from which it is "due soon" (default 2). */
  stepDueSoonHours?: number;
}

export const DEFAULT_WORKFLOW_CONFIG: Required<WorkflowConfig> = {
  maxSupplementRequests: 1,
  maxApologies: 1,
  dueSoonHours: 8,
  suspendOnPayment: true,
  earlyMarginHours: 1,
  apologyLeadHours: 0,
  stepDueSoonHours: 2,
};

export interface DecideContext {
  now: Date;
  /** Working-time arithmetic of the agency's calendar; `addWorkingHours(x, 0)` may normalise x to the
   * next working instant. */
  addWorkingHours(from: Date, hours: number): Date;
  /** Working hours in [a, b]; callers here only ask with a ≤ b. */
  workingHoursBetween(a: Date, b: Date): number;
  /** For same-day processes (legalLimitHours = 0): end of the working day containing (or following) d. */
  endOfWorkingDay?(d: Date): Date;
  process: ProcessDefinition;
  config: WorkflowConfig;
}

export interface Suspension {
  kind: 'supplement' | 'payment';
  start: string;
  end: string | null;
  stepKey: string | null;
}

export interface ResultDocument {
  /** Số văn bản / số giấy tờ. */
  number: string;
  /** Ngày ký, YYYY-MM-DD. */
  date: string;
  /** Người ký. */
  signer: string;
  title: string | null;
  fileId: string | null;
}

export interface DossierResult {
  outcome: 'approved' | 'rejected';
  documents: ResultDocument[];
  reason: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface TransferLeg {
  id: string;
  fromAgencyId: string;
  fromStepKey: string | null;
  toAgencyId: string;
  sentAt: string;
  /** Deadline given to the other agency (if any). */
  dueAt: string | null;
  /** Working hours left on the origin step when it was transferred (restored on return). */
  stepRemainingHours: number;
  returnedAt: string | null;
  classification: Classification | null;
  result: ResultDocument[] | null;
}

export interface Consultation {
  id: string;
  agencyId: string;
  stepKey: string | null;
  requestedBy: string;
  requestedAt: string;
  dueAt: string;
  question: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  answer: string | null;
  classification: Classification | null;
  /** Set by the deadline sweep (system events); absent until then. Never moves dueAt. */
  dueSoonFlagged?: boolean;
  overdueFlagged?: boolean;
}

/** One fee line of an official's payment request (phí / lệ phí), possibly exempted (miễn) with its reason. */
export interface FeeRequestLine {
  name: string;
  kind: 'phi' | 'le_phi';
  /** Unit amount in đồng. */
  amount: number;
  quantity: number;
  /** amount × quantity, 0 when exempt. */
  total: number;
  exemptReason: string | null;
  legalBasis: string | null;
}

export interface Payment {
  requestedAt: string;
  amount: number | null;
  /** The official's lines (null: a request with one amount, or none). */
  lines?: FeeRequestLine[] | null;
  paidAt: string | null;
  receiptNumber: string | null;
  method: string | null;
}

export interface Appointment {
  /** When the appointment was set. */
  at: string;
  reason: 'accept' | 'supplement' | 'apology';
  previousDueAt: string | null;
  dueAt: string;
}

export interface ReturnInfo {
  method: 'counter' | 'post' | 'online';
  trackingNumber: string | null;
  recipient: string | null;
  returnedAt: string;
  returnedBy: string;
}

export interface DossierState {
  dossierId: string;
  code: string | null;
  channel: Channel;
  version: number;
  state: InternalState;
  stepKey: string | null;
  assigneeId: string | null;
  /** Agency holding the dossier now (its inbox). */
  currentAgencyId: string;
  receivingAgencyId: string;
  competentAgencyId: string;
  returnAgencyId: string;
  submittedAt: string;
  acceptedAt: string | null;
  /** Start of the legal clock (acceptance, normalised to working time by the caller/calendar). */
  clockStartAt: string | null;
  /** Legal appointment (ngày hẹn trả); moves on apology and restarts after a supplement. */
  dueAt: string | null;
  /** Indicator clock (QĐ 766): the first appointment; never moves. */
  originalDueAt: string | null;
  stepEnteredAt: string | null;
  stepDueAt: string | null;
  appointments: Appointment[];
  suspensions: Suspension[];
  completionRequests: number;
  supplementRequests: number;
  apologies: number;
  lateForIndicators: boolean;
  /** State to go back to after awaiting_supplement / awaiting_payment. */
  pausedFrom: InternalState | null;
  /** State to go back to if a withdrawal request is cancelled. */
  withdrawalFrom: InternalState | null;
  visitedSteps: string[];
  /** Last official who completed each step (send_back/return_transfer give it back to them). */
  stepHandlers: Record<string, string>;
  transfers: TransferLeg[];
  openConsultations: Consultation[];
  closedConsultations: Consultation[];
  payments: Payment[];
  approval: { by: string; at: string } | null;
  result: DossierResult | null;
  /** End of processing (NgayKetThucXuLy): result recorded/rejected, refused or stopped. */
  finishedAt: string | null;
  returned: ReturnInfo | null;
  dueSoon: boolean;
  overdue: boolean;
  /**
   * Step deadline flags (deadline sweep): the `stepDueAt` value that was flagged due soon / overdue. The
   * current step is flagged iff the value equals the current `stepDueAt`, so entering a new step (a new
   * stepDueAt) clears the flags without a reset. Absent until the first flag (older dossiers too).
   */
  stepDueSoonFor?: string | null;
  stepOverdueFor?: string | null;
  updatedAt: string;
}

/** Who gave / received the dossier in a hand-over (form 06 row). */
export interface HandoverParty {
  agencyId: string | null;
  stepKey: string | null;
  userId: string | null;
  /** The applicant (last row: result returned to the citizen). */
  applicant?: true;
}

export interface Handover {
  from: HandoverParty;
  to: HandoverParty;
  at: string;
  /** Due instant of what was just finished (the step, or the transfer leg). */
  dueAt: string | null;
  /** Working hours to spare (negative = late), null when there was no due instant. */
  marginHours: number | null;
  classification: Classification | null;
}

/** Clock values set by the event (absent = unchanged). */
export interface ClockChange {
  acceptedAt?: string;
  clockStartAt?: string;
  dueAt?: string;
  originalDueAt?: string;
  stepEnteredAt?: string | null;
  stepDueAt?: string | null;
  /** Informational: the appointment before this event (apology, supplement restart). */
  previousDueAt?: string | null;
}

export type EventAction = ActionName | 'receive';

export interface DossierEvent {
  dossierId: string;
  /** state.version + 1; the creation event has version 1. */
  version: number;
  action: EventAction;
  fromState: InternalState | null;
  toState: InternalState;
  fromStepKey: string | null;
  /** Step after the event. */
  stepKey: string | null;
  /** Holder after the event. */
  agencyId: string;
  /** Assignee after the event. */
  assigneeId: string | null;
  at: string;
  actor: ActorInfo;
  note: string | null;
  /** The command payload, validated and normalised (only known fields). */
  payload: Record<string, unknown>;
  handover: Handover | null;
  clock: ClockChange | null;
}

export interface Command {
  action: ActionName;
  actor: Actor;
  expectedVersion: number;
  payload?: unknown;
  /** Free-text remark (ghi chú), shown on the control slip. */
  note?: string | null;
}

export type ErrorCode =
  | 'STALE_VERSION'
  | 'UNKNOWN_ACTION'
  | 'ACTION_NOT_ALLOWED'
  | 'FORBIDDEN'
  | 'INVALID_PAYLOAD'
  | 'LIMIT_REACHED'
  | 'NOT_DUE'
  | 'TOO_LATE'
  | 'CLOCK_STOPPED'
  | 'RESULT_ALREADY_ISSUED'
  | 'PROCESS_MISMATCH';

export interface DecideError {
  ok: false;
  code: ErrorCode;
  messageVi: string;
  messageEn: string;
  allowed: ActionName[];
  /** INVALID_PAYLOAD: the failing field inside the payload (e.g. `lines.2.amount`). */
  path?: string;
}

export type DecideResult = { ok: true; events: DossierEvent[] } | DecideError;
