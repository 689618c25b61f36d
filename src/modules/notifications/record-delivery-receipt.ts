// Delivery receipts (SMS DLR from the SMSC, later e-mail DSNs): the provider's message id → the message's final
// status. Only the first final receipt counts and a status never goes back (receipts arrive out of order).
import type { AppContext } from '../../platform/context.js';
import * as repo from './notifications.repo.js';

export interface DeliveryReceipt {
  providerMessageId: string;
  state: 'delivered' | 'failed' | 'expired' | 'rejected' | 'unknown';
  at: Date;
  errorCode?: string;
}

export async function recordDeliveryReceipt(ctx: AppContext, r: DeliveryReceipt): Promise<{ matched: boolean; updated: boolean }> {
  const row = await repo.messageByProviderId(ctx.db, r.providerMessageId);
  if (!row) return { matched: false, updated: false };
  if (r.state === 'unknown') return { matched: true, updated: false };
  const status = r.state === 'delivered' ? 'delivered' : 'failed';
  const error = status === 'failed' ? `Báo cáo phát: ${r.state}${r.errorCode ? ` (mã ${r.errorCode})` : ''} / delivery receipt: ${r.state}` : null;
  return { matched: true, updated: await repo.applyReceipt(ctx.db, row.id, status, r.at, error) };
}
