// The gateway's server-to-server callback and the citizen's return: verified by the adapter instance of the
// payment's own account (its merchant secret), settled, logged.
import type { AppContext } from '../../platform/context.js';
import type { PaymentCallback, VerifiedCallback } from '../../platform/ports/payments.js';
import { gatewayForMessage } from './account-gateway.js';
import { settle, type SettleResult } from './settle.js';

/** Verifies with the secret of the account the named order was made under; a refusal says which merchant. */
async function verified(ctx: AppContext, params: PaymentCallback) {
  const { gateway, account } = await gatewayForMessage(ctx, params);
  const merchant = account ? ` (merchant ${account.merchant_code} of the order's agency)` : '';
  const v: VerifiedCallback = gateway
    ? await gateway.verifyCallback(params)
    : { valid: false, reason: 'the secret of the order\'s payment account is not configured', orderId: ctx.payments.orderRefOf(params) ?? undefined };
  return { gateway: gateway ?? ctx.payments, v: v.valid ? v : { ...v, reason: `${v.reason}${merchant}` } };
}

/** The IPN: answered in the gateway's own format (RspCode, MaLoi, …), signed with the same account's secret. */
export async function receiveCallback(ctx: AppContext, params: PaymentCallback, remoteIp: string | null): Promise<{ status: number; body: unknown; result: SettleResult }> {
  const { gateway, v } = await verified(ctx, params);
  const result = await settle(ctx, 'callback', params, v, remoteIp);
  const outcome = result.outcome === 'unchanged' ? 'duplicate' : result.outcome;
  return { ...gateway.callbackAnswer(outcome, params), result };
}

/** The browser's return: settles too (a verified message is a verified message), then says where to go. */
export async function receiveReturn(ctx: AppContext, params: PaymentCallback, remoteIp: string | null): Promise<string> {
  const { v } = await verified(ctx, params);
  const r = await settle(ctx, 'return', params, v, remoteIp);
  const q = new URLSearchParams();
  if (r.dossierCode) q.set('code', r.dossierCode);
  q.set('thanh-toan', r.outcome === 'accepted' || r.outcome === 'duplicate' || r.outcome === 'unchanged' ? (r.status ?? 'pending') : 'error');
  return `/tra-cuu?${q.toString()}`;
}
