// The dossiers module's domain event on the outbox: one message per stored dossier event, written in the
// same transaction as the event (rollback → no message). Consumers register a handler for the topic in the
// composition root: notifications (SMS / e-mail to the applicant), later the national-portal sync. The
// dossiers module knows none of them. Key: `<dossierId>:<event version>` (one message per event, ever).
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { defineTopic, enqueue, enqueueQuery } from '../../platform/outbox/outbox.js';
import type { WriteBatch } from '../../platform/db/write-batch.js';
import type { DossierEvent, DossierState } from '../workflow/types.js';
import type { DossierRow } from './dossier-row.js';
import * as repo from './dossiers.repo.js';

const Recipient = z.object({
  role: z.enum(['applicant', 'representative']),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type DossierEventRecipient = z.infer<typeof Recipient>;

export const DossierEventTopic = defineTopic({
  name: 'dossiers.event',
  version: 1,
  schema: z.object({
    dossierId: z.uuid(),
    code: z.string().nullable(),
    eventVersion: z.number().int().min(1),
    action: z.string(),
    fromState: z.string().nullable(),
    toState: z.string(),
    at: z.string(),
    channel: z.number().int(),
    procedureCode: z.string(),
    procedureName: z.string(),
    receivingAgencyId: z.uuid(),
    competentAgencyId: z.uuid(),
    returnAgencyId: z.uuid(),
    /** Legal appointment after the event (ISO), and the previous one when it moved. */
    dueAt: z.string().nullable(),
    previousDueAt: z.string().nullable(),
    recipients: z.array(Recipient),
    /** How the applicant asked to receive the result (counter, post, online). */
    deliveryMethod: z.string().nullable(),
    /** The event's payload (reason, items, amount, trackingNumber, method, newDueAt, documents, …). */
    payload: z.record(z.string(), z.unknown()),
    /** The plaintext lookup secret, only on the event that issued it (acceptance); never stored elsewhere. */
    secret: z.string().nullable(),
  }),
});
export type DossierEventMessage = z.output<typeof DossierEventTopic.schema>;

function recipientsOf(applicant: Record<string, any>): DossierEventRecipient[] {
  const out: DossierEventRecipient[] = [];
  const name = applicant.kind === 'organisation' && applicant.organisation?.name ? applicant.organisation.name : (applicant.fullName ?? null);
  out.push({ role: 'applicant', name, phone: applicant.phone || null, email: applicant.email || null });
  const rep = applicant.representative;
  if (rep && (rep.phone || rep.email)) out.push({ role: 'representative', name: rep.fullName ?? null, phone: rep.phone || null, email: rep.email || null });
  return out;
}

function messageOf(
  row: Pick<DossierRow, 'id' | 'channel' | 'procedure_code' | 'procedure_name' | 'applicant' | 'filing'>,
  ev: DossierEvent,
  state: DossierState,
  secret: string | null,
): DossierEventMessage {
  return {
    dossierId: row.id,
    code: state.code,
    eventVersion: ev.version,
    action: ev.action,
    fromState: ev.fromState,
    toState: ev.toState,
    at: ev.at,
    channel: row.channel,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    receivingAgencyId: state.receivingAgencyId,
    competentAgencyId: state.competentAgencyId,
    returnAgencyId: state.returnAgencyId,
    dueAt: state.dueAt,
    previousDueAt: ev.clock?.previousDueAt ?? null,
    recipients: recipientsOf(row.applicant),
    deliveryMethod: (row.filing?.delivery?.method as string | undefined) ?? null,
    payload: ev.payload ?? {},
    secret,
  };
}

/**
 * The event message a dossier's latest event would have produced, as `action` (template previews with a real
 * dossier; read-only, no scope: the caller is an administrator's preview). The secret is never known again
 * after reception: a placeholder stands for it.
 */
export async function sampleDossierEvent(db: Db, code: string, action: string): Promise<DossierEventMessage | null> {
  const row = await repo.findByRef(db, code);
  if (!row) return null;
  const events = await repo.listEvents(db, row.id);
  const ev = [...events].reverse().find((e) => e.action === action) ?? events.at(-1)!;
  return { ...messageOf(row, ev, row.state, null), action, secret: 'XXXXX XXXXX XXXXX' };
}

/** Enqueues one `dossiers.event` per stored event (inside the caller's transaction, or with its last writes). */
export async function enqueueDossierEvents(
  ctx: { clock: Clock },
  trx: Db,
  row: Pick<DossierRow, 'id' | 'channel' | 'procedure_code' | 'procedure_name' | 'applicant' | 'filing'>,
  events: readonly DossierEvent[],
  state: DossierState,
  secret: string | null,
  batch?: WriteBatch,
): Promise<void> {
  for (const ev of events) {
    const issuesSecret = secret !== null && (ev.action === 'receive' || ev.action === 'accept') && state.code !== null;
    const m = { topic: DossierEventTopic, key: `${row.id}:${ev.version}`, payload: messageOf(row, ev, state, issuesSecret ? secret : null) };
    if (batch) batch.add(enqueueQuery(ctx, trx, m));
    else await enqueue(ctx, trx, m);
  }
}
