// A real local SMTP server (smtp-server) for the notification tests: every message that arrives is parsed
// with mailparser. Recipients listed in `bounce` get a 550 at RCPT TO; `hold` keeps the DATA reply back.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SmtpSink {
  url: string;
  received: ParsedMail[];
  /** The envelope sender (MAIL FROM) of each received message, in the same order. */
  envelopeFrom: string[];
  /** Raw DATA streams that reached the server (also those whose reply was held). */
  arrivals: number;
  bounce: Set<string>;
  /** While set, the server keeps the DATA reply back and calls this when a message arrived. */
  hold: ((release: () => void) => void) | null;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { url: '', received: [], envelopeFrom: [], arrivals: 0, bounce: new Set(), hold: null, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (sink.bounce.has(address.address.toLowerCase())) {
        const e = new Error('5.1.1 Hộp thư không tồn tại / mailbox unavailable') as Error & { responseCode: number };
        e.responseCode = 550;
        return cb(e);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        sink.arrivals++;
        sink.received.push(await simpleParser(Buffer.concat(chunks)));
        sink.envelopeFrom.push(session.envelope.mailFrom ? session.envelope.mailFrom.address : '');
        if (sink.hold) sink.hold(() => cb());
        else cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as { port: number }).port;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((r) => server.close(() => r()));
  return sink;
}
