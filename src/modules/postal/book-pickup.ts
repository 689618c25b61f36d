// Collection at home (nhận hồ sơ tại nhà, channel 3): a desk official books a postal worker to collect an
// applicant's papers. The desk's reception checks run now (dossiers.checkPostalPickup); the order row — the
// filing to register, the postal worker's checklist (the case's components) — and a `postal.pickup` outbox
// message are written in one transaction, and the outbox handler books the INBOUND_DOSSIER order with the post
// office (keyed by the row, so a retry never books twice; unreachable → retried with the back-off). When the
// post office reports the papers picked up, record-tracking.ts registers the dossier in the desk's queue.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid, type FieldError } from '../../platform/errors.js';
import { defineTopic, enqueue, onTopic } from '../../platform/outbox/outbox.js';
import { checkPostalPickup, type PostalPickupInput } from '../dossiers/dossiers.service.js';
import { currentCommune } from '../org/org.read.js';
import { pickupOrder, type PickupRequest } from './postal-order.js';
import { pickupView } from './pickup-views.js';
import { postalErrors } from './postal.errors.js';
import * as repo from './postal.repo.js';

export const PickupTopic = defineTopic({ name: 'postal.pickup', version: 1, schema: z.object({ orderId: z.uuid() }) });

export type PickupInput = PostalPickupInput & { pickupAddress?: { line: string; communeCode: string } };

export async function bookPickup(ctx: AppContext, p: Principal, input: PickupInput) {
  const { pickupAddress, ...filingIn } = input;
  const checked = await checkPostalPickup(ctx, p, filingIn);
  const { id, request } = await pickupRequestOf(ctx, checked, pickupAddress);
  const order = pickupOrder(request);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertPickup(trx, {
      id, dossier_code: order.OrderNumber, cod_amount: 0, created_at: now, receiving_agency_id: checked.desk.id, booked_by: p.userId,
      request: order, pickup: { filing: checked.filing, checklist: checked.checklist, procedure: checked.procedure },
    });
    await enqueue(ctx, trx, { topic: PickupTopic, payload: { orderId: id }, key: id });
  });
  return pickupView((await repo.orderById(ctx.db, id))!);
}

/** Books the pickup with the post office (the outbox handler); a refusal is kept with the reason. */
export async function sendPickupOrder(ctx: AppContext, orderId: string): Promise<void> {
  const row = await repo.orderById(ctx.db, orderId);
  if (!row || row.status !== 'booking') return;
  const answer = await ctx.postal.createOrder(row.request as never, { idempotencyKey: row.id });
  if (answer.Status === '100' && answer.ItemCode) await repo.markBooked(ctx.db, row.id, answer.ItemCode, ctx.clock.now());
  else await repo.markRejected(ctx.db, row.id, `VNPost ${answer.Status}: ${answer.Message ?? ''}`.trim());
}

export const pickupHandler = onTopic(PickupTopic, async (ctx, m) => sendPickupOrder(ctx, m.payload.orderId));

/** The order's parties and checklist; the pickup address, the phone and the desk's phone are required. */
async function pickupRequestOf(ctx: AppContext, c: Awaited<ReturnType<typeof checkPostalPickup>>, pickupAddress: PickupInput['pickupAddress']): Promise<{ id: string; request: PickupRequest }> {
  const errors: FieldError[] = [];
  const from = pickupAddress ?? c.filing.applicant.address;
  const fromPath = pickupAddress ? 'body.pickupAddress' : 'body.applicant.address';
  if (!from) errors.push({ path: fromPath, code: 'PICKUP_ADDRESS_REQUIRED', messageVi: 'Cần địa chỉ (xã/phường) để bưu điện đến nhận hồ sơ.', messageEn: 'An address (with its commune) is needed for the postal worker to collect the dossier.' });
  const commune = from ? await currentCommune(ctx.db, from.communeCode) : undefined;
  if (from && !commune) errors.push({ path: `${fromPath}.communeCode`, code: 'COMMUNE_UNKNOWN', messageVi: `Không có xã/phường mã ${from.communeCode}.`, messageEn: `No commune ${from.communeCode}.` });
  if (!String(c.filing.applicant.phone ?? '').trim()) errors.push({ path: 'body.applicant.phone', code: 'PICKUP_PHONE_REQUIRED', messageVi: 'Cần số điện thoại để nhân viên bưu chính hẹn đến nhận hồ sơ.', messageEn: 'A phone number is needed for the postal worker to arrange the collection.' });
  if (errors.length) throw invalid(errors);
  const tel = ctx.config.postal.senderTel;
  if (!tel) throw postalErrors.POSTAL_DESK_PHONE_MISSING();
  const unit = c.desk.adminUnitCode ?? '';
  const deskCommune = unit.length === 5 ? await currentCommune(ctx.db, unit) : undefined;
  const id = randomUUID();
  const reference = `NHS-${id.replace(/-/g, '').slice(0, 12).toUpperCase()}`;
  return {
    id,
    request: {
      reference, customerCode: ctx.config.postal.customerCode, procedure: c.procedure, applicant: c.filing.applicant,
      from: { line: from!.line, communeCode: commune!.code, provinceCode: commune!.province_code },
      desk: { name: c.desk.name, provinceCode: deskCommune?.province_code ?? (unit.length === 2 ? unit : commune!.province_code), communeCode: deskCommune?.code, tel },
      checklist: c.checklist,
    },
  };
}
