// The signature of VNPost tracking callbacks (the layout assumed in postal-payloads.ts, TrackingCallback):
// hex HMAC-SHA256 over `${timestamp}.${raw body}` with the secret shared with the post office, the timestamp
// (Unix seconds) in its own header. Pure: the simulated post office signs with it, the callback route checks.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CALLBACK_SIGNATURE_HEADER = 'x-vnpost-signature';
export const CALLBACK_TIMESTAMP_HEADER = 'x-vnpost-timestamp';
/** A callback signed further than this from motcua's clock is refused (a replay, or a clock far off). */
export const CALLBACK_WINDOW_SECONDS = 900;

export function signTrackingCallback(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

export type CallbackCheck = { ok: true } | { ok: false; reason: 'missing' | 'forged' | 'stale'; detail: string };

/** Whether the headers sign the raw body with the secret, within the window around `now`. */
export function checkTrackingCallback(secret: string, headers: Record<string, string | string[] | undefined>, rawBody: string, now: Date): CallbackCheck {
  const sig = one(headers[CALLBACK_SIGNATURE_HEADER]);
  const ts = one(headers[CALLBACK_TIMESTAMP_HEADER]);
  if (!sig || !ts) return { ok: false, reason: 'missing', detail: `no ${!sig ? CALLBACK_SIGNATURE_HEADER : CALLBACK_TIMESTAMP_HEADER} header` };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'forged', detail: 'the timestamp is not Unix seconds' };
  const expected = Buffer.from(signTrackingCallback(secret, Number(ts), rawBody), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(sig) ? Buffer.from(sig, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged', detail: 'the signature does not match' };
  const skew = Math.abs(now.getTime() / 1000 - Number(ts));
  if (skew > CALLBACK_WINDOW_SECONDS) return { ok: false, reason: 'stale', detail: `signed ${Math.round(skew)} s away from now (window ${CALLBACK_WINDOW_SECONDS} s)` };
  return { ok: true };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
