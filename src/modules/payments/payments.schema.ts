// Request schemas of the payments routes.
import { z } from 'zod';
import { PAYMENT_ADAPTERS, PaymentStatus } from '../../platform/ports/payments.js';

export const DossierCredentials = z.object({
  code: z.string().trim().min(1).max(60),
  secret: z.string().trim().min(1).max(40),
});

export const StartPaymentBody = DossierCredentials.extend({ locale: z.enum(['vi', 'en']).default('vi') });

export const ReceiptQuery = DossierCredentials;

export const PaymentListQuery = z.object({
  status: PaymentStatus.optional(),
  dossierCode: z.string().trim().min(1).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PaymentListQuery = z.infer<typeof PaymentListQuery>;

export const ReconciliationQuery = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd') });

export const RefundBody = z.object({ reason: z.string().trim().min(3).max(500) });

/** Whatever a gateway sends (query string or JSON): its own field names, kept as they came. */
export const GatewayFields = z.looseObject({});

/** The gateway's fields as strings (numbers in a JSON body become their decimal text; objects are dropped). */
export function gatewayStrings(v: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'number') out[k] = String(x);
  return out;
}

// ---- payment accounts (administrators): the secret is never sent, only the reference of its setting
const SecretRef = z.string().trim().regex(/^[A-Z0-9_]{1,40}$/, 'A-Z, 0-9, _ (MOTCUA_PAYMENT_SECRET_<REF>)');
const AccountFields = {
  merchantCode: z.string().trim().min(1).max(64).regex(/^[0-9A-Za-z_.-]+$/, '0-9, A-Z, a-z, _ . -'),
  accountNo: z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z.-]+$/, '0-9, A-Z, . -'),
  bankCode: z.string().trim().min(1).max(20),
  accountName: z.string().trim().min(1).max(200),
  receiptSeries: z.string().trim().min(1).max(30),
  secretRef: SecretRef.nullable(),
};
export const PaymentAccountCreate = z.object({
  agencyCode: z.string().trim().min(1).max(60),
  gateway: z.enum(PAYMENT_ADAPTERS),
  ...AccountFields,
  secretRef: AccountFields.secretRef.optional(),
});
export type PaymentAccountCreate = z.infer<typeof PaymentAccountCreate>;

export const PaymentAccountPatch = z.object({
  merchantCode: AccountFields.merchantCode.optional(),
  accountNo: AccountFields.accountNo.optional(),
  bankCode: AccountFields.bankCode.optional(),
  accountName: AccountFields.accountName.optional(),
  receiptSeries: AccountFields.receiptSeries.optional(),
  secretRef: AccountFields.secretRef.optional(),
  active: z.boolean().optional(),
});
export type PaymentAccountPatch = z.infer<typeof PaymentAccountPatch>;
