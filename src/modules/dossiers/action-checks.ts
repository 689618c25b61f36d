// Checks of an action beyond the state machine's: the names in its payload exist (agency codes and
// usernames become ids), the new holder may hold the dossier where it lands, and someone can act there.
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { invalid } from '../../platform/errors.js';
import { isUuid } from '../../platform/values.js';
import { agencyBriefs, agencyById, assignmentsOf, userById, userByUsername } from '../org/org.read.js';
import { requireSomeoneCanAct } from '../competence/role-holders.js';
import type { ActionName } from '../workflow/actions.js';
import { isTerminal, mayHoldStep, type DecideContext, type DossierState } from '../workflow/state-machine.js';
import { findStep } from '../workflow/process.js';
import type { ProcessRow } from '../workflow/workflow.service.js';
import { actorsAt } from './access.js';
import { agencyByCode } from './choose-agencies.js';

/** Resolves agency codes / usernames in a payload to the ids the state machine uses (422 if unknown). */
export async function resolvePayload(ctx: AppContext, action: ActionName, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out = { ...payload };
  if ((action === 'transfer' || action === 'consult') && typeof out.agencyCode === 'string') {
    const a = await agencyByCode(ctx, out.agencyCode, 'body.payload.agencyCode');
    out.agencyId = a.id;
    delete out.agencyCode;
  } else if ((action === 'transfer' || action === 'consult') && typeof out.agencyId === 'string') {
    const a = isUuid(out.agencyId) ? await agencyById(ctx.db, out.agencyId) : undefined;
    if (!a) throw invalid([{ path: 'body.payload.agencyId', code: 'AGENCY_UNKNOWN', messageVi: 'Không có cơ quan này', messageEn: 'Unknown agency' }]);
  }
  for (const key of ['userId', 'assigneeId'] as const) {
    const v = out[key];
    if (typeof v !== 'string') continue;
    const user = isUuid(v) ? await userById(ctx.db, v) : await userByUsername(ctx.db, v);
    if (!user) throw invalid([{ path: `body.payload.${key}`, code: 'USER_UNKNOWN', messageVi: 'Không có người dùng này', messageEn: 'Unknown user' }]);
    out[key] = user.id;
  }
  if (action === 'accept') delete out.code; // the code is issued by the system
  return out;
}

/**
 * A user the action names as the new holder (assign's userId, forward's assigneeId, …) must be able to hold
 * the dossier where it lands: an active official whose roles cover the holding agency, with the step's role.
 * Otherwise a leader could hand a dossier to anyone, e.g. an official of another commune.
 */
export async function requireEligibleAssignee(db: Db, payload: Record<string, unknown>, next: DossierState, dctx: DecideContext): Promise<void> {
  for (const key of ['userId', 'assigneeId'] as const) {
    const id = payload[key];
    if (typeof id !== 'string' || next.assigneeId !== id) continue;
    const user = await userById(db, id);
    const agency = (await agencyBriefs(db, [next.currentAgencyId])).get(next.currentAgencyId);
    const assignments = user?.active && user.kind === 'official' ? await assignmentsOf(db, id) : [];
    const eligible = !!agency && actorsAt({ userId: id, assignments }, agency).some((a) => mayHoldStep(next, a, dctx) === null);
    if (!eligible) {
      throw invalid([{
        path: `body.payload.${key}`,
        code: 'ASSIGNEE_NOT_ELIGIBLE',
        messageVi: 'Người được giao không có vai trò của bước này tại cơ quan đang giữ hồ sơ.',
        messageEn: 'The assignee does not hold the role of this step in the agency holding the dossier.',
      }]);
    }
  }
}

/**
 * A move into a step (or agency) where nobody holds the step's role is refused (409 NO_ONE_CAN_ACT, naming
 * the missing role assignment): the dossier would strand there.
 */
export async function requireActorsFor(db: Db, before: DossierState, next: DossierState, process: ProcessRow): Promise<void> {
  if (isTerminal(next)) return;
  if (next.stepKey === before.stepKey && next.currentAgencyId === before.currentAgencyId && next.state === before.state) return;
  const step = findStep(process.definition, next.stepKey);
  const role = next.state === 'transferred' ? 'handler' : step?.role;
  if (!role) return;
  await requireSomeoneCanAct(db, {
    agencyId: next.currentAgencyId,
    role,
    unitId: next.state === 'transferred' ? null : (step?.unitId ?? null),
    stepVi: step?.nameVi ?? 'Thụ lý',
    stepEn: step?.nameEn ?? 'Handling',
  });
}
