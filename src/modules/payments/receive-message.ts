// The gateway's server-to-server callback and the citizen's return: verified by the adapter, settled, logged.
import type { AppContext } from '../../platform/context.js';
import type { PaymentCallback } from '../../platform/ports/payments.js';
import { settle, type SettleResult } from './settle.js';

/** The IPN: answered in the gateway's own format (RspCode, MaLoi, …). */
export async function receiveCallback(ctx: AppContext, params: PaymentCallback, remoteIp: string | null): Promise<{ status: number; body: unknown; result: SettleResult }> {
  const v = await ctx.payments.verifyCallback(params);
  const result = await settle(ctx, 'callback', params, v, remoteIp);
  const outcome = result.outcome === 'unchanged' ? 'duplicate' : result.outcome;
  return { ...ctx.payments.callbackAnswer(outcome, params), result };
}

/** The browser's return: settles too (a verified message is a verified message), then says where to go. */
export async function receiveReturn(ctx: AppContext, params: PaymentCallback, remoteIp: string | null): Promise<string> {
  const v = await ctx.payments.verifyCallback(params);
  const r = await settle(ctx, 'return', params, v, remoteIp);
  const q = new URLSearchParams();
  if (r.dossierCode) q.set('code', r.dossierCode);
  q.set('thanh-toan', r.outcome === 'accepted' || r.outcome === 'duplicate' || r.outcome === 'unchanged' ? (r.status ?? 'pending') : 'error');
  return `/tra-cuu?${q.toString()}`;
}
