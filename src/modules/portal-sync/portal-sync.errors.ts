// The national-portal sync's error registry (defineErrors): stable codes, both messages, one status each.
import { defineErrors } from '../../platform/errors.js';

export const portalSyncErrors = defineErrors({
  SYNC_FORBIDDEN: { status: 403, vi: 'Chỉ quản trị hệ thống được xem và gửi lại dữ liệu đồng bộ với Cổng Dịch vụ công quốc gia.', en: 'Only administrators may see and resend the national-portal sync.' },
  SYNC_ITEM_NOT_FOUND: { status: 404, vi: 'Không có bản ghi đồng bộ này.', en: 'No such sync record.' },
  SYNC_ITEM_NOT_RESENDABLE: { status: 409, vi: 'Chỉ gửi lại được bản ghi bị Cổng từ chối (trạng thái hiện tại: {status}).', en: 'Only records the portal rejected can be resent (status now: {status}).' },
  SYNC_ITEM_SUPERSEDED: { status: 409, vi: 'Cổng đã nhận trạng thái mới hơn của hồ sơ này; không gửi lại bản cũ.', en: 'The portal has accepted a newer status of this dossier; the older record is not resent.' },
  SYNC_DOSSIER_NOT_FOUND: { status: 404, vi: 'Không có hồ sơ {ref}.', en: 'No dossier {ref}.' },
  PORTAL_FILE_REFUSED: { status: 422, vi: 'Không lấy được tệp {name} theo đường dẫn của Cổng DVCQG: {reason}.', en: 'The file {name} could not be taken from the national portal\'s link: {reason}.' },
});
