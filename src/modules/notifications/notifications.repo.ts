// SQL of the notifications module: templates (versioned), messages (one per event, recipient and channel),
// opt-outs, digest subscriptions and the module's settings.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { NotificationMessages, NotificationTemplates } from '../../platform/db/schema.gen.js';

export type MessageRow = Selectable<NotificationMessages>;
export type TemplateRow = Selectable<NotificationTemplates>;
export type MessageStatus = 'queued' | 'deferred' | 'suppressed' | 'attempted' | 'sent' | 'delivered' | 'failed' | 'dead' | 'unknown';

// ---- templates

export async function latestTemplate(db: Db, event: string, channel: string): Promise<TemplateRow | undefined> {
  return db.selectFrom('notification_templates').selectAll().where('event', '=', event).where('channel', '=', channel)
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function latestTemplates(db: Db): Promise<TemplateRow[]> {
  return db.selectFrom('notification_templates').selectAll()
    .where(({ eb, selectFrom }) => eb('version', '=', selectFrom('notification_templates as t2').select((e) => e.fn.max('t2.version').as('v'))
      .whereRef('t2.event', '=', 'notification_templates.event').whereRef('t2.channel', '=', 'notification_templates.channel')))
    .execute();
}

export async function templateVersions(db: Db, event: string, channel: string): Promise<TemplateRow[]> {
  return db.selectFrom('notification_templates').selectAll().where('event', '=', event).where('channel', '=', channel).orderBy('version', 'desc').execute();
}

export async function insertTemplate(db: Db, row: TemplateRow): Promise<void> {
  await db.insertInto('notification_templates').values(row).execute();
}

// ---- messages

export type NewMessage = Omit<MessageRow, 'attempts' | 'attempted_at' | 'sent_at' | 'delivered_at' | 'failed_at' | 'provider_message_id' | 'last_error' | 'attachments'> & {
  attachments: unknown[];
  last_error?: string | null;
  failed_at?: Date | null;
};

/** Inserts unless the (event, recipient, channel) has its message already; returns whether it was new. */
export async function insertMessage(db: Db, m: NewMessage): Promise<boolean> {
  const r = await db.insertInto('notification_messages')
    .values({ ...m, attachments: JSON.stringify(m.attachments) })
    .onConflict((oc) => oc.columns(['event_key', 'recipient', 'channel']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function messageById(db: Db, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('notification_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks the attempt (committed before the provider is called); only from queued / deferred. */
export async function markAttempted(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('notification_messages')
    .set((eb) => ({ status: 'attempted', attempted_at: at, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id).where('status', 'in', ['queued', 'deferred']).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markSent(db: Db, id: string, provider: string, providerMessageId: string, at: Date): Promise<void> {
  await db.updateTable('notification_messages')
    .set({ status: 'sent', provider, provider_message_id: providerMessageId, sent_at: at, last_error: null })
    .where('id', '=', id).where('status', '=', 'attempted').execute();
}

/** After a send that certainly did not go out: back to queued (retry) or to a final status. */
export async function markOutcome(db: Db, id: string, status: MessageStatus, error: string, at: Date): Promise<void> {
  await db.updateTable('notification_messages')
    .set({ status, last_error: error.slice(0, 2000), failed_at: status === 'queued' ? null : at })
    .where('id', '=', id).execute();
}

export async function setStatus(db: Db, id: string, status: MessageStatus, from: MessageStatus[], extra: { last_error?: string | null } = {}): Promise<boolean> {
  const r = await db.updateTable('notification_messages').set({ status, ...extra }).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function messageByProviderId(db: Db, providerMessageId: string): Promise<MessageRow | undefined> {
  return db.selectFrom('notification_messages').selectAll().where('provider_message_id', '=', providerMessageId).executeTakeFirst();
}

/** A delivery receipt: delivered / failed, never back from a final receipt (out-of-order receipts). */
export async function applyReceipt(db: Db, id: string, status: 'delivered' | 'failed', at: Date, error: string | null): Promise<boolean> {
  const r = await db.updateTable('notification_messages')
    .set(status === 'delivered' ? { status, delivered_at: at } : { status, failed_at: at, last_error: error })
    .where('id', '=', id).where('status', 'in', ['attempted', 'sent', 'unknown']).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface MessageFilter {
  status?: string;
  channel?: string;
  event?: string;
  dossier?: string;
  deadLetters?: boolean;
  limit: number;
  offset: number;
}

export async function listMessages(db: Db, f: MessageFilter): Promise<{ rows: MessageRow[]; total: number }> {
  let q = db.selectFrom('notification_messages');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.deadLetters) q = q.where('status', 'in', ['failed', 'dead', 'unknown']);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.event) q = q.where('event', '=', f.event);
  if (f.dossier) q = q.where('dossier_code', '=', f.dossier);
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export async function countByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('notification_messages').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

// ---- opt-outs

export async function isOptedOut(db: Db, channel: string, address: string): Promise<boolean> {
  return !!(await db.selectFrom('notification_optouts').select('address').where('channel', '=', channel).where('address', '=', address).executeTakeFirst());
}

export async function optOut(db: Db, channel: string, address: string, source: string, at: Date): Promise<void> {
  await db.insertInto('notification_optouts').values({ channel, address, source, created_at: at })
    .onConflict((oc) => oc.columns(['channel', 'address']).doNothing()).execute();
}

export async function optIn(db: Db, channel: string, address: string): Promise<void> {
  await db.deleteFrom('notification_optouts').where('channel', '=', channel).where('address', '=', address).execute();
}

// ---- digest subscriptions

export async function digestSubscribers(db: Db): Promise<Array<{ user_id: string }>> {
  return db.selectFrom('notification_digest_subscriptions').select('user_id').execute();
}

export async function setDigestSubscription(db: Db, userId: string, on: boolean, at: Date): Promise<void> {
  if (on) await db.insertInto('notification_digest_subscriptions').values({ user_id: userId, created_at: at }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
  else await db.deleteFrom('notification_digest_subscriptions').where('user_id', '=', userId).execute();
}

export async function isDigestSubscribed(db: Db, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('notification_digest_subscriptions').select('user_id').where('user_id', '=', userId).executeTakeFirst());
}

// ---- settings

export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await sql`UPDATE notification_settings SET value = ${value} WHERE key = ${key}`.execute(db);
}

export async function setting(db: Db, key: string): Promise<string | undefined> {
  const r = await sql<{ value: string }>`SELECT value FROM notification_settings WHERE key = ${key}`.execute(db);
  return r.rows[0]?.value;
}
