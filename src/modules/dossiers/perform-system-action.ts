// An action the system performs on a dossier for an integration (the postal service confirmed the result's
// delivery → return_result): the same transaction as an official's action (lock, decide, events, projection,
// the dossiers.event outbox messages), with the system actor, no principal and no HTTP. When the state machine
// does not allow it (an official returned the result at the counter meanwhile), nothing is written and the
// reason is answered.
import type { AppContext } from '../../platform/context.js';
import type { ActionName } from '../workflow/actions.js';
import { decide, evolve, systemActor } from '../workflow/state-machine.js';
import { resolvePayload } from './action-checks.js';
import { calendarFor, configBase, decideContext } from './decide-context.js';
import { enqueueDossierEvents } from './dossier-event-topic.js';
import { agencyIdsOf, projectionOf } from './projection.js';
import { processById } from '../workflow/workflow.service.js';
import * as repo from './dossiers.repo.js';

export type SystemActionResult = { performed: true; version: number } | { performed: false; reason: string };

export async function performSystemAction(ctx: AppContext, dossierId: string, action: ActionName, payload: Record<string, unknown>, note: string | null = null): Promise<SystemActionResult> {
  const pre = await repo.findByRef(ctx.db, dossierId);
  if (!pre) return { performed: false, reason: 'no such dossier' };
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, pre.receiving_agency_id, now);
  const resolved = await resolvePayload(ctx, action, payload);
  return ctx.db.transaction().execute(async (trx): Promise<SystemActionResult> => {
    const row = await repo.lockById(trx, pre.id);
    const process = await processById(trx, row.process_id);
    const dctx = decideContext(now, cal, process, configBase(ctx));
    const r = decide(row.state, { action, actor: systemActor(), expectedVersion: row.state.version, payload: resolved, note }, dctx);
    if (!r.ok) return { performed: false, reason: `${r.code}: ${r.messageEn}` };
    const next = r.events.reduce(evolve, row.state);
    await repo.insertEvents(trx, r.events, cal.version);
    const projection = projectionOf(next, process, dctx);
    const agencyIds = agencyIdsOf(next, row.agency_ids);
    await repo.updateProjection(trx, row.id, projection, { agencyIds, calendarVersion: cal.version });
    await enqueueDossierEvents(ctx, trx, { ...row, ...projection, agency_ids: agencyIds } as repo.DossierRow, r.events, next, null);
    return { performed: true, version: next.version };
  });
}
