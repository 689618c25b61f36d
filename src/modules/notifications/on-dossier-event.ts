// The outbox handler of dossiers.event: the notifications a dossier event causes, to the applicant and the
// representative, by each channel they gave (phone → SMS, e-mail → e-mail). One transaction writes every
// message and its delivery; a redelivered event writes nothing new (UNIQUE event, recipient, channel).
import type { AppContext } from '../../platform/context.js';
import { onTopic } from '../../platform/outbox/outbox.js';
import { DossierEventTopic, type DossierEventMessage } from '../dossiers/dossiers.service.js';
import { agencyBriefs } from '../org/org.read.js';
import { paymentReceipt, receiptAttachment } from './receipt-attachment.js';
import { createMessage } from './create-message.js';
import { kindsFor, varsFor } from './event-vars.js';
import type { Channel } from './templates.js';

export async function notifyDossierEvent(ctx: AppContext, m: DossierEventMessage): Promise<number> {
  const kinds = kindsFor(m);
  if (!kinds.length || !m.recipients.length) return 0;
  const briefs = await agencyBriefs(ctx.db, [m.receivingAgencyId, m.returnAgencyId]);
  const names = {
    agencyName: briefs.get(m.receivingAgencyId)?.name ?? '',
    returnAgencyName: briefs.get(m.returnAgencyId)?.name ?? briefs.get(m.receivingAgencyId)?.name ?? '',
  };
  const wantsEmail = m.recipients.some((r) => r.email);
  const receipt = kinds.includes('accepted') && wantsEmail ? await receiptAttachment(ctx, m) : null;
  // an online payment's electronic receipt: its lines in the text, its PDF attached to the e-mail
  const paid = kinds.includes('receipt_issued') ? await paymentReceipt(ctx, m) : null;
  if (paid) m = { ...m, payload: { ...m.payload, lines: paid.lines } };
  let n = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const kind of kinds) {
      for (const r of m.recipients) {
        const vars = varsFor(kind, m, names, r.name, ctx.config.publicUrl);
        const channels: Array<[Channel, string | null]> = [['sms', r.phone], ['email', r.email]];
        for (const [channel, address] of channels) {
          if (!address) continue;
          const res = await createMessage(ctx, trx, {
            eventKey: `dossier:${m.dossierId}:${m.eventVersion}:${kind}`,
            event: kind,
            channel,
            rawAddress: address,
            recipientRole: r.role,
            recipientName: r.name,
            vars,
            dossierId: m.dossierId,
            dossierCode: m.code,
            agencyId: m.receivingAgencyId,
            agencyName: names.agencyName,
            attachments: channel !== 'email' ? [] : kind === 'receipt_issued' ? (paid ? [paid.attachment] : []) : receipt ? [receipt] : [],
          });
          if (res.created) n++;
        }
      }
    }
  });
  return n;
}

export const dossierEventHandler = onTopic(DossierEventTopic, async (ctx, m) => {
  await notifyDossierEvent(ctx, m.payload);
});
