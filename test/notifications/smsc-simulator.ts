// An SMSC simulator built on the smpp library's server side (createServer): checks the bind, answers submit_sm
// with a message_id, reassembles concatenated parts, sends delivery receipts and mobile-originated deliver_sm,
// can throttle, and can be stopped and restarted on the same port. Listens on 127.0.0.1, port 0 (random) first.
import { smpp, type SmppPdu, type SmppServer, type SmppSession } from '../../src/platform/ports/sms-smpp.js';

export interface ReceivedPart {
  id: string;
  sourceAddr: string;
  sourceTon: number;
  sourceNpi: number;
  destinationAddr: string;
  destTon: number;
  destNpi: number;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** Concatenation header (IEI 0x00), when present. */
  udh?: { ref: number; total: number; seq: number };
  /** The part's text as the library decodes it. */
  text: string;
}

export interface ReceivedMessage {
  to: string;
  from: string;
  text: string;
  dataCoding: number;
  parts: ReceivedPart[];
}

export class SmscSimulator {
  port = 0;
  readonly parts: ReceivedPart[] = [];
  readonly messages: ReceivedMessage[] = [];
  binds: { systemId: string; ok: boolean }[] = [];
  enquireLinks = 0;
  /** false: enquire_link goes unanswered (a link that looks open but is dead). */
  answerEnquireLink = true;
  /** Answer the next N submit_sm with this status instead of accepting them. */
  refuseNext: { count: number; status: number } = { count: 0, status: 0 };
  /** Answer submit_sm after this many ms (0: at once); maxOutstanding: the most awaiting an answer at once. */
  answerDelayMs = 0;
  maxOutstanding = 0;
  private outstanding = 0;
  /** Stop (as if the SMSC went away) right after accepting this many parts in total. */
  stopAfterParts: number | null = null;
  private server: SmppServer | null = null;
  private up = false;
  private nextId = 1;
  private readonly assembling = new Map<string, ReceivedPart[]>();
  private readonly sessions = new Set<SmppSession>();
  private stopping: Promise<void> | null = null;

  constructor(readonly systemId = 'motcua', readonly password = 'secret1') {}

  static async start(systemId?: string, password?: string): Promise<SmscSimulator> {
    const s = new SmscSimulator(systemId, password);
    await s.listen(0);
    return s;
  }

  get url(): string {
    return `smpp://${this.systemId}:${this.password}@127.0.0.1:${this.port}`;
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Messages (reassembled) to a number, in arrival order. */
  to(number: string): ReceivedMessage[] {
    return this.messages.filter((m) => m.to === number);
  }

  private listen(port: number): Promise<void> {
    const server = smpp.createServer({}, (session) => this.onSession(session));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const a = server.address();
        this.port = typeof a === 'object' && a ? a.port : port;
        this.up = true;
        resolve();
      });
    });
  }

  private onSession(session: SmppSession): void {
    this.sessions.add(session);
    let bound = false;
    session.on('close', () => this.sessions.delete(session));
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: SmppPdu) => {
      const ok = pdu.system_id === this.systemId && pdu.password === this.password;
      this.binds.push({ systemId: String(pdu.system_id), ok });
      if (!ok) {
        session.send(pdu.response({ command_status: smpp.errors.ESME_RINVPASWD }));
        return;
      }
      bound = true;
      session.send(pdu.response({ system_id: 'SIMSMSC' }));
    });
    session.on('enquire_link', (pdu: SmppPdu) => {
      if (!this.up) return;
      this.enquireLinks++;
      if (this.answerEnquireLink) session.send(pdu.response());
    });
    session.on('unbind', (pdu: SmppPdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: SmppPdu) => {
      if (!this.up) return; // gone: neither recorded nor answered
      if (!bound) {
        session.send(pdu.response({ command_status: smpp.errors.ESME_RINVBNDSTS }));
        return;
      }
      if (this.refuseNext.count > 0) {
        this.refuseNext.count--;
        session.send(pdu.response({ command_status: this.refuseNext.status }));
        return;
      }
      const id = `SIM${String(this.nextId++).padStart(8, '0')}`;
      this.record(id, pdu);
      if (this.answerDelayMs > 0) {
        this.outstanding++;
        this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
        setTimeout(() => {
          this.outstanding--;
          session.send(pdu.response({ message_id: id }));
        }, this.answerDelayMs);
        return;
      }
      session.send(pdu.response({ message_id: id }));
      if (this.stopAfterParts !== null && this.parts.length >= this.stopAfterParts) {
        this.stopAfterParts = null;
        void this.stop();
      }
    });
  }

  private record(id: string, pdu: SmppPdu): void {
    const sm = pdu.short_message as { message: unknown; udh?: Buffer[] };
    const concat = sm.udh?.find((u) => u[0] === 0x00 && u[1] === 0x03);
    const part: ReceivedPart = {
      id,
      sourceAddr: String(pdu.source_addr), sourceTon: Number(pdu.source_addr_ton), sourceNpi: Number(pdu.source_addr_npi),
      destinationAddr: String(pdu.destination_addr), destTon: Number(pdu.dest_addr_ton), destNpi: Number(pdu.dest_addr_npi),
      dataCoding: Number(pdu.data_coding), esmClass: Number(pdu.esm_class), registeredDelivery: Number(pdu.registered_delivery),
      ...(concat ? { udh: { ref: concat[2]!, total: concat[3]!, seq: concat[4]! } } : {}),
      text: typeof sm.message === 'string' ? sm.message : String(sm.message),
    };
    this.parts.push(part);
    if (!part.udh) {
      this.messages.push({ to: part.destinationAddr, from: part.sourceAddr, text: part.text, dataCoding: part.dataCoding, parts: [part] });
      return;
    }
    const k = `${part.destinationAddr}/${part.udh.ref}/${part.udh.total}`;
    const got = (this.assembling.get(k) ?? []).filter((p) => p.udh!.seq !== part.udh!.seq);
    got.push(part);
    if (got.length < part.udh.total) {
      this.assembling.set(k, got);
      return;
    }
    this.assembling.delete(k);
    got.sort((a, b) => a.udh!.seq - b.udh!.seq);
    this.messages.push({ to: part.destinationAddr, from: part.sourceAddr, text: got.map((p) => p.text).join(''), dataCoding: part.dataCoding, parts: got });
  }

  /** The SMSC goes away: nothing more is recorded or answered, the connections are closed, the port is freed. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.up = false;
    const server = this.server;
    this.stopping = new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      for (const s of this.sessions) s.close(); // end(): answers already written still reach the client
      setTimeout(() => {
        for (const s of this.sessions) s.destroy();
      }, 500).unref();
    }).then(() => {
      this.server = null;
      this.stopping = null;
    });
    return this.stopping;
  }

  /** Back on the same port. */
  async restart(): Promise<void> {
    if (this.stopping) await this.stopping;
    await this.listen(this.port);
  }

  private bound(): SmppSession {
    const s = [...this.sessions][0];
    if (!s) throw new Error('simulator: no client session');
    return s;
  }

  private deliver(options: Record<string, unknown>): Promise<SmppPdu> {
    const s = this.bound();
    return new Promise((resolve) => s.deliver_sm(options, resolve));
  }

  /** A delivery receipt in the SMPP 3.4 appendix B text, with or without the TLVs; resolves with deliver_sm_resp. */
  sendDlr(p: { id: string; stat: string; err?: string; to?: string; doneDate?: string; tlv?: boolean; messageState?: number }): Promise<SmppPdu> {
    const done = p.doneDate ?? '2612011030';
    const text = `id:${p.id} sub:001 dlvrd:${p.stat === 'DELIVRD' ? '001' : '000'} submit date:2612011029 done date:${done} stat:${p.stat} err:${p.err ?? '000'} text:`;
    return this.deliver({
      source_addr_ton: 1, source_addr_npi: 1, source_addr: p.to ?? '84912345678', destination_addr: 'MOTCUA',
      esm_class: 0x04, data_coding: 0, short_message: text,
      ...(p.tlv ? { receipted_message_id: p.id, message_state: p.messageState ?? 2 } : {}),
    });
  }

  /** A mobile-originated message (UCS-2 when the text is not GSM-7); resolves with deliver_sm_resp. */
  sendMo(from: string, to: string, text: string): Promise<SmppPdu> {
    const gsm = /^[A-Za-z0-9 .,:;!?@\-_/()'"+]*$/.test(text);
    return this.deliver({
      source_addr_ton: 1, source_addr_npi: 1, source_addr: from, dest_addr_ton: 0, dest_addr_npi: 0, destination_addr: to,
      esm_class: 0, data_coding: gsm ? 0 : 8, short_message: text,
    });
  }

  /** A mobile-originated message in concatenated UCS-2 parts (UDH IEI 0x00, reference `ref`), last part first. */
  async sendMoParts(from: string, to: string, parts: string[], ref = 7): Promise<SmppPdu[]> {
    const out: SmppPdu[] = [];
    for (let i = parts.length - 1; i >= 0; i--) {
      out.push(await this.deliver({
        source_addr_ton: 1, source_addr_npi: 1, source_addr: from, destination_addr: to, esm_class: 0x40, data_coding: 8,
        short_message: { udh: Buffer.from([0x05, 0x00, 0x03, ref, parts.length, i + 1]), message: parts[i] },
      }));
    }
    return out;
  }

  /** Waits until `pred` holds (polls every 20 ms). */
  async waitFor(pred: () => boolean, what = 'condition', ms = 10_000): Promise<void> {
    const until = performance.now() + ms;
    while (!pred()) {
      if (performance.now() > until) throw new Error(`simulator: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
