// The sync seen by officials: the administrators' dashboard (counts, items, resend) and a dossier's sync
// history (any official who may read the dossier).
import { listExchanges } from '../../platform/ports/exchange-log.js';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { actsFromTop } from '../org/permissions.js';
import { agencyBriefs } from '../org/org.read.js';
import { getDossier } from '../dossiers/dossiers.service.js';
import { NATIONAL_STATUS_LABELS } from '../workflow/national-status.js';
import { portalSyncErrors } from './portal-sync.errors.js';
import { payloadFor } from './ingest-dossier-events.js';
import * as repo from './portal-sync.repo.js';

export function requireSyncAdmin(p: Principal): void {
  if (!actsFromTop(p, 'org.manage')) throw portalSyncErrors.SYNC_FORBIDDEN();
}

function itemOut(r: repo.SyncItemRow, agencyCode: string | null) {
  const label = NATIONAL_STATUS_LABELS[r.national_status]!;
  return {
    id: r.id,
    dossierCode: r.dossier_code,
    eventVersion: r.event_version,
    action: r.action,
    service: r.service as 'DongBoHoSoMC' | 'CapNhatTienDoHoSoMC',
    nationalStatus: r.national_status,
    nationalStatusVi: label.vi,
    nationalStatusEn: label.en,
    agencyCode,
    status: r.status as repo.SyncStatus,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at ? new Date(r.last_error_at).toISOString() : null,
    portalErrorCode: r.portal_error_code,
    portalErrorMessage: r.portal_error_message,
    portalRef: r.portal_ref,
    acceptedAt: r.accepted_at ? new Date(r.accepted_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

async function itemsOut(ctx: AppContext, rows: repo.SyncItemRow[]) {
  const agencies = await agencyBriefs(ctx.db, [...new Set(rows.map((r) => r.competent_agency_id))]);
  return rows.map((r) => itemOut(r, agencies.get(r.competent_agency_id)?.code ?? null));
}

export async function syncDashboard(ctx: AppContext, p: Principal, q: { status?: repo.SyncStatus; failing?: boolean; page: number; pageSize: number }) {
  requireSyncAdmin(p);
  const [counts, list] = await Promise.all([
    repo.statusCounts(ctx.db, null),
    repo.listItems(ctx.db, { status: q.status, failing: q.failing, agencyIds: null, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
  ]);
  return {
    provider: ctx.nationalPortal.provider,
    counts: { ...counts, oldestPendingAt: counts.oldestPendingAt?.toISOString() ?? null },
    items: await itemsOut(ctx, list.items),
    total: list.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A rejected item back in its dossier's queue, its payload made again from the dossier as it is now. */
export async function resendItem(ctx: AppContext, p: Principal, id: string) {
  requireSyncAdmin(p);
  const item = await repo.itemById(ctx.db, id);
  if (!item) throw portalSyncErrors.SYNC_ITEM_NOT_FOUND();
  if (item.status !== 'rejected') throw portalSyncErrors.SYNC_ITEM_NOT_RESENDABLE({ status: item.status });
  if (await repo.acceptedAfter(ctx.db, item.dossier_id, item.event_version)) throw portalSyncErrors.SYNC_ITEM_SUPERSEDED();
  const payload = (await payloadFor(ctx, item.dossier_id, item.event_version)) ?? item.payload;
  await repo.requeue(ctx.db, id, payload, ctx.clock.now());
  const [out] = await itemsOut(ctx, [(await repo.itemById(ctx.db, id))!]);
  return out!;
}

/** The dossier's sync history, oldest first, for anyone who may read the dossier (404 outside their scope). */
export async function dossierSyncHistory(ctx: AppContext, p: Principal, ref: string) {
  const d = await getDossier(ctx, p, ref);
  const rows = await repo.itemsOfDossier(ctx.db, d.id);
  return { dossierCode: d.code, provider: ctx.nationalPortal.provider, items: await itemsOut(ctx, rows) };
}

export async function listPortalQuestions(ctx: AppContext, p: Principal) {
  requireSyncAdmin(p);
  const rows = await repo.listQuestions(ctx.db, 200);
  return {
    items: rows.map((r) => ({
      portalId: r.portal_id, fieldCode: r.field_code, agencyCode: r.agency_code, procedureCode: r.procedure_code,
      askerName: r.asker_name, content: r.content, answer: r.answer, pulledAt: new Date(r.pulled_at).toISOString(),
      questionCode: r.question_code, handoverError: r.handover_error,
      answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
      answerSyncedAt: r.answer_synced_at ? new Date(r.answer_synced_at).toISOString() : null, answerError: r.answer_error,
    })),
  };
}

/** Dossiers handed over by the national portal: registered in a desk's online queue, or refused with the reason. */
export async function listInboundDossiers(ctx: AppContext, p: Principal) {
  requireSyncAdmin(p);
  const rows = await repo.listInbound(ctx.db, 200);
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    items: rows.map((r) => ({
      portalId: r.portal_id, status: r.status as 'registered' | 'refused', dossierId: r.dossier_id, procedureCode: r.procedure_code,
      agencyCode: r.agency_code, submittedAt: iso(r.submitted_at), reason: r.reason,
      errors: (Array.isArray(r.errors) ? r.errors : []) as { path: string; code: string; message?: string }[],
      pulledAt: iso(r.pulled_at)!, acknowledgedAt: iso(r.acknowledged_at), ackError: r.ack_error,
    })),
  };
}

/** The integration adapters' HTTP exchanges (masked), newest first, for administrators. */
export async function listIntegrationExchanges(ctx: AppContext, p: Principal, q: { port?: 'nationalPortal' | 'postal'; failed?: boolean }) {
  requireSyncAdmin(p);
  const rows = await listExchanges(ctx.db, { port: q.port, failedOnly: q.failed, limit: 200 });
  return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}
