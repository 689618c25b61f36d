// The result and the fees: record the result or reject (to the return step), return it to the applicant;
// request and confirm a payment (the clock may stop while the applicant pays).
import type { ActionName } from './actions.js';
import { fullConfig } from './deadlines.js';
import { PayloadError, asObject, documentList, oneOf, optNumber, optString, reqString, type Raw } from './payload.js';
import { feeRequestLines, feeRequestTotal } from './fee-request.js';
import { findStep, nearestFinalStep, type ProcessStep } from './process.js';
import type { Command, DecideContext, DossierState, HandoverParty } from './types.js';
import { currentStep } from './who-may-act.js';
import { enter, handoverFromStep, party, resumeClock, type Build, type Draft } from './event-draft.js';


function finalTargetFor(record: boolean, s: DossierState, ctx: DecideContext, p: Raw): ProcessStep | null {
  const step = currentStep(s, ctx)!;
  if (!record) {
    const f = nearestFinalStep(ctx.process, step.key);
    return f && f.key !== step.key ? f : null;
  }
  if (step.next.length === 0) return null;
  const toKey = optString(p, 'toStep') ?? (step.next.length === 1 ? step.next[0]! : null);
  const target = toKey === null ? undefined : step.next.includes(toKey) ? findStep(ctx.process, toKey) : undefined;
  if (!target) throw new PayloadError(`Chọn bước trả kết quả: ${step.next.join(', ')}`, `toStep must be one of: ${step.next.join(', ')}`);
  return target;
}

/** record_result / reject: the result goes to the return step (a hand-over), or stays at a final step. */
function finish(s: DossierState, cmd: Command, ctx: DecideContext, outcome: 'approved' | 'rejected'): Draft {
  const p = asObject(cmd.payload);
  const payload: Raw =
    outcome === 'approved'
      ? { documents: documentList(p, 'documents', true) }
      : { reason: reqString(p, 'reason'), documents: documentList(p, 'documents', false) ?? [] };
  const target = finalTargetFor(outcome === 'approved', s, ctx, p);
  if (!target) return { toState: 'result_ready', payload };
  const loc = enter(target, s, ctx, null);
  return {
    toState: 'result_ready',
    ...loc,
    payload: { ...payload, toStep: target.key },
    handover: handoverFromStep(s, cmd.actor, party(loc.agencyId, target.key, null), ctx),
  };
}

/**
 * Payment methods (hình thức nộp phí, lệ phí) confirm_payment accepts: cash (tiền mặt), bank_transfer
 * (chuyển khoản), pos (thẻ/POS), online (thanh toán trực tuyến: Cổng DVCQG / nền tảng thanh toán — QĐ 766
 * indicator 3.6). Only new commands are checked: events stored with other (free) text still replay.
 */
export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'pos', 'online'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
const PAYMENT_METHOD_NAMES: Record<PaymentMethod, { vi: string; en: string }> = {
  cash: { vi: 'tiền mặt', en: 'cash' },
  bank_transfer: { vi: 'chuyển khoản', en: 'bank transfer' },
  pos: { vi: 'thẻ/POS', en: 'card/POS' },
  online: { vi: 'thanh toán trực tuyến qua Cổng DVCQG / nền tảng thanh toán', en: 'online payment through the national portal / payment platform' },
};

/** The optional `method` of confirm_payment: one of PAYMENT_METHODS, else INVALID_PAYLOAD listing them. */
function paymentMethod(p: Raw): PaymentMethod | null {
  const v = p.method;
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && (PAYMENT_METHODS as readonly string[]).includes(v)) return v as PaymentMethod;
  const list = (lang: 'vi' | 'en') => PAYMENT_METHODS.map((m) => `${m} (${PAYMENT_METHOD_NAMES[m][lang]})`).join(', ');
  throw new PayloadError(`Hình thức nộp (method) phải là một trong: ${list('vi')}`, `method must be one of: ${list('en')}`);
}

/**
 * The optional `gateway` of confirm_payment: the payment adapter that settled it (dvcqg = the DVCQG payment
 * platform; vnpay, simulated, …: the province's own gateway), kept for the national portal's
 * DuocThanhToanTrucTuyen. Only with method online.
 */
function paymentGateway(p: Raw, method: PaymentMethod | null): string | null {
  const g = optString(p, 'gateway');
  if (g === null) return null;
  if (!/^[a-z][a-z0-9_-]{0,19}$/.test(g)) throw new PayloadError('Cổng thanh toán (gateway) không hợp lệ', 'gateway must be an adapter name (a-z, 0-9, _ or -, at most 20 characters)', 'gateway');
  if (method !== 'online') throw new PayloadError('Chỉ ghi cổng thanh toán (gateway) khi hình thức nộp là trực tuyến (online)', 'gateway goes only with method online', 'gateway');
  return g;
}

export const RESULT_PAYMENT_DECIDERS = {
  request_payment: (_s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const lines = feeRequestLines(p);
    let amount = optNumber(p, 'amount', { min: 0 });
    if (lines) {
      const total = feeRequestTotal(lines);
      if (amount !== null && amount !== total) {
        throw new PayloadError(`Số tiền (${amount}) khác tổng các khoản không được miễn (${total})`, `amount (${amount}) differs from the sum of the lines not exempt (${total})`, 'amount');
      }
      amount = total;
    }
    return {
      toState: 'awaiting_payment',
      payload: {
        amount,
        ...(lines ? { lines } : {}),
        reason: optString(p, 'reason'),
        suspendsClock: fullConfig(ctx.config).suspendOnPayment,
      },
    };
  },
  confirm_payment: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const method = paymentMethod(p);
    const gateway = paymentGateway(p, method);
    const { stepDueAt, suspendedHours } = resumeClock(s, 'payment', ctx);
    return {
      toState: s.pausedFrom ?? 'processing',
      payload: {
        amount: optNumber(p, 'amount', { min: 0 }),
        receiptNumber: optString(p, 'receiptNumber'),
        method,
        ...(gateway ? { gateway } : {}),
        suspendedHours,
      },
      clock: stepDueAt !== undefined ? { stepDueAt } : null,
    };
  },
  reject: (s, cmd, ctx) => finish(s, cmd, ctx, 'rejected'),
  record_result: (s, cmd, ctx) => finish(s, cmd, ctx, 'approved'),
  return_result: (s, cmd, ctx) => {
    const p = asObject(cmd.payload);
    const method = oneOf(p, 'method', ['counter', 'post', 'online'] as const);
    const trackingNumber = method === 'post' ? reqString(p, 'trackingNumber') : optString(p, 'trackingNumber');
    const to: HandoverParty = { agencyId: null, stepKey: null, userId: null, applicant: true };
    return {
      toState: 'returned',
      payload: { method, trackingNumber, recipient: optString(p, 'recipient') },
      handover: handoverFromStep(s, cmd.actor, to, ctx),
    };
  },
} satisfies Partial<Record<ActionName, Build>>;
