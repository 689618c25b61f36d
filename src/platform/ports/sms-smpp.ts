// The SMPP 3.4 SMS adapter (smpp 0.5.1, behind the notifier's sendSms): one bind_transceiver session to the
// carrier's or aggregator's SMSC, kept up with enquire_link and re-opened with back-off when it drops or the
// bind fails. Outbound: source_addr = the brandname (alphanumeric, TON 5), destination 84xxxxxxxxx (TON 1,
// NPI 1), data_coding 0 (GSM-7, unpacked septets) or 8 (UCS-2) as smsEncodingInfo decides (Vietnamese text
// without diacritics when that saves segments), long texts as concatenated parts (UDH IEI 0x00 with an 8-bit
// reference, esm_class 0x40: accepted by every SMSC, unlike message_payload), registered_delivery 1.
// Inbound deliver_sm: delivery receipts (esm_class 0x04) → handlers.deliveryReceipt, anything else (MO) →
// handlers.message, whose reply text is sent back to the sender; every deliver_sm is answered.
//
// Idempotency. Within one process the same idempotencyKey is never submitted twice while its submit is pending
// or after it succeeded (a bounded map answers the first result again); a long message whose connection broke
// after some parts were accepted resumes with the missing parts under the same reference, so the handset still
// joins them. SMPP itself has no idempotency key, so across processes (or when a submit_sm_resp is lost with
// the connection, or times out) the outcome is unknown and a retry may deliver twice. What the outbox's SMS
// handler must do about that: record the providerMessageId (and partMessageIds) on the message row as soon as
// sendSms returns, before anything else can fail, and on a redelivery of a row that already has one, not call
// sendSms again (mark it sent); a row redelivered after an unknown outcome (no providerMessageId recorded) is
// resent at most once more, accepting the rare duplicate over a lost notice. Errors carry `retryable` (extra):
// SMS_SMSC_UNAVAILABLE / SMS_SMSC_THROTTLED are worth retrying (throw, the outbox backs off);
// SMS_DESTINATION_INVALID / SMS_TEXT_INVALID / SMS_SMSC_REJECTED are permanent (mark the message failed,
// do not throw).
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { SmsMessage, type EmailMessage, type Notifier, type SendResult } from './notifier.js';
import type { CallOptions } from './recording.js';
import { parseSmsSettings, smsErrors, toInternationalVnMobile, toNationalVnMobile, type SmppSettings } from './sms-config.js';
import { encodeGsm7, encodeUcs2, smsEncodingInfo, splitSegments, type SmsEncoding } from './sms-encoding.js';

// ---- the smpp library (CommonJS, untyped): the little of it this adapter uses ----

export interface SmppPdu {
  command: string;
  command_status: number;
  sequence_number: number;
  response(options?: Record<string, unknown>): SmppPdu;
  [field: string]: unknown;
}
type PduCallback = (pdu: SmppPdu) => void;
export interface SmppSession extends EventEmitter {
  send(pdu: SmppPdu, responseCallback?: PduCallback): boolean;
  close(callback?: () => void): void;
  destroy(callback?: () => void): void;
  bind_transceiver(options: Record<string, unknown>, cb?: PduCallback): boolean;
  submit_sm(options: Record<string, unknown>, cb?: PduCallback): boolean;
  deliver_sm(options: Record<string, unknown>, cb?: PduCallback): boolean;
  enquire_link(options?: Record<string, unknown>, cb?: PduCallback): boolean;
  unbind(options?: Record<string, unknown>, cb?: PduCallback): boolean;
  socket: { remoteAddress?: string; destroyed?: boolean; setNoDelay?(noDelay?: boolean): unknown };
}
export interface SmppServer extends EventEmitter {
  listen(port: number, host: string, cb?: () => void): SmppServer;
  close(cb?: (err?: Error) => void): void;
  address(): { port: number } | string | null;
  sessions: SmppSession[];
}
export interface SmppLib {
  connect(options: Record<string, unknown>, listener?: () => void): SmppSession;
  createServer(options: Record<string, unknown>, listener?: (s: SmppSession) => void): SmppServer;
  errors: Record<string, number>;
}
export const smpp = createRequire(import.meta.url)('smpp') as SmppLib;

const ESME = smpp.errors;
const STATUS_NAME = new Map(Object.entries(ESME).map(([name, code]) => [code, name] as const));
export const smppStatusName = (code: number): string => STATUS_NAME.get(code) ?? `0x${code.toString(16).padStart(8, '0')}`;

/** Statuses after which the same submit may succeed later (throttling, full queues, transient SMSC faults). */
const RETRYABLE = new Set(['ESME_RTHROTTLED', 'ESME_RMSGQFUL', 'ESME_RSYSERR', 'ESME_RX_T_APPN', 'ESME_RINVBNDSTS', 'ESME_RSUBMITFAIL'].map((n) => ESME[n]!));

// ---- inbound: what the handlers receive ----

export type DeliveryState = 'delivered' | 'failed' | 'expired' | 'rejected' | 'unknown';

export interface DeliveryReceipt {
  /** The first part's SMSC id when this process sent the message (what sendSms returned), otherwise the receipt's id. */
  providerMessageId: string;
  /** The id the receipt is for (a part's id for a concatenated message). */
  partMessageId: string;
  state: DeliveryState;
  at: Date;
  errorCode?: string;
}

export interface InboundSms {
  /** The sender as the SMSC gives it (usually 84xxxxxxxxx). */
  from: string;
  /** The number or brandname texted. */
  to: string;
  text: string;
}

export interface SmsInboundHandlers {
  deliveryReceipt(receipt: DeliveryReceipt): Promise<void> | void;
  /** A reply text (sent back to `from`) or nothing. */
  message(sms: InboundSms): Promise<string | null | undefined> | string | null | undefined;
}

// ---- pure helpers (exported for tests) ----

const STAT: Record<string, DeliveryState> = {
  DELIVRD: 'delivered', EXPIRED: 'expired', UNDELIV: 'failed', DELETED: 'failed', REJECTD: 'rejected', ACCEPTD: 'unknown', UNKNOWN: 'unknown', ENROUTE: 'unknown',
};
// SMPP 3.4 §5.2.28 message_state
const MESSAGE_STATE: Record<number, DeliveryState> = { 2: 'delivered', 3: 'expired', 4: 'failed', 5: 'failed', 8: 'rejected' };

/**
 * A delivery receipt: the SMPP 3.4 appendix B text (`id:… sub:… dlvrd:… submit date:… done date:… stat:… err:…`)
 * and/or the receipted_message_id and message_state TLVs (which win when present). `done date` (YYMMDDhhmm[ss])
 * is read in the SMSC's local time, `utcOffsetMinutes` (Vietnam: +420); without it the receipt's `at` is `now`.
 */
export function parseDeliveryReceipt(
  text: string,
  tlv: { receiptedMessageId?: string; messageState?: number },
  opts: { utcOffsetMinutes: number; now: Date },
): { id: string; state: DeliveryState; at: Date; errorCode?: string } | null {
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(text)?.[1];
  const id = tlv.receiptedMessageId?.trim() || field('id');
  if (!id) return null;
  const stat = field('stat')?.toUpperCase();
  let state: DeliveryState = stat ? (STAT[stat] ?? 'unknown') : 'unknown';
  if (tlv.messageState !== undefined) state = MESSAGE_STATE[tlv.messageState] ?? (stat ? state : 'unknown');
  const done = /done date:(\d{10,12})/i.exec(text)?.[1];
  let at = opts.now;
  if (done) {
    const [yy, mo, dd, hh, mi, ss] = [0, 2, 4, 6, 8, 10].map((i) => Number(done.slice(i, i + 2) || '0'));
    const t = Date.UTC(2000 + yy!, mo! - 1, dd!, hh!, mi!, ss!) - opts.utcOffsetMinutes * 60_000;
    if (Number.isFinite(t) && mo! >= 1 && mo! <= 12 && dd! >= 1 && dd! <= 31) at = new Date(t);
  }
  const err = field('err');
  return { id, state, at, ...(err && !/^0+$/.test(err) ? { errorCode: err } : {}) };
}

export interface SubmitPart {
  data_coding: number;
  esm_class: number;
  short_message: Buffer;
}

/** The submit_sm bodies of a text: one unsegmented part, or UDH-concatenated parts sharing `ref` (0–255). */
export function submitParts(text: string, encoding: SmsEncoding, ref: number): SubmitPart[] {
  const parts = splitSegments(text, encoding);
  const dataCoding = encoding === 'GSM7' ? 0 : 8;
  const encode = (p: string) => (encoding === 'GSM7' ? encodeGsm7(p) : encodeUcs2(p));
  if (parts.length === 1) return [{ data_coding: dataCoding, esm_class: 0, short_message: encode(parts[0]!) }];
  if (parts.length > 255) throw smsErrors.SMS_TEXT_INVALID({ reason: `too long (${parts.length} segments)` }, { retryable: false });
  return parts.map((p, i) => ({
    data_coding: dataCoding,
    esm_class: 0x40,
    short_message: Buffer.concat([Buffer.from([0x05, 0x00, 0x03, ref & 0xff, parts.length, i + 1]), encode(p)]),
  }));
}

/** Whether an error from sendSms is worth retrying (the SMSC was away, throttling, or its queue was full). */
export function isRetryableSmsError(e: unknown): boolean {
  return e instanceof AppError && e.extra.retryable === true;
}

// ---- the gateway ----

export interface SmppGatewayOptions {
  settings: SmppSettings;
  clock: Clock;
  handlers?: Partial<SmsInboundHandlers>;
  /** Seconds between enquire_link while bound (default 30). */
  enquireLinkSeconds?: number;
  /** Wait for bind_resp, submit_sm_resp and enquire_link_resp (default 10 s). */
  responseTimeoutMs?: number;
  /** How long sendSms waits for a bound session before failing as retryable (default 5 s). */
  connectWaitMs?: number;
  /** Reconnection back-off: min doubling up to max (defaults 500 ms, 30 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Offset of the SMSC's local time in delivery receipts (default +420, Vietnam). */
  dlrUtcOffsetMinutes?: number;
  /** Most submit_sm awaiting their response at once (the SMSC's window; default 10). */
  window?: number;
  /** Where to log (pino-like: level, fields, message); tests pass nothing. */
  log?: (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, msg: string) => void;
}

export interface SmppSendResult extends SendResult {
  /** Every part's SMSC id, first part first (providerMessageId is the first). */
  partMessageIds: string[];
  segments: number;
  encoding: SmsEncoding;
  strippedDiacritics: boolean;
}

interface Pending {
  ref: number;
  /** Accepted parts' ids (undefined: not accepted yet). */
  ids: (string | undefined)[];
}

/** Keys remembered (done results, partially sent messages, part → first id for receipts). */
const KEEP = 10_000;

function remember<K, V>(m: Map<K, V>, k: K, v: V): void {
  m.delete(k);
  m.set(k, v);
  if (m.size > KEEP) m.delete(m.keys().next().value as K);
}

export class SmppSmsGateway {
  /** The channel's provider as the admins' outbox page names it. */
  readonly provider = 'smpp';
  private session: SmppSession | null = null;
  private bound = false;
  private stopped = true;
  private attempt = 0;
  private lastProblem = 'not connected yet';
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquireTimer: NodeJS.Timeout | null = null;
  private waiters: { resolve: (s: SmppSession) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }[] = [];
  /** Per session: what to fail when it goes down. */
  private inFlight = new Map<SmppSession, Set<(e: unknown) => void>>();
  private readonly running = new Map<string, Promise<SmppSendResult>>();
  private readonly done = new Map<string, SmppSendResult>();
  private readonly partial = new Map<string, Pending>();
  private readonly firstIdOfPart = new Map<string, string>();
  private ref = Math.floor(Math.random() * 256);
  private moSeq = 0;
  private handlers: Partial<SmsInboundHandlers>;
  private readonly o: Required<Omit<SmppGatewayOptions, 'handlers' | 'log'>> & Pick<SmppGatewayOptions, 'log'>;

  constructor(opts: SmppGatewayOptions) {
    this.o = {
      enquireLinkSeconds: 30, responseTimeoutMs: 10_000, connectWaitMs: 5_000, reconnectMinMs: 500, reconnectMaxMs: 30_000, dlrUtcOffsetMinutes: 420, window: 10,
      ...opts,
    };
    this.handlers = opts.handlers ?? {};
  }

  /** Sets the inbound handlers (the notifications module's, wired at composition). */
  setHandlers(h: Partial<SmsInboundHandlers>): void {
    this.handlers = h;
  }

  get isBound(): boolean {
    return this.bound;
  }

  /** Starts connecting (and keeps reconnecting until stop()). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Resolves when a session is bound (or rejects after `ms`). */
  async whenBound(ms = this.o.connectWaitMs): Promise<void> {
    await this.boundSession(ms);
  }

  /** Unbinds and closes; no reconnection after this. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopEnquire();
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(this.unavailable('the gateway was stopped'));
    }
    const s = this.session;
    if (!s) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => s.destroy(), 1000);
      t.unref();
      s.once('close', () => {
        clearTimeout(t);
        resolve();
      });
      if (this.bound) s.unbind({}, () => s.close());
      else s.destroy();
    });
  }

  async sendSms(msg: SmsMessage, opts: CallOptions): Promise<SmppSendResult> {
    const to = toInternationalVnMobile(String(msg.to ?? ''));
    if (!to) throw smsErrors.SMS_DESTINATION_INVALID({ to: String(msg.to) }, { retryable: false });
    const parsed = SmsMessage.safeParse({ ...msg, to: toNationalVnMobile(to) });
    if (!parsed.success) throw smsErrors.SMS_TEXT_INVALID({ reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, { retryable: false });
    const key = opts.idempotencyKey;
    const seen = this.done.get(key);
    if (seen) return seen;
    const running = this.running.get(key);
    if (running) return running;
    const p = this.submitAll(key, to, parsed.data.text).finally(() => this.running.delete(key));
    this.running.set(key, p);
    const r = await p;
    remember(this.done, key, r);
    return r;
  }

  private async submitAll(key: string, to: string, text: string): Promise<SmppSendResult> {
    const info = smsEncodingInfo(text);
    let pending = this.partial.get(key);
    if (!pending) {
      this.ref = (this.ref + 1) & 0xff;
      pending = { ref: this.ref, ids: [] };
    }
    const parts = submitParts(info.text, info.encoding, pending.ref);
    pending.ids.length = parts.length;
    const session = await this.boundSession(this.o.connectWaitMs);
    try {
      for (let i = 0; i < parts.length; i++) {
        if (pending.ids[i] !== undefined) continue;
        pending.ids[i] = await this.submitOne(session, to, parts[i]!);
      }
    } catch (e) {
      if (pending.ids.some((id) => id !== undefined)) remember(this.partial, key, pending);
      throw e;
    }
    this.partial.delete(key);
    const ids = pending.ids as string[];
    for (const id of ids) remember(this.firstIdOfPart, id, ids[0]!);
    return {
      providerMessageId: ids[0]!, status: 'accepted', partMessageIds: ids, segments: parts.length, encoding: info.encoding, strippedDiacritics: info.strippedDiacritics,
    };
  }

  private outstanding = 0;
  private readonly windowQueue: (() => void)[] = [];

  /** Waits for a free place in the window, submits, frees the place. */
  private async submitOne(session: SmppSession, to: string, part: SubmitPart): Promise<string> {
    while (this.outstanding >= this.o.window) await new Promise<void>((r) => this.windowQueue.push(r));
    this.outstanding++;
    try {
      return await this.submitNow(session, to, part);
    } finally {
      this.outstanding--;
      this.windowQueue.shift()?.();
    }
  }

  private submitNow(session: SmppSession, to: string, part: SubmitPart): Promise<string> {
    return this.request(session, 'submit_sm', (cb) =>
      session.submit_sm(
        {
          source_addr_ton: 5, source_addr_npi: 0, source_addr: this.o.settings.brandname,
          dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: to,
          registered_delivery: 1, ...part,
        },
        cb,
      ),
    ).then((pdu) => {
      if (pdu.command_status === ESME.ESME_ROK) return String(pdu.message_id ?? '');
      const smppStatus = smppStatusName(pdu.command_status);
      if (pdu.command_status === ESME.ESME_RTHROTTLED || pdu.command_status === ESME.ESME_RMSGQFUL) throw smsErrors.SMS_SMSC_THROTTLED({ smppStatus }, { retryable: true });
      if (RETRYABLE.has(pdu.command_status)) throw this.unavailable(`submit_sm answered ${smppStatus}`);
      if (pdu.command_status === ESME.ESME_RINVDSTADR) throw smsErrors.SMS_DESTINATION_INVALID({ to }, { retryable: false, smppStatus });
      throw smsErrors.SMS_SMSC_REJECTED({ smppStatus }, { retryable: false });
    });
  }

  /** Sends a request and waits (bounded) for its response; fails when the session goes down first. */
  private request(session: SmppSession, what: string, send: (cb: PduCallback) => boolean): Promise<SmppPdu> {
    return new Promise<SmppPdu>((resolve, reject) => {
      const failers = this.inFlight.get(session) ?? new Set();
      this.inFlight.set(session, failers);
      const fail = (e: unknown) => {
        clearTimeout(timer);
        failers.delete(fail);
        reject(e);
      };
      const timer = setTimeout(() => {
        fail(this.unavailable(`no ${what}_resp within ${this.o.responseTimeoutMs} ms`));
        // a link that does not answer is broken: drop it, the reconnection takes over
        session.destroy();
      }, this.o.responseTimeoutMs);
      timer.unref();
      failers.add(fail);
      const ok = send((pdu) => {
        clearTimeout(timer);
        failers.delete(fail);
        resolve(pdu);
      });
      if (!ok) fail(this.unavailable('the connection is not writable'));
    });
  }

  private unavailable(reason: string): AppError {
    return smsErrors.SMS_SMSC_UNAVAILABLE({ reason }, { retryable: true });
  }

  private boundSession(ms: number): Promise<SmppSession> {
    if (this.bound && this.session) return Promise.resolve(this.session);
    if (this.stopped) return Promise.reject(this.unavailable('the gateway is not started'));
    return new Promise((resolve, reject) => {
      const w = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((x) => x !== w);
          reject(this.unavailable(this.lastProblem));
        }, ms),
      };
      w.timer.unref();
      this.waiters.push(w);
    });
  }

  private connect(): void {
    if (this.stopped) return;
    const { host, port, tls, systemId, password } = this.o.settings;
    const s = smpp.connect({ host, port, tls });
    this.session = s;
    s.on(tls ? 'secureConnect' : 'connect', () => {
      // small PDUs, answered one by one: Nagle's algorithm would hold submits back until the previous ACK
      s.socket.setNoDelay?.(true);
      this.request(s, 'bind_transceiver', (cb) => s.bind_transceiver({ system_id: systemId, password, interface_version: 0x34 }, cb)).then(
        (pdu) => {
          if (pdu.command_status !== ESME.ESME_ROK) {
            this.lastProblem = `bind refused: ${smppStatusName(pdu.command_status)}`;
            this.o.log?.('error', { smppStatus: this.lastProblem }, 'SMPP bind refused');
            s.destroy();
            return;
          }
          if (this.session !== s) return;
          this.bound = true;
          this.attempt = 0;
          this.o.log?.('info', { host, port }, 'SMPP bound (transceiver)');
          this.startEnquire(s);
          for (const w of this.waiters.splice(0)) {
            clearTimeout(w.timer);
            w.resolve(s);
          }
        },
        () => s.destroy(),
      );
    });
    s.on('error', (e: Error) => {
      this.lastProblem = `${e.message}`;
    });
    s.on('close', () => this.down(s));
    s.on('enquire_link', (pdu: SmppPdu) => s.send(pdu.response()));
    s.on('unbind', (pdu: SmppPdu) => {
      s.send(pdu.response());
      s.close();
    });
    s.on('deliver_sm', (pdu: SmppPdu) => void this.onDeliver(s, pdu));
  }

  private down(s: SmppSession): void {
    const failers = this.inFlight.get(s);
    this.inFlight.delete(s);
    for (const f of [...(failers ?? [])]) f(this.unavailable(`connection lost (${this.lastProblem})`));
    if (this.session !== s) return;
    this.session = null;
    if (this.bound) this.lastProblem = 'connection lost';
    this.bound = false;
    this.stopEnquire();
    if (this.stopped) return;
    const delay = Math.min(this.o.reconnectMaxMs, this.o.reconnectMinMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay * (0.75 + Math.random() * 0.5));
    this.reconnectTimer.unref();
  }

  private startEnquire(s: SmppSession): void {
    this.stopEnquire();
    this.enquireTimer = setInterval(() => {
      if (this.session !== s || !this.bound) return;
      this.request(s, 'enquire_link', (cb) => s.enquire_link({}, cb)).catch(() => undefined);
    }, this.o.enquireLinkSeconds * 1000);
    this.enquireTimer.unref();
  }

  private stopEnquire(): void {
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.enquireTimer = null;
  }

  /** Concatenated MO parts waiting for the rest, by sender and reference (kept 10 minutes, bounded). */
  private readonly moParts = new Map<string, { at: number; total: number; parts: Map<number, string> }>();

  /** The whole text of an MO: itself, or null while parts of a concatenated one are missing. */
  private joinMo(from: string, pdu: SmppPdu, text: string): string | null {
    const sm = pdu.short_message as { udh?: Buffer[] } | undefined;
    const concat = sm?.udh?.find((u) => (u[0] === 0x00 && u[1] === 0x03) || (u[0] === 0x08 && u[1] === 0x04));
    if (!concat) return text;
    const [ref, total, seq] = concat[0] === 0x00 ? [concat[2]!, concat[3]!, concat[4]!] : [concat.readUInt16BE(2), concat[4]!, concat[5]!];
    if (total <= 1) return text;
    const now = this.o.clock.now().getTime();
    for (const [k, v] of this.moParts) if (now - v.at > MO_PARTS_KEEP_MS) this.moParts.delete(k);
    const k = `${from}/${ref}/${total}`;
    const entry = this.moParts.get(k) ?? { at: now, total, parts: new Map<number, string>() };
    entry.parts.set(seq, text);
    if (entry.parts.size < total) {
      remember(this.moParts, k, entry);
      return null;
    }
    this.moParts.delete(k);
    return [...entry.parts.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t).join('');
  }

  private async onDeliver(s: SmppSession, pdu: SmppPdu): Promise<void> {
    let status: number = ESME.ESME_ROK!;
    let reply: string | null | undefined;
    const from = String(pdu.source_addr ?? '');
    try {
      const esm = Number(pdu.esm_class ?? 0);
      const text = messageText(pdu);
      if ((esm & 0x3c) === 0x04 || (esm & 0x3c) === 0x08) {
        const r = parseDeliveryReceipt(text, {
          receiptedMessageId: typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : undefined,
          messageState: typeof pdu.message_state === 'number' ? pdu.message_state : undefined,
        }, { utcOffsetMinutes: this.o.dlrUtcOffsetMinutes, now: this.o.clock.now() });
        if (r) {
          await this.handlers.deliveryReceipt?.({
            providerMessageId: this.firstIdOfPart.get(r.id) ?? r.id, partMessageId: r.id, state: r.state, at: r.at, ...(r.errorCode ? { errorCode: r.errorCode } : {}),
          });
        } else this.o.log?.('warn', { text }, 'SMPP delivery receipt without a message id ignored');
      } else {
        const whole = this.joinMo(from, pdu, text);
        if (whole !== null) reply = await this.handlers.message?.({ from, to: String(pdu.destination_addr ?? ''), text: whole });
      }
    } catch (e) {
      // a temporary application error: the SMSC delivers the same deliver_sm again later
      status = ESME.ESME_RX_T_APPN!;
      this.o.log?.('error', { err: e instanceof Error ? e.message : String(e) }, 'SMPP deliver_sm handler failed');
    }
    s.send(pdu.response({ command_status: status }));
    if (reply) {
      if (!toInternationalVnMobile(from)) {
        this.o.log?.('warn', { from }, 'SMS reply not sent: the sender is not a Vietnamese mobile number');
        return;
      }
      this.sendSms({ to: from, text: reply }, { idempotencyKey: `mo-reply:${from}:${++this.moSeq}:${this.o.clock.now().getTime()}` }).catch((e) =>
        this.o.log?.('error', { from, err: e instanceof Error ? e.message : String(e) }, 'SMS reply not sent'),
      );
    }
  }
}

const MO_PARTS_KEEP_MS = 10 * 60_000;

/**
 * The SMPP gateway MOTCUA_SMPP_URL + MOTCUA_SMS_BRANDNAME ask for (not started), or null without MOTCUA_SMPP_URL
 * (the recording notifier stays: nothing leaves the machine). Throws SMS_CONFIG_INVALID on bad settings.
 */
export function smppGatewayFromEnv(
  env: Record<string, string | undefined>,
  clock: Clock,
  opts: Omit<SmppGatewayOptions, 'settings' | 'clock'> = {},
): SmppSmsGateway | null {
  const settings = parseSmsSettings(env);
  return settings.adapter === 'smpp' ? new SmppSmsGateway({ ...opts, settings, clock }) : null;
}

/** The text of a deliver_sm as the library decoded it (short_message, or message_payload when that is used). */
function messageText(pdu: SmppPdu): string {
  for (const f of [pdu.message_payload, pdu.short_message]) {
    if (!f) continue;
    const m = typeof f === 'object' && f !== null && 'message' in f ? (f as { message: unknown }).message : f;
    if (typeof m === 'string' && m.length) return m;
    if (Buffer.isBuffer(m) && m.length) return m.toString('latin1');
  }
  return '';
}
