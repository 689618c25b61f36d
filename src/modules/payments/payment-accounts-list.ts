// The administrator's list of payment accounts: the agencies they manage, every gateway, disabled ones too.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { accountOut, managedAgencyIds } from './payment-account-view.js';
import * as repo from './payments.repo.js';

export async function listPaymentAccounts(ctx: AppContext, p: Principal) {
  const rows = await repo.listAccounts(ctx.db, await managedAgencyIds(ctx, p));
  return { gateway: ctx.payments.name, items: rows.map((a) => accountOut(ctx, a)) };
}
