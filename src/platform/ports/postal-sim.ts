// A simulated VNPost that speaks the same payloads: the embedded default (RecordingPostalService) uses it
// in-process, tests start it as an HTTP peer for the `vnpost` adapter. Orders are validated (Status "100" =
// OK, "101" = invalid with the reason), one per (OrderNumber, Direction) — a repeat answers the same ItemCode;
// a test (or the demo) moves an order along VNPost's statuses with `advance`. As an HTTP peer it can also
// report each change to motcua with a signed tracking callback (`callbacks`, `notify`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { PostalOrder, type OrderAnswer, type Tracking, type TrackingEvent } from './postal-payloads.js';
import { CALLBACK_SIGNATURE_HEADER, CALLBACK_TIMESTAMP_HEADER, signTrackingCallback } from './postal-callback.js';

/**
 * The embedded default's schedule (a demo without a post office still shows an order travel): hours after
 * booking at which an untouched order reaches each VNPost status.
 */
export const DEMO_SCHEDULE: readonly [hours: number, status: number, place: string][] = [
  [4, 6, 'Bưu cục giao dịch'], [20, 10, 'Trung tâm khai thác'], [44, 12, 'Bưu cục phát'], [50, 14, 'Địa chỉ người nhận'],
];

export class SimulatedPostOffice {
  readonly orders = new Map<string, { order: PostalOrder; itemCode: string; events: TrackingEvent[]; manual: boolean; bookedAt: Date }>();
  private seq = 0;
  /** autoProgress: untouched orders follow DEMO_SCHEDULE by the clock (the embedded default). */
  constructor(private readonly now: () => Date, private readonly autoProgress = false) {}

  create(input: unknown): OrderAnswer {
    const p = PostalOrder.safeParse(input);
    if (!p.success) return { Status: '101', Message: p.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    const key = `${p.data.OrderNumber}|${p.data.Direction}`;
    const seen = this.orders.get(key);
    if (seen) return { Status: '100', ItemCode: seen.itemCode };
    const itemCode = `${p.data.Direction === 'INBOUND_DOSSIER' ? 'EN' : 'EB'}${String(++this.seq).padStart(9, '0')}VN`;
    this.orders.set(key, { order: p.data, itemCode, events: [{ Status: 1, At: this.now().toISOString(), Place: 'Hệ thống VNPost' }], manual: false, bookedAt: this.now() });
    return { Status: '100', ItemCode: itemCode };
  }

  /** The order moves to a VNPost status (2, 6, 7, 10, 12, 14, 15, 22). */
  advance(itemCode: string, status: number, place?: string, at: Date = this.now()): void {
    const o = [...this.orders.values()].find((x) => x.itemCode === itemCode);
    if (!o) throw new Error(`no postal item ${itemCode}`);
    o.manual = true;
    o.events.push({ Status: status, At: at.toISOString(), Place: place });
  }

  tracking(itemCode: string): Tracking {
    const o = [...this.orders.values()].find((x) => x.itemCode === itemCode);
    if (o && this.autoProgress && !o.manual) this.followSchedule(o);
    return { ItemCode: itemCode, Events: o ? [...o.events] : [] };
  }

  private followSchedule(o: { events: TrackingEvent[]; bookedAt: Date }): void {
    const elapsedH = (this.now().getTime() - o.bookedAt.getTime()) / 3_600_000;
    for (const [h, status, place] of DEMO_SCHEDULE) {
      if (elapsedH < h || o.events.some((e) => e.Status === status)) continue;
      o.events.push({ Status: status, At: new Date(o.bookedAt.getTime() + h * 3_600_000).toISOString(), Place: place });
    }
  }
}

export interface SimulatedPostServer {
  url: string;
  office: SimulatedPostOffice;
  down: boolean;
  /** Where and with which shared secret the post office sends tracking callbacks (none until set). */
  callbacks?: { url: string; secret: string };
  /**
   * Sends a signed tracking callback (postal-payloads.ts, TrackingCallback) of the item: its whole history, or
   * the events given; `secret` / `sentAt` / `body` forge one (another key, an old timestamp, another body).
   */
  notify(itemCode: string, opts?: { events?: TrackingEvent[]; secret?: string; sentAt?: Date; body?: unknown }): Promise<{ status: number; body: any }>;
  /** The item moves to a VNPost status and, when callbacks are set, the post office reports that change. */
  advance(itemCode: string, status: number, place?: string, note?: string): Promise<{ status: number; body: any } | null>;
  close(): Promise<void>;
}

/** POST /token {customerKey, secretKey} → {token}; POST /order (header token); GET /tracking/{itemCode}. */
export async function startSimulatedPost(opts: { customerKey: string; secretKey: string; now: () => Date }): Promise<SimulatedPostServer> {
  const tokens = new Set<string>();
  const state: SimulatedPostServer = {
    url: '', office: new SimulatedPostOffice(opts.now), down: false,
    notify: async (itemCode, o = {}) => {
      if (!state.callbacks) throw new Error('no callback URL set on the simulated post office');
      const order = [...state.office.orders.values()].find((x) => x.itemCode === itemCode);
      const body = JSON.stringify(o.body ?? { CustomerCode: order?.order.CustomerCode, ItemCode: itemCode, OrderNumber: order?.order.OrderNumber, Events: o.events ?? order?.events ?? [] });
      const ts = Math.floor((o.sentAt ?? opts.now()).getTime() / 1000);
      const res = await fetch(state.callbacks.url, {
        method: 'POST', body,
        headers: { 'content-type': 'application/json', [CALLBACK_TIMESTAMP_HEADER]: String(ts), [CALLBACK_SIGNATURE_HEADER]: signTrackingCallback(o.secret ?? state.callbacks.secret, ts, body) },
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    advance: async (itemCode, status, place, note) => {
      state.office.advance(itemCode, status, place);
      const order = [...state.office.orders.values()].find((x) => x.itemCode === itemCode)!;
      const event = order.events.at(-1)!;
      if (note) event.Note = note;
      return state.callbacks ? state.notify(itemCode, { events: [event] }) : null;
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
  const send = (res: ServerResponse, status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: any = null;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'); } catch { body = null; }
    if (state.down) return send(res, 503, { Status: '503', Message: 'Dịch vụ tạm ngừng' });
    if (req.method === 'POST' && req.url === '/token') {
      if (body?.customerKey !== opts.customerKey || body?.secretKey !== opts.secretKey) return send(res, 401, { Status: '401', Message: 'Sai khóa' });
      const token = randomUUID();
      tokens.add(token);
      return send(res, 200, { Status: '100', token });
    }
    if (!tokens.has(String(req.headers.token ?? ''))) return send(res, 401, { Status: '401', Message: 'Token không hợp lệ' });
    if (req.method === 'POST' && req.url === '/order') return send(res, 200, state.office.create(body));
    const m = /^\/tracking\/([A-Z0-9]+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && m) return send(res, 200, state.office.tracking(m[1]!));
    send(res, 404, { Status: '404' });
  };
  const server = createServer((req, res) => { handle(req, res).catch(() => send(res, 500, { Status: '500' })); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
