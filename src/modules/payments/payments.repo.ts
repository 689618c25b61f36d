// SQL of the payments module: payment attempts, the gateway message audit, receipt numbers, the agencies'
// beneficiary accounts.
import { sql, type Insertable, type RawBuilder, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { PaymentAccounts, PaymentMessages, Payments } from '../../platform/db/schema.gen.js';
import type { PaymentStatus } from '../../platform/ports/payments.js';
import type { PaymentItem } from './fee-items.js';

export type PaymentRow = Omit<Selectable<Payments>, 'items' | 'amount' | 'status'> & { items: PaymentItem[]; amount: number; status: PaymentStatus };
export type AccountRow = Selectable<PaymentAccounts>;
export type MessageRow = Selectable<PaymentMessages>;

const asPayment = (r: Selectable<Payments>): PaymentRow => ({ ...r, amount: Number(r.amount), items: r.items as PaymentItem[], status: r.status as PaymentStatus });

/** The agency's active account for this gateway (an exact gateway first, then a row from before 0033 without one). */
export async function activeAccountOf(db: Db, agencyId: string, gateway: string): Promise<AccountRow | undefined> {
  return db.selectFrom('payment_accounts').selectAll().where('agency_id', '=', agencyId).where('active', '=', true)
    .where((e) => e.or([e('gateway', '=', gateway), e('gateway', 'is', null)]))
    .orderBy(sql`gateway IS NULL`).executeTakeFirst();
}

export async function accountById(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('payment_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Accounts of these agencies (the admin's list), the agency's code and name with each. */
export async function listAccounts(db: Db, agencyIds: string[]): Promise<Array<AccountRow & { agency_code: string; agency_name: string }>> {
  if (agencyIds.length === 0) return [];
  return db.selectFrom('payment_accounts as a').innerJoin('agencies as g', 'g.id', 'a.agency_id')
    .selectAll('a').select(['g.code as agency_code', 'g.name as agency_name'])
    .where('a.agency_id', 'in', agencyIds).orderBy('g.code').orderBy('a.gateway').orderBy('a.created_at').execute();
}

export async function insertAccount(db: Db, row: Insertable<PaymentAccounts>): Promise<void> {
  await db.insertInto('payment_accounts').values(row).execute();
}

export async function updateAccount(db: Db, id: string, set: Partial<Omit<Insertable<PaymentAccounts>, 'id' | 'agency_id' | 'created_at'>>): Promise<void> {
  await db.updateTable('payment_accounts').set(set).where('id', '=', id).execute();
}

export async function insertPayment(db: Db, row: Omit<Insertable<Payments>, 'items'> & { items: PaymentItem[] }): Promise<void> {
  await db.insertInto('payments').values({ ...row, items: JSON.stringify(row.items) }).execute();
}

export async function pendingOfDossier(db: Db, dossierId: string): Promise<PaymentRow | undefined> {
  const r = await db.selectFrom('payments').selectAll().where('dossier_id', '=', dossierId).where('status', '=', 'pending').executeTakeFirst();
  return r && asPayment(r);
}

export async function paymentsOfDossier(db: Db, dossierId: string): Promise<PaymentRow[]> {
  return (await db.selectFrom('payments').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at', 'desc').execute()).map(asPayment);
}

export async function byRef(db: Db, gateway: string, orderRef: string): Promise<PaymentRow | undefined> {
  const r = await db.selectFrom('payments').selectAll().where('gateway', '=', gateway).where('order_ref', '=', orderRef).executeTakeFirst();
  return r && asPayment(r);
}

export async function lockByRef(db: Db, gateway: string, orderRef: string): Promise<PaymentRow | undefined> {
  const r = await db.selectFrom('payments').selectAll().where('gateway', '=', gateway).where('order_ref', '=', orderRef).forUpdate().executeTakeFirst();
  return r && asPayment(r);
}

export async function byId(db: Db, id: string): Promise<PaymentRow | undefined> {
  const r = await db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  return r && asPayment(r);
}

export async function update(db: Db, id: string, set: Partial<Omit<Selectable<Payments>, 'id' | 'items'>>): Promise<void> {
  await db.updateTable('payments').set(set).where('id', '=', id).execute();
}

/** Pending attempts created before `cutoff` (the status query asks the gateway about them). */
export async function pendingBefore(db: Db, cutoff: Date, limit = 200): Promise<PaymentRow[]> {
  return (await db.selectFrom('payments').selectAll().where('status', '=', 'pending').where('created_at', '<=', cutoff).orderBy('created_at').limit(limit).execute()).map(asPayment);
}

/** Paid, not refunded, since `since` (the refund sweep checks their dossiers). */
export async function paidSince(db: Db, since: Date, limit = 1000): Promise<PaymentRow[]> {
  return (await db.selectFrom('payments').selectAll().where('status', '=', 'paid').where('paid_at', '>=', since).orderBy('paid_at').limit(limit).execute()).map(asPayment);
}

export interface ListFilter {
  agencyIds: string[];
  status?: PaymentStatus;
  from?: Date;
  to?: Date;
  dossierCode?: string;
  limit: number;
  offset: number;
}

export async function list(db: Db, f: ListFilter): Promise<{ items: PaymentRow[]; total: number }> {
  if (f.agencyIds.length === 0) return { items: [], total: 0 };
  let q = db.selectFrom('payments').where('agency_id', 'in', f.agencyIds);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.from) q = q.where('created_at', '>=', f.from);
  if (f.to) q = q.where('created_at', '<', f.to);
  if (f.dossierCode) q = q.where('dossier_code', '=', f.dossierCode);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(asPayment), total: Number(total.n) };
}

export async function insertMessage(db: Db, row: Omit<Insertable<PaymentMessages>, 'params'> & { params: Record<string, unknown> }): Promise<void> {
  await db.insertInto('payment_messages').values({ ...row, params: JSON.stringify(row.params) }).execute();
}

export async function messagesOf(db: Db, paymentId: string): Promise<MessageRow[]> {
  return db.selectFrom('payment_messages').selectAll().where('payment_id', '=', paymentId).orderBy('received_at').execute();
}

/** Refused messages in a window (forged, unknown order, mismatched amount…), for the reconciliation report. */
export async function refusedMessages(db: Db, from: Date, to: Date): Promise<MessageRow[]> {
  return db.selectFrom('payment_messages').selectAll().where('received_at', '>=', from).where('received_at', '<', to)
    .where('outcome', 'not in', ['accepted', 'duplicate', 'unchanged']).orderBy('received_at').execute();
}

/** The next receipt number of a series in a year: gapless, under the counter row's lock. */
export async function nextReceiptNo(db: Db, series: string, year: number): Promise<number> {
  const r = await sql<{ last_no: number }>`
    INSERT INTO payment_receipt_counters (series, year, last_no) VALUES (${series}, ${year}, 1)
    ON CONFLICT (series, year) DO UPDATE SET last_no = payment_receipt_counters.last_no + 1
    RETURNING last_no`.execute(db);
  return r.rows[0]!.last_no;
}

/** QĐ 766 3.5/3.6: dossiers with a fee paid online (paid or later refunded) among `dossierIds`' agencies in a window. */
export async function paidOnlineDossiers(db: Db, agencyIds: string[], from: Date, to: Date): Promise<string[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db.selectFrom('payments').select('dossier_id').distinct()
    .where('agency_id', 'in', agencyIds).where('paid_at', '>=', from).where('paid_at', '<', to).execute();
  return rows.map((r) => r.dossier_id);
}

/** A subquery of the dossiers with a fee paid online through a gateway before `before` (paid, possibly refunded since). */
export function paidOnlineDossierIdsSql(before: Date): RawBuilder<unknown> {
  return sql`SELECT p.dossier_id FROM payments p WHERE p.paid_at IS NOT NULL AND p.paid_at < ${before.toISOString()}::timestamptz`;
}

/** The agencies' payments a statement may name (by our reference or the gateway's number) or that were paid in [from, to). */
export async function paymentsForStatement(db: Db, agencyIds: string[], refs: string[], txnIds: string[], from: Date, to: Date): Promise<PaymentRow[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db.selectFrom('payments').selectAll().where('agency_id', 'in', agencyIds).where((e) => e.or([
    ...(refs.length ? [e('order_ref', 'in', refs)] : []),
    ...(txnIds.length ? [e('gateway_txn_id', 'in', txnIds)] : []),
    e.and([e('paid_at', '>=', from), e('paid_at', '<', to)]),
  ])).orderBy('created_at').execute();
  return rows.map(asPayment);
}
