// Who can take a dossier (the assignee picker of forward and assign).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { officialsAt } from '../org/org.service.js';
import { processById } from '../workflow/workflow.service.js';
import { findStep } from '../workflow/process.js';
import { agencyOf } from '../workflow/state-machine.js';
import type { Role } from '../workflow/actions.js';
import { visibleDossier } from './access.js';

/**
 * GET /dossiers/{code}/assignees: who can take the dossier — for `forward`, the officials holding the next
 * step's role where that step runs; for `assign`, the current step's. Readable by whoever sees the dossier
 * (a desk forwarding to a department need not read the department's other dossiers).
 */
export async function listAssignees(ctx: AppContext, p: Principal, ref: string, action: 'forward' | 'assign') {
  const row = await visibleDossier(ctx, p, ref);
  const process = await processById(ctx.db, row.process_id);
  const current = findStep(process.definition, row.state.stepKey);
  const step = action === 'forward' ? findStep(process.definition, current?.next[0] ?? null) : current;
  if (!step) return { items: [] };
  return officialsAt(ctx, agencyOf(step, row.state), { role: step.role as Role, limit: 200 });
}
