// PUT /admin/notifications/templates/{event}/{channel}: saves a new version (never edits one in place, every
// message records the version it used). Unknown variables → 422 on the field; a stale baseVersion → 409.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid } from '../../platform/errors.js';
import { requireNotificationAdmin } from './admin-access.js';
import { templateInForce, type CarrierTemplates } from './create-message.js';
import { templateHistory, templateKey } from './list-templates.js';
import { notificationErrors } from './notifications.errors.js';
import { checkTemplate } from './templates.js';
import * as repo from './notifications.repo.js';

export interface TemplateBody {
  subject?: string | null;
  body: string;
  /** The version the editor started from (optimistic concurrency). */
  baseVersion: number;
  /** SMS: the template id each carrier registered this text under (nhà mạng → mã mẫu tin). */
  carrierTemplates?: CarrierTemplates;
}

export async function saveTemplate(ctx: AppContext, p: Principal, eventName: string, channelName: string, b: TemplateBody) {
  requireNotificationAdmin(p);
  const { event, channel } = templateKey(eventName, channelName);
  const text = { subject: channel === 'email' ? (b.subject ?? null) : null, body: b.body };
  const errors = checkTemplate(event, channel, text);
  if (errors.length) throw invalid(errors, 'TEMPLATE_INVALID_VARIABLES');
  const carrierTemplates = b.carrierTemplates ?? {};
  if (channel === 'email' && Object.keys(carrierTemplates).length > 0) {
    throw invalid([{ path: 'body.carrierTemplates', code: 'CARRIER_TEMPLATES_SMS_ONLY', messageVi: 'Mã mẫu tin đăng ký với nhà mạng chỉ dùng cho SMS.', messageEn: 'Carrier template ids apply to SMS only.' }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const current = await templateInForce(trx, event, channel);
    if (current.version !== b.baseVersion) throw notificationErrors.TEMPLATE_VERSION_STALE({ version: current.version });
    await repo.insertTemplate(trx, {
      id: randomUUID(), event, channel, version: current.version + 1, subject: text.subject, body: text.body, carrier_templates: JSON.stringify(carrierTemplates), created_by: p.userId, created_at: ctx.clock.now(),
    });
  });
  return templateHistory(ctx, p, event, channel);
}
