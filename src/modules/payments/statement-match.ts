// The gateway's statement against motcua's payments (pure): each statement line is matched by our order
// reference (else by the gateway's transaction number) and its amount; every line that does not agree is a
// difference — in the statement but not paid in motcua, paid in motcua (that day) but not in the statement,
// the amounts differ, or the statement lists the same transaction twice.
import type { Statement, StatementRow } from './statement-parse.js';

export interface OurPayment {
  orderRef: string;
  dossierCode: string;
  status: string;
  amount: number;
  txnId: string | null;
  /** Paid inside the reconciled day (so the day's statement must list it). */
  paidThatDay: boolean;
}

export type StatementDifferenceKind = 'only_in_statement' | 'only_in_motcua' | 'amount_mismatch' | 'duplicate_in_statement';

export interface StatementDifference {
  kind: StatementDifferenceKind;
  orderRef: string | null;
  txnId: string | null;
  dossierCode: string | null;
  ourStatus: string | null;
  ourAmount: number | null;
  statementAmount: number | null;
  /** The statement's line, when the difference comes from one. */
  line: number | null;
}

export interface StatementMatch {
  matched: number;
  differences: StatementDifference[];
}

/** What the import answers (and the workbook's statement sheet shows). */
export interface StatementReconciliation extends StatementMatch {
  day: string;
  format: Statement['format'];
  lines: number;
  skipped: number;
}

const paid = (s: string) => s === 'paid' || s === 'refunded';

export function matchStatement(rows: StatementRow[], ours: OurPayment[]): StatementMatch {
  const byRef = new Map(ours.map((p) => [p.orderRef, p]));
  const byTxn = new Map(ours.filter((p) => p.txnId).map((p) => [p.txnId!, p]));
  const seen = new Set<string>();
  const differences: StatementDifference[] = [];
  let matched = 0;
  for (const r of rows) {
    const p = (r.orderRef ? byRef.get(r.orderRef) : undefined) ?? (r.txnId ? byTxn.get(r.txnId) : undefined);
    const base = { orderRef: r.orderRef ?? p?.orderRef ?? null, txnId: r.txnId, dossierCode: p?.dossierCode ?? null, ourStatus: p?.status ?? null, ourAmount: p?.amount ?? null, statementAmount: r.amount, line: r.line };
    if (p && seen.has(p.orderRef)) { differences.push({ kind: 'duplicate_in_statement', ...base }); continue; }
    if (p) seen.add(p.orderRef);
    if (!p || !paid(p.status)) differences.push({ kind: 'only_in_statement', ...base });
    else if (p.amount !== r.amount) differences.push({ kind: 'amount_mismatch', ...base });
    else matched++;
  }
  for (const p of ours) {
    if (p.paidThatDay && paid(p.status) && !seen.has(p.orderRef)) {
      differences.push({ kind: 'only_in_motcua', orderRef: p.orderRef, txnId: p.txnId, dossierCode: p.dossierCode, ourStatus: p.status, ourAmount: p.amount, statementAmount: null, line: null });
    }
  }
  return { matched, differences };
}
