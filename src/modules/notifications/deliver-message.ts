// Delivers one notification message (outbox topic notifications.deliver). At most once per message, also
// across crashes: the row is marked `attempted` and committed BEFORE the provider is called, and `sent` with the
// provider's id after. A row found `attempted` by a later delivery means the process died in between: whether
// the provider got it is unknown, so it is NOT resent blindly — it becomes `unknown` (a dead letter the admin
// sees, with a resend action). E-mails carry a deterministic Message-ID (<message id@host>) to look it up.
// A send that certainly failed: permanent (5xx, invalid number) → failed; temporary → queued again and the
// outbox retries with back-off, up to MAX_ATTEMPTS, then dead.
import { ZodError } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { onTopic } from '../../platform/outbox/outbox.js';
import { PermanentSendError, type EmailAttachment } from '../../platform/ports/notifier.js';
import { agencyBriefs } from '../org/org.read.js';
import { DeliverTopic } from './create-message.js';
import * as repo from './notifications.repo.js';

export const MAX_ATTEMPTS = 5;

const FINAL: readonly string[] = ['sent', 'delivered', 'failed', 'dead', 'suppressed', 'unknown'];

export function messageIdHeader(ctx: AppContext, id: string): string {
  const host = new URL(ctx.config.publicUrl).hostname || 'motcua.invalid';
  return `<${id}@${host.includes('.') ? host : `${host}.motcua.invalid`}>`;
}

export async function deliverMessage(ctx: AppContext, messageId: string): Promise<repo.MessageStatus | 'missing'> {
  const row = await repo.messageById(ctx.db, messageId);
  if (!row) return 'missing';
  if (FINAL.includes(row.status)) return row.status as repo.MessageStatus;
  if (row.status === 'attempted') {
    await repo.setStatus(ctx.db, row.id, 'unknown', ['attempted'], {
      last_error: 'Gián đoạn giữa lúc gửi và lúc xác nhận: không tự gửi lại để tránh trùng; kiểm tra rồi gửi lại nếu cần / interrupted between attempt and confirmation: not resent automatically',
    });
    return 'unknown';
  }
  if (!(await repo.markAttempted(ctx.db, row.id, ctx.clock.now()))) return (await repo.messageById(ctx.db, row.id))!.status as repo.MessageStatus;
  const provider = row.channel === 'sms' ? ctx.notifier.providers.sms : ctx.notifier.providers.email;
  try {
    let providerMessageId: string;
    if (row.channel === 'sms') {
      // the carrier's registered template id travels with the text where the provider wants it
      const template = row.carrier_template_id ? { code: row.carrier_template_id, version: row.template_version } : undefined;
      providerMessageId = (await ctx.notifier.sendSms({ to: row.address, text: row.body, template }, { idempotencyKey: row.id })).providerMessageId;
    } else {
      const agency = row.agency_id ? (await agencyBriefs(ctx.db, [row.agency_id])).get(row.agency_id) : undefined;
      const unsub = /Ngừng nhận thư thông báo: (\S+)$/.exec(row.body)?.[1];
      providerMessageId = (await ctx.notifier.sendEmail({
        to: row.address,
        subject: row.subject ?? '',
        text: row.body,
        html: row.html ?? undefined,
        fromName: agency?.name,
        messageId: messageIdHeader(ctx, row.id),
        unsubscribeUrl: unsub,
        attachments: (row.attachments ?? []) as EmailAttachment[],
      }, { idempotencyKey: row.id })).providerMessageId;
    }
    await repo.markSent(ctx.db, row.id, provider, providerMessageId, ctx.clock.now());
    return 'sent';
  } catch (e) {
    const now = ctx.clock.now();
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    if (e instanceof PermanentSendError || e instanceof ZodError) {
      await repo.markOutcome(ctx.db, row.id, 'failed', text, now);
      return 'failed';
    }
    if (row.attempts + 1 >= MAX_ATTEMPTS) {
      await repo.markOutcome(ctx.db, row.id, 'dead', `${text} (sau ${MAX_ATTEMPTS} lần thử / after ${MAX_ATTEMPTS} attempts)`, now);
      return 'dead';
    }
    await repo.markOutcome(ctx.db, row.id, 'queued', text, now);
    throw e; // the outbox retries after its back-off
  }
}

export const deliverHandler = onTopic(DeliverTopic, async (ctx, m) => {
  await deliverMessage(ctx, m.payload.messageId);
});
