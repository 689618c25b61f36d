// The submissions module's error registry (online submission from the citizen portal).
import { defineErrors } from '../../platform/errors.js';

export const submissionErrors = defineErrors({
  DRAFT_VERSION_CONFLICT: {
    status: 409,
    vi: 'Bản nháp đã được lưu từ một thiết bị khác (phiên bản {current}). Bản trên máy chủ được gửi kèm; hãy xem lại rồi lưu tiếp — không có gì bị mất.',
    en: 'The draft was saved from another device (version {current}). The server copy is attached; review it and save again — nothing was lost.',
  },
  DRAFT_ALREADY_SUBMITTED: { status: 409, vi: 'Bản nháp này đã được nộp thành hồ sơ; không sửa được nữa.', en: 'This draft was already submitted as a dossier; it can no longer be changed.' },
  PROCEDURE_NOT_ONLINE: {
    status: 409,
    vi: 'Thủ tục {code} không được cung cấp trực tuyến; vui lòng nộp trực tiếp hoặc qua bưu chính tại {where}.',
    en: 'Procedure {code} is not offered online; please file it in person or by post at {where}.',
  },
  DRAFT_VERSION_REQUIRED: { status: 428, vi: 'Cần gửi phiên bản của bản nháp (If-Match hoặc version).', en: 'Send the version of the draft you saw (If-Match or version).' },
});
