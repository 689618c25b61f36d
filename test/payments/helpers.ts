// Shared by the payments tests: the app with the simulated gateway on its own port (a real HTTP peer), a dossier
// waiting for payment, signed messages as the gateway would send them, and polling for asynchronous callbacks.
import { expect } from 'vitest';
import { startSimulatedGateway, type SimulatedGatewayState } from '../../src/platform/ports/payments-sim-server.js';
import { simSignature } from '../../src/platform/ports/payment-signing.js';
import { act, receive, startDossierApp } from '../dossiers/fixtures.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';

export const SECRET = 'test-simulated-gateway-secret';

export interface PaymentWorld {
  t: TestApp & { clock: ManualClock };
  sim: { url: string; state: SimulatedGatewayState; close(): Promise<void> };
  desk: HttpClient;
  handler: HttpClient;
  cashier: HttpClient;
  close(): Promise<void>;
}

/** `keys`: other merchants' secrets the gateway knows (the agencies' own payment accounts). */
export async function startPaymentWorld(env: Record<string, string> = {}, keys: string[] = []): Promise<PaymentWorld> {
  let t: (TestApp & { clock: ManualClock }) | undefined;
  // the gateway keeps the same (manual) time as motcua: its messages carry it
  const sim = await startSimulatedGateway({ secret: SECRET, keys: () => keys, clock: { now: () => t!.clock.now() } });
  t = await startDossierApp({ MOTCUA_PAYMENT_GATEWAY: 'simulated', MOTCUA_PAYMENT_URL: sim.url, MOTCUA_PAYMENT_SECRET: SECRET, ...env });
  const [desk, handler, cashier] = await Promise.all([t.login('demo.tiepnhan'), t.login('demo.chuyenvien'), t.login('demo.thuphi')]);
  return { t, sim, desk, handler, cashier, close: async () => { await t!.close(); await sim.close(); } };
}

/** A dossier at the handler with a payment request of `amount` đồng (status 6). */
export async function dossierAwaitingPayment(w: PaymentWorld, amount = 50_000): Promise<{ code: string; secret: string }> {
  const r = await receive(w.desk);
  const code = r.dossier.code as string;
  await act(w.desk, code, 'forward');
  await act(w.handler, code, 'claim');
  const req = await act(w.handler, code, 'request_payment', { amount, reason: 'Lệ phí' });
  expect(req.dossier.nationalStatus).toBe(6);
  return { code, secret: (r.receipt as { secret: string }).secret };
}

export function creds(d: { code: string; secret: string }): string {
  return `code=${encodeURIComponent(d.code)}&secret=${encodeURIComponent(d.secret)}`;
}

/** Waits (bounded) until the condition holds: the gateway's callbacks are asynchronous, like a real one's. */
export async function eventually<T>(f: () => Promise<T> | T, ok: (v: T) => boolean, tries = 100): Promise<T> {
  let v = await f();
  for (let i = 0; i < tries && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 50));
    v = await f();
  }
  return v;
}

/** A message signed as the simulated gateway signs them (what an attacker without the secret cannot do). */
export function signed(fields: Record<string, string>, secret = SECRET): Record<string, string> {
  return { ...fields, signature: simSignature(fields, secret) };
}

/** Pays on the gateway's page as the citizen's browser would (form POST), without following the redirect. */
export async function payOnGateway(payUrl: string, action: 'pay' | 'cancel' = 'pay'): Promise<string> {
  const res = await fetch(payUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=${action}`, redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('location')!;
}

export async function setMode(w: PaymentWorld, mode: string): Promise<void> {
  const r = await fetch(`${w.sim.url}/_control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode }) });
  expect(r.status).toBe(200);
}
