// POST /dossiers/{code}/actions/{action}: one workflow action on a dossier. The row is locked (SELECT … FOR
// UPDATE) and the state machine decides on the locked state; the events, the projection, the attached files
// and the Idempotency-Key row are written in ONE transaction, so two officials racing: exactly one wins.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import type { WriteBatch } from '../../platform/db/write-batch.js';
import { invalid } from '../../platform/errors.js';
import type { RequestOrigin } from '../../platform/audit.js';
import { runIdempotent } from '../../platform/http/idempotency.js';
import { agencyBriefs } from '../org/org.read.js';
import { isActionName, type ActionName } from '../workflow/actions.js';
import { allowedActions, decide, evolve, type Actor, type DecideContext, type DossierEvent, type DossierState } from '../workflow/state-machine.js';
import { processById } from '../workflow/workflow.service.js';
import { allowedFor, candidateActors, maySee, pickActor } from './access.js';
import { requireActorsFor, requireEligibleAssignee, resolvePayload } from './action-checks.js';
import { calendarFor, configBase, decideContext, decideError, type CalendarFns } from './decide-context.js';
import { dossierOut, receiptOf } from './dossier-view.js';
import { issueCode, newSecret } from './issue-code.js';
import { secretHash } from './lookup-secret.js';
import { guidance, refusal } from './presenters.js';
import { agencyIdsOf, projectionOf } from './projection.js';
import { enqueueDossierEvents } from './dossier-event-topic.js';
import * as repo from './dossiers.repo.js';
import { dossierErrors } from './dossiers.errors.js';
import { forgetTarget, targetOf, type Target } from './dossier-target.js';
import { platformErrors } from '../../platform/platform.errors.js';

export interface ActionRequest {
  version?: number;
  payload?: Record<string, unknown>;
  note?: string;
}

/** The version in an If-Match header (`"7"`, `W/"7"` or `7`); undefined when absent or not a version. */
export function parseIfMatch(h: string | undefined): number | undefined {
  if (!h) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(h.trim());
  return m ? Number(m[1]) : undefined;
}

/** What was checked before the lock: the action, the version the caller saw, the resolved payload. */
interface ActionPlan {
  action: ActionName;
  expected: number;
  payload: Record<string, unknown>;
  req: ActionRequest;
  cal: CalendarFns;
  now: Date;
}

/** POST /dossiers/{code}/actions/{action}. */
export async function performAction(
  ctx: AppContext,
  p: Principal,
  ref: string,
  actionName: string,
  req: ActionRequest,
  opts: { ifMatch?: string; idempotencyKey?: string; origin?: RequestOrigin } = {},
) {
  try {
    return await performOnTarget(ctx, p, ref, actionName, req, opts, await targetOf(ctx, ref));
  } catch (e) {
    if (!(e instanceof StaleTarget)) throw e;
    // the cached code no longer names that dossier (a database restored to an earlier point): read it again
    forgetTarget(ctx, ref);
    return performOnTarget(ctx, p, ref, actionName, req, opts, await targetOf(ctx, ref)).catch((again: unknown) => {
      if (again instanceof StaleTarget) throw platformErrors.NOT_FOUND({ what: 'dossier' }); // gone meanwhile
      throw again;
    });
  }
}

/** A cached target that the locked row contradicts. */
class StaleTarget extends Error {}

async function performOnTarget(
  ctx: AppContext,
  p: Principal,
  ref: string,
  actionName: string,
  req: ActionRequest,
  opts: { ifMatch?: string; idempotencyKey?: string; origin?: RequestOrigin },
  target: Target,
) {
  // the request's own errors are raised only once the locked row shows the principal may see the dossier:
  // a 400 or 422 before that would reveal that a dossier the principal may not see exists
  const checked = await checkRequest(ctx, actionName, req, opts).then((plan) => ({ plan }), (error: unknown) => ({ error }));
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, target.receiving_agency_id, now);
  return runIdempotent(
    ctx.db,
    {
      principal: p.userId,
      key: opts.idempotencyKey,
      method: 'POST',
      path: `/api/v1/dossiers/${target.id}/actions/${actionName}`,
      request: { version: req.version ?? parseIfMatch(opts.ifMatch), payload: req.payload ?? {}, note: req.note ?? null },
    },
    async (trx, batch) => {
      const row = await lockVisible(trx, p, ref, target);
      if ('error' in checked) throw checked.error;
      return actOnLocked(ctx, trx, batch, p, row, { ...checked.plan, cal, now });
    },
  );
}

/** The action, the version the caller saw and the payload with names resolved (reads with ctx.db: before the transaction). */
async function checkRequest(ctx: AppContext, actionName: string, req: ActionRequest, opts: { ifMatch?: string }) {
  if (!isActionName(actionName)) {
    throw invalid([{ path: 'params.action', code: 'UNKNOWN_ACTION', messageVi: `Thao tác không tồn tại: ${actionName}`, messageEn: `Unknown action: ${actionName}` }], 'VALIDATION_FAILED', 400);
  }
  const action: ActionName = actionName;
  const expected = req.version ?? parseIfMatch(opts.ifMatch);
  if (expected === undefined) throw dossierErrors.VERSION_REQUIRED();
  const payload = await resolvePayload(ctx, action, req.payload ?? {});
  return { action, expected, payload, req };
}

/** The dossier locked, if the principal may see it (404 otherwise, as for a dossier that does not exist). */
async function lockVisible(trx: Db, p: Principal, ref: string, target: Target): Promise<repo.DossierRow> {
  const row = await repo.lockByIdIfAny(trx, target.id);
  const stale = !row || (target.code !== null && row.code !== target.code) || row.receiving_agency_id !== target.receiving_agency_id;
  if (stale) throw new StaleTarget(ref);
  if (!(await maySee(trx, p, row))) throw platformErrors.NOT_FOUND({ what: 'dossier' });
  return row;
}

/** Inside the transaction: decide as the right actor on the locked row, check, store (the last writes in one batch), answer. */
async function actOnLocked(ctx: AppContext, trx: Db, batch: WriteBatch, p: Principal, row: repo.DossierRow, plan: ActionPlan) {
  const { action, expected, payload, req, cal, now } = plan;
  const process = await processById(trx, row.process_id);
  const dctx = decideContext(now, cal, process, configBase(ctx));
  const state = row.state;
  const candidates = await candidateActors(trx, p, state);
  const actor = pickActor(candidates, p, state, action, dctx);
  const secret = await codeOnAcceptance(ctx, trx, plan, state, actor, dctx);
  const r = decide(state, { action, actor, expectedVersion: expected, payload, note: req.note ?? null }, dctx);
  if (!r.ok) throw decideError(r);
  const next = r.events.reduce(evolve, state);
  await requireEligibleAssignee(trx, payload, next, dctx);
  await requireActorsFor(trx, state, next, process);
  // documents: files referenced by the action (result documents, a supplement's fileIds) → hashes in the event
  const extraIds = Array.isArray(req.payload?.fileIds) ? (req.payload.fileIds as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  await ctx.eventFiles.attach(trx, { userId: p.userId, events: r.events, extra: extraIds.map((fileId) => ({ fileId })) });
  const inserts = repo.insertEventsQuery(trx, r.events, cal.version);
  if (inserts) batch.add(inserts);
  const projection = projectionOf(next, process, dctx);
  const agencyIds = agencyIdsOf(next, row.agency_ids);
  batch.add(repo.updateProjectionQuery(trx, row.id, projection, {
    agencyIds,
    secretHash: secret ? secretHash(secret) : undefined,
    calendarVersion: cal.version,
  }));
  const updated = { ...row, ...projection, agency_ids: agencyIds } as repo.DossierRow;
  await enqueueDossierEvents(ctx, trx, updated, r.events, next, secret, batch); // notifications, portal sync (outbox)
  const body: Record<string, unknown> = {
    dossier: await dossierOut(trx, updated),
    events: r.events,
    allowed: allowedFor(candidates, next, dctx),
  };
  if (secret) body.receipt = await receiptOf(trx, updated, next, secret, p);
  Object.assign(body, await formsOf(trx, action, updated, r.events[0], next, p));
  return { status: 200, body };
}

/**
 * Accepting an online submission issues its code (payload.code, which decide() stores) and the lookup
 * secret — only when the accept will pass, so that a refused accept consumes no number of the sequence.
 */
async function codeOnAcceptance(ctx: AppContext, trx: Db, plan: ActionPlan, state: DossierState, actor: Actor, dctx: DecideContext): Promise<string | null> {
  if (plan.action !== 'accept' || state.code || plan.expected !== state.version || !allowedActions(state, actor, dctx).includes('accept')) return null;
  const desk = (await agencyBriefs(trx, [state.receivingAgencyId])).get(state.receivingAgencyId)!;
  plan.payload.code = await issueCode(ctx, trx, desk, plan.now);
  return newSecret();
}

/** Forms 02 (guidance) and 03 (refusal) that answer a request for completion or a refusal. */
async function formsOf(trx: Db, action: ActionName, updated: repo.DossierRow, ev: DossierEvent | undefined, next: DossierState, p: Principal) {
  if (!ev || (action !== 'request_completion' && action !== 'refuse')) return {};
  const desk = (await agencyBriefs(trx, [next.receivingAgencyId])).get(next.receivingAgencyId);
  return action === 'request_completion' ? { guidance: guidance(updated, ev, desk, p) } : { refusal: refusal(updated, ev, desk, p) };
}
