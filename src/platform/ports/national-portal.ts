// The national-portal port (ctx.nationalPortal): what the province's system tells the Cổng Dịch vụ công quốc
// gia (DVCQG) about its dossiers — DongBoHoSoMC (the whole dossier, sent again on every status change) and
// CapNhatTienDoHoSoMC (a progress line) — in the portal's own field names (domain-vn.md §5.4–5.5). Every call
// carries SoThuTuDongBo, the dossier's event version: the portal keeps the highest it accepted per MaHoSo, so
// a repeated call has the same effect (idempotent) and an older one can never overwrite a newer status.
//
// Adapters: `dvcqg` (national-portal-http.ts: session login and JSON services, directly or through the
// province's LGSP — base URL, token endpoint and header names are settings), and `recording`, the embedded
// default: it answers with the simulated portal's rules (national-portal-sim.ts), so sync works on the demo
// data, and keeps what would have been sent without anything leaving the machine.
import { Readable } from 'node:stream';
import type { Clock } from '../clock.js';
import { Recorder, type CallOptions, type PortLog } from './recording.js';
import { SimulatedPortal } from './national-portal-sim.js';
import type { PortalAnswer, PortalCall, PortalInboundAck, PortalInboundDossier, PortalQuestion } from './national-portal-payloads.js';

export * from './national-portal-payloads.js';

/** The portal could not be reached or did not answer (retry later; the call may or may not have taken effect). */
export class PortalUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortalUnavailable';
  }
}

/** A file the portal gave by link cannot be taken (another host, refused, too slow): the dossier is refused on the field. */
export class PortalFileRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortalFileRefused';
  }
}

export interface NationalPortalClient {
  /** Which adapter answers (shown on the sync dashboard: `recording` means nothing left the machine). */
  readonly provider: string;
  send(call: PortalCall, opts: CallOptions): Promise<PortalAnswer>;
  /** Questions sent on the portal to this province (LayDanhSachHoiDapGuiTuDVCQG). */
  listQuestions(): Promise<PortalQuestion[]>;
  /** DongBoKetQuaHoiDapGuiTuDVCQG: the answer to one of them. */
  sendAnswer(answer: { ID: string; NOIDUNGTRALOI: string }, opts: CallOptions): Promise<PortalAnswer>;
  /** Dossiers citizens submitted on the portal for this province, not yet acknowledged (LayDanhSachHoSoGuiTuDVCQG). */
  listInboundDossiers(): Promise<unknown[]>;
  /** XacNhanHoSoGuiTuDVCQG: this province registered (or refused) one of them; the portal stops handing it over. */
  acknowledgeInbound(ack: PortalInboundAck, opts: CallOptions): Promise<PortalAnswer>;
  /**
   * A handed-over dossier's file given only by link (DuongDanTepTin): only from the configured portal host, within
   * the client's timeout; the bytes stream into the file store, whose size and type checks apply.
   * PortalFileRefused: not the portal's host, not found / refused, timed out; PortalUnavailable: try again later.
   */
  fetchFile(url: string): Promise<{ stream: NodeJS.ReadableStream; contentType: string | null }>;
}

export const NATIONAL_PORTAL_ADAPTERS = ['recording', 'dvcqg'] as const;

/** The embedded default: the simulated portal's rules in-process, every call recorded, nothing sent. */
export class RecordingNationalPortal implements NationalPortalClient {
  readonly provider = 'recording';
  readonly recorder: Recorder;
  readonly portal: SimulatedPortal;
  constructor(clock: Clock, log?: PortLog) {
    this.recorder = new Recorder('nationalPortal', clock, log);
    this.portal = new SimulatedPortal();
  }
  async send(call: PortalCall, opts: CallOptions): Promise<PortalAnswer> {
    return this.recorder.record(call.service, opts.idempotencyKey, call, () => this.portal.apply(call));
  }
  async listQuestions(): Promise<PortalQuestion[]> {
    return this.portal.questions();
  }
  async sendAnswer(answer: { ID: string; NOIDUNGTRALOI: string }, opts: CallOptions): Promise<PortalAnswer> {
    return this.recorder.record('DongBoKetQuaHoiDapGuiTuDVCQG', opts.idempotencyKey, answer, () => this.portal.answer(answer));
  }
  async listInboundDossiers(): Promise<PortalInboundDossier[]> {
    return this.portal.inboundDossiers();
  }
  async acknowledgeInbound(ack: PortalInboundAck, opts: CallOptions): Promise<PortalAnswer> {
    return this.recorder.record('XacNhanHoSoGuiTuDVCQG', opts.idempotencyKey, ack, () => this.portal.acknowledge(ack));
  }
  /** Nothing leaves the machine: a link can only name a file the simulated portal holds. */
  async fetchFile(url: string): Promise<{ stream: NodeJS.ReadableStream; contentType: string | null }> {
    const f = this.portal.files.get(url);
    if (!f) throw new PortalFileRefused(`the simulated portal has no file ${url} (recording adapter: nothing is fetched from outside)`);
    return { stream: Readable.from([f.bytes]), contentType: f.contentType };
  }
}
