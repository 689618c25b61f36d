// Collections at home as the desk sees them: the booking, the postal worker's checklist, the item code and
// tracking status, and the dossier once the papers were picked up (it then waits in the desk's queue).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { can } from '../org/permissions.js';
import { agencyByCode } from '../org/org.read.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { postalErrors } from './postal.errors.js';
import { dossierCodes } from '../dossiers/dossiers.service.js';
import * as repo from './postal.repo.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

type Pickup = { filing: { receivingAgencyCode: string; applicant: { fullName?: string } }; checklist: { componentId: string; name: string; required: boolean }[]; procedure: { code: string; name: string } };

export function pickupView(o: repo.PostalOrderRow, dossierCode: string | null = null) {
  const p = o.pickup as Pickup;
  return {
    id: o.id, orderNumber: o.dossier_code, status: o.status, itemCode: o.item_code, problem: o.last_error,
    deskCode: p.filing.receivingAgencyCode, procedureCode: p.procedure.code, procedureName: p.procedure.name, applicantName: p.filing.applicant.fullName ?? '',
    checklist: p.checklist.map((c) => ({ componentId: c.componentId, name: c.name, required: c.required })),
    dossierId: o.dossier_id, dossierCode, createdAt: iso(o.created_at)!, bookedAt: iso(o.booked_at),
  };
}

/** The desk's collections (its reception officers only). */
export async function listPickups(ctx: AppContext, p: Principal, deskCode: string) {
  const desk = await agencyByCode(ctx.db, deskCode);
  if (!desk) throw platformErrors.NOT_FOUND();
  if (!can(p, 'dossier.receive', desk)) throw postalErrors.PICKUP_FORBIDDEN();
  const rows = await repo.pickupsOfDesk(ctx.db, desk.id, 200);
  const codes = await dossierCodes(ctx.db, rows.flatMap((o) => (o.dossier_id ? [o.dossier_id] : [])));
  return { items: rows.map((o) => pickupView(o, o.dossier_id ? codes.get(o.dossier_id) ?? null : null)) };
}
