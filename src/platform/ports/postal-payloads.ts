// VNPost's order and tracking payloads (integrations-vn.md §2.4), shared by the adapters and the simulated
// post office. Schemas and the port's interface, no I/O.
import { z } from 'zod';
import type { CallOptions } from './recording.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Phone = z.string().regex(/^\+?[0-9 .-]{8,15}$/, 'phone number');

export const PostalOrder = z.object({
  /** INBOUND_DOSSIER: collect the dossier from the citizen; OUTBOUND_RESULT: deliver the result. */
  Direction: z.enum(['INBOUND_DOSSIER', 'OUTBOUND_RESULT']),
  CustomerCode: Text(50),
  /** = the dossier code. */
  OrderNumber: Text(50),
  CODAmount: z.number().int().min(0),
  SenderName: Text(300), SenderAddress: Text(500), SenderTel: Phone.optional(), SenderEmail: z.email().optional(),
  /** Two-tier administrative units: 2-digit province, 5-digit commune. */
  SenderProvince: z.string().regex(/^\d{2}$/), SenderCommune: z.string().regex(/^\d{5}$/).optional(),
  ReceiverName: Text(300), ReceiverAddress: Text(500), ReceiverTel: Phone, ReceiverEmail: z.email().optional(),
  ReceiverProvince: z.string().regex(/^\d{2}$/), ReceiverCommune: z.string().regex(/^\d{5}$/),
  /** What is in the envelope (the result documents, or the dossier's components for a collection). */
  SenderDesc: z.string().max(2000).optional(),
  Description: z.string().max(500).optional(),
});
export type PostalOrder = z.infer<typeof PostalOrder>;

export const OrderAnswer = z.object({ Status: z.string(), ItemCode: z.string().optional(), Message: z.string().optional() });
export type OrderAnswer = z.infer<typeof OrderAnswer>;

/** VNPost order statuses (MyVNPost): what the tracking answers. */
export const VNPOST_STATUS: Readonly<Record<number, { key: PostalStatus; vi: string }>> = {
  1: { key: 'booked', vi: 'Đã đăng ký' },
  2: { key: 'collecting', vi: 'Đang đi nhận' },
  6: { key: 'collected', vi: 'Đã nhận hàng' },
  7: { key: 'in_transit', vi: 'Đã đến bưu cục' },
  10: { key: 'in_transit', vi: 'Đang vận chuyển' },
  12: { key: 'delivering', vi: 'Đang phát' },
  14: { key: 'delivered', vi: 'Đã phát thành công' },
  15: { key: 'failed', vi: 'Phát không thành công' },
  22: { key: 'cancelled', vi: 'Đã hủy' },
};
export type PostalStatus = 'booked' | 'collecting' | 'collected' | 'in_transit' | 'delivering' | 'delivered' | 'failed' | 'cancelled';

export const TrackingEvent = z.object({ Status: z.number().int(), At: z.string(), Place: z.string().optional(), Note: z.string().optional() });
export type TrackingEvent = z.infer<typeof TrackingEvent>;
export const Tracking = z.object({ ItemCode: z.string(), Events: z.array(TrackingEvent) });
export type Tracking = z.infer<typeof Tracking>;

/**
 * A tracking callback: the post office tells motcua of an item's tracking changes instead of (or besides)
 * being asked. VNPost publishes no callback layout for the public-administration service (integrations-vn.md
 * §2.4 lists the order and the tracking query only), so this one is ASSUMED, in the tracking answer's own
 * field names, and a province's contract may rename it:
 *
 *   POST {MOTCUA_PUBLIC_URL}/api/v1/postal/tracking-callback
 *   Content-Type: application/json
 *   X-VNPost-Timestamp: <Unix time in seconds when the post office sent it>
 *   X-VNPost-Signature: <hex HMAC-SHA256 over `${timestamp}.${raw body}` with the shared secret>
 *   { "CustomerCode": "H56TTHC", "ItemCode": "EB000000001VN", "OrderNumber": "<dossier code>",
 *     "Events": [{ "Status": 14, "At": "2026-11-24T03:10:00.000Z", "Place": "…", "Note": "…" }] }
 *
 * The shared secret (MOTCUA_VNPOST_CALLBACK_SECRET) is agreed with the post office and stays on the server;
 * a callback without a valid signature, or signed more than CALLBACK_WINDOW_SECONDS away from motcua's clock
 * (a replay), is refused. The events are recorded exactly as the tracking query's (a repeat records nothing).
 */
export const TrackingCallback = z.object({
  CustomerCode: z.string().trim().max(50).optional(),
  ItemCode: z.string().regex(/^[A-Z0-9]{6,20}$/, 'VNPost item code'),
  /** The dossier code the order was booked with; when present it must match. */
  OrderNumber: z.string().trim().min(1).max(50).optional(),
  Events: z.array(z.object({
    Status: z.number().int().min(0).max(99),
    At: z.iso.datetime({ offset: true }),
    Place: z.string().max(300).optional(),
    Note: z.string().max(500).optional(),
  })).min(1).max(100),
});
export type TrackingCallback = z.infer<typeof TrackingCallback>;

/** What motcua answers a callback it took (VNPost's own Status "100" = OK). */
export const TrackingCallbackAnswer = z.object({
  Status: z.literal('100'),
  Message: z.string(),
  /** Tracking changes recorded now; `Duplicates` were known already (a repeated callback). */
  Recorded: z.number().int(),
  Duplicates: z.number().int(),
});
export type TrackingCallbackAnswer = z.infer<typeof TrackingCallbackAnswer>;

/** The post office could not be reached (retry later). */
export class PostalUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostalUnavailable';
  }
}

export interface PostalService {
  readonly provider: string;
  /** Books a collection or a delivery; one order per OrderNumber and Direction (a repeat answers the same ItemCode). */
  createOrder(order: PostalOrder, opts: CallOptions): Promise<OrderAnswer>;
  tracking(itemCode: string): Promise<Tracking>;
}
