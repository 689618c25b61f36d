// Collection at home (nhận hồ sơ tại nhà, QĐ 45/2016; channel 3 "bưu chính công ích"): the desk books a postal
// worker who collects the papers at the applicant's address, checking them against the procedure case's
// components (the postal worker's checklist). `checkPostalPickup` runs the desk's reception checks when the
// pickup is booked (so the filing cannot fail later for a reason the desk could have seen) and gives the
// checklist; `registerFromPost` registers the dossier when the post office reports the papers picked up:
// channel 3, status 1 in the receiving desk's queue for reception, the system as the workflow actor (it may
// register, never accept), in the same transaction as the caller's record (the postal order's link).
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid } from '../../platform/errors.js';
import { can } from '../org/permissions.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { systemActor } from '../workflow/actors.js';
import { agencyByCode, receivingDesk } from './choose-agencies.js';
import { planFiling, type ReceptionPlan } from './receive-dossier.js';
import { storeOnline, type Filer } from './submit-online.js';
import { ReceiveBody, type ReceiveInputBody } from './dossiers.schema.js';
import type { DossierOut } from './dossier-view.js';

/** Where the post office's deliveries would be staged (no file comes by post: the papers are on paper). */
export const POSTAL_UPLOADER = 'system:postal';

export type PostalPickupInput = Omit<ReceiveInputBody, 'channel' | 'outcome'>;

export interface CheckedPickup {
  /** The filing to register once collected (channel 3, outcome register, the desk's code set). */
  filing: ReceiveInputBody & { receivingAgencyCode: string };
  desk: { id: string; code: string; name: string; adminUnitCode: string | null };
  /** What the postal worker checks at the applicant's: the chosen case's papers (all of the procedure's without a case). */
  checklist: { componentId: string; name: string; required: boolean; originals: number; certifiedCopies: number; copies: number }[];
  procedure: { code: string; name: string };
}

export async function checkPostalPickup(ctx: AppContext, p: Principal, input: PostalPickupInput): Promise<CheckedPickup> {
  const desk = await receivingDesk(ctx, p, input.receivingAgencyCode);
  if (!can(p, 'dossier.receive', desk)) throw platformErrors.FORBIDDEN();
  const plan = await planFiling(ctx, desk, { ...input, channel: 3, outcome: 'register' }, ctx.clock.now());
  const checklist = checklistOf(plan, input.caseKey);
  // the postal worker brings the papers of the checklist unless the desk listed them itself
  const components = input.components.length ? input.components : checklist.map((c) => ({ componentId: c.componentId, provided: true, form: 'copy' as const, copies: 1 }));
  return {
    filing: { ...input, components, channel: 3, outcome: 'register', receivingAgencyCode: desk.code },
    desk: { id: desk.id, code: desk.code, name: desk.name, adminUnitCode: desk.admin_unit_code ?? null },
    checklist,
    procedure: { code: plan.proc.code, name: plan.proc.name },
  };
}

function checklistOf(plan: ReceptionPlan, caseKey: string | undefined): CheckedPickup['checklist'] {
  const chosen = caseKey ? plan.proc.cases.find((c) => c.key === caseKey) : undefined;
  const byId = new Map(plan.proc.components.map((c) => [c.id, c]));
  const rows = chosen ? chosen.components.map((c) => ({ c: byId.get(c.id), required: c.required })) : plan.proc.components.map((c) => ({ c, required: c.required }));
  return rows.filter((r) => r.c).map(({ c, required }) => ({ componentId: c!.id, name: c!.name, required, originals: c!.originals, certifiedCopies: c!.certifiedCopies, copies: c!.copies }));
}

/**
 * The collected dossier, registered in the desk's queue: the reception schema and checks again (the catalogue
 * may have changed since the booking), channel 3, the item code and collection time in the filing.
 */
export async function registerFromPost(
  ctx: AppContext,
  filing: unknown,
  opts: { itemCode: string; pickupReference: string; collectedAt: Date; inTransaction: (trx: Db, dossierId: string) => Promise<void> },
): Promise<DossierOut> {
  const now = ctx.clock.now();
  const checked = ReceiveBody.safeParse({ ...(filing as object), channel: 3, outcome: 'register' });
  if (!checked.success) throw invalid(checked.error.issues.slice(0, 20).map((i) => ({ path: ['body', ...i.path].join('.'), code: 'INVALID', message: i.message })));
  const body = checked.data;
  const receiving = await agencyByCode(ctx, body.receivingAgencyCode ?? '', 'body.receivingAgencyCode');
  const plan = await planFiling(ctx, receiving, body, now);
  const filer: Filer = { actor: systemActor(), citizenId: null, assurance: 'postal', uploadedBy: POSTAL_UPLOADER };
  const postal = { itemCode: opts.itemCode, pickupReference: opts.pickupReference, collectedAt: opts.collectedAt.toISOString() };
  return ctx.db.transaction().execute(async (trx) => {
    const dossier = await storeOnline(ctx, trx, filer, body, { ...plan, filing: { ...plan.filing, postalPickup: postal } }, now);
    await opts.inTransaction(trx, dossier.id);
    return dossier;
  });
}
