// GET /dossiers/{code}/allowed-actions: what the caller may do now, as the union over their actors.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { processById } from '../workflow/workflow.service.js';
import { ACTION_LABELS } from '../workflow/actions.js';
import { allowedFor, candidateActors, visibleDossier } from './access.js';
import { calendarFor, configBase, decideContext } from './decide-context.js';

/** GET /dossiers/{code}/allowed-actions. */
export async function allowedActionsFor(ctx: AppContext, p: Principal, ref: string) {
  const row = await visibleDossier(ctx, p, ref);
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx, row.receiving_agency_id, now);
  const process = await processById(ctx.db, row.process_id);
  const dctx = decideContext(now, cal, process, configBase(ctx));
  const candidates = await candidateActors(ctx.db, p, row.state);
  const allowed = allowedFor(candidates, row.state, dctx);
  return { code: row.code, version: row.version, allowed, labels: allowed.map((a) => ({ action: a, ...ACTION_LABELS[a] })) };
}
