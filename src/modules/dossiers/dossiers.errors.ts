// The dossier errors (problem+json `code` → status, Vietnamese and English text). The state machine's
// refusals carry their own reason in {vi} / {en}, after a sentence of the code's own (a message is never only a
// placeholder); decideError() in decide-context.ts maps them here.
import { defineErrors } from '../../platform/errors.js';

export const dossierErrors = defineErrors({
  STALE_VERSION: {
    status: 409,
    vi: 'Hồ sơ đã được cập nhật bởi người khác, vui lòng tải lại.',
    en: 'The dossier has changed; reload and retry.',
  },
  ACTION_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể thực hiện thao tác lúc này: {vi}',
    en: 'The action is not allowed now: {en}',
  },
  ACTION_FORBIDDEN: {
    status: 403,
    vi: 'Bạn không được thực hiện thao tác này: {vi}',
    en: 'You may not perform this action: {en}',
  },
  INVALID_PAYLOAD: { status: 422, vi: 'Dữ liệu thao tác không hợp lệ: {vi}', en: 'Invalid action data: {en}' },
  LIMIT_REACHED: {
    status: 409,
    vi: 'Đã hết số lần được thực hiện thao tác này: {vi}',
    en: 'The limit for this action has been reached: {en}',
  },
  TOO_LATE: { status: 409, vi: 'Đã quá thời điểm được thực hiện thao tác này: {vi}', en: 'It is too late for this action: {en}' },
  NOT_DUE: { status: 409, vi: 'Chưa đến thời điểm được thực hiện thao tác này: {vi}', en: 'This action is not due yet: {en}' },
  CLOCK_STOPPED: { status: 409, vi: 'Thời hạn giải quyết đang tạm dừng: {vi}', en: 'The processing clock is stopped: {en}' },
  RESULT_ALREADY_ISSUED: {
    status: 409,
    vi: 'Hồ sơ đã có kết quả giải quyết: {vi}',
    en: 'The dossier already has its result: {en}',
  },
  PROCESS_MISMATCH: {
    status: 409,
    vi: 'Thao tác không khớp với quy trình của hồ sơ: {vi}',
    en: 'The action does not fit the dossier\'s process: {en}',
  },
  UNKNOWN_ACTION: { status: 409, vi: 'Không có thao tác này: {vi}', en: 'There is no such action: {en}' },
  VERSION_REQUIRED: {
    status: 428,
    vi: 'Cần gửi phiên bản hồ sơ (trường version hoặc tiêu đề If-Match).',
    en: 'The dossier version is required (body field version or If-Match header).',
  },
  RECEIVING_AGENCY_REQUIRED: {
    status: 422,
    vi: 'Cần chọn nơi tiếp nhận (receivingAgencyCode).',
    en: 'Choose the receiving desk (receivingAgencyCode).',
  },
  COMPETENT_AGENCY_REQUIRED: {
    status: 422,
    vi: 'Cần chọn cơ quan có thẩm quyền giải quyết (competentAgencyCode).',
    en: 'Choose the competent agency (competentAgencyCode).',
  },
  APPLICANT_INVALID: { status: 422, vi: 'Thông tin người nộp hồ sơ không hợp lệ.', en: 'The applicant data is invalid.' },
  DATE_RANGE_REVERSED: {
    status: 422,
    vi: 'Khoảng ngày không hợp lệ: {fromName} ({from}) sau {toName} ({to}).',
    en: 'Invalid date range: {fromName} ({from}) is after {toName} ({to}).',
  },
});
