// The post office's tracking callback (the layout assumed in platform/ports/postal-payloads.ts,
// TrackingCallback): authenticated by the HMAC signature over the raw body with the secret shared with the
// post office (MOTCUA_VNPOST_CALLBACK_SECRET, server-side only), then recorded by the same use case as the
// scheduled query (record-tracking.ts), so a repeated or out-of-order callback changes nothing twice. Every
// callback — taken, refused or forged — is kept in the exchange log (integration_exchanges, masked).
import type { AppContext } from '../../platform/context.js';
import { checkTrackingCallback } from '../../platform/ports/postal-callback.js';
import type { TrackingCallback, TrackingCallbackAnswer } from '../../platform/ports/postal.js';
import { databaseExchangeSink, maskPersonalData } from '../../platform/ports/exchange-log.js';
import { recordTracking } from './record-tracking.js';
import { postalErrors } from './postal.errors.js';
import * as repo from './postal.repo.js';

export const TRACKING_CALLBACK_PATH = '/api/v1/postal/tracking-callback';

/** Refuses a callback that is not the post office's (no secret configured, no or a wrong signature, a replay). */
function authenticate(ctx: AppContext, headers: Record<string, string | string[] | undefined>, rawBody: string): void {
  const secret = ctx.config.postal.callbackSecret;
  if (!secret) throw postalErrors.POSTAL_CALLBACKS_OFF();
  const check = checkTrackingCallback(secret, headers, rawBody, ctx.clock.now());
  if (!check.ok) throw postalErrors.POSTAL_CALLBACK_UNAUTHENTICATED({}, { reason: check.reason, reasonDetail: check.detail });
}

/**
 * Records the callback's tracking changes on the item's order (and, through it, on the dossier), once its
 * signature over the raw body is the post office's. The body's shape was checked first (400 on the field).
 */
export async function receiveTrackingCallback(
  ctx: AppContext,
  req: { headers: Record<string, string | string[] | undefined>; rawBody: string; callback: TrackingCallback },
): Promise<TrackingCallbackAnswer> {
  authenticate(ctx, req.headers, req.rawBody);
  const cb = req.callback;
  const order = await repo.orderByItemCode(ctx.db, cb.ItemCode);
  if (!order) throw postalErrors.POSTAL_ITEM_UNKNOWN({ itemCode: cb.ItemCode }, { errors: [{ path: 'body.ItemCode', code: 'POSTAL_ITEM_UNKNOWN' }] });
  if (cb.OrderNumber && cb.OrderNumber !== order.dossier_code) {
    throw postalErrors.POSTAL_ORDER_MISMATCH({ itemCode: cb.ItemCode, orderNumber: cb.OrderNumber }, { errors: [{ path: 'body.OrderNumber', code: 'POSTAL_ORDER_MISMATCH' }] });
  }
  const r = await recordTracking(ctx, order, cb.Events);
  return { Status: '100', Message: r.fresh ? 'Đã ghi nhận / recorded' : 'Đã có, không đổi / already known, nothing changed', Recorded: r.fresh, Duplicates: r.duplicates };
}

/** The callback as the exchange log keeps it: what came in (masked), what was answered. */
export function logTrackingCallback(ctx: AppContext, e: { at: Date; rawBody: string | undefined; status: number; answer: string; durationMs: number }): void {
  const parse = (s: string | undefined): unknown => {
    if (s === undefined || s === '') return null;
    try { return JSON.parse(s); } catch { return { unreadable: `${s.length} characters` }; }
  };
  const response = parse(e.answer) as { code?: string; reasonDetail?: string } | null;
  databaseExchangeSink(ctx.db)({
    port: 'postal', at: e.at, method: 'POST', path: TRACKING_CALLBACK_PATH, request: maskPersonalData(parse(e.rawBody)), status: e.status,
    response: maskPersonalData(response), ...(e.status >= 400 ? { error: `refused: ${response?.code ?? e.status}${response?.reasonDetail ? ` — ${response.reasonDetail}` : ''}` } : {}), durationMs: e.durationMs,
  });
}
