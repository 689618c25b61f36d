// Who sees payments: officials who collect fees (cashier, reception: fee.collect) or read reports (leaders),
// over the agency subtrees where they hold those roles.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { scopePaths } from '../org/permissions.js';
import { subtreeAgencyIds } from '../org/org.read.js';
import { paymentErrors } from './payments.errors.js';

export async function cashierAgencyIds(ctx: AppContext, p: Principal): Promise<string[]> {
  const paths = [...new Set([...scopePaths(p, 'fee.collect'), ...scopePaths(p, 'report.read')])];
  if (paths.length === 0) throw paymentErrors.PAYMENTS_FORBIDDEN();
  return subtreeAgencyIds(ctx.db, paths);
}

export async function requireCashierOf(ctx: AppContext, p: Principal, agencyId: string): Promise<void> {
  if (!(await cashierAgencyIds(ctx, p)).includes(agencyId)) throw paymentErrors.PAYMENT_NOT_FOUND();
}
