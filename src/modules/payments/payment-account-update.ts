// An administrator edits or disables (active: false) a payment account. Payments already made under it stay
// bound to it (their callbacks and queries keep its secret); new ones go through the agency's other active
// account, else the deployment's configuration. Audited.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { invalid, isUniqueViolation } from '../../platform/errors.js';
import { can } from '../org/permissions.js';
import { agencyById } from '../org/org.read.js';
import { ACCOUNT_EXISTS, accountOut, secretRefProblem } from './payment-account-view.js';
import { paymentErrors } from './payments.errors.js';
import type { PaymentAccountPatch } from './payments.schema.js';
import * as repo from './payments.repo.js';

export async function updatePaymentAccount(ctx: AppContext, p: Principal, id: string, patch: PaymentAccountPatch, origin: RequestOrigin) {
  const row = await repo.accountById(ctx.db, id);
  const agency = row && (await agencyById(ctx.db, row.agency_id));
  if (!row || !agency || !can(p, 'org.manage', agency)) throw paymentErrors.PAYMENT_ACCOUNT_NOT_FOUND();
  const ref = patch.secretRef !== undefined ? secretRefProblem(ctx, patch.secretRef) : null;
  if (ref) throw invalid([ref]);
  const set = {
    ...(patch.merchantCode !== undefined && { merchant_code: patch.merchantCode }),
    ...(patch.accountNo !== undefined && { account_no: patch.accountNo }),
    ...(patch.bankCode !== undefined && { bank_code: patch.bankCode }),
    ...(patch.accountName !== undefined && { account_name: patch.accountName }),
    ...(patch.receiptSeries !== undefined && { receipt_series: patch.receiptSeries }),
    ...(patch.secretRef !== undefined && { secret_ref: patch.secretRef }),
    ...(patch.active !== undefined && { active: patch.active }),
    updated_at: ctx.clock.now(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, id, set);
      await writeAudit(trx, { actorId: p.userId, action: patch.active === false ? 'payment_account.disable' : 'payment_account.update', targetType: 'payment_account', targetId: id, details: { ...patch } }, origin);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid([{ ...ACCOUNT_EXISTS, path: 'body.active' }]);
    throw err;
  }
  return accountOut(ctx, { ...(await repo.accountById(ctx.db, id))!, agency_code: agency.code, agency_name: agency.name });
}
