// The citizen accounts module's error registry: citizen sessions, one-time codes, the identity provider,
// the profile and representations.
import { defineErrors } from '../../platform/errors.js';

export const citizenErrors = defineErrors({
  CITIZEN_UNAUTHENTICATED: {
    status: 401,
    vi: 'Bạn cần đăng nhập tài khoản công dân.',
    en: 'You need to sign in with your citizen account.',
  },
  CITIZEN_SESSION_EXPIRED: {
    status: 401,
    vi: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
    en: 'Your session has expired, please sign in again.',
  },
  SIGN_IN_CODE_WRONG: {
    status: 422,
    vi: 'Mã xác thực không đúng. Bạn còn {left} lần thử.',
    en: 'The code is wrong. {left} tries left.',
  },
  SIGN_IN_CODE_EXPIRED: {
    status: 422,
    vi: 'Mã xác thực đã hết hạn hoặc đã được dùng. Vui lòng yêu cầu mã mới.',
    en: 'The code has expired or was already used. Ask for a new code.',
  },
  SIGN_IN_CODE_TRIES_EXCEEDED: {
    status: 429,
    vi: 'Đã nhập sai mã quá {max} lần. Vui lòng yêu cầu mã mới.',
    en: 'The code was entered wrongly more than {max} times. Ask for a new code.',
  },
  SIGN_IN_CODE_TOO_SOON: {
    status: 429,
    vi: 'Mã vừa được gửi. Vui lòng chờ {seconds} giây trước khi yêu cầu mã mới.',
    en: 'A code was just sent. Wait {seconds} seconds before asking for a new one.',
  },
  SIGN_IN_CODES_EXHAUSTED: {
    status: 429,
    vi: 'Đã yêu cầu quá nhiều mã cho địa chỉ này. Vui lòng thử lại sau {minutes} phút.',
    en: 'Too many codes were requested for this address. Retry in {minutes} minutes.',
  },
  SIGN_IN_ADDRESS_INVALID: {
    status: 422,
    vi: 'Vui lòng nhập số điện thoại di động Việt Nam (10 số, ví dụ 0912345678) hoặc địa chỉ thư điện tử hợp lệ.',
    en: 'Enter a Vietnamese mobile number (10 digits, e.g. 0912345678) or a valid e-mail address.',
  },
  CITIZEN_OIDC_NOT_CONFIGURED: {
    status: 404,
    vi: 'Chưa cấu hình đăng nhập bằng tài khoản định danh điện tử.',
    en: 'Sign-in with the national identity account is not configured.',
  },
  CITIZEN_OIDC_FAILED: {
    status: 400,
    vi: 'Đăng nhập bằng tài khoản định danh điện tử thất bại: {reason}.',
    en: 'Sign-in with the national identity account failed: {reason}.',
  },
  CITIZEN_OIDC_UNREACHABLE: {
    status: 502,
    vi: 'Không kết nối được máy chủ định danh điện tử: {reason}. Vui lòng thử lại sau hoặc đăng nhập bằng mã xác thực.',
    en: 'The national identity server cannot be reached: {reason}. Retry later or sign in with a one-time code.',
  },
  PROFILE_FIELD_VERIFIED: {
    status: 422,
    vi: 'Thông tin đã được xác thực, không sửa trực tiếp được.',
    en: 'This field is verified and cannot be changed directly.',
  },
  PROFILE_INVALID: {
    status: 422,
    vi: 'Thông tin tài khoản chưa hợp lệ.',
    en: 'The profile is not valid.',
  },
  ADDRESS_TAKEN: {
    status: 409,
    vi: 'Số điện thoại hoặc thư điện tử này đã thuộc một tài khoản khác.',
    en: 'This phone number or e-mail address belongs to another account.',
  },
  REPRESENTATION_INVALID: {
    status: 422,
    vi: 'Thông tin người được đại diện chưa hợp lệ.',
    en: 'The represented party is not valid.',
  },
  REPRESENTATION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy giấy ủy quyền / đại diện này.',
    en: 'This representation was not found.',
  },
});
