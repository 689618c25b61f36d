// An administrator adds an agency's payment account: merchant code, beneficiary account and bank, receipt
// series and the reference of its secret (the secret stays in the configuration). Audited; one active account
// per agency and gateway.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { invalid, isUniqueViolation } from '../../platform/errors.js';
import { ACCOUNT_EXISTS, accountOut, managedAgency, secretRefProblem } from './payment-account-view.js';
import type { PaymentAccountCreate } from './payments.schema.js';
import * as repo from './payments.repo.js';

export async function createPaymentAccount(ctx: AppContext, p: Principal, body: PaymentAccountCreate, origin: RequestOrigin) {
  const agency = await managedAgency(ctx, p, body.agencyCode);
  const ref = secretRefProblem(ctx, body.secretRef);
  if (ref) throw invalid([ref]);
  const now = ctx.clock.now();
  const id = randomUUID();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertAccount(trx, {
        id, agency_id: agency.id, gateway: body.gateway, merchant_code: body.merchantCode, account_no: body.accountNo, bank_code: body.bankCode,
        account_name: body.accountName, receipt_series: body.receiptSeries, secret_ref: body.secretRef ?? null, active: true, created_at: now, updated_at: now,
      });
      await writeAudit(trx, { actorId: p.userId, action: 'payment_account.create', targetType: 'payment_account', targetId: id, details: { ...body } }, origin);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid([ACCOUNT_EXISTS]);
    throw err;
  }
  return accountOut(ctx, { ...(await repo.accountById(ctx.db, id))!, agency_code: agency.code, agency_name: agency.name });
}
