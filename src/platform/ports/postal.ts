// The postal-service port (ctx.postal): bưu chính công ích (VNPost) collects a dossier from the citizen and
// delivers results (QĐ 45/2016). Real adapter (VNPost order / tracking API, through the LGSP or directly)
// is the postal issue's work; the recording adapter answers with a booking id and a tracking code.
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { Recorder, type CallOptions, type PortLog } from './recording.js';

export const PostalParty = z.object({
  name: z.string().min(1),
  phone: z.string().min(6),
  email: z.email().optional(),
  address: z.string().min(1),
  /** Administrative unit code (province / commune; two tiers since 1/7/2025). */
  provinceCode: z.string().min(1),
  communeCode: z.string().min(1).optional(),
});

export const PostalBooking = z.object({
  /** INBOUND_DOSSIER: collect the dossier from the citizen; OUTBOUND_RESULT: deliver the result. */
  direction: z.enum(['INBOUND_DOSSIER', 'OUTBOUND_RESULT']),
  /** = the dossier code (OrderNumber). */
  orderNumber: z.string().min(1),
  sender: PostalParty,
  receiver: PostalParty,
  /** Cash the postal worker collects (fees), VND. */
  codAmount: z.number().int().min(0).default(0),
  description: z.string().max(500).optional(),
});
export type PostalBooking = z.input<typeof PostalBooking>;

export const BookingResult = z.object({ bookingId: z.string(), trackingCode: z.string() });
export type BookingResult = z.infer<typeof BookingResult>;

export const TrackingEvent = z.object({ at: z.date(), status: z.string(), place: z.string().optional() });
export const Tracking = z.object({
  trackingCode: z.string(),
  status: z.enum(['booked', 'collecting', 'in_transit', 'delivered', 'failed', 'cancelled', 'unknown']),
  events: z.array(TrackingEvent),
});
export type Tracking = z.infer<typeof Tracking>;

export interface PostalService {
  /** Books a pickup (INBOUND_DOSSIER) or a delivery (OUTBOUND_RESULT). */
  book(booking: PostalBooking, opts: CallOptions): Promise<BookingResult>;
  track(trackingCode: string): Promise<Tracking>;
}

export const POSTAL_ADAPTERS = ['recording'] as const;

export class RecordingPostalService implements PostalService {
  readonly recorder: Recorder;
  constructor(clock: Clock, log?: PortLog) {
    this.recorder = new Recorder('postal', clock, log);
  }
  async book(booking: PostalBooking, opts: CallOptions): Promise<BookingResult> {
    const m = PostalBooking.parse(booking);
    const n = this.recorder.of('book').length + 1;
    return this.recorder.record('book', opts.idempotencyKey, m, () => ({ bookingId: `recorded:${opts.idempotencyKey}`, trackingCode: `RC${String(n).padStart(9, '0')}VN` }));
  }
  async track(trackingCode: string): Promise<Tracking> {
    const booked = this.recorder.of('book').find((e) => (e.result as BookingResult).trackingCode === trackingCode);
    if (!booked) return { trackingCode, status: 'unknown', events: [] };
    return { trackingCode, status: 'booked', events: [{ at: booked.at, status: 'booked' }] };
  }
}
