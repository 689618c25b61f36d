// Internal process definitions (quy trình nội bộ): the steps a dossier of a procedure goes through,
// who acts at each step, and the time allowance (working hours) of each step.
// Pure: no I/O. A dossier is pinned to the process version it was received under (the version id lives
// in the database row, not here).

import { ROLE_NAMES } from '../../platform/auth/roles.js';
import {
  ACTION_LABELS,
  ROLE_STEP_ACTIONS,
  isActionName,
  isRole,
  isStepAction,
  type ActionName,
  type Role,
} from './actions.js';

export type { ActionName, Role } from './actions.js';

/**
 * Where a step is carried out. Resolved per dossier (boundary-free reception, §0.5: a dossier keeps a
 * receiving desk, a competent agency and a return point, which may all differ):
 * - 'receiving_centre': the desk that received the dossier (Bộ phận Một cửa / Trung tâm PVHCC);
 * - 'competent_agency': the agency competent to decide (cơ quan có thẩm quyền);
 * - 'return_point': where the applicant collects the result (defaults to the receiving desk);
 * - { agencyId }: a fixed agency (e.g. a provincial department always consulted in this procedure).
 */
export type StepAgency = 'receiving_centre' | 'competent_agency' | 'return_point' | { agencyId: string };

export interface ProcessStep {
  key: string;
  nameVi: string;
  nameEn: string;
  role: Role;
  agency: StepAgency;
  /** Unit (phòng) inside the agency; checked only when the actor carries unit ids. */
  unitId?: string | null;
  /** Time allowance in working hours (0 = immediately / same day for a same-day process). */
  budgetHours: number;
  /** Step actions available at this step (see ROLE_STEP_ACTIONS). */
  actions: ActionName[];
  /** Keys of the steps this step may forward to; [] = final step (must return the result). */
  next: string[];
}

export interface ProcessDefinition {
  steps: ProcessStep[];
  /** Legal time limit of the procedure in working hours (8 per working day); 0 = same day ("trong ngày"). */
  legalLimitHours: number;
}

export interface ProcessIssue {
  path: string;
  code: ProcessIssueCode;
  messageVi: string;
  messageEn: string;
}

export type ProcessIssueCode =
  | 'EMPTY_PROCESS'
  | 'INVALID_LEGAL_LIMIT'
  | 'EMPTY_KEY'
  | 'DUPLICATE_KEY'
  | 'MISSING_NAME'
  | 'UNKNOWN_ROLE'
  | 'INVALID_AGENCY'
  | 'INVALID_BUDGET'
  | 'BUDGET_EXCEEDS_LIMIT'
  | 'FIRST_STEP_NOT_RECEPTION'
  | 'FIRST_STEP_CANNOT_ACCEPT'
  | 'UNKNOWN_ACTION'
  | 'NOT_A_STEP_ACTION'
  | 'ACTION_NOT_FOR_ROLE'
  | 'UNKNOWN_NEXT'
  | 'NEXT_IS_SELF'
  | 'UNREACHABLE_STEP'
  | 'NO_EXIT'
  | 'FINAL_STEP_CANNOT_RETURN'
  | 'RESULT_NOT_RECORDED'
  | 'RESULT_STEP_NEXT_NOT_FINAL';

// ---------------------------------------------------------------------------------------------
// Graph helpers

export function findStep(def: ProcessDefinition, key: string | null | undefined): ProcessStep | undefined {
  return key == null ? undefined : def.steps.find((s) => s.key === key);
}

export function isFinalStep(step: ProcessStep): boolean {
  return step.next.length === 0;
}

/** Keys reachable from `fromKey` following `next` (including `fromKey` itself). */
export function reachableFrom(def: ProcessDefinition, fromKey: string): Set<string> {
  const seen = new Set<string>();
  const queue = [fromKey];
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (seen.has(key)) continue;
    const step = findStep(def, key);
    if (!step) continue;
    seen.add(key);
    queue.push(...step.next);
  }
  return seen;
}

/** Nearest final step reachable from `fromKey` (breadth-first, in `next` order), or undefined. */
export function nearestFinalStep(def: ProcessDefinition, fromKey: string): ProcessStep | undefined {
  const seen = new Set<string>();
  const queue = [fromKey];
  while (queue.length > 0) {
    const step = findStep(def, queue.shift()!);
    if (!step || seen.has(step.key)) continue;
    seen.add(step.key);
    if (isFinalStep(step)) return step;
    queue.push(...step.next);
  }
  return undefined;
}

/**
 * Steps the dossier may be forwarded/approved into from `step`. A final step may only be entered by
 * `record_result`/`reject` (the result must exist before it goes to the return desk), unless the final
 * step records the result itself.
 */
export function forwardTargets(def: ProcessDefinition, step: ProcessStep): ProcessStep[] {
  return step.next
    .map((k) => findStep(def, k))
    .filter((s): s is ProcessStep => !!s && (!isFinalStep(s) || s.actions.includes('record_result')));
}

// ---------------------------------------------------------------------------------------------
// Default process

export type DefaultStepKey = 'reception' | 'handling' | 'approval' | 'issue' | 'return';

export interface DefaultProcessOptions {
  /** Relative weights of the steps (defaults: reception 10, handling 60, approval 15, issue 5, return 10). */
  weights?: Partial<Record<DefaultStepKey, number>>;
  handlerUnitId?: string | null;
  leaderUnitId?: string | null;
  clerkUnitId?: string | null;
}

const DEFAULT_WEIGHTS: Record<DefaultStepKey, number> = {
  reception: 10,
  handling: 60,
  approval: 15,
  issue: 5,
  return: 10,
};

/** Tie-break order when distributing leftover half hours, and donor order for empty steps. */
const PRIORITY: DefaultStepKey[] = ['handling', 'reception', 'approval', 'return', 'issue'];

/**
 * Splits `legalLimitHours` into step budgets in half hours, proportionally to `weights`, so that the
 * budgets sum exactly to the limit:
 * 1. the limit is counted in half-hour units; largest-remainder rounding; ties go to handling, reception,
 *    approval, return, issue in that order;
 * 2. a step left with 0 takes one half hour from the largest step (if that keeps ≥ 1 unit), so with a
 *    limit ≥ 2.5 h every step has at least 30 minutes (4 h → 0.5/2/0.5/0.5/0.5; 8 h → 1/5/1/0.5/0.5;
 *    40 h → 4/24/6/2/4);
 * 3. a limit that is not a multiple of 0.5 h gives the rest (< 0.5 h) to handling;
 * 4. 0 = same day ("trong ngày"): every budget is 0 and the deadlines come from
 *    `DecideContext.endOfWorkingDay` (see state-machine.ts).
 */
export function allocateBudgets(
  legalLimitHours: number,
  weights: Partial<Record<DefaultStepKey, number>> = {},
): Record<DefaultStepKey, number> {
  if (!Number.isFinite(legalLimitHours) || legalLimitHours < 0) {
    throw new RangeError(`legalLimitHours must be a finite number ≥ 0, got ${legalLimitHours}`);
  }
  const w = { ...DEFAULT_WEIGHTS, ...weights };
  for (const k of PRIORITY) {
    if (!Number.isFinite(w[k]) || w[k] < 0) throw new RangeError(`weight of ${k} must be ≥ 0`);
  }
  const totalWeight = PRIORITY.reduce((sum, k) => sum + w[k], 0) || 1;
  const units = Math.floor(legalLimitHours * 2 + 1e-9);
  const quota = Object.fromEntries(PRIORITY.map((k) => [k, (units * w[k]) / totalWeight])) as Record<
    DefaultStepKey,
    number
  >;
  const alloc = Object.fromEntries(PRIORITY.map((k) => [k, Math.floor(quota[k] + 1e-9)])) as Record<
    DefaultStepKey,
    number
  >;
  let left = units - PRIORITY.reduce((sum, k) => sum + alloc[k], 0);
  const remainder = (k: DefaultStepKey) => quota[k] - alloc[k];
  const byRemainder = [...PRIORITY].sort((a, b) => {
    const d = remainder(b) - remainder(a);
    return Math.abs(d) > 1e-9 ? d : PRIORITY.indexOf(a) - PRIORITY.indexOf(b);
  });
  for (const k of byRemainder) {
    if (left <= 0) break;
    alloc[k] += 1;
    left -= 1;
  }
  for (const k of [...PRIORITY].reverse()) {
    if (alloc[k] > 0 || w[k] === 0) continue;
    const donor = [...PRIORITY].sort((a, b) => alloc[b] - alloc[a])[0]!;
    if (alloc[donor] > 1) {
      alloc[donor] -= 1;
      alloc[k] += 1;
    }
  }
  const rest = legalLimitHours - units / 2;
  return Object.fromEntries(
    PRIORITY.map((k) => [k, alloc[k] / 2 + (k === 'handling' ? rest : 0)]),
  ) as Record<DefaultStepKey, number>;
}

/**
 * The usual internal process: reception at the centre → handling in the competent agency → unit leader
 * approval → clerk issues the result → return at the return point. Budgets sum exactly to the limit
 * (see allocateBudgets).
 */
export function defaultProcess(legalLimitHours: number, opts: DefaultProcessOptions = {}): ProcessDefinition {
  const b = allocateBudgets(legalLimitHours, opts.weights);
  return {
    legalLimitHours,
    steps: [
      {
        key: 'reception',
        nameVi: 'Tiếp nhận hồ sơ',
        nameEn: 'Reception',
        role: 'reception',
        agency: 'receiving_centre',
        unitId: null,
        budgetHours: b.reception,
        actions: ['accept', 'request_completion', 'refuse', 'forward', 'request_payment'],
        next: ['handling'],
      },
      {
        key: 'handling',
        nameVi: 'Thẩm định, xử lý hồ sơ',
        nameEn: 'Appraisal and handling',
        role: 'handler',
        agency: 'competent_agency',
        unitId: opts.handlerUnitId ?? null,
        budgetHours: b.handling,
        actions: ['forward', 'send_back', 'request_supplement', 'request_payment', 'consult', 'transfer'],
        next: ['approval'],
      },
      {
        key: 'approval',
        nameVi: 'Phê duyệt, ký kết quả',
        nameEn: 'Approval and signature',
        role: 'unit_leader',
        agency: 'competent_agency',
        unitId: opts.leaderUnitId ?? null,
        budgetHours: b.approval,
        actions: ['approve', 'reject', 'send_back'],
        next: ['issue'],
      },
      {
        key: 'issue',
        nameVi: 'Vào số, đóng dấu, phát hành kết quả',
        nameEn: 'Numbering and issuing the result',
        role: 'clerk',
        agency: 'competent_agency',
        unitId: opts.clerkUnitId ?? null,
        budgetHours: b.issue,
        actions: ['record_result', 'send_back'],
        next: ['return'],
      },
      {
        key: 'return',
        nameVi: 'Trả kết quả',
        nameEn: 'Return of the result',
        role: 'return_officer',
        agency: 'return_point',
        unitId: null,
        budgetHours: b.return,
        actions: ['return_result', 'request_payment'],
        next: [],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Validation

/** A name to show for something the message is about, in both languages. */
interface Label {
  vi: string;
  en: string;
}
const same = (x: string): Label => ({ vi: x, en: x });
const NONE: Label = same('');

/** A step as people know it: its name in quotes ("Thẩm định, xử lý"), else its position; never the internal key. */
function stepLabel(def: ProcessDefinition | null, keyOrStep: string | ProcessStep, index?: number): Label {
  const step = typeof keyOrStep === 'string' ? def?.steps.find((s) => s.key === keyOrStep) : keyOrStep;
  const i = index ?? (step && def ? def.steps.indexOf(step) : -1);
  const pos = i >= 0 ? { vi: `số ${i + 1}`, en: `${i + 1}` } : null;
  if (step?.nameVi?.trim() && step.nameEn?.trim()) return { vi: `“${step.nameVi.trim()}”`, en: `“${step.nameEn.trim()}”` };
  if (pos) return pos;
  return same(`“${typeof keyOrStep === 'string' ? keyOrStep : keyOrStep.key}”`);
}
function actionLabel(a: string): Label {
  return isActionName(a) ? { vi: `“${ACTION_LABELS[a].vi}”`, en: `“${ACTION_LABELS[a].en}”` } : same(`“${a}”`);
}
function roleLabel(r: string): Label {
  return isRole(r) ? { vi: ROLE_NAMES[r].vi.toLowerCase(), en: ROLE_NAMES[r].en.toLowerCase() } : same(`“${r}”`);
}

const MESSAGES: Record<ProcessIssueCode, (x: Label, y: Label) => [vi: string, en: string]> = {
  EMPTY_PROCESS: () => ['Quy trình chưa có bước nào', 'The process has no steps'],
  INVALID_LEGAL_LIMIT: (x) => [`Thời hạn giải quyết không hợp lệ: ${x.vi}`, `Invalid legal time limit: ${x.en}`],
  EMPTY_KEY: () => ['Mã bước không được để trống', 'Step key must not be empty'],
  DUPLICATE_KEY: (x) => [`Mã bước bị trùng: ${x.vi}`, `Duplicate step key: ${x.en}`],
  MISSING_NAME: (x) => [`Bước ${x.vi} chưa có tên`, `Step ${x.en} has no name`],
  UNKNOWN_ROLE: (x) => [`Vai trò không hợp lệ: ${x.vi}`, `Unknown role: ${x.en}`],
  INVALID_AGENCY: (x) => [`Cơ quan thực hiện bước ${x.vi} không hợp lệ`, `Invalid agency for step ${x.en}`],
  INVALID_BUDGET: (x) => [`Thời gian của bước ${x.vi} phải là số ≥ 0`, `Budget of step ${x.en} must be a number ≥ 0`],
  BUDGET_EXCEEDS_LIMIT: (x, y) => [
    `Tổng thời gian các bước (${x.vi} giờ) vượt thời hạn giải quyết (${y.vi} giờ)`,
    `Step budgets (${x.en} h) exceed the legal time limit (${y.en} h)`,
  ],
  FIRST_STEP_NOT_RECEPTION: () => [
    'Bước đầu tiên phải là tiếp nhận tại Bộ phận Một cửa',
    'The first step must be reception at the receiving centre',
  ],
  FIRST_STEP_CANNOT_ACCEPT: () => [
    `Bước đầu tiên phải có thao tác “${ACTION_LABELS.accept.vi}”`,
    `The first step must offer “${ACTION_LABELS.accept.en}”`,
  ],
  UNKNOWN_ACTION: (x) => [`Thao tác không tồn tại: ${x.vi}`, `Unknown action: ${x.en}`],
  NOT_A_STEP_ACTION: (x) => [
    `Thao tác ${x.vi} không cấu hình theo bước`,
    `Action ${x.en} is not configured per step`,
  ],
  ACTION_NOT_FOR_ROLE: (x, y) => [`Vai trò ${y.vi} không được thực hiện thao tác ${x.vi}`, `The ${y.en} role may not perform ${x.en}`],
  UNKNOWN_NEXT: (x) => [`Bước tiếp theo không tồn tại: ${x.vi}`, `Next step does not exist: ${x.en}`],
  NEXT_IS_SELF: (x) => [`Bước ${x.vi} chuyển về chính nó`, `Step ${x.en} forwards to itself`],
  UNREACHABLE_STEP: (x) => [`Không thể đến bước ${x.vi} từ bước đầu`, `Step ${x.en} is unreachable from the first step`],
  NO_EXIT: (x) => [
    `Từ bước ${x.vi} không thể đến bước trả kết quả`,
    `No final (return) step can be reached from step ${x.en}`,
  ],
  FINAL_STEP_CANNOT_RETURN: (x) => [
    `Bước cuối ${x.vi} phải có thao tác “${ACTION_LABELS.return_result.vi}”`,
    `Final step ${x.en} must offer “${ACTION_LABELS.return_result.en}”`,
  ],
  RESULT_NOT_RECORDED: (x) => [
    `Không có bước nào ban hành kết quả trước bước cuối ${x.vi}`,
    `No step records the result before final step ${x.en}`,
  ],
  RESULT_STEP_NEXT_NOT_FINAL: (x) => [
    `Bước ban hành kết quả ${x.vi} chỉ được chuyển đến bước trả kết quả`,
    `Result step ${x.en} may only lead to final (return) steps`,
  ],
};

function issue(path: string, code: ProcessIssueCode, detail: Label = NONE, extra: Label = NONE): ProcessIssue {
  const [messageVi, messageEn] = MESSAGES[code](detail, extra);
  return { path, code, messageVi, messageEn };
}

const hoursLabel = (h: number): Label => ({ vi: String(Math.round(h * 100) / 100).replace('.', ','), en: String(Math.round(h * 100) / 100) });

function validAgency(a: unknown): boolean {
  if (a === 'receiving_centre' || a === 'competent_agency' || a === 'return_point') return true;
  return (
    typeof a === 'object' && a !== null && typeof (a as { agencyId?: unknown }).agencyId === 'string' &&
    (a as { agencyId: string }).agencyId.length > 0
  );
}

function validateStepShape(step: ProcessStep, i: number, seen: Set<string>): ProcessIssue[] {
  const p = `steps[${i}]`;
  const out: ProcessIssue[] = [];
  if (typeof step.key !== 'string' || step.key.trim() === '') out.push(issue(`${p}.key`, 'EMPTY_KEY'));
  else if (seen.has(step.key)) out.push(issue(`${p}.key`, 'DUPLICATE_KEY', same(`“${step.key}”`)));
  seen.add(step.key);
  if (!step.nameVi?.trim() || !step.nameEn?.trim()) out.push(issue(`${p}.nameVi`, 'MISSING_NAME', stepLabel(null, step, i)));
  if (!isRole(step.role)) out.push(issue(`${p}.role`, 'UNKNOWN_ROLE', same(`“${String(step.role)}”`)));
  if (!validAgency(step.agency)) out.push(issue(`${p}.agency`, 'INVALID_AGENCY', stepLabel(null, step, i)));
  if (typeof step.budgetHours !== 'number' || !Number.isFinite(step.budgetHours) || step.budgetHours < 0) {
    out.push(issue(`${p}.budgetHours`, 'INVALID_BUDGET', stepLabel(null, step, i)));
  }
  (step.actions ?? []).forEach((a, j) => {
    const ap = `${p}.actions[${j}]`;
    if (!isActionName(a)) out.push(issue(ap, 'UNKNOWN_ACTION', same(`“${String(a)}”`)));
    else if (!isStepAction(a)) out.push(issue(ap, 'NOT_A_STEP_ACTION', actionLabel(a)));
    else if (isRole(step.role) && !ROLE_STEP_ACTIONS[step.role].includes(a)) {
      out.push(issue(ap, 'ACTION_NOT_FOR_ROLE', actionLabel(a), roleLabel(step.role)));
    }
  });
  return out;
}

function validateEdges(def: ProcessDefinition): ProcessIssue[] {
  const out: ProcessIssue[] = [];
  def.steps.forEach((step, i) => {
    (step.next ?? []).forEach((k, j) => {
      const p = `steps[${i}].next[${j}]`;
      if (k === step.key) out.push(issue(p, 'NEXT_IS_SELF', stepLabel(def, step, i)));
      else if (!findStep(def, k)) out.push(issue(p, 'UNKNOWN_NEXT', same(`“${k}”`)));
    });
  });
  return out;
}

function validateGraph(def: ProcessDefinition): ProcessIssue[] {
  const out: ProcessIssue[] = [];
  const first = def.steps[0]!;
  const reachable = reachableFrom(def, first.key);
  def.steps.forEach((step, i) => {
    const p = `steps[${i}]`;
    if (!reachable.has(step.key)) out.push(issue(p, 'UNREACHABLE_STEP', stepLabel(def, step, i)));
    if (!nearestFinalStep(def, step.key)) out.push(issue(p, 'NO_EXIT', stepLabel(def, step, i)));
    if (isFinalStep(step)) {
      if (!step.actions.includes('return_result')) out.push(issue(`${p}.actions`, 'FINAL_STEP_CANNOT_RETURN', stepLabel(def, step, i)));
      const recordedBefore =
        step.actions.includes('record_result') ||
        def.steps.some((s) => s.next.includes(step.key) && (s.actions.includes('record_result') || s.actions.includes('reject')));
      if (!recordedBefore) out.push(issue(p, 'RESULT_NOT_RECORDED', stepLabel(def, step, i)));
    }
    if (step.actions.includes('record_result') && step.next.some((k) => !isFinalStep(findStep(def, k) ?? step))) {
      out.push(issue(`${p}.next`, 'RESULT_STEP_NEXT_NOT_FINAL', stepLabel(def, step, i)));
    }
  });
  return out;
}

/**
 * Checks a process definition. Returns [] when valid. Rules:
 * legal limit ≥ 0; budgets ≥ 0 and summing to ≤ the limit; unique non-empty keys; names; known roles;
 * the first step is reception at the receiving centre and can accept; every action is a step action
 * allowed for the step's role; `next` keys exist (no self loops); every step is reachable from the first;
 * from every step a final step is reachable (cycles must have an exit); every final step returns the
 * result, and the result is recorded before (or at) it; a result-recording step leads only to final steps.
 */
export function validateProcess(def: ProcessDefinition): ProcessIssue[] {
  const out: ProcessIssue[] = [];
  if (!Number.isFinite(def.legalLimitHours) || def.legalLimitHours < 0) {
    out.push(issue('legalLimitHours', 'INVALID_LEGAL_LIMIT', same(String(def.legalLimitHours))));
  }
  if (!Array.isArray(def.steps) || def.steps.length === 0) return [...out, issue('steps', 'EMPTY_PROCESS')];

  const seen = new Set<string>();
  def.steps.forEach((step, i) => out.push(...validateStepShape(step, i, seen)));

  const total = def.steps.reduce((sum, s) => sum + (Number.isFinite(s.budgetHours) ? s.budgetHours : 0), 0);
  if (Number.isFinite(def.legalLimitHours) && total > def.legalLimitHours + 1e-9) {
    out.push(issue('steps', 'BUDGET_EXCEEDS_LIMIT', hoursLabel(total), hoursLabel(def.legalLimitHours)));
  }

  const first = def.steps[0]!;
  if (first.role !== 'reception' || first.agency !== 'receiving_centre') {
    out.push(issue('steps[0]', 'FIRST_STEP_NOT_RECEPTION'));
  }
  if (!first.actions.includes('accept')) out.push(issue('steps[0].actions', 'FIRST_STEP_CANNOT_ACCEPT'));

  const edgeIssues = validateEdges(def);
  out.push(...edgeIssues);
  if (edgeIssues.length === 0 && !out.some((x) => x.code === 'DUPLICATE_KEY' || x.code === 'EMPTY_KEY')) {
    out.push(...validateGraph(def));
  }
  return out;
}
