// SQL for the inbound SMS log (migration 0019_sms.sql): one row per mobile-originated message, counted by the
// per-number rate limit. (Named for its table so it does not collide with the notifications core's repo;
// may be folded into notifications.repo.ts.)
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export type InboundKind = 'lookup' | 'unparsed';
export type InboundOutcome = 'answered' | 'not_found' | 'unparsed' | 'rate_limited' | 'rate_limited_silent';

/** Serialises one sender's messages until the end of the transaction (PostgreSQL advisory lock). */
export async function lockSender(trx: Db, senderKey: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`sms_inbound:${senderKey}`}))`.execute(trx);
}

/** Messages from this sender received at or after `since`. */
export async function countSince(db: Db, senderKey: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('sms_inbound')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('sender_key', '=', senderKey)
    .where('received_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface NewInbound {
  receivedAt: Date;
  fromNumber: string;
  senderKey: string;
  toNumber: string;
  text: string;
  kind: InboundKind;
  dossierCode: string | null;
  outcome: InboundOutcome;
  reply: string | null;
}

export async function insertInbound(db: Db, r: NewInbound): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('sms_inbound')
    .values({
      id, received_at: r.receivedAt, from_number: r.fromNumber, sender_key: r.senderKey, to_number: r.toNumber, text: r.text,
      kind: r.kind, dossier_code: r.dossierCode, outcome: r.outcome, reply: r.reply,
    })
    .execute();
  return id;
}

export async function setOutcome(db: Db, id: string, outcome: InboundOutcome, reply: string | null, dossierCode: string | null): Promise<void> {
  await db.updateTable('sms_inbound').set({ outcome, reply, dossier_code: dossierCode }).where('id', '=', id).execute();
}

export interface InboundRow {
  id: string;
  receivedAt: Date;
  fromNumber: string;
  toNumber: string;
  text: string;
  kind: string;
  dossierCode: string | null;
  outcome: string;
  reply: string | null;
}

/** The latest inbound messages, newest first (audit). */
export async function latestInbound(db: Db, limit = 100): Promise<InboundRow[]> {
  const rows = await db.selectFrom('sms_inbound').selectAll().orderBy('received_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, receivedAt: new Date(r.received_at as unknown as string), fromNumber: r.from_number, toNumber: r.to_number, text: r.text,
    kind: r.kind, dossierCode: r.dossier_code, outcome: r.outcome, reply: r.reply,
  }));
}
