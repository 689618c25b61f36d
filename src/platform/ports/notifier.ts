// The notifier port (ctx.notifier): SMS and e-mail to citizens and officials. Two halves, each with its own
// adapter: an SmsSender (recording; SMPP brandname: sms-smpp.ts) and an EmailSender (recording; SMTP through
// nodemailer: email-smtp.ts). Messages are zod-typed and validated by every adapter before anything is sent.
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { Recorder, type CallOptions, type PortLog } from './recording.js';

export type { CallOptions } from './recording.js';

/** Vietnamese mobile number, national (0…) or international (+84… / 84…) form. */
export const VnPhone = z.string().regex(/^(\+?84|0)[35789]\d{8}$/, 'Vietnamese mobile number (0xxxxxxxxx or +84xxxxxxxxx)');

export const SmsMessage = z.object({
  to: VnPhone,
  /** Vietnamese text; diacritics are stripped only at the SMS edge, by the real adapter. */
  text: z.string().min(1).max(1000),
  /** Carrier-registered template (brandname CSKH), when the provider requires one. */
  template: z.object({ code: z.string().min(1), version: z.number().int().min(1) }).optional(),
});
export type SmsMessage = z.infer<typeof SmsMessage>;

export const EmailAttachment = z.object({
  /** Shown to the reader as is (Vietnamese names keep their diacritics). */
  filename: z.string().min(1).max(200),
  contentType: z.string().min(1),
  contentBase64: z.string().min(1),
});
export type EmailAttachment = z.infer<typeof EmailAttachment>;

export const EmailMessage = z.object({
  to: z.email(),
  subject: z.string().min(1).max(250),
  text: z.string().min(1),
  html: z.string().optional(),
  /** Display name of the sender (the agency); the address is the configured MOTCUA_MAIL_FROM. */
  fromName: z.string().min(1).max(200).optional(),
  /** Deterministic Message-ID (`<id@host>`): a reconciliation can tell whether this message arrived. */
  messageId: z.string().regex(/^<[^<>\s@]+@[^<>\s@]+>$/).optional(),
  /** RFC 8058 one-click unsubscribe link. */
  unsubscribeUrl: z.url().optional(),
  attachments: z.array(EmailAttachment).max(5).default([]),
});
export type EmailMessage = z.input<typeof EmailMessage>;

export const SendResult = z.object({
  /** The provider's id of the message (for delivery receipts). */
  providerMessageId: z.string(),
  status: z.enum(['accepted', 'recorded']),
});
export type SendResult = z.infer<typeof SendResult>;

/**
 * A send the provider refused for good (unknown recipient, 5xx SMTP reply, invalid number): retrying will not
 * help, the message is marked failed. Any other error is treated as temporary and retried.
 */
export class PermanentSendError extends Error {
  constructor(message: string, readonly providerCode?: string) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

export interface SmsSender {
  sendSms(msg: SmsMessage, opts: CallOptions): Promise<SendResult>;
}
export interface EmailSender {
  sendEmail(msg: EmailMessage, opts: CallOptions): Promise<SendResult>;
}
export interface Notifier extends SmsSender, EmailSender {
  /** Which adapter sends each channel (`recording` = nothing leaves the machine). */
  readonly providers: { sms: string; email: string };
}

export const NOTIFIER_ADAPTERS = ['recording'] as const;

export class RecordingNotifier implements Notifier {
  readonly recorder: Recorder;
  readonly providers = { sms: 'recording', email: 'recording' };
  constructor(clock: Clock, log?: PortLog) {
    this.recorder = new Recorder('notifier', clock, log);
  }
  async sendSms(msg: SmsMessage, opts: CallOptions): Promise<SendResult> {
    const m = SmsMessage.parse(msg);
    return this.recorder.record('sms', opts.idempotencyKey, m, () => ({ providerMessageId: `recorded:sms:${opts.idempotencyKey}`, status: 'recorded' as const }));
  }
  async sendEmail(msg: EmailMessage, opts: CallOptions): Promise<SendResult> {
    const m = EmailMessage.parse(msg);
    // the sink keeps attachments by name and size only (a receipt PDF per message would fill the memory)
    const kept = { ...m, attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, bytes: Math.floor((a.contentBase64.length * 3) / 4) })) };
    return this.recorder.record('email', opts.idempotencyKey, kept, () => ({ providerMessageId: `recorded:email:${opts.idempotencyKey}`, status: 'recorded' as const }));
  }
}

/** One notifier from a sender per channel (e.g. SMTP e-mail and recorded SMS). */
export class SplitNotifier implements Notifier {
  readonly providers: { sms: string; email: string };
  constructor(readonly smsSender: SmsSender & { provider?: string }, private readonly email: EmailSender & { provider?: string }) {
    this.providers = { sms: smsSender.provider ?? 'recording', email: email.provider ?? 'recording' };
  }
  sendSms(msg: SmsMessage, opts: CallOptions): Promise<SendResult> {
    return this.smsSender.sendSms(msg, opts);
  }
  sendEmail(msg: EmailMessage, opts: CallOptions): Promise<SendResult> {
    return this.email.sendEmail(msg, opts);
  }
}
