// The payment-gateway port (ctx.payments): fees and charges paid online (DVCQG payment platform, VNPay…).
// Never trust one channel: the callback (IPN) is verified, and a scheduled query settles payments whose
// callback was lost. Real adapters are the payments issue's work. The recording adapter records what it was
// asked, answers with a local pay URL, and can `simulate` a provider callback signed with its own secret, so
// the callback path (verify → settle) can be tested end to end without a provider.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { Recorder, type CallOptions, type PortLog } from './recording.js';
export type { CallOptions };

export const PaymentStatus = z.enum(['pending', 'paid', 'failed', 'expired', 'refunded']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** One fee line (DVCQG PhiLePhi: LoaiPhiLePhi 1 = phí, 2 = lệ phí). */
export const FeeLine = z.object({
  kind: z.enum(['phi', 'le_phi']),
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(500),
  amount: z.number().int().min(0),
});
export type FeeLine = z.infer<typeof FeeLine>;

/** The beneficiary account of the agency that collects (TKThuHuong, MaNHThuHuong, TenTKThuHuong). */
export const Beneficiary = z.object({ merchantCode: z.string().min(1), accountNo: z.string(), bankCode: z.string(), accountName: z.string() });
export type Beneficiary = z.infer<typeof Beneficiary>;

export const CreatePayment = z.object({
  /** Our order id (unique per attempt; the provider's TxnRef / MaThamChieu). */
  orderId: z.string().min(1).max(64).regex(/^[0-9A-Za-z_.-]+$/),
  /** VND, whole đồng. */
  amount: z.number().int().positive(),
  description: z.string().min(1).max(255),
  /** Where the citizen's browser returns (display only: settlement happens on a verified message). */
  returnUrl: z.url(),
  /** Where the provider sends its server-to-server callback (the providers that take it per order). */
  ipnUrl: z.url().optional(),
  dossierCode: z.string().min(1).optional(),
  procedureCode: z.string().optional(),
  procedureName: z.string().optional(),
  agencyCode: z.string().optional(),
  agencyName: z.string().optional(),
  payerName: z.string().optional(),
  items: z.array(FeeLine).default([]),
  beneficiary: Beneficiary.optional(),
  clientIp: z.string().default('127.0.0.1'),
  locale: z.enum(['vi', 'en']).default('vi'),
});
export type CreatePayment = z.input<typeof CreatePayment>;

export const CreatedPayment = z.object({ orderId: z.string(), gatewayRef: z.string(), payUrl: z.string(), expiresAt: z.date() });
export type CreatedPayment = z.infer<typeof CreatedPayment>;

/** The provider's callback as received (query string or form / JSON fields). */
export const PaymentCallback = z.record(z.string(), z.string());
export type PaymentCallback = z.infer<typeof PaymentCallback>;

export const VerifiedCallback = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    orderId: z.string(),
    status: PaymentStatus,
    amount: z.number().int(),
    currency: z.string().default('VND'),
    gatewayTxnId: z.string(),
    /** The provider's time of the transaction (for the time window), null when it sends none. */
    at: z.date().nullable().default(null),
  }),
  z.object({ valid: z.literal(false), reason: z.string(), orderId: z.string().optional() }),
]);
export type VerifiedCallback = z.input<typeof VerifiedCallback>;

export const PaymentState = z.object({
  orderId: z.string(),
  status: PaymentStatus,
  amount: z.number().int(),
  currency: z.string().default('VND'),
  gatewayTxnId: z.string().nullable(),
});
export type PaymentState = z.input<typeof PaymentState>;

/** What motcua did with a callback: the provider's answer is built from it (RspCode, MaLoi, …). */
export type CallbackOutcome = 'accepted' | 'duplicate' | 'unknown_order' | 'amount_mismatch' | 'forged' | 'late' | 'error';

export interface RefundRequest {
  orderId: string;
  refundId: string;
  amount: number;
  gatewayTxnId: string | null;
  paidAt: Date;
  reason: string;
}
/** `manual`: the provider has no refund API; the cashier pays back and records it. */
export type RefundResult = { status: 'refunded' | 'manual' | 'failed'; ref: string | null; detail?: string };

/** A payment account's credentials at the gateway (payment_accounts: merchant code, secret from the configuration). */
export interface MerchantCredentials {
  merchant: string;
  secret: string;
}

export interface PaymentGateway {
  /** The adapter's name, stored with each payment (vnpay, dvcqg, simulated, recording). */
  readonly name: string;
  /** The same adapter under another merchant and secret (an agency's own account); never shares the secret. */
  forAccount(c: MerchantCredentials): PaymentGateway;
  /** Our order reference in a message as the gateway sends it (before it is verified: to find the account). */
  orderRefOf(params: PaymentCallback): string | null;
  createPayment(req: CreatePayment, opts: CallOptions): Promise<CreatedPayment>;
  /** Checks the provider's signature and reads the outcome; an invalid callback is `valid: false`, never a throw. */
  verifyCallback(params: PaymentCallback): Promise<VerifiedCallback>;
  /** The HTTP answer the provider expects to its server-to-server callback. */
  callbackAnswer(outcome: CallbackOutcome, params: PaymentCallback): { status: number; body: unknown };
  /** Asks the provider (reconciliation of lost callbacks); `createdAt` is the attempt's creation (VNPay wants it). */
  queryPayment(orderId: string, createdAt: Date): Promise<PaymentState>;
  refund(req: RefundRequest, opts: CallOptions): Promise<RefundResult>;
}

export const PAYMENT_ADAPTERS = ['simulated', 'vnpay', 'dvcqg', 'recording'] as const;
export type PaymentAdapterName = (typeof PAYMENT_ADAPTERS)[number];

/** A generic JSON answer (the simulated gateway's and the recording adapter's). */
export function jsonCallbackAnswer(outcome: CallbackOutcome): { status: number; body: unknown } {
  const ok = outcome === 'accepted' || outcome === 'duplicate';
  return { status: ok ? 200 : outcome === 'forged' ? 401 : 400, body: { ok, outcome } };
}

/** How long a created payment may be paid (the recording adapter's answer; providers use 15 minutes). */
const PAY_WINDOW_MS = 15 * 60_000;

export class RecordingPaymentGateway implements PaymentGateway {
  readonly name = 'recording';
  readonly recorder: Recorder;
  private readonly secret = randomBytes(32);
  private readonly states = new Map<string, PaymentState>();

  constructor(private readonly clock: Clock, private readonly publicUrl: string, log?: PortLog) {
    this.recorder = new Recorder('payments', clock, log);
  }

  /** One recording adapter plays every merchant (it signs with its own secret). */
  forAccount(): PaymentGateway {
    return this;
  }

  orderRefOf(params: PaymentCallback): string | null {
    return params.orderId ?? null;
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

  callbackAnswer(outcome: CallbackOutcome): { status: number; body: unknown } {
    return jsonCallbackAnswer(outcome);
  }

  async refund(req: RefundRequest, opts: CallOptions): Promise<RefundResult> {
    return this.recorder.record('refund', opts.idempotencyKey, req, () => ({ status: 'refunded' as const, ref: `recorded-refund:${req.refundId}` }));
  }

  async queryPayment(orderId: string): Promise<PaymentState> {
    return this.states.get(orderId) ?? { orderId, status: 'expired', amount: 0, gatewayTxnId: null };
  }

  private sign(fields: Record<string, string>): string {
    const canonical = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('&');
    return createHmac('sha256', this.secret).update(canonical).digest('hex');
  }
}
