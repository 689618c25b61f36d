// Report facts of a dossier state: the projection columns of migration 0013 (has_result, result_outcome,
// result_has_file, pay_due, paid_online), computed by the engine at every event so that the reports never
// read the state jsonb. Same definitions as the backfill of migration 0013 (checked in test/reports/reports.test.ts;
// the migration's comment names this file's former place, reports/facts.ts). A pure function of the state, so it
// lives with the engine: the dossier projection needs it, and the engine should not depend on reports.
import type { DossierState } from './types.js';
import { PAYMENT_METHODS, type PaymentMethod } from './state-machine.js';
import { unaccent } from '../../platform/text.js';

/**
 * Online payment (QĐ 766 3.6): confirm_payment's method 'online' (one of PAYMENT_METHODS since they became a
 * list). Payments recorded before that hold free text: those that are not one of the listed values count when
 * the text (compared without diacritics, `_`/`-` as spaces) is one of these.
 */
export const ONLINE_PAYMENT_METHODS = ['online', 'truc tuyen', 'dvcqg', 'gateway', 'payment gateway', 'cong thanh toan'];
export const ONLINE_METHOD: PaymentMethod = 'online';

export interface ReportFacts {
  has_result: boolean;
  result_outcome: string | null;
  result_has_file: boolean;
  pay_due: boolean;
  paid_online: boolean;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function paidOnline(method: unknown): boolean {
  const m = method === null || method === undefined ? '' : String(method);
  if (m === ONLINE_METHOD) return true;
  if ((PAYMENT_METHODS as readonly string[]).includes(m)) return false;
  return ONLINE_PAYMENT_METHODS.includes(unaccent(m).toLowerCase().replace(/[_-]/g, ' '));
}

export function reportFactsOf(state: DossierState): ReportFacts {
  const result: unknown = state.result;
  const docs = isObject(result) && Array.isArray(result.documents) ? result.documents : [];
  const payments: unknown[] = Array.isArray(state.payments) ? state.payments : [];
  return {
    has_result: isObject(result),
    result_outcome: isObject(result) && result.outcome !== undefined && result.outcome !== null ? String(result.outcome) : null,
    result_has_file: docs.some((x) => isObject(x) && typeof x.fileId === 'string'),
    pay_due: payments.some((x) => isObject(x) && x.amount !== undefined && (typeof x.amount !== 'number' || x.amount > 0)),
    paid_online: payments.some((x) => isObject(x) && typeof x.paidAt === 'string' && paidOnline(x.method)),
  };
}
