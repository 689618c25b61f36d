// The catalog's error registry (the workflow module throws PROCEDURE_NOT_FOUND too, through this one).
import { defineErrors } from '../../platform/errors.js';

export const catalogErrors = defineErrors({
  PROCEDURE_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy thủ tục hành chính {code}.',
    en: 'Administrative procedure {code} not found.',
  },
  PROCEDURE_NOT_IN_FORCE: {
    status: 409,
    vi: 'Thủ tục {code} không có phiên bản có hiệu lực tại thời điểm {at}.',
    en: 'Procedure {code} has no version in force at {at}.',
  },
  FEE_OVERRIDE_NOT_FOUND: {
    status: 404,
    vi: 'Không có mức phí địa phương "{feeName}" cho hình thức {channel}.',
    en: 'There is no local fee "{feeName}" for channel {channel}.',
  },
});
