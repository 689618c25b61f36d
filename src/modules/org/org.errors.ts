// The organisation module's error registry: sign-in, single sign-on and agency references.
import { defineErrors } from '../../platform/errors.js';

export const orgErrors = defineErrors({
  INVALID_CREDENTIALS: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  LOGIN_THROTTLED: {
    status: 429,
    vi: 'Đăng nhập sai nhiều lần; vui lòng thử lại sau {seconds} giây.',
    en: 'Too many failed sign-ins; retry in {seconds} seconds.',
  },
  ACCOUNT_DISABLED: { status: 403, vi: 'Tài khoản đã bị vô hiệu hóa.', en: 'The account is disabled.' },
  SESSION_EXPIRED: {
    status: 401,
    vi: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.',
    en: 'Your session has expired, please sign in again.',
  },
  OIDC_NOT_CONFIGURED: {
    status: 404,
    vi: 'Chưa cấu hình đăng nhập một lần (OIDC).',
    en: 'Single sign-on (OIDC) is not configured.',
  },
  OIDC_FAILED: { status: 400, vi: 'Đăng nhập một lần thất bại: {reason}.', en: 'Single sign-on failed: {reason}.' },
  OIDC_UNKNOWN_USER: {
    status: 403,
    vi: 'Tài khoản đăng nhập một lần chưa được gắn với cán bộ nào trong hệ thống.',
    en: 'The single sign-on account is not linked to any official.',
  },
  AGENCY_NOT_FOUND: { status: 422, vi: 'Không tìm thấy cơ quan {code}.', en: 'Agency {code} was not found.' },
});
