// Opt-out per (address, channel): the signed link in every e-mail (HMAC-SHA256 over channel and address with
// a key made once per database), and the opt-out itself. Sign-in codes are sent regardless.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { notificationErrors } from './notifications.errors.js';
import type { Channel } from './templates.js';
import * as repo from './notifications.repo.js';

async function key(db: Db): Promise<string> {
  const k = await repo.setting(db, 'unsubscribe_key');
  if (!k) throw new Error('notification_settings.unsubscribe_key is missing (migration 0018)');
  return k;
}

/** A new link key (a database started from a shared template image must not keep the template's key). */
export async function renewUnsubscribeKey(db: Db): Promise<void> {
  await repo.setSetting(db, 'unsubscribe_key', randomBytes(32).toString('hex'));
}

const sign = (k: string, channel: string, address: string) => createHmac('sha256', k).update(`${channel}\u0000${address}`).digest('base64url');

export async function unsubscribeUrl(ctx: AppContext, db: Db, channel: Channel, address: string): Promise<string> {
  const q = new URLSearchParams({ c: channel, a: address, s: sign(await key(db), channel, address) });
  return `${ctx.config.publicUrl}/api/v1/public/notifications/unsubscribe?${q}`;
}

export async function verifyUnsubscribe(ctx: AppContext, q: { c: string; a: string; s: string }): Promise<{ channel: Channel; address: string }> {
  if (q.c !== 'sms' && q.c !== 'email') throw notificationErrors.UNSUBSCRIBE_LINK_INVALID();
  const want = Buffer.from(sign(await key(ctx.db), q.c, q.a));
  const got = Buffer.from(q.s);
  if (want.length !== got.length || !timingSafeEqual(want, got)) throw notificationErrors.UNSUBSCRIBE_LINK_INVALID();
  return { channel: q.c, address: q.a };
}

/** POST /public/notifications/unsubscribe: the signed link's owner stops receiving that channel. */
export async function unsubscribe(ctx: AppContext, q: { c: string; a: string; s: string }): Promise<{ channel: Channel; address: string; optedOut: true }> {
  const v = await verifyUnsubscribe(ctx, q);
  await repo.optOut(ctx.db, v.channel, v.address, 'link', ctx.clock.now());
  return { ...v, optedOut: true };
}
