// The codes every module may answer with (not found, not allowed, request-shape and transport problems), each
// with its one HTTP status and both messages. VALIDATION_FAILED is the one code with two statuses (400 for the
// request's shape, 422 for a broken rule), so it is not declared here but built by invalid() in errors.ts.
import { defineErrors } from './errors.js';

export const platformErrors = defineErrors({
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy tài nguyên được yêu cầu.', en: 'The requested resource was not found.' },
  ROUTE_NOT_FOUND: { status: 404, vi: 'Không có đường dẫn {method} {url}.', en: 'There is no route {method} {url}.' },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được hỗ trợ.', en: 'Method not allowed.' },
  INVALID_JSON: { status: 400, vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Kiểu nội dung không được hỗ trợ.', en: 'Unsupported content type.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Nội dung gửi lên quá lớn.', en: 'The request body is too large.' },
  URI_TOO_LONG: {
    status: 414,
    vi: 'Đường dẫn hoặc tham số trên đường dẫn quá dài.',
    en: 'The URL or one of its path parameters is too long.',
  },
  RATE_LIMITED: {
    status: 429,
    vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau {seconds} giây.',
    en: 'Too many requests, retry in {seconds} seconds.',
  },
  INTERNAL_ERROR: { status: 500, vi: 'Lỗi hệ thống. Mã yêu cầu: {requestId}.', en: 'Internal error. Request id: {requestId}.' },
  SERVICE_UNAVAILABLE: { status: 503, vi: 'Hệ thống chưa sẵn sàng.', en: 'The service is not ready.' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    vi: 'Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại sau ít giây.',
    en: 'The database is temporarily unreachable; retry in a few seconds.',
  },
  ORIGIN_REFUSED: {
    status: 403,
    vi: 'Yêu cầu ghi đến từ một trang khác; đã bị từ chối.',
    en: 'The write request comes from another site and was refused.',
  },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập.', en: 'You need to sign in.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  CSRF_FAILED: { status: 403, vi: 'Thiếu hoặc sai mã chống giả mạo (CSRF).', en: 'Missing or wrong CSRF token.' },
  TOKEN_INVALID: {
    status: 401,
    vi: 'Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.',
    en: 'The access token is invalid, expired or revoked.',
  },
  TOKEN_SCOPE: { status: 403, vi: 'Mã truy cập không có phạm vi {scope}.', en: 'The access token lacks scope {scope}.' },
  CONFLICT: { status: 409, vi: 'Dữ liệu đã bị thay đổi bởi người khác.', en: 'The data was changed by someone else.' },
  ALREADY_EXISTS: { status: 409, vi: '{what} đã tồn tại.', en: '{what} already exists.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    vi: 'Idempotency-Key đã được dùng cho một yêu cầu khác.',
    en: 'The Idempotency-Key was already used for a different request.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    vi: 'Idempotency-Key không hợp lệ (1–200 ký tự).',
    en: 'Invalid Idempotency-Key (1–200 characters).',
  },
});
