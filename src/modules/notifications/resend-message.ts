// POST /admin/notifications/messages/{id}/resend: a dead letter (failed, dead, unknown) is sent again as a new
// message (same text and attachments, linked to the first by resend_of). The old row keeps its status.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { isUuid } from '../../platform/values.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { requireNotificationAdmin } from './admin-access.js';
import { DeliverTopic } from './create-message.js';
import { messageView } from './message-view.js';
import { notificationErrors } from './notifications.errors.js';
import * as repo from './notifications.repo.js';

export async function resendMessage(ctx: AppContext, p: Principal, id: string) {
  requireNotificationAdmin(p);
  const old = isUuid(id) ? await repo.messageById(ctx.db, id) : undefined;
  if (!old) throw notificationErrors.NOTIFICATION_NOT_FOUND();
  if (!['failed', 'dead', 'unknown'].includes(old.status)) throw notificationErrors.NOTIFICATION_NOT_RESENDABLE({ status: old.status });
  const now = ctx.clock.now();
  const newId = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertMessage(trx, {
      id: newId,
      event_key: `${old.event_key}:resend:${newId}`,
      event: old.event,
      dossier_id: old.dossier_id,
      dossier_code: old.dossier_code,
      agency_id: old.agency_id,
      recipient: old.recipient,
      recipient_role: old.recipient_role,
      recipient_name: old.recipient_name,
      channel: old.channel,
      address: old.address,
      template_event: old.template_event,
      template_version: old.template_version,
      carrier_template_id: old.carrier_template_id,
      subject: old.subject,
      body: old.body,
      html: old.html,
      attachments: (old.attachments ?? []) as unknown[],
      status: 'queued',
      provider: null,
      not_before: null,
      created_at: now,
      resend_of: old.id,
    });
    await enqueue(ctx, trx, { topic: DeliverTopic, key: newId, payload: { messageId: newId } });
  });
  return messageView((await repo.messageById(ctx.db, newId))!);
}
