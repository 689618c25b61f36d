// The `vnpost` adapter of the postal port: a token from customerKey/secretKey, then the order and tracking
// services (integrations-vn.md §2.4), the token in a header whose name is a setting (LGSPs rename it).
import type { CallOptions } from './recording.js';
import { maskPersonalData, type ExchangeSink } from './exchange-log.js';
import { OrderAnswer, PostalUnavailable, Tracking, type PostalOrder, type PostalService } from './postal-payloads.js';

export interface PostalHttpOptions {
  baseUrl: string;
  customerKey: string;
  secretKey: string;
  tokenHeader: string;
  timeoutMs: number;
}

export class VnPostHttpClient implements PostalService {
  readonly provider = 'vnpost';
  private token: string | null = null;
  constructor(private readonly o: PostalHttpOptions, private readonly sink?: ExchangeSink, private readonly now: () => Date = () => new Date()) {}

  async createOrder(order: PostalOrder, _opts: CallOptions): Promise<OrderAnswer> {
    return OrderAnswer.parse(await this.call('POST', '/order', order));
  }

  async tracking(itemCode: string): Promise<Tracking> {
    return Tracking.parse(await this.call('GET', `/tracking/${encodeURIComponent(itemCode)}`));
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = this.token ?? (await this.login());
      const r = await this.fetch(method, path, body, { [this.o.tokenHeader]: token });
      if (r.status === 401) { this.token = null; continue; }
      if (r.status !== 200) throw new PostalUnavailable(`${path}: HTTP ${r.status}`);
      return r.body;
    }
    throw new PostalUnavailable('the post office refused a fresh token');
  }

  private async login(): Promise<string> {
    const r = await this.fetch('POST', '/token', { customerKey: this.o.customerKey, secretKey: this.o.secretKey }, {});
    const token = (r.body as { token?: unknown }).token;
    if (r.status !== 200 || typeof token !== 'string') throw new PostalUnavailable(`token: HTTP ${r.status}`);
    this.token = token;
    return token;
  }

  private async fetch(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const at = this.now();
    const started = performance.now();
    let status: number | null = null;
    let answer: unknown = null;
    let error: string | undefined;
    try {
      const res = await fetch(new URL(path, this.o.baseUrl), {
        method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      const text = await res.text();
      let parsed: unknown = {};
      try { parsed = JSON.parse(text); } catch { parsed = {}; }
      status = res.status;
      answer = parsed;
      return { status: res.status, body: parsed };
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      throw new PostalUnavailable(`${path}: ${error}`);
    } finally {
      // masked: receivers' names, phones and addresses, the credentials and the token
      this.sink?.({ port: 'postal', at, method, path, request: maskPersonalData(body ?? null), status, response: maskPersonalData(answer), ...(error ? { error } : {}), durationMs: performance.now() - started });
    }
  }
}
