// The reports module's error registry.
import { defineErrors } from '../../platform/errors.js';

export const reportErrors = defineErrors({
  REPORT_PERIOD_INVALID: {
    status: 422,
    vi: 'Kỳ báo cáo không hợp lệ: ngày bắt đầu ({from}) sau ngày kết thúc ({to}).',
    en: 'Invalid report period: the start date ({from}) is after the end date ({to}).',
  },
  REPORT_PERIOD_TOO_LONG: {
    status: 422,
    vi: 'Kỳ báo cáo dài {days} ngày, vượt quá tối đa {max} ngày.',
    en: 'The report period spans {days} days, more than the maximum of {max} days.',
  },
  REPORT_OFFICIAL_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy cán bộ này trong phạm vi báo cáo của bạn.',
    en: 'This official is not within your report scope.',
  },
});
