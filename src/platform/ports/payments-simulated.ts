// The adapter of the built-in simulated gateway (payments-sim-server.ts): the same shape of conversation as a
// real provider — order over HTTP, redirect, signed callback, status query, refund — with a shared secret.
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { sameHex, simSignature } from './payment-signing.js';
import {
  CreatePayment, jsonCallbackAnswer, PaymentStatus,
  type CallbackOutcome, type CallOptions, type CreatedPayment, type MerchantCredentials, type PaymentCallback, type PaymentGateway, type PaymentState,
  type RefundRequest, type RefundResult, type VerifiedCallback,
} from './payments.js';

const PAY_WINDOW_MS = 15 * 60_000;

export class SimulatedPaymentGateway implements PaymentGateway {
  readonly name = 'simulated';

  /** `baseUrl` is read at each call: the embedded gateway lives under motcua's own public URL. */
  constructor(private readonly opts: { baseUrl: () => string; secret: string; merchant: string; clock: Clock }) {}

  forAccount(c: MerchantCredentials): PaymentGateway {
    return new SimulatedPaymentGateway({ ...this.opts, merchant: c.merchant, secret: c.secret });
  }

  orderRefOf(params: PaymentCallback): string | null {
    return params.orderId ?? null;
  }

  async createPayment(req: CreatePayment, _opts: CallOptions): Promise<CreatedPayment> {
    const m = CreatePayment.parse(req);
    if (!m.ipnUrl) throw new Error('the simulated gateway needs an ipnUrl');
    const fields = {
      merchant: m.beneficiary?.merchantCode ?? this.opts.merchant,
      orderId: m.orderId, amount: String(m.amount), currency: 'VND', description: m.description,
      returnUrl: m.returnUrl, ipnUrl: m.ipnUrl, items: JSON.stringify(m.items.map((i) => ({ name: i.name, amount: i.amount }))),
      ts: String(this.opts.clock.now().getTime()),
    };
    const answer = await this.post('/api/payments', fields);
    const payUrl = z.object({ payUrl: z.string() }).parse(answer).payUrl;
    return { orderId: m.orderId, gatewayRef: m.orderId, payUrl, expiresAt: new Date(this.opts.clock.now().getTime() + PAY_WINDOW_MS) };
  }

  async verifyCallback(params: PaymentCallback): Promise<VerifiedCallback> {
    if (!sameHex(params.signature, simSignature(params, this.opts.secret))) return { valid: false, reason: 'bad signature', orderId: params.orderId };
    const status = PaymentStatus.safeParse(params.status);
    const amount = Number(params.amount);
    if (!params.orderId || !status.success || !Number.isInteger(amount)) return { valid: false, reason: 'malformed message', orderId: params.orderId };
    const ts = Number(params.ts);
    return {
      valid: true, orderId: params.orderId, status: status.data, amount, currency: params.currency ?? 'VND',
      gatewayTxnId: params.txnId ?? '', at: Number.isFinite(ts) && ts > 0 ? new Date(ts) : null,
    };
  }

  callbackAnswer(outcome: CallbackOutcome): { status: number; body: unknown } {
    return jsonCallbackAnswer(outcome);
  }

  async queryPayment(orderId: string): Promise<PaymentState> {
    const answer = await this.post('/api/query', { merchant: this.opts.merchant, orderId, ts: String(this.opts.clock.now().getTime()) });
    const v = await this.verifyCallback(answer);
    if (!v.valid) return { orderId, status: 'expired', amount: 0, gatewayTxnId: null };
    return { orderId, status: v.status, amount: v.amount, currency: v.currency, gatewayTxnId: v.gatewayTxnId || null };
  }

  async refund(req: RefundRequest): Promise<RefundResult> {
    const answer = await this.post('/api/refund', { merchant: this.opts.merchant, orderId: req.orderId, refundId: req.refundId, amount: String(req.amount), ts: String(this.opts.clock.now().getTime()) });
    if (!sameHex(answer.signature, simSignature(answer, this.opts.secret))) return { status: 'failed', ref: null, detail: 'bad signature on the answer' };
    return answer.status === 'refunded' ? { status: 'refunded', ref: answer.ref ?? null } : { status: 'failed', ref: null, detail: answer.status };
  }

  /** A signed POST; the answer's fields as strings (its signature is checked by the caller). */
  private async post(path: string, fields: Record<string, string>): Promise<Record<string, string>> {
    const res = await fetch(`${this.opts.baseUrl()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...fields, signature: simSignature(fields, this.opts.secret) }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw new Error(`simulated gateway ${path}: HTTP ${res.status}`);
    return z.record(z.string(), z.string()).parse(await res.json());
  }
}
