// The backup errors (stable code, Vietnamese and English text). The CLI prints both messages; a backup,
// restore or verify that fails leaves nothing half-done.
import { defineErrors } from '../../platform/errors.js';

export const backupErrors = defineErrors({
  BACKUP_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bản sao lưu: {path}', en: 'No backup found at {path}' },
  BACKUP_MANIFEST_INVALID: { status: 422, vi: 'Tệp manifest.json của bản sao lưu không hợp lệ: {detail}', en: 'The backup manifest is invalid: {detail}' },
  BACKUP_CORRUPT: {
    status: 422,
    vi: 'Bản sao lưu bị hỏng hoặc đã bị sửa, không khôi phục: {detail}',
    en: 'The backup is corrupted or was altered; nothing was restored: {detail}',
  },
  BACKUP_KEY_REQUIRED: { status: 422, vi: 'Bản sao lưu được mã hóa: cần khóa MOTCUA_BACKUP_KEY', en: 'The backup is encrypted: MOTCUA_BACKUP_KEY is required' },
  BACKUP_KEY_WRONG: { status: 422, vi: 'Khóa MOTCUA_BACKUP_KEY không đúng với bản sao lưu này', en: 'MOTCUA_BACKUP_KEY is not the key this backup was encrypted with' },
  BACKUP_TARGET_NOT_EMPTY: {
    status: 409,
    vi: 'Nơi khôi phục đã có dữ liệu ({target}); dùng --force để ghi đè',
    en: 'The restore target already holds data ({target}); use --force to overwrite it',
  },
  BACKUP_TOO_NEW: {
    status: 409,
    vi: 'Bản sao lưu ở mức migration {level}, mới hơn phiên bản phần mềm này ({code})',
    en: 'The backup is at migration level {level}, newer than this software ({code})',
  },
  BACKUP_TOOL_FAILED: { status: 500, vi: 'Công cụ {tool} báo lỗi: {detail}', en: '{tool} failed: {detail}' },
  BACKUP_UNSUPPORTED: { status: 422, vi: 'Không hỗ trợ: {detail}', en: 'Not supported: {detail}' },
  BACKUPS_FORBIDDEN: { status: 403, vi: 'Chỉ quản trị hệ thống mới xem và chạy sao lưu', en: 'Only system administrators may see and run backups' },
  BACKUPS_NOT_CONFIGURED: {
    status: 409,
    vi: 'Chưa cấu hình sao lưu định kỳ (MOTCUA_BACKUP_DIR)',
    en: 'Scheduled backups are not configured (MOTCUA_BACKUP_DIR)',
  },
  BACKUP_ALREADY_RUNNING: { status: 409, vi: 'Đang có một lần sao lưu hoặc kiểm tra khôi phục chạy; hãy đợi nó xong', en: 'A backup or restore drill is already running; wait for it to finish' },
});
