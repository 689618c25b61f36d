// The payments module's background job: the status query of payments left pending, then the refund sweep.
import type { JobDefinition } from '../../platform/jobs.js';
import { queryPendingPayments } from './query-pending.js';

export const PAYMENT_QUERY = 'payment-status-query';
/** Every 5 minutes (DIGIT runs its reconciliation every 15 minutes; 5 keeps a lost callback's wait short). */
export const PAYMENT_QUERY_CRON = '*/5 * * * *';

export const paymentQueryJob: JobDefinition = {
  name: PAYMENT_QUERY,
  cron: PAYMENT_QUERY_CRON,
  run: (ctx) => queryPendingPayments(ctx),
};
