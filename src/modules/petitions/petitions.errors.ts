// The petitions module's error registry (defineErrors): stable codes, both messages, one status each.
import { defineErrors } from '../../platform/errors.js';

export const petitionErrors = defineErrors({
  PETITION_NOT_FOUND: { status: 404, vi: 'Không có phản ánh, kiến nghị này.', en: 'No such petition.' },
  PETITION_FORBIDDEN: { status: 403, vi: 'Chỉ cán bộ của cơ quan được giao xử lý mới thực hiện được thao tác này.', en: 'Only officials of the agency the petition is assigned to may do this.' },
  PETITION_ACTION_NOT_ALLOWED: { status: 409, vi: 'Không thể {action} khi phản ánh đang ở trạng thái "{status}".', en: 'Cannot {action} while the petition is "{status}".' },
  PETITION_VERSION_CONFLICT: { status: 409, vi: 'Phản ánh vừa được người khác cập nhật; vui lòng tải lại.', en: 'The petition was changed by someone else; please reload.' },
  PETITION_RATE_LIMITED: { status: 429, vi: 'Đã gửi quá {limit} phản ánh, kiến nghị trong 24 giờ; vui lòng thử lại sau.', en: 'More than {limit} petitions in 24 hours; please try again later.' },
  PETITION_AGENCY_UNKNOWN: { status: 422, vi: 'Không có cơ quan mã {code}.', en: 'No agency with code {code}.' },
  PETITION_CONTACT_REQUIRED: { status: 422, vi: 'Cần số điện thoại, thư điện tử hoặc địa chỉ của người phản ánh để trả lời.', en: "The petitioner's phone, e-mail or address is needed to answer." },
  PETITION_PROCEDURE_UNKNOWN: { status: 422, vi: 'Không có thủ tục hành chính mã {code}.', en: 'No procedure with code {code}.' },
  QUESTION_NOT_FOUND: { status: 404, vi: 'Không có câu hỏi này.', en: 'No such question.' },
  QUESTION_AGENCY_REQUIRED: { status: 422, vi: 'Thủ tục do nhiều cơ quan thực hiện: chọn cơ quan nhận câu hỏi.', en: 'Several agencies perform this procedure: choose the one to ask.' },
  QUESTION_PORTAL_NO_AGENCY: { status: 422, vi: 'Câu hỏi từ Cổng Dịch vụ công quốc gia không nêu cơ quan nhận (MADONVI) và thủ tục không xác định được một cơ quan thực hiện duy nhất.', en: 'The national-portal question names no agency (MADONVI) and its procedure does not determine a single performing agency.' },
  QUESTION_NOT_ANSWERED: { status: 409, vi: 'Câu hỏi chưa được trả lời nên chưa công khai được.', en: 'The question has no answer yet, so it cannot be published.' },
  QUESTION_RATE_LIMITED: { status: 429, vi: 'Đã gửi quá {limit} câu hỏi trong 24 giờ; vui lòng thử lại sau.', en: 'More than {limit} questions in 24 hours; please try again later.' },
});
