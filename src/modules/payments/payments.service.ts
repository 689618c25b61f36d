// The payments module's façade: the use cases its routes, its job and other modules call, one file each.
export { paymentSummary, startPayment } from './start-payment.js';
export { receiveCallback, receiveReturn } from './receive-message.js';
export { queryPendingPayments } from './query-pending.js';
export { refundEndedDossiers, refundPayment } from './refund.js';
export { listPayments, getPayment, cashierReceipt } from './cashier.js';
export { feeSuggestion } from './fee-suggestion.js';
export { issuedReceipt } from './issued-receipt.js';
export { publicReceipt } from './public-receipt.js';
export { reconcileDay, reconciliationWorkbook } from './reconciliation.js';
export { reconcileStatement } from './reconcile-statement.js';
export { dossiersPaidOnline, paidOnlineDossierIds } from './payments.read.js';
export { paymentQueryJob } from './payments.jobs.js';
export { listPaymentAccounts } from './payment-accounts-list.js';
export { createPaymentAccount } from './payment-account-create.js';
export { updatePaymentAccount } from './payment-account-update.js';
