// The ratings module's error registry (defineErrors): stable codes, both messages, one status each.
import { defineErrors } from '../../platform/errors.js';

export const ratingErrors = defineErrors({
  RATING_CRITERION_EXISTS: { status: 409, vi: 'Đã có tiêu chí mã {key}.', en: 'A criterion with key {key} exists.' },
  RATING_CRITERION_NOT_FOUND: { status: 404, vi: 'Không có tiêu chí mã {key}.', en: 'No criterion with key {key}.' },
  RATING_NOT_RETURNED: { status: 409, vi: 'Chỉ đánh giá được hồ sơ đã trả kết quả.', en: 'Only a dossier whose result was handed over can be rated.' },
  RATING_ALREADY_GIVEN: { status: 409, vi: 'Hồ sơ này đã được đánh giá; chỉ người đã đánh giá mới được sửa trong thời hạn cho phép.', en: 'This dossier has been rated; only whoever rated it may change it, within the allowed time.' },
  RATING_WINDOW_CLOSED: { status: 409, vi: 'Đã hết thời hạn sửa đánh giá ({days} ngày kể từ lần đánh giá đầu).', en: 'The time to change the rating is over ({days} days after the first rating).' },
  RATING_OFFICIALS_CANNOT_RATE: { status: 403, vi: 'Cán bộ, công chức không được đánh giá thay người dân.', en: 'Officials may not rate on behalf of citizens.' },
  RATING_KIOSK_UNKNOWN: { status: 401, vi: 'Máy tính bảng chưa được ghép nối hoặc đã bị thu hồi; đề nghị cán bộ ghép nối lại.', en: 'This tablet is not paired or was revoked; ask the official to pair it again.' },
  RATING_KIOSK_NOTHING: { status: 409, vi: 'Chưa có hồ sơ nào được chuyển đến máy để đánh giá.', en: 'No dossier has been handed to this tablet to rate.' },
  RATING_KIOSK_NONE: { status: 409, vi: 'Bạn chưa ghép nối máy tính bảng đánh giá tại quầy.', en: 'You have not paired a counter rating tablet.' },
  RATINGS_FORBIDDEN: { status: 403, vi: 'Chỉ cán bộ tiếp nhận, trả kết quả mới được ghép nối máy đánh giá tại quầy.', en: 'Only reception and return officers may pair a counter rating tablet.' },
});
