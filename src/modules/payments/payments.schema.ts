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

/** Whatever a gateway sends (query string, form or JSON): strings only. */
export const GatewayFields = z.record(z.string(), z.union([z.string(), z.number()]).transform(String));
