// The notifications module's error registry (defineErrors): stable codes, both messages, one status each.
import { defineErrors } from '../../platform/errors.js';

export const notificationErrors = defineErrors({
  NOTIFICATION_NOT_FOUND: { status: 404, vi: 'Không có thông báo này.', en: 'No such notification.' },
  NOTIFICATION_NOT_RESENDABLE: { status: 409, vi: 'Chỉ gửi lại được thông báo lỗi, không rõ kết quả hoặc bị dừng (trạng thái hiện tại: {status}).', en: 'Only failed, unknown or dead notifications can be resent (status now: {status}).' },
  TEMPLATE_INVALID_VARIABLES: { status: 422, vi: 'Mẫu thông báo chưa hợp lệ: xem lỗi tại từng ô.', en: 'The notification template is not valid: see the errors on the fields.' },
  TEMPLATE_EVENT_UNKNOWN: { status: 404, vi: 'Không có mẫu thông báo cho sự kiện {event} / kênh {channel}.', en: 'No notification template for event {event} / channel {channel}.' },
  TEMPLATE_VERSION_STALE: { status: 409, vi: 'Mẫu đã có phiên bản mới hơn ({version}); tải lại trước khi lưu.', en: 'The template has a newer version ({version}); reload before saving.' },
  PREVIEW_DOSSIER_NOT_FOUND: { status: 422, vi: 'Không có hồ sơ {code} để xem thử.', en: 'No dossier {code} to preview with.' },
  UNSUBSCRIBE_LINK_INVALID: { status: 400, vi: 'Liên kết ngừng nhận thông báo không hợp lệ.', en: 'The unsubscribe link is not valid.' },
  NOTIFICATIONS_FORBIDDEN: { status: 403, vi: 'Chỉ quản trị hệ thống được xem và sửa thông báo.', en: 'Only administrators may see and edit notifications.' },
});
