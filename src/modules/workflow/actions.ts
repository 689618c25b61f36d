// Vocabulary of the workflow: roles and action names, and which role may be configured for which
// step action. Pure data, no logic beyond lookups.
//
// Two kinds of actions:
// - step actions: listed in a process step's `actions`; performed by holders of the step's role in the
//   agency that holds the dossier (e.g. `forward`, `approve`, `record_result`);
// - dossier actions: not configured per step; their actor is fixed by the rule itself (the citizen, the
//   desk, a leader, the system). E.g. `claim`, `assign`, `resubmit`, `stop`, `mark_overdue`.

export const ROLES = [
  'admin',
  'reception', // công chức tiếp nhận (one-stop desk)
  'handler', // chuyên viên thụ lý
  'unit_leader', // lãnh đạo phòng
  'agency_leader', // lãnh đạo cơ quan (signs form 04)
  'clerk', // văn thư
  'return_officer', // cán bộ trả kết quả
  'cashier', // thu phí, lệ phí
  'procedure_control', // đầu mối kiểm soát TTHC (monitoring only)
] as const;
export type Role = (typeof ROLES)[number];

export const STEP_ACTIONS = [
  'accept', // tiếp nhận (form 01)
  'request_completion', // yêu cầu hoàn thiện trước khi tiếp nhận (form 02)
  'refuse', // từ chối tiếp nhận (form 03)
  'forward', // chuyển bước tiếp theo
  'send_back', // trả lại bước trước
  'request_supplement', // yêu cầu bổ sung (clock stops)
  'request_payment', // yêu cầu thực hiện nghĩa vụ tài chính
  'consult', // xin ý kiến
  'transfer', // liên thông sang cơ quan khác
  'approve', // phê duyệt
  'reject', // từ chối giải quyết sau thẩm định
  'record_result', // vào số, ban hành kết quả
  'return_result', // trả kết quả
] as const;
export type StepActionName = (typeof STEP_ACTIONS)[number];

export const DOSSIER_ACTIONS = [
  'claim', // nhận xử lý từ hàng chờ của vai trò
  'assign', // lãnh đạo phân công
  'resubmit', // công dân nộp lại sau yêu cầu hoàn thiện
  'receive_supplement', // nhận hồ sơ bổ sung (clock restarts)
  'confirm_payment', // xác nhận đã nộp phí
  'answer_consultation', // trả lời xin ý kiến
  'return_transfer', // cơ quan liên thông trả lại
  'request_withdrawal', // công dân yêu cầu rút hồ sơ (status 7)
  'cancel_withdrawal', // huỷ yêu cầu rút (công dân đổi ý / đã có kết quả)
  'stop', // dừng giải quyết (form 05, status 8)
  'apologize', // xin lỗi và gia hạn (form 04)
  'mark_due_soon', // system: sắp đến hạn
  'mark_overdue', // system: quá hạn
  'mark_step_due_soon', // system: bước hiện tại sắp đến hạn (stepDueAt)
  'mark_step_overdue', // system: bước hiện tại quá hạn
  'mark_consultation_due_soon', // system: xin ý kiến sắp đến hạn trả lời
  'mark_consultation_overdue', // system: xin ý kiến quá hạn trả lời
] as const;

/** Deadline flags set by the scheduled sweep (system actor only; never offered to officials). */
export const SYSTEM_FLAG_ACTIONS: readonly ActionName[] = [
  'mark_due_soon', 'mark_overdue', 'mark_step_due_soon', 'mark_step_overdue', 'mark_consultation_due_soon', 'mark_consultation_overdue',
];
export type DossierActionName = (typeof DOSSIER_ACTIONS)[number];

export type ActionName = StepActionName | DossierActionName;
export const ACTION_NAMES: readonly ActionName[] = [...STEP_ACTIONS, ...DOSSIER_ACTIONS];

export function isActionName(x: unknown): x is ActionName {
  return typeof x === 'string' && (ACTION_NAMES as readonly string[]).includes(x);
}
export function isStepAction(x: ActionName): x is StepActionName {
  return (STEP_ACTIONS as readonly string[]).includes(x);
}
export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/** Step actions a step of the given role may be configured with (checked by validateProcess). */
export const ROLE_STEP_ACTIONS: Readonly<Record<Role, readonly StepActionName[]>> = {
  admin: [],
  procedure_control: [],
  reception: [
    'accept', 'request_completion', 'refuse', 'forward', 'send_back', 'request_supplement',
    'request_payment', 'transfer', 'record_result', 'return_result',
  ],
  handler: [
    'forward', 'send_back', 'request_supplement', 'request_payment', 'consult', 'transfer',
    'record_result',
  ],
  unit_leader: ['approve', 'reject', 'forward', 'send_back', 'request_supplement', 'consult', 'transfer'],
  agency_leader: ['approve', 'reject', 'forward', 'send_back', 'request_supplement', 'consult', 'transfer'],
  clerk: ['record_result', 'forward', 'send_back'],
  return_officer: ['return_result', 'request_payment', 'send_back'],
  cashier: ['request_payment', 'forward'],
};

export const LEADER_ROLES: readonly Role[] = ['unit_leader', 'agency_leader'];

/** Display labels (Vietnamese first). */
export const ACTION_LABELS: Readonly<Record<ActionName, { vi: string; en: string }>> = {
  accept: { vi: 'Tiếp nhận hồ sơ', en: 'Accept' },
  request_completion: { vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Request completion' },
  refuse: { vi: 'Từ chối tiếp nhận', en: 'Refuse' },
  forward: { vi: 'Chuyển xử lý', en: 'Forward' },
  send_back: { vi: 'Trả lại bước trước', en: 'Send back' },
  request_supplement: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Request supplement' },
  request_payment: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Request payment' },
  consult: { vi: 'Xin ý kiến', en: 'Consult' },
  transfer: { vi: 'Chuyển liên thông', en: 'Transfer' },
  approve: { vi: 'Phê duyệt', en: 'Approve' },
  reject: { vi: 'Từ chối giải quyết', en: 'Reject' },
  record_result: { vi: 'Vào số, ban hành kết quả', en: 'Record result' },
  return_result: { vi: 'Trả kết quả', en: 'Return result' },
  claim: { vi: 'Nhận xử lý', en: 'Claim' },
  assign: { vi: 'Phân công', en: 'Assign' },
  resubmit: { vi: 'Nộp lại hồ sơ', en: 'Resubmit' },
  receive_supplement: { vi: 'Nhận hồ sơ bổ sung', en: 'Receive supplement' },
  confirm_payment: { vi: 'Xác nhận đã thanh toán', en: 'Confirm payment' },
  answer_consultation: { vi: 'Trả lời xin ý kiến', en: 'Answer consultation' },
  return_transfer: { vi: 'Trả hồ sơ liên thông', en: 'Return transfer' },
  request_withdrawal: { vi: 'Yêu cầu rút hồ sơ', en: 'Request withdrawal' },
  cancel_withdrawal: { vi: 'Huỷ yêu cầu rút hồ sơ', en: 'Cancel withdrawal' },
  stop: { vi: 'Dừng giải quyết hồ sơ', en: 'Stop processing' },
  apologize: { vi: 'Xin lỗi và gia hạn', en: 'Apologise and extend' },
  mark_due_soon: { vi: 'Đánh dấu sắp đến hạn', en: 'Mark due soon' },
  mark_overdue: { vi: 'Đánh dấu quá hạn', en: 'Mark overdue' },
  mark_step_due_soon: { vi: 'Đánh dấu bước sắp đến hạn', en: 'Mark step due soon' },
  mark_step_overdue: { vi: 'Đánh dấu bước quá hạn', en: 'Mark step overdue' },
  mark_consultation_due_soon: { vi: 'Đánh dấu xin ý kiến sắp đến hạn', en: 'Mark consultation due soon' },
  mark_consultation_overdue: { vi: 'Đánh dấu xin ý kiến quá hạn', en: 'Mark consultation overdue' },
};
