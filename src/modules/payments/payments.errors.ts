// The payments module's error registry (defineErrors): stable codes, both messages, one status each.
import { defineErrors } from '../../platform/errors.js';

export const paymentErrors = defineErrors({
  PAYMENT_NOT_REQUESTED: { status: 409, vi: 'Hồ sơ chưa có yêu cầu nộp phí, lệ phí (trạng thái hiện tại: {status}).', en: 'The dossier has no request for fees (status now: {status}).' },
  PAYMENT_AMOUNT_UNKNOWN: { status: 422, vi: 'Chưa xác định được số tiền phải nộp cho hồ sơ này; cơ quan giải quyết sẽ thông báo số tiền.', en: 'The amount owed for this dossier is not known yet; the agency will say how much.' },
  PAYMENT_NOTHING_OWED: { status: 422, vi: 'Hồ sơ này được miễn phí, lệ phí: không cần thanh toán.', en: 'This dossier is exempt from fees: nothing to pay.' },
  PAYMENT_ALREADY_PAID: { status: 409, vi: 'Phí, lệ phí của hồ sơ đã được thanh toán (biên lai {receipt}).', en: 'The fees of this dossier are paid already (receipt {receipt}).' },
  PAYMENT_NOT_FOUND: { status: 404, vi: 'Không có giao dịch thanh toán này.', en: 'No such payment.' },
  PAYMENT_GATEWAY_UNAVAILABLE: { status: 502, vi: 'Cổng thanh toán không phản hồi; vui lòng thử lại sau ít phút.', en: 'The payment gateway did not answer; please try again in a few minutes.' },
  PAYMENT_RECEIPT_NOT_ISSUED: { status: 409, vi: 'Giao dịch chưa thanh toán nên chưa có biên lai.', en: 'The payment is not paid, so there is no receipt.' },
  PAYMENT_NOT_REFUNDABLE: { status: 409, vi: 'Chỉ hoàn tiền được giao dịch đã thanh toán của hồ sơ bị từ chối, rút hoặc dừng (trạng thái giao dịch: {status}).', en: 'Only paid payments of refused, withdrawn or stopped dossiers can be refunded (payment status: {status}).' },
  PAYMENTS_FORBIDDEN: { status: 403, vi: 'Chỉ cán bộ thu phí, tiếp nhận hoặc lãnh đạo được xem các khoản thanh toán.', en: 'Only cashiers, reception officers and leaders may see payments.' },
  PAYMENT_ACCOUNTS_FORBIDDEN: { status: 403, vi: 'Chỉ quản trị viên của cơ quan được quản lý tài khoản thu phí trực tuyến.', en: "Only the agency's administrators may manage online payment accounts." },
  PAYMENT_ACCOUNT_NOT_FOUND: { status: 404, vi: 'Không có tài khoản thu phí này.', en: 'No such payment account.' },
  STATEMENT_FILE_REQUIRED: { status: 400, vi: 'Chưa chọn tệp sao kê của cổng thanh toán (CSV hoặc Excel .xlsx).', en: "No statement file: send the gateway's statement (CSV or Excel .xlsx)." },
  STATEMENT_TOO_LARGE: { status: 413, vi: 'Tệp sao kê quá lớn (tối đa {max} MB).', en: 'The statement file is too large (at most {max} MB).' },
  STATEMENT_UNREADABLE: { status: 422, vi: 'Không đọc được tệp sao kê: chỉ nhận tệp CSV (UTF-8) hoặc Excel .xlsx tải từ cổng thanh toán.', en: 'The statement cannot be read: only CSV (UTF-8) or Excel .xlsx files from the gateway are accepted.' },
  STATEMENT_EMPTY: { status: 422, vi: 'Tệp sao kê không có dòng giao dịch nào.', en: 'The statement has no transaction lines.' },
  STATEMENT_COLUMNS_MISSING: { status: 422, vi: 'Tệp sao kê thiếu cột: {columnsVi} (dòng tiêu đề cần có cột số tiền và cột mã tham chiếu hoặc mã giao dịch).', en: 'The statement lacks the columns: {columnsEn} (the header needs an amount column and an order reference or transaction number column).' },
  STATEMENT_ROW_INVALID: { status: 422, vi: 'Dòng {row} của tệp sao kê: {columnVi} không hợp lệ ({value}).', en: 'Line {row} of the statement: the {columnEn} is not valid ({value}).' },
  PAYMENT_DATE_INVALID: { status: 400, vi: 'Ngày đối soát không hợp lệ (định dạng yyyy-mm-dd).', en: 'The reconciliation date is not valid (format yyyy-mm-dd).' },
});
