// An online submission by a signed-in citizen (channel 2, outcome 'register', status 1 "Mới đăng ký"): the
// same checks as at the desk (planFiling: procedure in force, case, components, applicant, competent agency),
// the citizen as the workflow actor (workflow/receive.ts lets a citizen register, never accept), the citizen's
// id and the assurance level of their session kept on the dossier. The dossier waits in the receiving desk's
// queue for acceptance. Idempotent under the caller's key: a double click or a retry stores one dossier.
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { runIdempotent } from '../../platform/http/idempotency.js';
import { citizenActor } from '../workflow/actors.js';
import { processForDossier, type ProcedureRef } from '../workflow/workflow.service.js';
import { randomUUID } from 'node:crypto';
import { agencyByCode } from './choose-agencies.js';
import { configBase, decideContext } from './decide-context.js';
import { dossierOut, type DossierOut } from './dossier-view.js';
import { planFiling, receptionEvents, receptionRow, type ReceptionPlan } from './receive-dossier.js';
import { enqueueDossierEvents } from './dossier-event-topic.js';
import type { ReceiveInputBody } from './dossiers.schema.js';
import * as repo from './dossiers.repo.js';

export interface OnlineSubmitter {
  citizenId: string;
  /** 'otp', or the identity provider's acr (VNeID level) of the session that submitted. */
  assurance: string;
}

export type OnlineFiling = Omit<ReceiveInputBody, 'channel' | 'outcome' | 'receivingAgencyCode'> & { receivingAgencyCode: string };

/**
 * Called by the submissions module's submit use case: `extraFiling` is kept in the dossier's filing (the
 * e-form's own fields); `inTransaction` runs in the same transaction (closing the draft).
 */
export async function submitOnline(
  ctx: AppContext,
  who: OnlineSubmitter,
  filing: OnlineFiling,
  opts: { idempotencyKey: string; extraFiling?: Record<string, unknown>; inTransaction?: (trx: Db, dossierId: string) => Promise<void> },
): Promise<{ status: number; body: { dossier: DossierOut }; replayed: boolean }> {
  const now = ctx.clock.now();
  const body: ReceiveInputBody = { ...filing, channel: 2, outcome: 'register' };
  const receiving = await agencyByCode(ctx, filing.receivingAgencyCode, 'body.receivingAgencyCode');
  const plan = await planFiling(ctx, receiving, body, now);
  const actorId = citizenActor(who.citizenId).userId;
  return runIdempotent(
    ctx.db,
    { principal: actorId, key: opts.idempotencyKey, method: 'POST', path: '/api/v1/citizen/submissions', request: body },
    async (trx) => {
      const dossier = await storeOnline(ctx, trx, who, body, { ...plan, filing: { ...plan.filing, ...opts.extraFiling } }, now);
      await opts.inTransaction?.(trx, dossier.id);
      return { status: 201, body: { dossier } };
    },
  );
}

async function storeOnline(ctx: AppContext, trx: Db, who: OnlineSubmitter, body: ReceiveInputBody, plan: ReceptionPlan, now: Date): Promise<DossierOut> {
  const process = await processForDossier(trx, plan.proc as ProcedureRef, plan.competent.id);
  const dctx = decideContext(now, plan.cal, process, configBase(ctx));
  const actor = citizenActor(who.citizenId);
  const { events, state } = receptionEvents(body, plan, randomUUID(), null, actor, dctx, now);
  const row = { ...receptionRow(body, plan, process, state, dctx, null), citizen_id: who.citizenId, submitted_assurance: who.assurance };
  await repo.insertDossier(trx, row);
  // the citizen's staged uploads (uploaded_by = citizen:<id>) are linked to the reception event with their hashes
  await ctx.eventFiles.attach(trx, {
    userId: actor.userId,
    events,
    extra: plan.components.filter((c) => c.fileId).map((c) => ({ fileId: c.fileId!, componentName: c.name, reusedFrom: c.reusedFrom ?? null })),
  });
  await repo.insertEvents(trx, events, plan.cal.version);
  await enqueueDossierEvents(ctx, trx, row, events, state, null);
  return dossierOut(trx, { ...row, created_at: now } as repo.DossierRow);
}
