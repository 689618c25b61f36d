// Error messages by stable code, in Vietnamese (default) and English. `{name}` placeholders are filled
// from the error's params. Modules add their own codes with `registerMessages`.
export interface Message {
  vi: string;
  en: string;
}

const catalog = new Map<string, Message>(
  Object.entries({
    NOT_FOUND: { vi: 'Không tìm thấy tài nguyên được yêu cầu.', en: 'The requested resource was not found.' },
    ROUTE_NOT_FOUND: { vi: 'Không có đường dẫn {method} {url}.', en: 'There is no route {method} {url}.' },
    VALIDATION_FAILED: { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request data is invalid.' },
    INVALID_JSON: { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
    UNSUPPORTED_MEDIA_TYPE: { vi: 'Kiểu nội dung không được hỗ trợ.', en: 'Unsupported content type.' },
    PAYLOAD_TOO_LARGE: { vi: 'Nội dung gửi lên quá lớn.', en: 'The request body is too large.' },
    URI_TOO_LONG: { vi: 'Đường dẫn hoặc tham số trên đường dẫn quá dài.', en: 'The URL or one of its path parameters is too long.' },
    METHOD_NOT_ALLOWED: { vi: 'Phương thức không được hỗ trợ.', en: 'Method not allowed.' },
    RATE_LIMITED: { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau {seconds} giây.', en: 'Too many requests, retry in {seconds} seconds.' },
    INTERNAL_ERROR: { vi: 'Lỗi hệ thống. Mã yêu cầu: {requestId}.', en: 'Internal error. Request id: {requestId}.' },
    SERVICE_UNAVAILABLE: { vi: 'Hệ thống chưa sẵn sàng.', en: 'The service is not ready.' },
    ORIGIN_REFUSED: { vi: 'Yêu cầu ghi đến từ một trang khác; đã bị từ chối.', en: 'The write request comes from another site and was refused.' },
    DATABASE_UNAVAILABLE: { vi: 'Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại sau ít giây.', en: 'The database is temporarily unreachable; retry in a few seconds.' },
    UNAUTHENTICATED: { vi: 'Bạn cần đăng nhập.', en: 'You need to sign in.' },
    FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
    CSRF_FAILED: { vi: 'Thiếu hoặc sai mã chống giả mạo (CSRF).', en: 'Missing or wrong CSRF token.' },
    INVALID_CREDENTIALS: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
    LOGIN_THROTTLED: {
      vi: 'Đăng nhập sai nhiều lần; vui lòng thử lại sau {seconds} giây.',
      en: 'Too many failed sign-ins; retry in {seconds} seconds.',
    },
    ACCOUNT_DISABLED: { vi: 'Tài khoản đã bị vô hiệu hóa.', en: 'The account is disabled.' },
    SESSION_EXPIRED: { vi: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.', en: 'Your session has expired, please sign in again.' },
    TOKEN_INVALID: { vi: 'Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.', en: 'The access token is invalid, expired or revoked.' },
    TOKEN_SCOPE: { vi: 'Mã truy cập không có phạm vi {scope}.', en: 'The access token lacks scope {scope}.' },
    OIDC_NOT_CONFIGURED: { vi: 'Chưa cấu hình đăng nhập một lần (OIDC).', en: 'Single sign-on (OIDC) is not configured.' },
    OIDC_FAILED: { vi: 'Đăng nhập một lần thất bại: {reason}.', en: 'Single sign-on failed: {reason}.' },
    OIDC_UNKNOWN_USER: {
      vi: 'Tài khoản đăng nhập một lần chưa được gắn với cán bộ nào trong hệ thống.',
      en: 'The single sign-on account is not linked to any official.',
    },
    CONFLICT: { vi: 'Dữ liệu đã bị thay đổi bởi người khác.', en: 'The data was changed by someone else.' },
    ALREADY_EXISTS: { vi: '{what} đã tồn tại.', en: '{what} already exists.' },
    IDEMPOTENCY_KEY_REUSED: {
      vi: 'Idempotency-Key đã được dùng cho một yêu cầu khác.',
      en: 'The Idempotency-Key was already used for a different request.',
    },
    IDEMPOTENCY_KEY_INVALID: { vi: 'Idempotency-Key không hợp lệ (1–200 ký tự).', en: 'Invalid Idempotency-Key (1–200 characters).' },
  }),
);

export function registerMessages(messages: Record<string, Message>): void {
  for (const [code, m] of Object.entries(messages)) catalog.set(code, m);
}

export type Lang = 'vi' | 'en';

export function message(code: string, lang: Lang, params: Record<string, unknown> = {}): string {
  const m = catalog.get(code);
  const template = m ? m[lang] : code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}

export function hasMessage(code: string): boolean {
  return catalog.has(code);
}

/** Vietnamese unless the client prefers English over Vietnamese (Accept-Language q-values honoured). */
export function pickLanguage(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'vi';
  const prefs = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((p) => p.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const p of prefs) {
    if (p.tag.startsWith('vi')) return 'vi';
    if (p.tag.startsWith('en')) return 'en';
  }
  return 'vi';
}
