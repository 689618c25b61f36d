// The receipt of a settled online payment as the notifications module sends it to the applicant (e-mail
// attachment, the lines in the text): found by the dossier and the receipt number the confirm_payment event
// carries; null when no paid payment has that number.
import type { AppContext } from '../../platform/context.js';
import { receiptPdf } from './cashier.js';
import type { PaymentItem } from './fee-items.js';
import { receiptNumberOf } from './payment-view.js';
import * as repo from './payments.repo.js';

export async function issuedReceipt(ctx: AppContext, dossierId: string, receiptNumber: string): Promise<{ items: PaymentItem[]; amount: number; pdf: Buffer; fileName: string } | null> {
  const row = (await repo.paymentsOfDossier(ctx.db, dossierId)).find((p) => receiptNumberOf(p) === receiptNumber);
  if (!row) return null;
  const { pdf, fileName } = await receiptPdf(ctx, row);
  return { items: row.items, amount: row.amount, pdf, fileName };
}
