// The `dvcqg` adapter of the national-portal port: the DVCQG adapter protocol (integrations-vn.md §2.1) —
// POST {authPath} {username, password} with the receiving system's code in a header → a session; then
// POST {servicePath} {service, data} with the session in a header → {error_code: 0} or the portal's error code
// and message. The same client reaches the portal through a province's LGSP: the base URL, the token
// endpoint and the header names are settings (NationalPortalHttpOptions), one set per province.
//
// Every exchange is kept (the last 200 in memory, and every one in integration_exchanges through the sink) with personal data masked (ID numbers, phones, e-mails, names,
// addresses, the summary that names the applicant, passwords, sessions), so an operator can see what went over the wire without reading it.
import type { CallOptions } from './recording.js';
import { maskPersonalData, type ExchangeSink } from './exchange-log.js';
import { Readable } from 'node:stream';
import { PortalFileRefused, PortalUnavailable, type NationalPortalClient } from './national-portal.js';
import { PortalQuestion, type PortalAnswer, type PortalCall, type PortalInboundAck } from './national-portal-payloads.js';

export interface NationalPortalHttpOptions {
  baseUrl: string;
  username: string;
  password: string;
  /** The receiving system's code (mã hệ thống / dstcode). */
  systemCode: string;
  authPath: string;
  servicePath: string;
  /** Header names: the system code and the session (LGSPs rename them: `access_token`, `Authorization`). */
  systemCodeHeader: string;
  sessionHeader: string;
  /** A prefix before the session in its header (`Bearer ` for an LGSP that wants it). */
  sessionPrefix: string;
  timeoutMs: number;
  /** An LGSP's field names for the credentials in the token request (default username / password). */
  tokenRequest?: { username: string; password: string };
  /** The token answer's field holding the session (default `session`; LGSPs: `access_token`). */
  tokenAnswer?: string;
  /** The gateway's name of each DVCQG service (lgsp-profiles.ts); absent: the DVCQG name. */
  services?: Partial<Record<string, string>>;
}

export interface Exchange {
  at: Date;
  path: string;
  request: unknown;
  status: number | null;
  response: unknown;
  error?: string;
}

export { maskPersonalData } from './exchange-log.js';

export class NationalPortalHttpClient implements NationalPortalClient {
  readonly provider = 'dvcqg';
  readonly exchanges: Exchange[] = [];
  private session: string | null = null;

  constructor(private readonly o: NationalPortalHttpOptions, private readonly now: () => Date = () => new Date(), private readonly sink?: ExchangeSink) {}

  async send(call: PortalCall, _opts: CallOptions): Promise<PortalAnswer> {
    return this.answerOf(await this.service(call));
  }

  async listQuestions(): Promise<PortalQuestion[]> {
    const r = await this.service({ service: 'LayDanhSachHoiDapGuiTuDVCQG' });
    if (String(r.error_code) !== '0') throw new PortalUnavailable(`LayDanhSachHoiDapGuiTuDVCQG: ${String(r.error_code)} ${String(r.message ?? '')}`);
    const list = Array.isArray(r.result) ? r.result : [];
    return list.flatMap((q) => { const p = PortalQuestion.safeParse(q); return p.success ? [p.data] : []; });
  }

  async sendAnswer(answer: { ID: string; NOIDUNGTRALOI: string }, _opts: CallOptions): Promise<PortalAnswer> {
    return this.answerOf(await this.service({ service: 'DongBoKetQuaHoiDapGuiTuDVCQG', data: answer }));
  }

  /** The raw records: the portal-sync module validates each one and refuses a bad one with its reason. */
  async listInboundDossiers(): Promise<unknown[]> {
    const r = await this.service({ service: 'LayDanhSachHoSoGuiTuDVCQG' });
    if (String(r.error_code) !== '0') throw new PortalUnavailable(`LayDanhSachHoSoGuiTuDVCQG: ${String(r.error_code)} ${String(r.message ?? '')}`);
    return Array.isArray(r.result) ? r.result : [];
  }

  async acknowledgeInbound(ack: PortalInboundAck, _opts: CallOptions): Promise<PortalAnswer> {
    return this.answerOf(await this.service({ service: 'XacNhanHoSoGuiTuDVCQG', data: ack }));
  }

  async fetchFile(url: string): Promise<{ stream: NodeJS.ReadableStream; contentType: string | null }> {
    let target: URL;
    try { target = new URL(url, this.o.baseUrl); } catch { throw new PortalFileRefused('not a URL'); }
    const portal = new URL(this.o.baseUrl);
    // only the configured portal (or LGSP) host, never a host the record names: no request to an arbitrary address
    if (target.origin !== portal.origin) throw new PortalFileRefused(`not the portal's host (${target.host})`);
    for (let attempt = 0; attempt < 2; attempt++) {
      const session = this.session ?? (await this.login());
      const at = this.now();
      const started = performance.now();
      let res: Response;
      try {
        res = await fetch(target, { headers: { [this.o.sessionHeader]: `${this.o.sessionPrefix}${session}` }, signal: AbortSignal.timeout(this.o.timeoutMs) });
      } catch (e) {
        const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
        this.sink?.({ port: 'nationalPortal', method: 'GET', path: target.pathname, at, request: null, status: null, response: null, error: e instanceof Error ? e.message : String(e), durationMs: performance.now() - started });
        if (timedOut) throw new PortalFileRefused(`no answer within ${this.o.timeoutMs} ms`);
        throw new PortalUnavailable(`${target.pathname}: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.sink?.({ port: 'nationalPortal', method: 'GET', path: target.pathname, at, request: null, status: res.status, response: { contentType: res.headers.get('content-type'), contentLength: res.headers.get('content-length') }, durationMs: performance.now() - started });
      if (res.status === 401) { await res.body?.cancel(); this.session = null; continue; }
      if (res.status >= 500) { await res.body?.cancel(); throw new PortalUnavailable(`${target.pathname}: HTTP ${res.status}`); }
      if (res.status !== 200 || !res.body) { await res.body?.cancel(); throw new PortalFileRefused(`HTTP ${res.status}`); }
      // the timeout keeps running while the body streams: a file that trickles in is cut off
      return { stream: Readable.fromWeb(res.body as never), contentType: res.headers.get('content-type') };
    }
    throw new PortalUnavailable('the portal refused a fresh session');
  }

  private answerOf(r: Record<string, unknown>): PortalAnswer {
    if (String(r.error_code) === '0') return { outcome: 'accepted', ref: String(r.ref ?? '') };
    return { outcome: 'rejected', code: String(r.error_code), message: String(r.message ?? '') };
  }

  /** One service call; a stale session is renewed once. */
  private async service(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const session = this.session ?? (await this.login());
      const wire = typeof body.service === 'string' ? { ...body, service: this.o.services?.[body.service] ?? body.service } : body;
      const r = await this.post(this.o.servicePath, wire, { [this.o.sessionHeader]: `${this.o.sessionPrefix}${session}` });
      if (r.status === 401) { this.session = null; continue; }
      if (r.status !== 200) throw new PortalUnavailable(`${this.o.servicePath}: HTTP ${r.status}`);
      return r.body;
    }
    throw new PortalUnavailable('the portal refused a fresh session');
  }

  private async login(): Promise<string> {
    const f = this.o.tokenRequest ?? { username: 'username', password: 'password' };
    const r = await this.post(this.o.authPath, { [f.username]: this.o.username, [f.password]: this.o.password }, { [this.o.systemCodeHeader]: this.o.systemCode });
    const session = r.body[this.o.tokenAnswer ?? 'session'];
    if (r.status !== 200 || String(r.body.error_code) !== '0' || typeof session !== 'string') throw new PortalUnavailable(`login: HTTP ${r.status} ${String(r.body.message ?? '')}`);
    this.session = session;
    return session;
  }

  private async post(path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const ex: Exchange = { at: this.now(), path, request: maskPersonalData(body), status: null, response: null };
    this.keep(ex);
    const started = performance.now();
    try {
      const res = await fetch(new URL(path, this.o.baseUrl), {
        method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      const text = await res.text();
      let parsed: Record<string, unknown> = {};
      try { parsed = JSON.parse(text) as Record<string, unknown>; } catch { parsed = { message: text.slice(0, 200) }; }
      ex.status = res.status;
      ex.response = maskPersonalData(parsed);
      return { status: res.status, body: parsed };
    } catch (e) {
      ex.error = e instanceof Error ? e.message : String(e);
      throw new PortalUnavailable(`${path}: ${ex.error}`);
    } finally {
      this.sink?.({ port: 'nationalPortal', method: 'POST', durationMs: performance.now() - started, ...ex });
    }
  }

  private keep(ex: Exchange): void {
    this.exchanges.push(ex);
    if (this.exchanges.length > 200) this.exchanges.shift();
  }
}
