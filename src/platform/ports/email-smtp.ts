// E-mail over SMTP (nodemailer), chosen by MOTCUA_SMTP_URL (smtp://user:password@host:port, STARTTLS when the
// server offers it; smtps:// for implicit TLS). The sender is MOTCUA_MAIL_FROM with the agency's name as its
// display name; the envelope sender (where bounces go) is MOTCUA_MAIL_BOUNCE when set, in its VERP form
// bounces+<message id>@… with MOTCUA_MAIL_BOUNCE_VERP=true (bounces are read by bounce-smtp.ts). A 5xx reply (unknown
// recipient, refused message) is a PermanentSendError; a connection failure or a 4xx reply is temporary.
import nodemailer from 'nodemailer';
import { verpAddress } from './dsn.js';
import { EmailMessage, PermanentSendError, type EmailSender, type SendResult } from './notifier.js';
import type { CallOptions } from './recording.js';

export interface SmtpSettings {
  url: string;
  /** `Name <address>` or a bare address. */
  from: string;
  bounceAddress?: string;
  /** Envelope sender bounces+<message id>@… (VERP): every bounce then names its message. */
  verp?: boolean;
  /** Seconds before a silent server is given up (default 60). */
  timeoutSeconds?: number;
}

export class SmtpEmailSender implements EmailSender {
  readonly provider = 'smtp';
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;
  private readonly fromAddress: string;

  constructor(private readonly settings: SmtpSettings) {
    const t = (settings.timeoutSeconds ?? 60) * 1000;
    this.transport = nodemailer.createTransport({
      url: settings.url,
      connectionTimeout: t,
      greetingTimeout: t,
      socketTimeout: t,
      // a local relay often has a self-signed certificate; smtps:// with a real certificate is still verified
      tls: { rejectUnauthorized: !/^smtp:/i.test(settings.url) },
    } as Parameters<typeof nodemailer.createTransport>[0]);
    this.fromAddress = /<([^>]+)>/.exec(settings.from)?.[1] ?? settings.from;
  }

  async sendEmail(msg: EmailMessage, opts: CallOptions): Promise<SendResult> {
    const m = EmailMessage.parse(msg);
    const headers: Record<string, string> = { 'X-Motcua-Message': opts.idempotencyKey };
    if (m.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${m.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const envelopeFrom = this.envelopeFrom(opts.idempotencyKey);
    try {
      const info = await this.transport.sendMail({
        from: m.fromName ? { name: m.fromName, address: this.fromAddress } : this.settings.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers,
        envelope: envelopeFrom ? { from: envelopeFrom, to: m.to } : undefined,
        attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })),
      });
      if (info.rejected?.length) throw new PermanentSendError(`recipient refused: ${String(info.response ?? '')}`.slice(0, 500));
      return { providerMessageId: info.messageId ?? m.messageId ?? opts.idempotencyKey, status: 'accepted' };
    } catch (e) {
      if (e instanceof PermanentSendError) throw e;
      const code = (e as { responseCode?: number }).responseCode;
      if (typeof code === 'number' && code >= 500) {
        throw new PermanentSendError(`SMTP ${code}: ${(e as Error).message}`.slice(0, 500), String(code));
      }
      throw e;
    }
  }

  private envelopeFrom(messageKey: string): string | undefined {
    const b = this.settings.bounceAddress;
    if (!b) return undefined;
    return this.settings.verp && /^[0-9A-Za-z-]{8,64}$/.test(messageKey) ? verpAddress(b, messageKey) : b;
  }

  close(): void {
    this.transport.close();
  }
}
