// Asynchronous bounces of our e-mails (DSNs read by the bounce listener, platform/ports/bounce-smtp.ts): the
// message the bounce names is marked failed with the remote server's reason, and an address that does not
// exist is suppressed (an opt-out with source "bounce"), so later notices to it are not sent into the void
// and the admins see why. A delay notice only adds a note; a success notice marks the message delivered. A
// bounce never moves a message back from a final state, and the same bounce twice changes nothing.
import type { AppContext } from '../../platform/context.js';
import { isUuid } from '../../platform/values.js';
import { isBadAddress, isPermanent, type BounceReport, type DsnRecipient } from '../../platform/ports/dsn.js';
import * as repo from './notifications.repo.js';

export type BounceOutcome = 'unmatched' | 'failed' | 'delivered' | 'delayed' | 'unchanged';

export async function recordEmailBounce(ctx: AppContext, report: BounceReport): Promise<BounceOutcome> {
  const row = isUuid(report.messageRef) ? await repo.messageById(ctx.db, report.messageRef) : undefined;
  if (!row || row.channel !== 'email') return 'unmatched';
  const r = recipientFor(report.recipients, row.address);
  if (!r) return 'unchanged';
  const now = ctx.clock.now();
  if (isPermanent(r)) {
    const updated = await repo.applyReceipt(ctx.db, row.id, 'failed', now, bounceText(r));
    if (isBadAddress(r)) await repo.optOut(ctx.db, 'email', row.address, `bounce ${r.status}`, now);
    return updated ? 'failed' : 'unchanged';
  }
  if (r.action === 'delivered' || r.action === 'relayed') {
    return (await repo.applyReceipt(ctx.db, row.id, 'delivered', now, null)) ? 'delivered' : 'unchanged';
  }
  if (r.action === 'delayed') {
    const noted = await repo.setStatus(ctx.db, row.id, 'sent', ['sent'], { last_error: `Máy chủ nhận đang chậm phát${r.status ? ` (${r.status})` : ''} / delivery delayed: ${r.diagnostic ?? ''}`.trim() });
    return noted ? 'delayed' : 'unchanged';
  }
  return 'unchanged';
}

/** The group about this message's recipient; a bounce for one recipient only names it, or names none. */
function recipientFor(recipients: DsnRecipient[], address: string): DsnRecipient | undefined {
  return recipients.find((r) => r.recipient === address) ?? recipients.find((r) => r.recipient === null) ?? (recipients.length === 1 ? recipients[0] : undefined);
}

function bounceText(r: DsnRecipient): string {
  const code = r.status ? ` (${r.status})` : '';
  return `Thư bị trả lại${code}: ${r.diagnostic ?? 'không rõ lý do'} / bounced${code}: ${r.diagnostic ?? 'no reason given'}`.slice(0, 1000);
}
