// A dossier's postal orders and their tracking, for any official who may read the dossier.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { VNPOST_STATUS } from '../../platform/ports/postal.js';
import { getDossier } from '../dossiers/dossiers.service.js';
import * as repo from './postal.repo.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function dossierPostalOrders(ctx: AppContext, p: Principal, ref: string) {
  const d = await getDossier(ctx, p, ref);
  const orders = await repo.ordersOfDossier(ctx.db, d.id);
  return {
    provider: ctx.postal.provider,
    items: orders.map((o) => ({
      id: o.id, direction: o.direction as 'INBOUND_DOSSIER' | 'OUTBOUND_RESULT', itemCode: o.item_code, status: o.status, codAmount: o.cod_amount,
      problem: o.last_error, createdAt: iso(o.created_at)!, bookedAt: iso(o.booked_at), deliveredAt: iso(o.delivered_at), returnRecordedAt: iso(o.return_recorded_at),
      tracking: o.events.map((e) => ({ vnpostStatus: e.vnpost_status, status: e.status, statusVi: VNPOST_STATUS[e.vnpost_status]?.vi ?? e.status, at: iso(e.at)!, place: e.place })),
    })),
  };
}
