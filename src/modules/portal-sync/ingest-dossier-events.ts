// The sync's subscriber of the dossiers.event topic: turns the dossier's events into sync items (one per
// event the portal hears of). It reads the whole event log and stores every missing item up to the event, so
// an item can never be missing below one that exists: the queue of a dossier has no gaps, whatever order
// the outbox delivered the events in. A redelivered event inserts nothing (UNIQUE dossier_id, event_version).
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { onTopic } from '../../platform/outbox/outbox.js';
import { DossierEventTopic, dossierRecord, type DossierRecord } from '../dossiers/dossiers.service.js';
import { agencyBriefs, userNames } from '../org/org.read.js';
import { NATIONAL_STATUS } from '../workflow/national-status.js';
import type { DossierEvent } from '../workflow/types.js';
import { dongBoHoSo, serviceFor, tienDoHoSo, type SyncDossier, type SyncNames } from './dvcqg-mapping.js';
import * as repo from './portal-sync.repo.js';

export const SUBSCRIBER = 'portal-sync';

export const portalSyncEventHandler = onTopic(DossierEventTopic, async (ctx, m) => {
  await ingestDossierEvents(ctx, m.payload.dossierId, m.payload.eventVersion);
}, SUBSCRIBER);

/** Stores the sync items of the dossier's events up to `upTo`; returns how many were new. */
export async function ingestDossierEvents(ctx: AppContext, dossierId: string, upTo: number): Promise<number> {
  const rec = await dossierRecord(ctx.db, dossierId);
  if (!rec?.row.code) return 0; // no code (refused or not yet received): the portal cannot name it
  const events = rec.events.filter((e) => e.version <= upTo);
  const { dossier, names } = await syncContext(ctx, rec);
  const now = ctx.clock.now();
  const items: repo.NewSyncItem[] = [];
  events.forEach((ev, i) => {
    const service = serviceFor(ev);
    if (!service) return;
    items.push(newItem(rec, dossier, events.slice(0, i + 1), names, service, now));
  });
  return repo.insertItems(ctx.db, items);
}

/** The payload of one event as the mapping makes it (also used again by a resend, after a fix). */
export async function payloadFor(ctx: AppContext, dossierId: string, version: number): Promise<repo.SyncPayload | null> {
  const rec = await dossierRecord(ctx.db, dossierId);
  if (!rec?.row.code) return null;
  const { dossier, names } = await syncContext(ctx, rec);
  const upTo = rec.events.filter((e) => e.version <= version);
  const ev = upTo.at(-1);
  if (!ev) return null;
  return payloadOf(dossier, upTo, names, serviceFor(ev) ?? 'DongBoHoSoMC');
}

function payloadOf(d: SyncDossier, upTo: DossierEvent[], names: SyncNames, service: string): repo.SyncPayload {
  const dongBo = dongBoHoSo(d, upTo, names);
  return service === 'CapNhatTienDoHoSoMC' ? { dongBo, progress: tienDoHoSo(d, upTo, names) } : { dongBo };
}

function newItem(rec: DossierRecord, d: SyncDossier, upTo: DossierEvent[], names: SyncNames, service: string, now: Date): repo.NewSyncItem {
  const ev = upTo.at(-1)!;
  const payload = payloadOf(d, upTo, names, service);
  const receivedAt = upTo.map((e) => e.clock?.acceptedAt).find(Boolean) ?? rec.row.state.acceptedAt;
  return {
    id: randomUUID(), dossier_id: rec.row.id, dossier_code: d.code, event_version: ev.version, action: ev.action, service,
    national_status: NATIONAL_STATUS[ev.toState], channel: rec.row.channel,
    receiving_agency_id: rec.row.state.receivingAgencyId, competent_agency_id: rec.row.state.competentAgencyId,
    received_at: receivedAt ? new Date(receivedAt) : null, payload, next_attempt_at: now, created_at: now,
  };
}

async function syncContext(ctx: AppContext, rec: DossierRecord): Promise<{ dossier: SyncDossier; names: SyncNames }> {
  const { row, events } = rec;
  const agencyIds = [...new Set([row.state.receivingAgencyId, row.state.competentAgencyId, ...events.map((e) => e.agencyId)])];
  const [agencies, users] = await Promise.all([agencyBriefs(ctx.db, agencyIds), userNames(ctx.db, events.map((e) => e.actor.userId))]);
  const code = (id: string) => agencies.get(id)?.code ?? id;
  const dossier: SyncDossier = {
    code: row.code!, channel: row.channel as 1 | 2 | 3, procedureCode: row.procedure_code, procedureName: row.procedure_name,
    fieldCode: null, fieldName: row.field, applicant: row.applicant, filing: row.filing,
    receivingAgencyCode: code(row.state.receivingAgencyId), competentAgencyCode: code(row.state.competentAgencyId),
    vneidVerified: row.applicant.verifiedBy === 'vneid',
  };
  return { dossier, names: { users, agencies: new Map([...agencies].map(([id, a]) => [id, a.name])) } };
}
