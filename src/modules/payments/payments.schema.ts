// Request schemas of the payments routes.
import { z } from 'zod';
import { PaymentStatus } from '../../platform/ports/payments.js';

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
