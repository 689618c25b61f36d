// How a message is shown to admins (pure).
import type { MessageRow } from './notifications.repo.js';

export function messageView(r: MessageRow) {
  const atts = (r.attachments ?? []) as Array<{ filename: string; contentType: string }>;
  return {
    id: r.id,
    event: r.event,
    channel: r.channel as 'sms' | 'email',
    status: r.status,
    address: r.address,
    recipientRole: r.recipient_role,
    recipientName: r.recipient_name,
    dossierCode: r.dossier_code,
    templateVersion: r.template_version,
    carrierTemplateId: r.carrier_template_id,
    subject: r.subject,
    body: r.body,
    attachments: atts.map((a) => ({ filename: a.filename, contentType: a.contentType })),
    provider: r.provider,
    /** Built-in sink: recorded here, nothing left the machine ("chưa gửi ra ngoài"). */
    notSentOutside: r.provider === 'recording',
    providerMessageId: r.provider_message_id,
    attempts: r.attempts,
    lastError: r.last_error,
    notBefore: r.not_before ? new Date(r.not_before).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
    resendOf: r.resend_of,
    resendable: ['failed', 'dead', 'unknown'].includes(r.status),
  };
}
