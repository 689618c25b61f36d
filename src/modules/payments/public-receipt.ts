// The citizen's receipt download (code + lookup secret, as on the tracking page).
import type { AppContext } from '../../platform/context.js';
import { dossierForPayment } from '../dossiers/dossiers.service.js';
import { receiptPdf } from './cashier.js';
import { paymentErrors } from './payments.errors.js';
import * as repo from './payments.repo.js';

export async function publicReceipt(ctx: AppContext, orderRef: string, code: string, secret: string) {
  const d = await dossierForPayment(ctx, code, secret);
  const row = (await repo.paymentsOfDossier(ctx.db, d.id)).find((p) => p.order_ref === orderRef);
  if (!row) throw paymentErrors.PAYMENT_NOT_FOUND();
  return receiptPdf(ctx, row);
}
