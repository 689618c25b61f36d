// A simulated national portal (DVCQG) that speaks the same payloads: the embedded default answers with its
// rules in-process (RecordingNationalPortal), and tests start it as a real HTTP peer (startSimulatedPortal)
// for the `dvcqg` adapter. Rules, as the portal applies them:
// - a payload that breaks the schema is refused with error_code "-1" and the portal's reason;
// - a progress update for a dossier the portal does not have is refused with "-4";
// - per MaHoSo the portal keeps the highest SoThuTuDongBo it accepted: the same number again is accepted with
//   no further effect (idempotent), a lower one is refused with "-3" (it would move the status backwards);
// - operators of a test can take it down (HTTP 503), make it lose its answers after applying a call (the
//   client retries: a duplicate), delay answers, and refuse chosen dossiers with a chosen code.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { PortalCall, type PortalAnswer, type PortalInboundAck, type PortalInboundDossier, type PortalQuestion } from './national-portal-payloads.js';

export interface PortalDossier {
  MaHoSo: string;
  lastOrder: number;
  TrangThaiHoSo: number;
  /** Every accepted call, in the order the portal applied it (duplicates not repeated). */
  applied: { service: string; order: number; status: number }[];
}

export class SimulatedPortal {
  readonly dossiers = new Map<string, PortalDossier>();
  /** Files handed-over dossiers give by link (DuongDanTepTin), by path (HTTP peer) or URL (in-process). */
  readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  /** Calls received, duplicates included (what the wire carried). */
  received = 0;
  private readonly refusals = new Map<string, { code: string; message: string }>();
  private readonly pending: PortalQuestion[] = [];
  readonly answers = new Map<string, string>();
  /** Dossiers submitted on the portal, handed over until the province acknowledges them. */
  private readonly inbound: PortalInboundDossier[] = [];
  readonly acknowledged = new Map<string, PortalInboundAck>();

  /** Refuse every call for this dossier with the portal's code and reason (until `allow`). */
  refuse(maHoSo: string, code: string, message: string): void {
    this.refusals.set(maHoSo, { code, message });
  }
  allow(maHoSo: string): void {
    this.refusals.delete(maHoSo);
  }
  addQuestion(q: PortalQuestion): void {
    this.pending.push(q);
  }
  addInboundDossier(d: PortalInboundDossier): void {
    this.inbound.push(d);
  }
  inboundDossiers(): PortalInboundDossier[] {
    return this.inbound.filter((d) => !this.acknowledged.has(d.MaHoSoQG));
  }
  /** The same acknowledgement again is accepted with no effect; one for a dossier never handed over is refused. */
  acknowledge(ack: PortalInboundAck): PortalAnswer {
    if (!this.inbound.some((d) => d.MaHoSoQG === ack.MaHoSoQG)) return { outcome: 'rejected', code: '-4', message: `Không có hồ sơ ${ack.MaHoSoQG} chuyển về.` };
    if (!this.acknowledged.has(ack.MaHoSoQG)) this.acknowledged.set(ack.MaHoSoQG, ack);
    return { outcome: 'accepted', ref: ack.MaHoSoQG };
  }

  apply(input: unknown): PortalAnswer {
    this.received++;
    const parsed = PortalCall.safeParse(input);
    if (!parsed.success) return { outcome: 'rejected', code: '-1', message: `Dữ liệu không hợp lệ: ${issuesText(parsed.error.issues)}` };
    const call = parsed.data;
    const ma = call.data.MaHoSo;
    const refusal = this.refusals.get(ma);
    if (refusal) return { outcome: 'rejected', ...refusal };
    const order = call.data.SoThuTuDongBo;
    const d = this.dossiers.get(ma);
    if (!d && call.service === 'CapNhatTienDoHoSoMC') return { outcome: 'rejected', code: '-4', message: `Hồ sơ ${ma} chưa được đồng bộ (DongBoHoSoMC) lên Cổng.` };
    if (d && order === d.lastOrder) return { outcome: 'accepted', ref: `${ma}#${order}` };
    if (d && order < d.lastOrder) return { outcome: 'rejected', code: '-3', message: `Thứ tự đồng bộ ${order} nhỏ hơn thứ tự đã nhận ${d.lastOrder}: trạng thái không được lùi.` };
    const status = call.service === 'DongBoHoSoMC' ? call.data.TrangThaiHoSo : call.data.TrangThai;
    const next = d ?? { MaHoSo: ma, lastOrder: 0, TrangThaiHoSo: status, applied: [] };
    next.lastOrder = order;
    next.TrangThaiHoSo = status;
    next.applied.push({ service: call.service, order, status });
    this.dossiers.set(ma, next);
    return { outcome: 'accepted', ref: `${ma}#${order}` };
  }

  questions(): PortalQuestion[] {
    return this.pending.filter((q) => !this.answers.has(q.ID));
  }

  answer(a: { ID: string; NOIDUNGTRALOI: string }): PortalAnswer {
    if (!this.pending.some((q) => q.ID === a.ID)) return { outcome: 'rejected', code: '-4', message: `Không có câu hỏi ${a.ID}.` };
    this.answers.set(a.ID, a.NOIDUNGTRALOI);
    return { outcome: 'accepted', ref: a.ID };
  }
}

function issuesText(issues: z.core.$ZodIssue[]): string {
  return issues.slice(0, 5).map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`).join('; ');
}

export interface SimulatedPortalServer {
  url: string;
  portal: SimulatedPortal;
  /** 503 to everything while true. */
  down: boolean;
  /** Apply the next n service calls, then drop the connection without answering (the client sees a failure). */
  loseAnswers: number;
  delayMs: number;
  /** How long the portal waits before serving a linked file (a slow file host). */
  fileDelayMs: number;
  /** Every HTTP exchange: path, headers the portal checks, body. */
  requests: { path: string; headers: Record<string, string | undefined>; body: unknown }[];
  close(): Promise<void>;
}

/**
 * Starts the simulated portal on 127.0.0.1 (a free port): POST {authPath} {username, password} with header
 * `dstcode` → {session, error_code: 0}; POST {servicePath} {service, data} with header `session` →
 * {error_code: 0, ref} or {error_code: "-n", message}. Wrong credentials → 401.
 */
export async function startSimulatedPortal(opts: {
  username: string; password: string; systemCode: string; authPath?: string; servicePath?: string; portal?: SimulatedPortal;
  /** Header names and the session's prefix, as a province's LGSP renames them (default: dstcode, session, none). */
  systemCodeHeader?: string; sessionHeader?: string; sessionPrefix?: string;
  /** The token request's credential fields, the answer's token field and the service names, as an LGSP renames them (lgsp-profiles.ts). */
  tokenRequest?: { username: string; password: string }; tokenAnswer?: string; services?: Partial<Record<string, string>>;
}): Promise<SimulatedPortalServer> {
  const fields = opts.tokenRequest ?? { username: 'username', password: 'password' };
  const dvcqgName = new Map(Object.entries(opts.services ?? {}).map(([dvcqg, lgsp]) => [lgsp!, dvcqg]));
  const authPath = opts.authPath ?? '/api/auth';
  const servicePath = opts.servicePath ?? '/api/service';
  const codeHeader = (opts.systemCodeHeader ?? 'dstcode').toLowerCase();
  const sessionHeader = (opts.sessionHeader ?? 'session').toLowerCase();
  const prefix = opts.sessionPrefix ?? '';
  const sessions = new Set<string>();
  const state: SimulatedPortalServer = {
    url: '', portal: opts.portal ?? new SimulatedPortal(), down: false, loseAnswers: 0, delayMs: 0, fileDelayMs: 0, requests: [],
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJson(req);
    state.requests.push({ path: req.url ?? '', headers: { dstcode: header(req, codeHeader), session: header(req, sessionHeader) }, body });
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    if (state.down) return reply(res, 503, { error_code: '503', message: 'Hệ thống đang bảo trì' });
    if (req.method === 'GET' && state.portal.files.has(req.url ?? '')) {
      const raw = header(req, sessionHeader);
      const session = raw?.startsWith(prefix) ? raw.slice(prefix.length) : undefined;
      if (!session || !sessions.has(session)) return reply(res, 401, { error_code: '401', message: 'Phiên làm việc hết hạn' });
      const f = state.portal.files.get(req.url!)!;
      if (state.fileDelayMs) await new Promise((r) => setTimeout(r, state.fileDelayMs));
      res.writeHead(200, { 'content-type': f.contentType, 'content-length': String(f.bytes.length) });
      res.end(f.bytes);
      return;
    }
    if (req.method === 'GET' && req.url?.startsWith('/files/')) return reply(res, 404, { error_code: '404', message: 'Không có tệp' });
    if (req.method !== 'POST') return reply(res, 405, { error_code: '405', message: 'POST only' });
    if (req.url === authPath) {
      const b = body as Record<string, unknown> | null;
      if (header(req, codeHeader) !== opts.systemCode || b?.[fields.username] !== opts.username || b?.[fields.password] !== opts.password) return reply(res, 401, { error_code: '401', message: 'Sai thông tin xác thực' });
      const session = randomUUID();
      sessions.add(session);
      return reply(res, 200, { [opts.tokenAnswer ?? 'session']: session, error_code: 0 });
    }
    if (req.url !== servicePath) return reply(res, 404, { error_code: '404', message: 'Không có dịch vụ' });
    const raw = header(req, sessionHeader);
    const session = raw?.startsWith(prefix) ? raw.slice(prefix.length) : undefined;
    if (!session || !sessions.has(session)) return reply(res, 401, { error_code: '401', message: 'Phiên làm việc hết hạn' });
    const sent = body as { service?: string; data?: unknown } | null;
    // an LGSP's own service names: only those are served when it renames them
    const b = sent && opts.services ? { ...sent, service: dvcqgName.get(String(sent.service)) ?? (Object.keys(opts.services).includes(String(sent.service)) ? `unknown:${sent.service}` : sent.service) } : sent;
    const answer = serviceAnswer(state.portal, b);
    if (state.loseAnswers > 0 && !String(b?.service).startsWith('LayDanhSach')) {
      state.loseAnswers--;
      req.socket.destroy();
      return;
    }
    reply(res, 200, answer);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => { if (!res.headersSent) reply(res, 500, { error_code: '500', message: 'Lỗi' }); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function serviceAnswer(portal: SimulatedPortal, b: { service?: string; data?: unknown } | null): Record<string, unknown> {
  if (b?.service === 'LayDanhSachHoiDapGuiTuDVCQG') return { error_code: 0, result: portal.questions() };
  if (b?.service === 'DongBoKetQuaHoiDapGuiTuDVCQG') return wire(portal.answer(b.data as { ID: string; NOIDUNGTRALOI: string }));
  if (b?.service === 'LayDanhSachHoSoGuiTuDVCQG') return { error_code: 0, result: portal.inboundDossiers() };
  if (b?.service === 'XacNhanHoSoGuiTuDVCQG') return wire(portal.acknowledge(b.data as PortalInboundAck));
  return wire(portal.apply(b));
}

function wire(a: PortalAnswer): Record<string, unknown> {
  return a.outcome === 'accepted' ? { error_code: 0, ref: a.ref } : { error_code: a.code, message: a.message };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    return null;
  }
}
