// POST /admin/notifications/templates/{event}/{channel}/preview: the text as a real dossier would get it
// (its latest event of the kind, its applicant, agencies and dates; the lookup secret masked), before saving.
// Variables are checked as on save (422 on the field).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid } from '../../platform/errors.js';
import { smsEncodingInfo } from '../../platform/ports/sms-encoding.js';
import { sampleDossierEvent } from '../dossiers/dossiers.service.js';
import { agencyBriefs } from '../org/org.read.js';
import { requireNotificationAdmin } from './admin-access.js';
import { renderMessage } from './create-message.js';
import { varsFor } from './event-vars.js';
import { templateKey } from './list-templates.js';
import { notificationErrors } from './notifications.errors.js';
import { checkTemplate, type EventKind } from './templates.js';

/** The dossier action whose event stands for each notification event in a preview. */
const ACTION_OF: Partial<Record<EventKind, string>> = {
  submitted: 'receive', accepted: 'receive', completion_requested: 'request_completion', refused: 'refuse', supplement_requested: 'request_supplement',
  payment_requested: 'request_payment', receipt_issued: 'confirm_payment', apology: 'apologize', result_ready: 'record_result', result_returned: 'return_result', rating_invitation: 'return_result',
};

const SAMPLE: Partial<Record<EventKind, Record<string, string>>> = {
  sign_in_code: { code: '482913', minutes: '5', purpose: 'đăng nhập' },
  official_digest: { officialName: 'Nguyễn Văn A', dueSoonCount: '2', overdueCount: '1', dossierList: '- 000.00.01.H56-261123-0001 (quá hạn)', inboxUrl: 'http://localhost:3000/' },
};

export interface PreviewBody {
  dossierCode?: string;
  subject?: string | null;
  body: string;
}

export async function previewTemplate(ctx: AppContext, p: Principal, eventName: string, channelName: string, b: PreviewBody) {
  requireNotificationAdmin(p);
  const { event, channel } = templateKey(eventName, channelName);
  const text = { subject: channel === 'email' ? (b.subject ?? null) : null, body: b.body };
  const errors = checkTemplate(event, channel, text);
  if (errors.length) throw invalid(errors, 'TEMPLATE_INVALID_VARIABLES');
  let vars: Record<string, string>;
  let agencyName = 'Hệ thống một cửa điện tử';
  let address = 'nguoinop@example.vn';
  const action = ACTION_OF[event];
  if (action) {
    if (!b.dossierCode) throw invalid([{ path: 'body.dossierCode', code: 'REQUIRED', messageVi: 'Nhập mã hồ sơ để xem thử', messageEn: 'Enter a dossier code to preview with' }]);
    const m = await sampleDossierEvent(ctx.db, b.dossierCode.trim(), action);
    if (!m) throw notificationErrors.PREVIEW_DOSSIER_NOT_FOUND({ code: b.dossierCode });
    const briefs = await agencyBriefs(ctx.db, [m.receivingAgencyId, m.returnAgencyId]);
    agencyName = briefs.get(m.receivingAgencyId)?.name ?? '';
    const r = m.recipients[0];
    if (r?.email) address = r.email;
    vars = varsFor(event, m, { agencyName, returnAgencyName: briefs.get(m.returnAgencyId)?.name ?? agencyName }, r?.name ?? null, ctx.config.publicUrl);
  } else {
    vars = SAMPLE[event] ?? {};
  }
  const out = await renderMessage(ctx, ctx.db, text, channel, address, vars, agencyName, false);
  // SMS: what the SMSC will get (diacritics stripped when that saves segments) and what it costs
  const sms = channel === 'sms' ? smsEncodingInfo(out.body) : null;
  return {
    event, channel, ...out, characters: out.body.length,
    sms: sms ? { encoding: sms.encoding, segments: sms.segments, strippedDiacritics: sms.strippedDiacritics, textSent: sms.text } : null,
  };
}
