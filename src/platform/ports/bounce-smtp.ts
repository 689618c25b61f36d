// Asynchronous bounces: an inbound SMTP listener (smtp-server) for the bounce mailbox (MOTCUA_MAIL_BOUNCE).
// The province's mail relay routes the bounce address — or a subdomain's MX — to MOTCUA_MAIL_BOUNCE_LISTEN,
// the way Mailtrain and Postal receive VERP bounces. Only the bounce address and its VERP forms are accepted
// (550 for anything else: this is not an open relay); each message is parsed (postal-mime), read as a DSN
// (dsn.ts) and handed to the handler. When the handler fails the sender gets 451 and retries later, so a
// bounce is never lost to a crash or a database hiccup; a bounce about nothing of ours is accepted and dropped.
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { matchBounceAddress, readBounce, type BounceReport } from './dsn.js';

export interface BounceListenerSettings {
  /** host:port to listen on (port 0: any free port). */
  listen: string;
  bounceAddress: string;
  /** Largest bounce accepted (bounces may carry the whole original message). */
  maxBytes?: number;
}

export type BounceHandler = (report: BounceReport) => Promise<void>;
export type BounceLog = (level: 'info' | 'warn', fields: Record<string, unknown>, msg: string) => void;

const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export class SmtpBounceListener {
  private readonly server: SMTPServer;
  private handler: BounceHandler = async () => {};

  constructor(private readonly settings: BounceListenerSettings, private readonly log?: BounceLog) {
    this.server = new SMTPServer({
      banner: 'motcua bounce receiver',
      size: settings.maxBytes ?? DEFAULT_MAX_BYTES,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, cb) => {
        if (matchBounceAddress(settings.bounceAddress, address.address).matches) return cb();
        cb(smtpError(550, '5.1.1 not a bounce address of this system'));
      },
      onData: (stream, session, cb) => void this.receive(stream, session).then(() => cb(), (e: Error) => cb(e)),
    });
    this.server.on('error', (e) => this.log?.('warn', { err: e.message }, 'bounce listener error'));
  }

  /** Where it listens, once started. */
  address(): AddressInfo | null {
    return (this.server.server.address() as AddressInfo | null) ?? null;
  }

  setHandler(handler: BounceHandler): void {
    this.handler = handler;
  }

  async start(): Promise<AddressInfo> {
    const { host, port } = hostPort(this.settings.listen);
    await new Promise<void>((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.server.off('error', reject);
        resolve();
      });
    });
    const addr = this.server.server.address() as AddressInfo;
    this.log?.('info', { host: addr.address, port: addr.port }, 'bounce listener ready');
    return addr;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const raw = await readAll(stream);
    if (stream.sizeExceeded) throw smtpError(552, '5.3.4 message too big for the bounce receiver');
    const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
    let report: BounceReport;
    try {
      report = readBounce(await partsOf(raw, envelopeTo), this.settings.bounceAddress);
    } catch (e) {
      // unreadable MIME: accept and drop (retrying cannot make it readable)
      this.log?.('warn', { err: (e as Error).message }, 'unreadable bounce dropped');
      return;
    }
    try {
      await this.handler(report);
    } catch (e) {
      this.log?.('warn', { err: (e as Error).message, messageRef: report.messageRef }, 'bounce not recorded; the sender will retry');
      throw smtpError(451, '4.3.0 temporary failure, try again later');
    }
  }
}

async function partsOf(raw: Buffer, envelopeTo: string[]) {
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'utf8' });
  const body = (mime: string) => email.attachments.filter((a) => a.mimeType.toLowerCase() === mime).map((a) => String(a.content));
  return {
    envelopeTo,
    deliveryStatus: body('message/delivery-status'),
    returnedHeaders: [...body('text/rfc822-headers'), ...body('message/rfc822'), email.text ?? ''],
    text: email.text ?? '',
  };
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export function hostPort(listen: string): { host: string; port: number } {
  const i = listen.lastIndexOf(':');
  return { host: listen.slice(0, i).replace(/^\[|\]$/g, '') || '0.0.0.0', port: Number(listen.slice(i + 1)) };
}
