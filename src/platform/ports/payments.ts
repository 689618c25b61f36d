// The payment-gateway port (ctx.payments): fees and charges paid online (DVCQG payment platform, VNPay…).
// Never trust one channel: the callback (IPN) is verified, and a scheduled query settles payments whose
// callback was lost. Real adapters are the payments issue's work. The recording adapter records what it was
// asked, answers with a local pay URL, and can `simulate` a provider callback signed with its own secret, so
// the callback path (verify → settle) can be tested end to end without a provider.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { Recorder, type CallOptions, type PortLog } from './recording.js';

export const PaymentStatus = z.enum(['pending', 'paid', 'failed', 'expired', 'refunded']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const CreatePayment = z.object({
  /** Our order id (unique per attempt; the provider's TxnRef). */
  orderId: z.string().min(1).max(64).regex(/^[0-9A-Za-z_.-]+$/),
  /** VND, whole đồng. */
  amount: z.number().int().positive(),
  description: z.string().min(1).max(255),
  /** Where the citizen's browser returns (display only: settlement happens on the verified callback). */
  returnUrl: z.url(),
  dossierCode: z.string().min(1).optional(),
  locale: z.enum(['vi', 'en']).default('vi'),
});
export type CreatePayment = z.input<typeof CreatePayment>;

export const CreatedPayment = z.object({ orderId: z.string(), gatewayRef: z.string(), payUrl: z.string(), expiresAt: z.date() });
export type CreatedPayment = z.infer<typeof CreatedPayment>;

/** The provider's callback as received (query string or form fields). */
export const PaymentCallback = z.record(z.string(), z.string());
export type PaymentCallback = z.infer<typeof PaymentCallback>;

export const VerifiedCallback = z.discriminatedUnion('valid', [
  z.object({ valid: z.literal(true), orderId: z.string(), status: PaymentStatus, amount: z.number().int(), gatewayTxnId: z.string() }),
  z.object({ valid: z.literal(false), reason: z.string() }),
]);
export type VerifiedCallback = z.infer<typeof VerifiedCallback>;

export const PaymentState = z.object({ orderId: z.string(), status: PaymentStatus, amount: z.number().int(), gatewayTxnId: z.string().nullable() });
export type PaymentState = z.infer<typeof PaymentState>;

export interface PaymentGateway {
  createPayment(req: CreatePayment, opts: CallOptions): Promise<CreatedPayment>;
  /** Checks the provider's signature and reads the outcome; an invalid callback is `valid: false`, never a throw. */
  verifyCallback(params: PaymentCallback): Promise<VerifiedCallback>;
  /** Asks the provider (reconciliation of lost callbacks). */
  queryPayment(orderId: string): Promise<PaymentState>;
}

export const PAYMENT_ADAPTERS = ['recording'] as const;

/** How long a created payment may be paid (the recording adapter's answer; providers use 15 minutes). */
const PAY_WINDOW_MS = 15 * 60_000;

export class RecordingPaymentGateway implements PaymentGateway {
  readonly recorder: Recorder;
  private readonly secret = randomBytes(32);
  private readonly states = new Map<string, PaymentState>();

  constructor(private readonly clock: Clock, private readonly publicUrl: string, log?: PortLog) {
    this.recorder = new Recorder('payments', clock, log);
  }

  async createPayment(req: CreatePayment, opts: CallOptions): Promise<CreatedPayment> {
    const m = CreatePayment.parse(req);
    return this.recorder.record('createPayment', opts.idempotencyKey, m, () => {
      this.states.set(m.orderId, { orderId: m.orderId, status: 'pending', amount: m.amount, gatewayTxnId: null });
      return {
        orderId: m.orderId,
        gatewayRef: `recorded:${m.orderId}`,
        payUrl: `${this.publicUrl}/recorded-payments/${encodeURIComponent(m.orderId)}`,
        expiresAt: new Date(this.clock.now().getTime() + PAY_WINDOW_MS),
      };
    });
  }

  /** The callback a provider would send for this order (signed with this adapter's secret). */
  simulateCallback(orderId: string, status: Extract<PaymentStatus, 'paid' | 'failed'>): PaymentCallback {
    const state = this.states.get(orderId);
    if (!state) throw new Error(`no recorded payment ${orderId}`);
    const fields = { orderId, status, amount: String(state.amount), gatewayTxnId: `sim-${orderId}` };
    return { ...fields, signature: this.sign(fields) };
  }

  async verifyCallback(params: PaymentCallback): Promise<VerifiedCallback> {
    const p = PaymentCallback.parse(params);
    const { signature, ...fields } = p;
    if (!signature) return { valid: false, reason: 'missing signature' };
    const expected = Buffer.from(this.sign(fields), 'hex');
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'bad signature' };
    const status = PaymentStatus.safeParse(fields.status);
    const state = this.states.get(fields.orderId ?? '');
    if (!status.success || !state) return { valid: false, reason: 'unknown order or status' };
    const amount = Number(fields.amount);
    if (status.data === 'paid') this.states.set(state.orderId, { ...state, status: 'paid', gatewayTxnId: fields.gatewayTxnId ?? null });
    return { valid: true, orderId: state.orderId, status: status.data, amount, gatewayTxnId: fields.gatewayTxnId ?? '' };
  }

  async queryPayment(orderId: string): Promise<PaymentState> {
    return this.states.get(orderId) ?? { orderId, status: 'expired', amount: 0, gatewayTxnId: null };
  }

  private sign(fields: Record<string, string>): string {
    const canonical = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('&');
    return createHmac('sha256', this.secret).update(canonical).digest('hex');
  }
}
