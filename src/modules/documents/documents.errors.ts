// The documents module's error registry: each code owns its HTTP status and both messages (defineErrors).
import { defineErrors } from '../../platform/errors.js';

export const documentErrors = defineErrors({
  UPLOAD_RETRY: { status: 409, vi: 'Tệp vừa tải lên trùng với một tệp đang bị hủy; vui lòng tải lên lại.', en: 'The uploaded file collided with one being discarded; please upload it again.' },
  FILE_TOO_LARGE: { status: 413, vi: 'Tệp vượt quá dung lượng cho phép ({limit} byte).', en: 'The file exceeds the size limit ({limit} bytes).' },
  DOSSIER_FILES_TOO_LARGE: { status: 413,
    vi: 'Tổng dung lượng tệp của hồ sơ vượt quá giới hạn ({limit} byte).',
    en: 'The files of this dossier would exceed the per-dossier limit ({limit} bytes).',
  },
  FILE_TYPE_NOT_ALLOWED: { status: 415,
    vi: 'Loại tệp không được chấp nhận (chỉ PDF, JPEG, PNG, DOC/DOCX, XLS/XLSX; kiểu tệp được xác định theo nội dung).',
    en: 'File type not accepted (PDF, JPEG, PNG, DOC/DOCX, XLS/XLSX only; the type is decided by the content).',
  },
  FILE_TYPE_MISMATCH: { status: 415, vi: 'Loại tệp khai báo ({declared}) không khớp với nội dung tệp ({kind}).', en: 'The declared file type ({declared}) does not match its content ({kind}).' },
  MULTIPART_INVALID: {
    status: 400,
    vi: 'Nội dung tải lên (multipart/form-data) không hợp lệ.',
    en: 'The upload (multipart/form-data) is malformed.',
  },
  FILE_REQUIRED: { status: 400, vi: 'Cần gửi một tệp (multipart/form-data, trường file).', en: 'Send one file (multipart/form-data, field file).' },
  FORM_NOT_AVAILABLE: { status: 409, vi: 'Hồ sơ chưa có dữ liệu cho mẫu {form}: {reason}', en: 'Form {form} is not available for this dossier: {reason}' },
  RECEIPT_SECRET_INVALID: { status: 422, vi: 'Mã tra cứu không đúng.', en: 'The receipt secret is wrong.' },
  SIGNING_NOT_CONFIGURED: { status: 409,
    vi: 'Chưa cấu hình chứng thư số của cơ quan (MOTCUA_SIGNING_P12 / MOTCUA_SIGNING_DIR).',
    en: 'No signing certificate is configured for the agency (MOTCUA_SIGNING_P12 / MOTCUA_SIGNING_DIR).',
  },
  SIGNING_FAILED: { status: 500, vi: 'Ký số thất bại do chứng thư số của cơ quan: {reason}', en: 'Signing failed because of the agency certificate: {reason}' },
  NOT_A_PDF: { status: 422, vi: 'Tệp {fileId} không phải PDF nên không ký số được.', en: 'File {fileId} is not a PDF, so it cannot be signed.' },
  PDF_REQUIRED: { status: 415, vi: 'Cần gửi một tệp PDF.', en: 'Send a PDF file.' },
  MULTIPART_REQUIRED: {
    status: 415,
    vi: 'Cần gửi tệp dạng multipart/form-data (trường file).',
    en: 'Send the file as multipart/form-data (field file).',
  },
  PDF_NOT_SIGNABLE: { status: 422, vi: 'Không ký số được tệp PDF này: {reason}', en: 'This PDF cannot be signed: {reason}' },
  TEMPLATE_INVALID: { status: 422, vi: 'Mẫu biểu không hợp lệ: {problems}', en: 'Invalid form template: {problems}' },
  VERIFY_NOT_FOUND: { status: 404,
    vi: 'Không tìm thấy: mã băm này không phải của văn bản kết quả điện tử nào do hệ thống cấp.',
    en: 'Not found: this hash is not that of any electronic result issued by this system.',
  },
  RESULT_DOCUMENT_EXISTS: { status: 409, vi: 'Văn bản kết quả (số, ngày, cơ quan hoặc mã kết quả) đã tồn tại.', en: 'A result document with that number/date/agency or result code exists.' },
  FILE_NOT_ATTACHABLE: {
    status: 422,
    vi: 'Tệp {fileId} không thể đính kèm vào hồ sơ này (không tồn tại, thuộc hồ sơ khác hoặc đã được đính kèm).',
    en: 'File {fileId} cannot be attached to this dossier (unknown, belongs to another dossier or already attached).',
  },
  // upload screening (upload-screening.ts)
  PDF_ACTIVE_CONTENT: {
    status: 422,
    vi: 'Tệp PDF chứa nội dung tự thực thi (JavaScript, hành động tự động, tệp nhúng, biểu mẫu XFA hoặc gửi dữ liệu) nên không được nhận; hãy in lại thành PDF (Print to PDF) rồi tải lên.',
    en: 'The PDF holds active content (JavaScript, automatic actions, embedded files, XFA or submit forms) and is not accepted; print it to PDF again and upload that.',
  },
  PDF_INVALID: {
    status: 422,
    vi: 'Tệp có đầu PDF nhưng không đọc được như một tệp PDF; hãy xuất lại tệp PDF rồi tải lên.',
    en: 'The file starts like a PDF but cannot be read as one; export the PDF again and upload that.',
  },
  FILE_POLYGLOT: {
    status: 422,
    vi: 'Tệp còn chứa nội dung của loại khác (mã HTML/script hoặc chương trình) nên không được nhận.',
    en: 'The file also holds content of another type (HTML/script markup or a program) and is not accepted.',
  },
  OFFICE_ACTIVE_CONTENT: {
    status: 422,
    vi: 'Tệp Word/Excel chứa macro (VBA) hoặc gói chương trình nhúng nên không được nhận; hãy lưu lại thành .docx/.xlsx không có macro rồi tải lên.',
    en: 'The Word/Excel file holds macros (VBA) or an embedded program package and is not accepted; save it as a macro-free .docx/.xlsx and upload that.',
  },
  ARCHIVE_UNSAFE: {
    status: 422,
    vi: 'Tệp Word/Excel (dạng nén) vượt giới hạn an toàn hoặc có cấu trúc không hợp lệ nên không được nhận.',
    en: 'The Word/Excel file (a ZIP container) exceeds the safety limits or is malformed and is not accepted.',
  },
});
