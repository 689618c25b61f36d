// What the payments module needs from a dossier, and the one thing it may change on it: the online payment is
// recorded as the dossier's confirm_payment event by the system actor (method "online"), decided by the state
// machine like any action (so the clock rules of status 6 apply: the suspension ends, the step's due instant
// moves), in the caller's transaction — the payment row and the dossier event commit together or not at all.
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { decide, evolve, systemActor } from '../workflow/state-machine.js';
import type { FeeRequestLine } from '../workflow/types.js';
import { processById } from '../workflow/workflow.service.js';
import { calendarFor, configBase, decideContext } from './decide-context.js';
import { enqueueDossierEvents } from './dossier-event-topic.js';
import { secretMatches } from './lookup-secret.js';
import { agencyIdsOf, projectionOf } from './projection.js';
import * as repo from './dossiers.repo.js';

export interface DossierPaymentFacts {
  id: string;
  code: string;
  status: string;
  nationalStatus: number;
  channel: number;
  procedureCode: string;
  procedureName: string;
  procedureId: string;
  procedureVersionId: string | null;
  receivingAgencyId: string;
  applicantName: string;
  caseKey: string | null;
  /** The fees of the channel the dossier came by, as the catalogue (with the province's overrides) had them at reception. */
  fees: Array<{ name: string; amountVnd: number | null }>;
  /** The open payment request (status 6): the amount the official asked for, if any. */
  openRequest: { requestedAt: string; amount: number | null; lines: FeeRequestLine[] | null } | null;
  /** Ended without a result for the applicant (refused, withdrawn, stopped, rejected): fees paid are refunded. */
  endedWithoutResult: boolean;
}

const ENDED_WITHOUT_RESULT = new Set(['refused', 'withdrawn', 'stopped']);

function factsOf(row: repo.DossierRow): DossierPaymentFacts {
  const payments = row.state.payments ?? [];
  const last = payments[payments.length - 1];
  const fees = Array.isArray(row.filing.fees) ? (row.filing.fees as DossierPaymentFacts['fees']) : [];
  return {
    id: row.id,
    code: row.code ?? row.id,
    status: row.status,
    nationalStatus: row.national_status,
    channel: row.channel,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    procedureId: row.procedure_id,
    procedureVersionId: row.procedure_version_id,
    receivingAgencyId: row.receiving_agency_id,
    applicantName: row.applicant_name,
    caseKey: typeof row.filing.caseKey === 'string' ? row.filing.caseKey : null,
    fees,
    openRequest: row.status === 'awaiting_payment' && last && !last.paidAt ? { requestedAt: last.requestedAt, amount: last.amount, lines: last.lines ?? null } : null,
    endedWithoutResult: ENDED_WITHOUT_RESULT.has(row.status) || row.result_outcome === 'rejected',
  };
}

/** The dossier of a citizen who holds its code and lookup secret; the same 404 as the public look-up otherwise. */
export async function dossierForPayment(ctx: AppContext, code: string, secret: string): Promise<DossierPaymentFacts> {
  const typed = code.trim();
  const row = repo.isUuid(typed) ? undefined : ((await repo.findByRef(ctx.db, typed)) ?? (await repo.findByRef(ctx.db, code.trim().toUpperCase())));
  const ok = secretMatches(secret, row?.secret_hash);
  if (!row || !ok) throw platformErrors.NOT_FOUND({ what: 'dossier' });
  return factsOf(row);
}

/** The facts of dossiers by id (the cashier's list, the refund sweep). */
export async function paymentFactsById(db: Db, id: string): Promise<DossierPaymentFacts | null> {
  const row = await repo.findByRef(db, id);
  return row ? factsOf(row) : null;
}

/**
 * Records a settled online payment on the dossier (confirm_payment by the system, method "online"). The
 * working calendar is read first, outside any transaction (PGlite has one connection); the returned function
 * runs inside the caller's transaction. It answers false when the dossier no longer waits for a payment (the
 * desk confirmed it meanwhile, or it ended): the payment stays recorded in the payments module, the dossier's
 * history is not touched twice.
 */
export async function onlinePaymentRecorder(ctx: AppContext, receivingAgencyId: string) {
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, receivingAgencyId, now);
  return async (trx: Db, dossierId: string, p: { amount: number; receiptNumber: string; gateway: string }): Promise<boolean> => {
    const row = await repo.lockById(trx, dossierId);
    if (row.status !== 'awaiting_payment') return false;
    const process = await processById(trx, row.process_id);
    const dctx = decideContext(now, cal, process, configBase(ctx));
    const state = row.state;
    const r = decide(state, {
      action: 'confirm_payment', actor: systemActor(), expectedVersion: state.version,
      payload: { amount: p.amount, receiptNumber: p.receiptNumber, method: 'online', gateway: p.gateway }, note: null,
    }, dctx);
    if (!r.ok) return false;
    const next = r.events.reduce(evolve, state);
    await repo.insertEvents(trx, r.events, cal.version);
    const projection = projectionOf(next, process, dctx);
    const agencyIds = agencyIdsOf(next, row.agency_ids);
    await repo.updateProjection(trx, row.id, projection, { agencyIds, calendarVersion: cal.version });
    await enqueueDossierEvents(ctx, trx, { ...row, ...projection, agency_ids: agencyIds } as repo.DossierRow, r.events, next, null);
    return true;
  };
}
