// The cashier imports the gateway's statement of a day (CSV or Excel) into the daily reconciliation: each line
// is matched with motcua's payments by order reference (or the gateway's transaction number) and amount; the
// differences are listed — in the statement but not paid in motcua, paid in motcua that day but not in the
// statement, amounts that differ, lines listed twice. A file that cannot be read is refused with the reason
// on the file field; nothing is stored.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { message } from '../../platform/i18n/messages.js';
import { cashierAgencyIds } from './cashier-scope.js';
import { dayWindow } from './reconciliation.js';
import { paymentErrors } from './payments.errors.js';
import { matchStatement, type StatementReconciliation } from './statement-match.js';
import { parseStatement, StatementError } from './statement-parse.js';
import * as repo from './payments.repo.js';


export async function reconcileStatement(ctx: AppContext, p: Principal, day: string, file: Buffer): Promise<StatementReconciliation> {
  const agencyIds = await cashierAgencyIds(ctx, p);
  const { from, to } = dayWindow(day);
  const statement = await parseStatement(file).catch((err: unknown) => {
    if (err instanceof StatementError) {
      const text = (lang: 'vi' | 'en') => message(err.code, lang, err.params);
      throw paymentErrors[err.code](err.params, { errors: [{ path: 'body.file', code: err.code, messageVi: text('vi'), messageEn: text('en') }] });
    }
    throw err;
  });
  const refs = [...new Set(statement.rows.map((r) => r.orderRef).filter((x): x is string => !!x))];
  const txnIds = [...new Set(statement.rows.map((r) => r.txnId).filter((x): x is string => !!x))];
  const ours = await repo.paymentsForStatement(ctx.db, agencyIds, refs, txnIds, from, to);
  const match = matchStatement(statement.rows, ours.map((x) => ({
    orderRef: x.order_ref, dossierCode: x.dossier_code, status: x.status, amount: x.amount, txnId: x.gateway_txn_id,
    paidThatDay: !!x.paid_at && x.paid_at >= from && x.paid_at < to,
  })));
  return { day, format: statement.format, lines: statement.rows.length, skipped: statement.skipped, ...match };
}
