// The postal service's subscriber of dossiers.event: when a result that the applicant asked to receive by post
// is ready (→ result_ready), an OUTBOUND_RESULT order is booked with the post office. The order row is
// written first (one per dossier and direction), the booking keyed by its id; a failure to reach the post
// office is thrown so that the outbox retries with its back-off, and the post office answers a repeated
// OrderNumber with the same item code, so a retry never books twice. An order the post office refuses (or one
// that cannot be made: no address) is kept as `rejected` with the reason, shown on the dossier.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { onTopic } from '../../platform/outbox/outbox.js';
import { DossierEventTopic, dossierRecord, type DossierEventMessage } from '../dossiers/dossiers.service.js';
import { agencyBriefs, agencyById, currentCommune } from '../org/org.read.js';
import { resultOrder, type ResultDelivery } from './postal-order.js';
import * as repo from './postal.repo.js';

export const postalEventHandler = onTopic(DossierEventTopic, async (ctx, m) => {
  if (!wantsPostalReturn(m.payload)) return;
  await bookResultDelivery(ctx, m.payload.dossierId);
}, 'postal');

function wantsPostalReturn(m: DossierEventMessage): boolean {
  return m.toState === 'result_ready' && m.fromState !== 'result_ready' && m.deliveryMethod === 'post' && m.code !== null;
}

export async function bookResultDelivery(ctx: AppContext, dossierId: string): Promise<repo.PostalOrderRow | null> {
  const rec = await dossierRecord(ctx.db, dossierId);
  if (!rec?.row.code) return null;
  const delivery = await deliveryOf(ctx, rec.row);
  const made = resultOrder(delivery);
  const now = ctx.clock.now();
  const row = await repo.orderFor(ctx.db, {
    id: randomUUID(), dossier_id: rec.row.id, dossier_code: rec.row.code, direction: 'OUTBOUND_RESULT',
    cod_amount: 'order' in made ? made.order.CODAmount : 0, created_at: now, request: 'order' in made ? made.order : { problem: made.problem },
  });
  if (row.status !== 'booking') return row;
  if (!('order' in made)) {
    await repo.markRejected(ctx.db, row.id, made.problem);
    return row;
  }
  const answer = await ctx.postal.createOrder(made.order, { idempotencyKey: row.id });
  if (answer.Status === '100' && answer.ItemCode) await repo.markBooked(ctx.db, row.id, answer.ItemCode, ctx.clock.now());
  else await repo.markRejected(ctx.db, row.id, `VNPost ${answer.Status}: ${answer.Message ?? ''}`.trim());
  return row;
}

async function deliveryOf(ctx: AppContext, row: NonNullable<Awaited<ReturnType<typeof dossierRecord>>>['row']): Promise<ResultDelivery> {
  const agency = await agencyById(ctx.db, row.state.returnAgencyId);
  const brief = (await agencyBriefs(ctx.db, [row.state.returnAgencyId])).get(row.state.returnAgencyId);
  const unit = agency?.admin_unit_code ?? '';
  const senderCommune = unit.length === 5 ? await currentCommune(ctx.db, unit) : undefined;
  const to = (row.filing.delivery?.address ?? row.applicant.address) as { communeCode?: string } | undefined;
  const receiverCommune = to?.communeCode ? await currentCommune(ctx.db, to.communeCode) : undefined;
  const resultDocs = row.state.result?.documents ?? [];
  return {
    dossierCode: row.code!, customerCode: ctx.config.postal.customerCode,
    sender: {
      name: brief?.name ?? 'Bộ phận Một cửa', provinceCode: senderCommune?.province_code ?? (unit.length === 2 ? unit : (receiverCommune?.province_code ?? '00')),
      communeCode: senderCommune?.code, tel: ctx.config.postal.senderTel,
    },
    applicant: row.applicant, filing: row.filing,
    receiverProvinceCode: receiverCommune?.province_code ?? null,
    resultTitles: resultDocs.map((d) => d.title ?? d.number ?? '').filter(Boolean),
  };
}
