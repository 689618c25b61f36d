// An online submission by a signed-in citizen (channel 2, outcome 'register', status 1 "Mới đăng ký"): the
// same checks as at the desk (planFiling: procedure in force, case, components, applicant, competent agency),
// the citizen as the workflow actor (workflow/receive.ts lets a citizen register, never accept), the citizen's
// id and the assurance level of their session kept on the dossier. The dossier waits in the receiving desk's
// queue for acceptance. Idempotent under the caller's key: a double click or a retry stores one dossier.
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { runIdempotent } from '../../platform/http/idempotency.js';
import { citizenActor, systemActor } from '../workflow/actors.js';
import type { Actor } from '../workflow/types.js';
import { processForDossier, type ProcedureRef } from '../workflow/workflow.service.js';
import { randomUUID } from 'node:crypto';
import { agencyByCode } from './choose-agencies.js';
import { configBase, decideContext } from './decide-context.js';
import { dossierOut, type DossierOut } from './dossier-view.js';
import { planFiling, receptionEvents, receptionRow, type ReceptionPlan } from './receive-dossier.js';
import { enqueueDossierEvents } from './dossier-event-topic.js';
import { ReceiveBody, type ReceiveInputBody } from './dossiers.schema.js';
import { invalid } from '../../platform/errors.js';
import * as repo from './dossiers.repo.js';

export interface OnlineSubmitter {
  citizenId: string;
  /** 'otp', or the identity provider's acr (VNeID level) of the session that submitted. */
  assurance: string;
}

/** Who filed it online: a citizen of this portal, or the national portal handing over a dossier filed there. */
export type Filer = { actor: Actor; citizenId: string | null; assurance: string; uploadedBy: string };

export type OnlineFiling = Omit<ReceiveInputBody, 'channel' | 'outcome' | 'receivingAgencyCode'> & { receivingAgencyCode: string };

/**
 * Called by the submissions module's submit use case: `extraFiling` is kept in the dossier's filing (the
 * e-form's own fields); `inTransaction` runs in the same transaction (closing the draft).
 */
export async function submitOnline(
  ctx: AppContext,
  who: OnlineSubmitter,
  filing: OnlineFiling,
  opts: {
    idempotencyKey: string;
    /** The client's own Idempotency-Key of the request (its path): a retry under it answers the same dossier. */
    clientKey?: { key: string; path: string };
    extraFiling?: Record<string, unknown>;
    inTransaction?: (trx: Db, dossierId: string) => Promise<void>;
  },
): Promise<{ status: number; body: { dossier: DossierOut }; replayed: boolean }> {
  const now = ctx.clock.now();
  const body: ReceiveInputBody = { ...filing, channel: 2, outcome: 'register' };
  const receiving = await agencyByCode(ctx, filing.receivingAgencyCode, 'body.receivingAgencyCode');
  const plan = await planFiling(ctx, receiving, body, now);
  const actor = citizenActor(who.citizenId);
  const filer: Filer = { actor, citizenId: who.citizenId, assurance: who.assurance, uploadedBy: actor.userId };
  return runIdempotent(
    ctx.db,
    {
      principal: actor.userId, key: opts.idempotencyKey, method: 'POST', path: '/api/v1/citizen/submissions', request: body,
      also: opts.clientKey ? [{ principal: actor.userId, key: opts.clientKey.key, method: 'POST', path: opts.clientKey.path, request: {} }] : [],
    },
    async (trx) => {
      const dossier = await storeOnline(ctx, trx, filer, body, { ...plan, filing: { ...plan.filing, ...opts.extraFiling } }, now);
      await opts.inTransaction?.(trx, dossier.id);
      return { status: 201, body: { dossier } };
    },
  );
}

/** Where the national portal's staged files are kept until the handed-over dossier is registered. */
export const NATIONAL_PORTAL_UPLOADER = 'system:dvcqg';

/**
 * A dossier filed on the national portal and handed to this province (the portal-sync module's pull): the
 * same checks and the same online queue as a citizen's own submission, the system as the workflow actor
 * (workflow/receive.ts lets the system register a dossier, never accept it). `assurance` is 'dvcqg' or
 * 'dvcqg:vneid' when the portal says the account was verified with VNeID. `inTransaction` records the
 * hand-over in the caller's table in the same transaction, so a crash never files it twice.
 */
export async function registerFromPortal(
  ctx: AppContext,
  filing: OnlineFiling,
  opts: { portalReference: string; vneid: boolean; submittedAt?: Date; inTransaction: (trx: Db, dossierId: string) => Promise<void> },
): Promise<DossierOut> {
  const now = ctx.clock.now();
  // an outside system's record: the reception API's own schema (defaults, the printed-text rules) first
  const checked = ReceiveBody.safeParse({ ...filing, channel: 2, outcome: 'register' });
  if (!checked.success) throw invalid(checked.error.issues.slice(0, 20).map((i) => ({ path: ['body', ...i.path].join('.'), code: 'INVALID', message: i.message })));
  const body: ReceiveInputBody = checked.data;
  const receiving = await agencyByCode(ctx, filing.receivingAgencyCode, 'body.receivingAgencyCode');
  const plan = await planFiling(ctx, receiving, body, now);
  const filer: Filer = { actor: systemActor(), citizenId: null, assurance: opts.vneid ? 'dvcqg:vneid' : 'dvcqg', uploadedBy: NATIONAL_PORTAL_UPLOADER };
  const filingWithRef = { ...plan.filing, nationalPortal: { reference: opts.portalReference, submittedAt: opts.submittedAt?.toISOString() ?? null } };
  return ctx.db.transaction().execute(async (trx) => {
    const dossier = await storeOnline(ctx, trx, filer, body, { ...plan, filing: filingWithRef }, now);
    await opts.inTransaction(trx, dossier.id);
    return dossier;
  });
}

/** Stores a registered (status 1) dossier filed by someone other than the desk (module-internal). */
export async function storeOnline(ctx: AppContext, trx: Db, who: Filer, body: ReceiveInputBody, plan: ReceptionPlan, now: Date): Promise<DossierOut> {
  const process = await processForDossier(trx, plan.proc as ProcedureRef, plan.competent.id);
  const dctx = decideContext(now, plan.cal, process, configBase(ctx));
  const actor = who.actor;
  const { events, state } = receptionEvents(body, plan, randomUUID(), null, actor, dctx, now);
  const row = { ...receptionRow(body, plan, process, state, dctx, null), citizen_id: who.citizenId, submitted_assurance: who.assurance };
  await repo.insertDossier(trx, row);
  // the filer's staged uploads (uploaded_by = citizen:<id> or the portal's) are linked to the reception event with their hashes
  await ctx.eventFiles.attach(trx, {
    userId: who.uploadedBy,
    events,
    extra: plan.components.filter((c) => c.fileId).map((c) => ({ fileId: c.fileId!, componentName: c.name, reusedFrom: c.reusedFrom ?? null })),
  });
  await repo.insertEvents(trx, events, plan.cal.version);
  await enqueueDossierEvents(ctx, trx, row, events, state, null);
  return dossierOut(trx, { ...row, created_at: now } as repo.DossierRow);
}
