// The built-in simulated payment gateway: an outside system, played locally. It behaves like the real ones —
// an order API, a payment page the citizen's browser is sent to, a signed redirect back, a signed
// server-to-server callback over real HTTP, a status query and refunds — and has switches a test (or a
// demonstrator) flips: the payment fails, the callback is held back until released, sent twice, sent out of
// order (a stale "failed" after the "paid"), or never sent (then only the status query can settle it).
// motcua serves it under /_sim/thanh-toan when the embedded default is used; tests start it on its own port.
// Its messages: fields signed with HMAC-SHA256 (payment-signing.ts simSignature) and the shared secret.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Clock } from '../clock.js';
import { sameHex, simSignature } from './payment-signing.js';

export const SIM_MODES = ['normal', 'fail', 'delay', 'duplicate', 'out_of_order', 'no_callback'] as const;
export type SimMode = (typeof SIM_MODES)[number];

interface SimOrder {
  merchant: string;
  /** The merchant's key that signed the order: every message about it is signed with it. */
  key: string;
  orderId: string;
  amount: number;
  currency: string;
  description: string;
  items: Array<{ name: string; amount: number }>;
  returnUrl: string;
  ipnUrl: string;
  status: 'pending' | 'paid' | 'failed' | 'refunded';
  txnId: string | null;
  createdAt: Date;
}

export interface SimGatewayOptions {
  secret: string;
  /** Other merchants' secrets the gateway knows (the agencies' own accounts); each order keeps the one it was made with. */
  keys?: () => string[];
  clock: Clock;
  /** Where the pages are reachable from the browser (absolute URL, no trailing slash). */
  baseUrl: () => string;
}

export class SimulatedGatewayState {
  readonly orders = new Map<string, SimOrder>();
  mode: SimMode = 'normal';
  /** Callbacks held back in `delay` mode, sent by release(). */
  held: Array<() => Promise<void>> = [];
  /** Every callback sent: where, what, the HTTP answer (tests read it). */
  readonly sent: Array<{ url: string; fields: Record<string, string>; status: number; body: string }> = [];
  private seq = 0;
  nextTxnId(): string {
    this.seq += 1;
    return `SIM${String(this.seq).padStart(8, '0')}`;
  }
  async release(): Promise<number> {
    const held = this.held;
    this.held = [];
    for (const send of held) await send();
    return held.length;
  }
}

/** The gateway's routes on `app` under `prefix` (no OpenAPI: this is not motcua's API). */
export function simulatedGatewayRoutes(app: FastifyInstance, prefix: string, opts: SimGatewayOptions, state = new SimulatedGatewayState()): SimulatedGatewayState {
  void app.register(async (r) => {
    r.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const hide = { schema: { hide: true } };
    const cssHref = () => `${opts.baseUrl()}/sim.css`;
    r.get('/sim.css', hide, async (_req, reply) => reply.type('text/css; charset=utf-8').send(SIM_CSS));
    const signed = (fields: Record<string, string>, key = opts.secret) => ({ ...fields, signature: simSignature(fields, key) });
    /** The fields and the merchant key that signed them (null: none of the known keys). */
    const verified = (b: unknown): { f: Record<string, string>; key: string } | null => {
      const f = strings(b);
      if (!f) return null;
      const key = [opts.secret, ...(opts.keys?.() ?? [])].find((k) => sameHex(f.signature, simSignature(f, k)));
      return key ? { f, key } : null;
    };
    /** A message about an existing order must be signed with that order's merchant key. */
    const ofOrder = (v: { f: Record<string, string>; key: string }) => {
      const o = state.orders.get(v.f.orderId ?? '');
      return o && o.key !== v.key ? 'wrong key' : o ?? null;
    };

    r.post('/api/payments', hide, async (req, reply) => {
      const v = verified(req.body);
      if (!v || ofOrder(v) === 'wrong key') return reply.code(401).send({ error: 'bad signature' });
      const f = v.f;
      const amount = Number(f.amount);
      if (!f.orderId || !Number.isInteger(amount) || amount <= 0 || !f.returnUrl || !f.ipnUrl) return reply.code(400).send({ error: 'bad order' });
      const seen = state.orders.get(f.orderId);
      if (!seen) {
        state.orders.set(f.orderId, {
          merchant: f.merchant ?? '', key: v.key, orderId: f.orderId, amount, currency: f.currency ?? 'VND', description: f.description ?? '',
          items: parseItems(f.items), returnUrl: f.returnUrl, ipnUrl: f.ipnUrl, status: 'pending', txnId: null, createdAt: opts.clock.now(),
        });
      }
      return signed({ orderId: f.orderId, payUrl: `${opts.baseUrl()}/pay/${encodeURIComponent(f.orderId)}` }, v.key);
    });

    r.get<{ Params: { orderId: string } }>('/pay/:orderId', hide, async (req, reply) => {
      const o = state.orders.get(req.params.orderId);
      reply.type('text/html; charset=utf-8');
      if (!o) return reply.code(404).send(page('Không tìm thấy giao dịch', '<p>Giao dịch không tồn tại hoặc đã hết hạn.</p>', cssHref()));
      return page('Cổng thanh toán mô phỏng', payForm(o), cssHref());
    });

    r.post<{ Params: { orderId: string } }>('/pay/:orderId', hide, async (req, reply) => {
      const o = state.orders.get(req.params.orderId);
      if (!o) return reply.code(404).type('text/html; charset=utf-8').send(page('Không tìm thấy giao dịch', '<p>Giao dịch không tồn tại.</p>', cssHref()));
      const action = strings(req.body)?.action;
      if (o.status === 'pending') {
        const fails = action === 'cancel' || action === 'fail' || state.mode === 'fail';
        o.status = fails ? 'failed' : 'paid';
        o.txnId = fails ? null : state.nextTxnId();
        dispatchCallbacks(o);
      }
      const back = new URL(o.returnUrl);
      for (const [k, v] of Object.entries(signed(outcomeFields(o), o.key))) back.searchParams.set(k, v);
      return reply.code(303).header('location', back.toString()).send();
    });

    r.post('/api/query', hide, async (req, reply) => {
      const v = verified(req.body);
      const o = v && ofOrder(v);
      if (!v || o === 'wrong key') return reply.code(401).send({ error: 'bad signature' });
      if (!o) return signed({ orderId: v.f.orderId ?? '', status: 'unknown', amount: '0', currency: 'VND', txnId: '', ts: ts() }, v.key);
      return signed(outcomeFields(o), o.key);
    });

    r.post('/api/refund', hide, async (req, reply) => {
      const v = verified(req.body);
      const o = v && ofOrder(v);
      if (!v || o === 'wrong key') return reply.code(401).send({ error: 'bad signature' });
      const f = v.f;
      if (!o || (o.status !== 'paid' && o.status !== 'refunded') || Number(f.amount) !== o.amount) return signed({ orderId: f.orderId ?? '', status: 'failed', ref: '' }, v.key);
      o.status = 'refunded';
      return signed({ orderId: o.orderId, status: 'refunded', ref: `R${o.txnId}` }, o.key);
    });

    // the switches
    r.post('/_control', hide, async (req, reply) => {
      const mode = strings(req.body)?.mode as SimMode | undefined;
      if (!mode || !SIM_MODES.includes(mode)) return reply.code(400).send({ error: `mode must be one of ${SIM_MODES.join(', ')}` });
      state.mode = mode;
      return { mode };
    });
    r.post('/_control/release', hide, async () => ({ released: await state.release() }));
  }, { prefix });

  const ts = () => String(opts.clock.now().getTime());
  const outcomeFields = (o: SimOrder) => ({
    merchant: o.merchant, orderId: o.orderId, status: o.status, amount: String(o.amount), currency: o.currency, txnId: o.txnId ?? '', ts: ts(),
  });

  function dispatchCallbacks(o: SimOrder): void {
    const fields = outcomeFields(o);
    const send = (f: Record<string, string>) => async () => {
      const body = { ...f, signature: simSignature(f, o.key) };
      try {
        const res = await fetch(o.ipnUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        state.sent.push({ url: o.ipnUrl, fields: body, status: res.status, body: await res.text() });
      } catch (err) {
        state.sent.push({ url: o.ipnUrl, fields: body, status: 0, body: String(err) });
      }
    };
    const stale = { ...fields, status: 'failed', txnId: '', ts: String(o.createdAt.getTime()) };
    const plan: Record<SimMode, Array<() => Promise<void>>> = {
      normal: [send(fields)],
      fail: [send(fields)],
      duplicate: [send(fields), send(fields)],
      out_of_order: [send(fields), send(stale)],
      no_callback: [],
      delay: [],
    };
    if (state.mode === 'delay') {
      state.held.push(send(fields));
      return;
    }
    // after the redirect answer, like a provider's asynchronous notification
    void (async () => { for (const s of plan[state.mode]) await s(); })();
  }

  return state;
}

/** A stand-alone simulated gateway on its own port (tests). */
export async function startSimulatedGateway(opts: Omit<SimGatewayOptions, 'baseUrl'>): Promise<{ url: string; state: SimulatedGatewayState; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  let url = '';
  const state = simulatedGatewayRoutes(app, '', { ...opts, baseUrl: () => url });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return { url, state, close: () => app.close() };
}

function strings(b: unknown): Record<string, string> | null {
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(b)) if (typeof v === 'string') out[k] = v;
  return out;
}

function parseItems(s: string | undefined): SimOrder['items'] {
  try {
    const v: unknown = JSON.parse(s ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x?.name === 'string' && typeof x?.amount === 'number') : [];
  } catch {
    return [];
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đ`;

function payForm(o: SimOrder): string {
  const items = o.items.map((i) => `<tr><td>${esc(i.name)}</td><td class="n">${vnd(i.amount)}</td></tr>`).join('');
  if (o.status !== 'pending') return `<p role="status">Giao dịch đã ${o.status === 'paid' ? 'thanh toán' : 'kết thúc'}.</p>`;
  return `<p class="m">Đơn vị nhận: <strong>${esc(o.merchant)}</strong></p>
<p>${esc(o.description)}</p>
${items ? `<table><caption>Các khoản phải nộp</caption><thead><tr><th scope="col">Khoản</th><th scope="col" class="n">Số tiền</th></tr></thead><tbody>${items}</tbody></table>` : ''}
<p class="total">Tổng cộng: <strong id="sim-total">${vnd(o.amount)}</strong></p>
<form method="post">
<button type="submit" name="action" value="pay" class="pay">Thanh toán</button>
<button type="submit" name="action" value="cancel" class="cancel">Hủy giao dịch</button>
</form>`;
}

/** Stylesheet of the pages (a file, not inline: motcua's CSP allows no inline style when it serves them). */
const SIM_CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f24}
header{background:#0b4f8a;color:#fff;padding:12px 16px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;font-size:14px}
main{padding:16px;max-width:480px;margin:auto}table{width:100%;border-collapse:collapse;background:#fff;margin:12px 0}
caption{text-align:left;font-weight:600;padding:4px 0}td,th{border-bottom:1px solid #d0d7de;padding:8px;text-align:left}.n{text-align:right}
.total{font-size:18px}button{display:block;width:100%;padding:14px;margin:10px 0;font-size:17px;border-radius:6px;border:0}
.pay{background:#0b6b2f;color:#fff}.cancel{background:#fff;color:#8a1c1c;border:1px solid #8a1c1c}`;

function page(title: string, body: string, cssHref: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><link rel="stylesheet" href="${cssHref}"></head><body><header><h1>${esc(title)}</h1><p>Môi trường thử nghiệm: không có tiền thật được chuyển.</p></header><main>${body}</main></body></html>`;
}
