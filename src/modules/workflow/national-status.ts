// National dossier statuses (DVCQG TrangThaiHoSo, §5.4) of the internal states, and which states are final.
import { TERMINAL_STATES, type DossierState, type InternalState } from './types.js';

export const NATIONAL_STATUS: Readonly<Record<InternalState, number>> = {
  registered: 1, // Mới đăng ký
  needs_completion: 1, // Mới đăng ký (chờ công dân hoàn thiện)
  accepted: 2, // Được tiếp nhận
  refused: 3, // Không được tiếp nhận
  processing: 4, // Đang xử lý
  transferred: 4, // Đang xử lý (liên thông)
  awaiting_supplement: 5, // Yêu cầu bổ sung giấy tờ
  awaiting_payment: 6, // Yêu cầu thực hiện nghĩa vụ tài chính
  withdrawal_requested: 7, // Công dân yêu cầu rút hồ sơ
  stopped: 8, // Dừng xử lý
  result_ready: 9, // Đã xử lý xong
  returned: 10, // Đã trả kết quả
};

export const NATIONAL_STATUS_LABELS: Readonly<Record<number, { vi: string; en: string }>> = {
  1: { vi: 'Mới đăng ký', en: 'Newly registered' },
  2: { vi: 'Được tiếp nhận', en: 'Accepted' },
  3: { vi: 'Không được tiếp nhận', en: 'Not accepted' },
  4: { vi: 'Đang xử lý', en: 'Processing' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Citizen requested withdrawal' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processing finished' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

export function nationalStatus(state: DossierState | InternalState): number {
  return NATIONAL_STATUS[typeof state === 'string' ? state : state.state];
}

export function isTerminal(state: DossierState | InternalState): boolean {
  return TERMINAL_STATES.includes(typeof state === 'string' ? state : state.state);
}
