// The postal service's error registry (defineErrors): stable codes, both messages, one status each.
import { defineErrors } from '../../platform/errors.js';

export const postalErrors = defineErrors({
  POSTAL_CALLBACKS_OFF: { status: 403, vi: 'Hệ thống chưa nhận thông báo hành trình từ bưu điện (chưa cấu hình khóa chung MOTCUA_VNPOST_CALLBACK_SECRET).', en: 'Tracking callbacks from the post office are not taken (no shared secret MOTCUA_VNPOST_CALLBACK_SECRET is configured).' },
  POSTAL_CALLBACK_UNAUTHENTICATED: { status: 401, vi: 'Thông báo hành trình không có chữ ký hợp lệ của bưu điện (thiếu chữ ký, chữ ký sai, hoặc ký cách quá 15 phút so với giờ hệ thống).', en: 'The tracking callback is not validly signed by the post office (no signature, a wrong one, or signed more than 15 minutes from the server clock).' },
  POSTAL_ITEM_UNKNOWN: { status: 404, vi: 'Không có bưu gửi {itemCode} của hệ thống.', en: 'No postal item {itemCode} was booked by this system.' },
  POSTAL_ORDER_MISMATCH: { status: 422, vi: 'Bưu gửi {itemCode} thuộc hồ sơ khác, không phải {orderNumber}.', en: 'Postal item {itemCode} belongs to another dossier, not {orderNumber}.' },
  POSTAL_DESK_PHONE_MISSING: { status: 422, vi: 'Chưa cấu hình số điện thoại của Bộ phận Một cửa in trên bưu gửi (MOTCUA_POSTAL_SENDER_TEL); bưu điện cần số này để giao hồ sơ thu gom.', en: 'The desk phone printed on postal orders is not configured (MOTCUA_POSTAL_SENDER_TEL); the post office needs it to deliver collected dossiers.' },
  PICKUP_FORBIDDEN: { status: 403, vi: 'Chỉ cán bộ tiếp nhận của bộ phận này được xem các lượt thu gom hồ sơ.', en: 'Only the desk\'s reception officers may see its collections.' },
});
