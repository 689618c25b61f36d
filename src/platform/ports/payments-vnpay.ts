// VNPay 2.1.0 (https://sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html): the citizen is redirected to
// vpcpay.html with the signed order (HMAC-SHA512 over the sorted, URL-encoded vnp_ parameters; amount × 100);
// VNPay answers on the IPN (server to server, GET) and on the return URL with the same signed fields; the
// IPN is answered with {RspCode, Message}. querydr and refund go to the merchant web API with their own
// "|"-joined checksums. The secret never leaves this adapter.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { unaccent } from '../text.js';
import { parseVnTimestamp, sameHex, vnpayPipeHash, vnpayQuery, vnpaySecureHash, vnTimestamp } from './payment-signing.js';
import {
  CreatePayment,
  type CallbackOutcome, type CallOptions, type CreatedPayment, type MerchantCredentials, type PaymentCallback, type PaymentGateway, type PaymentState,
  type RefundRequest, type RefundResult, type VerifiedCallback,
} from './payments.js';

export interface VnpayOptions {
  /** https://sandbox.vnpayment.vn/paymentv2/vpcpay.html in the sandbox. */
  payUrl: string;
  /** https://sandbox.vnpayment.vn/merchant_webapi/api/transaction in the sandbox. */
  apiUrl: string;
  tmnCode: string;
  hashSecret: string;
  clock: Clock;
  /** The server's own address, sent as vnp_IpAddr of querydr / refund. */
  serverIp?: string;
}

const PAY_WINDOW_MS = 15 * 60_000;

/** What motcua answers VNPay's IPN (the codes of the official IPN page). */
export const VNPAY_IPN_ANSWERS: Record<CallbackOutcome, { RspCode: string; Message: string }> = {
  accepted: { RspCode: '00', Message: 'Confirm Success' },
  duplicate: { RspCode: '02', Message: 'Order already confirmed' },
  unknown_order: { RspCode: '01', Message: 'Order not found' },
  amount_mismatch: { RspCode: '04', Message: 'Invalid amount' },
  forged: { RspCode: '97', Message: 'Invalid Checksum' },
  late: { RspCode: '99', Message: 'Unknown error' },
  error: { RspCode: '99', Message: 'Unknown error' },
};

export class VnpayGateway implements PaymentGateway {
  readonly name = 'vnpay';
  constructor(private readonly opts: VnpayOptions) {}

  forAccount(c: MerchantCredentials): PaymentGateway {
    return new VnpayGateway({ ...this.opts, tmnCode: c.merchant, hashSecret: c.secret });
  }

  orderRefOf(params: PaymentCallback): string | null {
    return params.vnp_TxnRef ?? null;
  }

  /** The signed pay URL (no call to VNPay: the browser carries the order). */
  async createPayment(req: CreatePayment, _o: CallOptions): Promise<CreatedPayment> {
    const m = CreatePayment.parse(req);
    const now = this.opts.clock.now();
    const expiresAt = new Date(now.getTime() + PAY_WINDOW_MS);
    const params = vnpayOrderParams(m, this.opts.tmnCode, now, expiresAt);
    return { orderId: m.orderId, gatewayRef: m.orderId, payUrl: `${this.opts.payUrl}?${vnpayQuery(params, this.opts.hashSecret)}`, expiresAt };
  }

  async verifyCallback(params: PaymentCallback): Promise<VerifiedCallback> {
    if (!sameHex(params.vnp_SecureHash, vnpaySecureHash(params, this.opts.hashSecret))) return { valid: false, reason: 'bad signature', orderId: params.vnp_TxnRef };
    const raw = Number(params.vnp_Amount);
    if (!params.vnp_TxnRef || !Number.isInteger(raw) || raw % 100 !== 0) return { valid: false, reason: 'malformed message', orderId: params.vnp_TxnRef };
    const paid = params.vnp_ResponseCode === '00' && params.vnp_TransactionStatus === '00';
    return {
      valid: true, orderId: params.vnp_TxnRef, status: paid ? 'paid' : 'failed', amount: raw / 100, currency: 'VND',
      gatewayTxnId: params.vnp_TransactionNo ?? '', at: parseVnTimestamp(params.vnp_PayDate),
    };
  }

  callbackAnswer(outcome: CallbackOutcome): { status: number; body: unknown } {
    return { status: 200, body: VNPAY_IPN_ANSWERS[outcome] };
  }

  async queryPayment(orderId: string, createdAt: Date): Promise<PaymentState> {
    const q = {
      vnp_RequestId: randomUUID().replace(/-/g, '').slice(0, 32), vnp_Version: '2.1.0', vnp_Command: 'querydr', vnp_TmnCode: this.opts.tmnCode,
      vnp_TxnRef: orderId, vnp_OrderInfo: `Truy van ${orderId}`, vnp_TransactionDate: vnTimestamp(createdAt),
      vnp_CreateDate: vnTimestamp(this.opts.clock.now()), vnp_IpAddr: this.opts.serverIp ?? '127.0.0.1',
    };
    const hash = vnpayPipeHash([q.vnp_RequestId, q.vnp_Version, q.vnp_Command, q.vnp_TmnCode, q.vnp_TxnRef, q.vnp_TransactionDate, q.vnp_CreateDate, q.vnp_IpAddr, q.vnp_OrderInfo], this.opts.hashSecret);
    const r = await this.post({ ...q, vnp_SecureHash: hash });
    const expected = vnpayPipeHash(QUERY_ANSWER_FIELDS.map((k) => r[k] ?? ''), this.opts.hashSecret);
    if (!sameHex(r.vnp_SecureHash, expected)) throw new Error('VNPay querydr: bad checksum on the answer');
    // 91: transaction not found; anything but 00 on the request: the state stays as it was (pending)
    if (r.vnp_ResponseCode === '91') return { orderId, status: 'expired', amount: 0, gatewayTxnId: null };
    if (r.vnp_ResponseCode !== '00') return { orderId, status: 'pending', amount: 0, gatewayTxnId: null };
    const status = r.vnp_TransactionStatus === '00' ? 'paid' : r.vnp_TransactionStatus === '01' ? 'pending' : 'failed';
    return { orderId, status, amount: Number(r.vnp_Amount) / 100, currency: 'VND', gatewayTxnId: r.vnp_TransactionNo || null };
  }

  async refund(req: RefundRequest): Promise<RefundResult> {
    const q = {
      vnp_RequestId: req.refundId.replace(/-/g, '').slice(0, 32), vnp_Version: '2.1.0', vnp_Command: 'refund', vnp_TmnCode: this.opts.tmnCode,
      vnp_TransactionType: '02', vnp_TxnRef: req.orderId, vnp_Amount: String(req.amount * 100), vnp_TransactionNo: req.gatewayTxnId ?? '0',
      vnp_TransactionDate: vnTimestamp(req.paidAt), vnp_CreateBy: 'motcua', vnp_CreateDate: vnTimestamp(this.opts.clock.now()),
      vnp_IpAddr: this.opts.serverIp ?? '127.0.0.1', vnp_OrderInfo: unaccent(`Hoan tien ${req.orderId}`).slice(0, 255),
    };
    const hash = vnpayPipeHash([q.vnp_RequestId, q.vnp_Version, q.vnp_Command, q.vnp_TmnCode, q.vnp_TransactionType, q.vnp_TxnRef, q.vnp_Amount, q.vnp_TransactionNo, q.vnp_TransactionDate, q.vnp_CreateBy, q.vnp_CreateDate, q.vnp_IpAddr, q.vnp_OrderInfo], this.opts.hashSecret);
    const r = await this.post({ ...q, vnp_SecureHash: hash });
    return r.vnp_ResponseCode === '00' ? { status: 'refunded', ref: r.vnp_TransactionNo ?? null } : { status: 'failed', ref: null, detail: `${r.vnp_ResponseCode} ${r.vnp_Message ?? ''}` };
  }

  private async post(body: Record<string, string>): Promise<Record<string, string>> {
    const res = await fetch(this.opts.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`VNPay ${body.vnp_Command}: HTTP ${res.status}`);
    const json = z.record(z.string(), z.union([z.string(), z.number()])).parse(await res.json());
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, String(v)]));
  }
}

/** The fields of a querydr answer in the order of its checksum. */
export const QUERY_ANSWER_FIELDS = [
  'vnp_ResponseId', 'vnp_Command', 'vnp_ResponseCode', 'vnp_Message', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_Amount', 'vnp_BankCode',
  'vnp_PayDate', 'vnp_TransactionNo', 'vnp_TransactionType', 'vnp_TransactionStatus', 'vnp_OrderInfo', 'vnp_PromotionCode', 'vnp_PromotionAmount',
] as const;

/** The vnp_ parameters of a pay order (VNPay advises order info without diacritics). */
export function vnpayOrderParams(m: z.output<typeof CreatePayment>, tmnCode: string, now: Date, expiresAt: Date): Record<string, string> {
  return {
    vnp_Version: '2.1.0', vnp_Command: 'pay', vnp_TmnCode: tmnCode, vnp_Amount: String(m.amount * 100),
    vnp_CreateDate: vnTimestamp(now), vnp_CurrCode: 'VND', vnp_IpAddr: m.clientIp, vnp_Locale: m.locale === 'en' ? 'en' : 'vn',
    vnp_OrderInfo: unaccent(m.description).slice(0, 255), vnp_OrderType: 'other', vnp_ReturnUrl: m.returnUrl, vnp_TxnRef: m.orderId,
    vnp_ExpireDate: vnTimestamp(expiresAt),
  };
}
