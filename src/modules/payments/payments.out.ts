// Response schemas of the payments routes.
import { z } from 'zod';
import { FeeLine, PaymentStatus } from '../../platform/ports/payments.js';
import { problems } from '../../platform/http/problem.schema.js';

export const CitizenPaymentOut = z.object({
  orderRef: z.string(),
  gateway: z.string(),
  status: PaymentStatus,
  amount: z.number().int(),
  currency: z.string(),
  /** The lines kept with the payment: charged, and exempt ones (amount 0) with their reason. */
  items: z.array(FeeLine.extend({
    unitAmount: z.number().int().optional(), quantity: z.number().int().optional(),
    exemptReason: z.string().optional(), legalBasis: z.string().optional(),
  })),
  payUrl: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  refundedAt: z.string().nullable(),
  receiptNumber: z.string().nullable(),
});

export const PaymentSummaryOut = z.object({
  code: z.string(),
  awaitingPayment: z.boolean(),
  owed: z.object({
    total: z.number().int(),
    blocked: z.enum(['amount_unknown', 'free']).nullable(),
    lines: z.array(z.object({
      kind: z.enum(['phi', 'le_phi']), code: z.string(), name: z.string(), amount: z.number().int(),
      state: z.enum(['charged', 'exempt', 'set_locally', 'per_unit', 'unpriced']), reason: z.string().nullable(),
      /** The official's lines: unit amount and quantity (amount = unit × quantity, 0 when exempt), legal basis of the exemption. */
      unitAmount: z.number().int().nullable(), quantity: z.number().int().nullable(), legalBasis: z.string().nullable(),
    })),
  }).nullable(),
  payments: z.array(CitizenPaymentOut),
});

export const CashierPaymentOut = CitizenPaymentOut.extend({
  id: z.string(),
  dossierCode: z.string(),
  payerName: z.string().nullable(),
  gatewayTxnId: z.string().nullable(),
  settledBy: z.string().nullable(),
  settledAt: z.string().nullable(),
  refundReason: z.string().nullable(),
});

export const PaymentListOut = z.object({
  items: z.array(CashierPaymentOut),
  total: z.number().int(),
  counts: z.object({ pending: z.number().int(), paid: z.number().int(), failed: z.number().int(), expired: z.number().int(), refunded: z.number().int() }),
});

export const PaymentDetailOut = CashierPaymentOut.extend({
  messages: z.array(z.object({ channel: z.string(), outcome: z.string(), detail: z.string().nullable(), receivedAt: z.string(), remoteIp: z.string().nullable() })),
});

/** The gateway's own answer format (VNPay {RspCode, Message}, DVCQG {MaLoi, …, MaXacThuc}, simulated {ok, outcome}). */
export const GatewayAnswerOut = z.record(z.string(), z.unknown());

export const PdfOut = { description: 'PDF', content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } } };
export const XlsxOut = {
  description: 'Excel workbook (.xlsx)',
  content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) } },
};
export const RedirectOut = { description: 'Redirect to the tracking page (Location header)', content: { 'text/plain': { schema: z.string() } } };

export const PUBLIC_PROBLEMS = problems(400, 404, 409, 422, 429, 502);
export const CASHIER_PROBLEMS = problems(400, 401, 403, 404, 409);

export const FeeSuggestionOut = z.object({
  lines: z.array(z.object({
    name: z.string(), kind: z.enum(['phi', 'le_phi']), amount: z.number().int(), quantity: z.number().int(),
    exemptReason: z.string().nullable(), hint: z.string().nullable(),
  })),
});

export const PaymentAccountOut = z.object({
  id: z.string(), agencyCode: z.string(), agencyName: z.string(),
  /** null: a row from before per-gateway accounts (used with whichever gateway is configured). */
  gateway: z.string().nullable(),
  merchantCode: z.string(), accountNo: z.string(), bankCode: z.string(), accountName: z.string(), receiptSeries: z.string(),
  /** The setting MOTCUA_PAYMENT_SECRET_<secretRef> holds the secret; null = MOTCUA_PAYMENT_SECRET. Never the secret. */
  secretRef: z.string().nullable(),
  secretConfigured: z.boolean(),
  active: z.boolean(),
  inUse: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const PaymentAccountListOut = z.object({ gateway: z.string(), items: z.array(PaymentAccountOut) });
export const ADMIN_PROBLEMS = problems(400, 401, 403, 404, 422);

export const StatementReconciliationOut = z.object({
  day: z.string(), format: z.enum(['csv', 'xlsx']),
  /** Successful lines read from the statement; `skipped`: lines whose status says they did not succeed. */
  lines: z.number().int(), skipped: z.number().int(), matched: z.number().int(),
  differences: z.array(z.object({
    kind: z.enum(['only_in_statement', 'only_in_motcua', 'amount_mismatch', 'duplicate_in_statement']),
    orderRef: z.string().nullable(), txnId: z.string().nullable(), dossierCode: z.string().nullable(), ourStatus: z.string().nullable(),
    ourAmount: z.number().int().nullable(), statementAmount: z.number().int().nullable(), line: z.number().int().nullable(),
  })),
});
export const STATEMENT_PROBLEMS = problems(400, 401, 403, 413, 422);
