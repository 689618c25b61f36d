// The documents module's error messages, registered once on import.
import { registerMessages } from '../../platform/i18n/messages.js';

registerMessages({
  UPLOAD_RETRY: { vi: 'Tệp vừa tải lên trùng với một tệp đang bị hủy; vui lòng tải lên lại.', en: 'The uploaded file collided with one being discarded; please upload it again.' },
  FILE_TOO_LARGE: { vi: 'Tệp vượt quá dung lượng cho phép ({limit} byte).', en: 'The file exceeds the size limit ({limit} bytes).' },
  DOSSIER_FILES_TOO_LARGE: {
    vi: 'Tổng dung lượng tệp của hồ sơ vượt quá giới hạn ({limit} byte).',
    en: 'The files of this dossier would exceed the per-dossier limit ({limit} bytes).',
  },
  FILE_TYPE_NOT_ALLOWED: {
    vi: 'Loại tệp không được chấp nhận (chỉ PDF, JPEG, PNG, DOC/DOCX, XLS/XLSX; kiểu tệp được xác định theo nội dung).',
    en: 'File type not accepted (PDF, JPEG, PNG, DOC/DOCX, XLS/XLSX only; the type is decided by the content).',
  },
  FILE_TYPE_MISMATCH: { vi: 'Loại tệp khai báo ({declared}) không khớp với nội dung tệp ({kind}).', en: 'The declared file type ({declared}) does not match its content ({kind}).' },
  FILE_REQUIRED: { vi: 'Cần gửi một tệp (multipart/form-data, trường file).', en: 'Send one file (multipart/form-data, field file).' },
  FORM_NOT_AVAILABLE: { vi: 'Hồ sơ chưa có dữ liệu cho mẫu {form}: {reason}', en: 'Form {form} is not available for this dossier: {reason}' },
  RECEIPT_SECRET_INVALID: { vi: 'Mã tra cứu không đúng.', en: 'The receipt secret is wrong.' },
  SIGNING_NOT_CONFIGURED: {
    vi: 'Chưa cấu hình chứng thư số của cơ quan (MOTCUA_SIGNING_P12 / MOTCUA_SIGNING_DIR).',
    en: 'No signing certificate is configured for the agency (MOTCUA_SIGNING_P12 / MOTCUA_SIGNING_DIR).',
  },
  SIGNING_FAILED: { vi: 'Không ký số được tệp: {reason}', en: 'The file could not be signed: {reason}' },
  NOT_A_PDF: { vi: 'Tệp không phải PDF.', en: 'The file is not a PDF.' },
  TEMPLATE_INVALID: { vi: 'Mẫu biểu không hợp lệ: {problems}', en: 'Invalid form template: {problems}' },
  RESULT_DOCUMENT_EXISTS: { vi: 'Văn bản kết quả (số, ngày, cơ quan hoặc mã kết quả) đã tồn tại.', en: 'A result document with that number/date/agency or result code exists.' },
});
