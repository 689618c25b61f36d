// The postal-service port (ctx.postal): bưu chính công ích (VNPost) collects a dossier from the citizen or
// delivers a result (QĐ 45/2016), in the VNPost order's own field names (integrations-vn.md §2.4): OrderNumber
// = the dossier code, CODAmount = cash the postal worker collects, sender and receiver with the
// administrative-unit codes of the two-tier system (province + commune, since 1/7/2025). Tracking answers the
// order's status history with VNPost's numeric statuses.
//
// Adapters: `vnpost` (postal-http.ts: token, order, tracking over HTTP, directly or through the LGSP), and
// `recording`, the embedded default: the simulated postal service's rules in-process (postal-sim.ts), each
// order recorded, nothing sent; an order nobody moves by hand follows a demo schedule (delivered ~2 days later).
import type { Clock } from '../clock.js';
import { Recorder, type CallOptions, type PortLog } from './recording.js';
import { SimulatedPostOffice } from './postal-sim.js';
import type { OrderAnswer, PostalOrder, PostalService, Tracking } from './postal-payloads.js';

export * from './postal-payloads.js';

export const POSTAL_ADAPTERS = ['recording', 'vnpost'] as const;

export class RecordingPostalService implements PostalService {
  readonly provider = 'recording';
  readonly recorder: Recorder;
  readonly office: SimulatedPostOffice;
  constructor(clock: Clock, log?: PortLog) {
    this.recorder = new Recorder('postal', clock, log);
    this.office = new SimulatedPostOffice(() => clock.now(), true);
  }
  async createOrder(order: PostalOrder, opts: CallOptions): Promise<OrderAnswer> {
    return this.recorder.record('createOrder', opts.idempotencyKey, order, () => this.office.create(order));
  }
  async tracking(itemCode: string): Promise<Tracking> {
    return this.office.tracking(itemCode);
  }
}
