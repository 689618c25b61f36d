// GET /admin/notifications/templates: every (event, channel) with the version in force and the variables it
// may use; GET …/{event}/{channel}: its versions, newest first (version 1 is the built-in text).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { requireNotificationAdmin } from './admin-access.js';
import { templateInForce } from './create-message.js';
import { notificationErrors } from './notifications.errors.js';
import { CHANNELS, DEFAULT_TEMPLATES, EVENT_KINDS, EVENT_LABELS, EVENT_VARIABLES, isEventKind, type Channel, type EventKind } from './templates.js';
import * as repo from './notifications.repo.js';

export async function listTemplates(ctx: AppContext, p: Principal) {
  requireNotificationAdmin(p);
  const items = [];
  for (const event of EVENT_KINDS) {
    for (const channel of CHANNELS) {
      const t = await templateInForce(ctx.db, event, channel);
      items.push({ event, channel, label: EVENT_LABELS[event], variables: [...EVENT_VARIABLES[event]], version: t.version, subject: t.subject, body: t.body });
    }
  }
  return { items };
}

export function templateKey(event: string, channel: string): { event: EventKind; channel: Channel } {
  if (!isEventKind(event) || !(CHANNELS as readonly string[]).includes(channel)) throw notificationErrors.TEMPLATE_EVENT_UNKNOWN({ event, channel });
  return { event, channel: channel as Channel };
}

export async function templateHistory(ctx: AppContext, p: Principal, eventName: string, channelName: string) {
  requireNotificationAdmin(p);
  const { event, channel } = templateKey(eventName, channelName);
  const saved = await repo.templateVersions(ctx.db, event, channel);
  const builtIn = saved.some((r) => r.version === 1) ? [] : [{ version: 1, subject: DEFAULT_TEMPLATES[event][channel].subject, body: DEFAULT_TEMPLATES[event][channel].body, carrierTemplates: {}, createdAt: null, builtIn: true }];
  return {
    event,
    channel,
    label: EVENT_LABELS[event],
    variables: [...EVENT_VARIABLES[event]],
    versions: [...saved.map((r) => ({ version: r.version, subject: r.subject, body: r.body, carrierTemplates: (r.carrier_templates ?? {}) as Record<string, string>, createdAt: new Date(r.created_at).toISOString(), builtIn: false })), ...builtIn],
  };
}
