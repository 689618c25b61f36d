// The roles an official can hold (each assignment is scoped to an agency subtree).
export const ROLES = [
  'admin', // quản trị
  'reception', // tiếp nhận
  'handler', // chuyên viên thụ lý
  'unit_leader', // lãnh đạo phòng
  'agency_leader', // lãnh đạo cơ quan
  'clerk', // văn thư
  'return_officer', // trả kết quả
  'cashier', // thu phí, lệ phí
  'procedure_control', // đầu mối kiểm soát TTHC
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  reception: { vi: 'Cán bộ tiếp nhận', en: 'Reception officer' },
  handler: { vi: 'Chuyên viên thụ lý', en: 'Handler' },
  unit_leader: { vi: 'Lãnh đạo phòng', en: 'Unit leader' },
  agency_leader: { vi: 'Lãnh đạo cơ quan', en: 'Agency leader' },
  clerk: { vi: 'Văn thư', en: 'Clerk' },
  return_officer: { vi: 'Cán bộ trả kết quả', en: 'Return officer' },
  cashier: { vi: 'Cán bộ thu phí', en: 'Cashier' },
  procedure_control: { vi: 'Đầu mối kiểm soát TTHC', en: 'Procedure-control officer' },
};
