// The workflow module's error registry (internal processes and their time limits).
import { defineErrors } from '../../platform/errors.js';

export const workflowErrors = defineErrors({
  PROCEDURE_NO_TIME_LIMIT: {
    status: 422,
    vi: 'Thủ tục {code} chưa có thời hạn giải quyết trong danh mục nên chưa thể hẹn ngày trả kết quả. Quản trị viên cần đặt thời hạn kèm căn cứ pháp lý: Quản trị › Thủ tục › {code} › Thời hạn giải quyết.',
    en: 'Procedure {code} has no time limit in the catalogue, so no appointment can be given. An administrator must set it with its legal basis: Administration › Procedures › {code} › Time limit (PUT /api/v1/admin/procedures/{code}/time-limit).',
  },
  PROCESS_INVALID: { status: 422, vi: 'Quy trình nội bộ không hợp lệ.', en: 'The internal process is invalid.' },
});
