// The notifier port (ctx.notifier): SMS and e-mail to citizens and officials. Real adapters (SMTP, SMS
// brandname over HTTP/SMPP) are the notifications issue's work; today only the recording adapter exists.
// Messages are zod-typed and validated by every adapter before anything is "sent".
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { Recorder, type CallOptions, type PortLog } from './recording.js';

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

export const EmailMessage = z.object({
  to: z.email(),
  subject: z.string().min(1).max(250),
  text: z.string().min(1),
  html: z.string().optional(),
});
export type EmailMessage = z.infer<typeof EmailMessage>;

export const SendResult = z.object({
  /** The provider's id of the message (for delivery receipts). */
  providerMessageId: z.string(),
  status: z.enum(['accepted', 'recorded']),
});
export type SendResult = z.infer<typeof SendResult>;

export interface Notifier {
  sendSms(msg: SmsMessage, opts: CallOptions): Promise<SendResult>;
  sendEmail(msg: EmailMessage, opts: CallOptions): Promise<SendResult>;
}

export const NOTIFIER_ADAPTERS = ['recording'] as const;

export class RecordingNotifier implements Notifier {
  readonly recorder: Recorder;
  constructor(clock: Clock, log?: PortLog) {
    this.recorder = new Recorder('notifier', clock, log);
  }
  async sendSms(msg: SmsMessage, opts: CallOptions): Promise<SendResult> {
    const m = SmsMessage.parse(msg);
    return this.recorder.record('sms', opts.idempotencyKey, m, () => ({ providerMessageId: `recorded:sms:${opts.idempotencyKey}`, status: 'recorded' as const }));
  }
  async sendEmail(msg: EmailMessage, opts: CallOptions): Promise<SendResult> {
    const m = EmailMessage.parse(msg);
    return this.recorder.record('email', opts.idempotencyKey, m, () => ({ providerMessageId: `recorded:email:${opts.idempotencyKey}`, status: 'recorded' as const }));
  }
}
