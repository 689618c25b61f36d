// Writes one notification message (in the caller's transaction) and, when it is to be sent, the outbox row
// that delivers it. Renders the template in force (latest version, or the built-in version 1) and records
// its version. Undeliverable addresses are stored as failed (visible, never dropped); opted-out ones as
// suppressed; an SMS inside quiet hours as deferred to their end (sign-in codes excepted).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { defineTopic, enqueue } from '../../platform/outbox/outbox.js';
import type { EmailAttachment } from '../../platform/ports/notifier.js';
import { normaliseAddress } from './addresses.js';
import { carrierOf, type Carrier } from './sms-carriers.js';
import { smsAllowedAt } from './quiet-hours.js';
import { DEFAULT_TEMPLATES, renderEmailHtml, renderText, type Channel, type EventKind, type TemplateText } from './templates.js';
import { unsubscribeUrl } from './unsubscribe.js';
import * as repo from './notifications.repo.js';

/** The delivery of one message (key: the message id). */
export const DeliverTopic = defineTopic({ name: 'notifications.deliver', version: 1, schema: z.object({ messageId: z.uuid() }) });

export interface Template extends TemplateText {
  version: number;
  /** The ids the carriers registered this version under (SMS brandname templates); empty for the built-in text. */
  carrierTemplates: CarrierTemplates;
}

export async function templateInForce(db: Db, event: EventKind, channel: Channel): Promise<Template> {
  const row = await repo.latestTemplate(db, event, channel);
  if (row) return { subject: row.subject, body: row.body, version: row.version, carrierTemplates: (row.carrier_templates ?? {}) as CarrierTemplates };
  return { ...DEFAULT_TEMPLATES[event][channel], version: 1, carrierTemplates: {} };
}

export type CarrierTemplates = Partial<Record<Carrier, string>>;

/** The template id the recipient's carrier registered this version under, if any. */
export function carrierTemplateFor(ids: CarrierTemplates, phone: string): string | null {
  const c = carrierOf(phone);
  return (c && ids[c]) || null;
}

export interface MessageSpec {
  /** One message per (eventKey, address, channel). */
  eventKey: string;
  event: EventKind;
  channel: Channel;
  rawAddress: string;
  recipientRole: string;
  recipientName: string | null;
  vars: Record<string, string>;
  dossierId?: string | null;
  dossierCode?: string | null;
  agencyId?: string | null;
  agencyName: string;
  attachments?: EmailAttachment[];
  /** Sign-in codes: no quiet hours, no opt-out. */
  urgent?: boolean;
  resendOf?: string | null;
}

export interface Rendered {
  subject: string | null;
  body: string;
  html: string | null;
}

export async function renderMessage(ctx: AppContext, db: Db, t: TemplateText, channel: Channel, address: string, vars: Record<string, string>, agencyName: string, withUnsubscribe: boolean): Promise<Rendered> {
  if (channel === 'sms') return { subject: null, body: renderText(t.body, vars), html: null };
  const unsub = withUnsubscribe ? await unsubscribeUrl(ctx, db, 'email', address) : undefined;
  const text = renderText(t.body, vars) + (unsub ? `\n\n--\nNgừng nhận thư thông báo: ${unsub}` : '');
  return { subject: renderText(t.subject ?? '', vars), body: text, html: renderEmailHtml(t.body, vars, { agencyName, unsubscribeUrl: unsub }) };
}

export async function createMessage(ctx: AppContext, trx: Db, s: MessageSpec): Promise<{ id: string; status: repo.MessageStatus; created: boolean }> {
  const now = ctx.clock.now();
  const { address, ok, problem } = normaliseAddress(s.channel, s.rawAddress);
  const t = await templateInForce(trx, s.event, s.channel);
  const r = await renderMessage(ctx, trx, t, s.channel, address, s.vars, s.agencyName, !s.urgent);
  let status: repo.MessageStatus = 'queued';
  let notBefore: Date | null = null;
  let lastError: string | null = null;
  if (!ok) {
    status = 'failed';
    lastError = problem ?? 'invalid address';
  } else if (!s.urgent && (await repo.isOptedOut(trx, s.channel, address))) {
    status = 'suppressed';
  } else if (s.channel === 'sms' && !s.urgent) {
    const at = smsAllowedAt(now, ctx.config.notifications.quietHours);
    if (at.getTime() > now.getTime()) {
      status = 'deferred';
      notBefore = at;
    }
  }
  const id = randomUUID();
  const created = await repo.insertMessage(trx, {
    id,
    event_key: s.eventKey,
    event: s.event,
    dossier_id: s.dossierId ?? null,
    dossier_code: s.dossierCode ?? null,
    agency_id: s.agencyId ?? null,
    recipient: address,
    recipient_role: s.recipientRole,
    recipient_name: s.recipientName,
    channel: s.channel,
    address,
    template_event: s.event,
    template_version: t.version,
    carrier_template_id: s.channel === 'sms' ? carrierTemplateFor(t.carrierTemplates, address) : null,
    subject: r.subject,
    body: r.body,
    html: r.html,
    attachments: s.attachments ?? [],
    status,
    provider: null,
    not_before: notBefore,
    created_at: now,
    resend_of: s.resendOf ?? null,
    last_error: lastError,
    failed_at: status === 'failed' ? now : null,
  });
  if (created && (status === 'queued' || status === 'deferred')) {
    await enqueue(ctx, trx, { topic: DeliverTopic, key: id, payload: { messageId: id }, availableAt: notBefore ?? now });
  }
  return { id, status, created };
}
