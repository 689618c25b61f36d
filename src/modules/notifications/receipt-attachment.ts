// The receipt (form 01, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả") as a PDF attached to the acceptance
// e-mail, rendered by the documents module as the receiving desk would print it (with the lookup secret in
// its QR code). Rendered on the desk's behalf: a principal holding the reception role at that desk only.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { EmailAttachment } from '../../platform/ports/notifier.js';
import { renderDossierForm } from '../documents/documents.service.js';
import type { DossierEventMessage } from '../dossiers/dossiers.service.js';
import { agencyById } from '../org/org.read.js';
import { issuedReceipt } from '../payments/payments.service.js';

export const RECEIPT_FILENAME = (code: string) => `Giấy tiếp nhận hồ sơ ${code}.pdf`;

export async function receiptAttachment(ctx: AppContext, m: DossierEventMessage): Promise<EmailAttachment | null> {
  if (!m.code || !m.secret) return null;
  const desk = await agencyById(ctx.db, m.receivingAgencyId);
  if (!desk) return null;
  const p: Principal = {
    kind: 'integration',
    userId: 'notifications',
    username: 'notifications',
    fullName: 'Thông báo tự động',
    assignments: [{ role: 'reception', agencyId: desk.id, agencyCode: desk.code, agencyName: desk.name, agencyPath: desk.path, unitId: null }],
    authMethod: 'token',
  };
  const { pdf } = await renderDossierForm(ctx, p, m.code, '01', { secret: m.secret });
  return { filename: RECEIPT_FILENAME(m.code), contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
}

/** The electronic receipt (biên lai điện tử) of the online payment a confirm_payment event records. */
export async function paymentReceipt(ctx: AppContext, m: DossierEventMessage): Promise<{ lines: unknown[]; attachment: EmailAttachment } | null> {
  const number = typeof m.payload.receiptNumber === 'string' ? m.payload.receiptNumber : null;
  if (!number) return null;
  const r = await issuedReceipt(ctx, m.dossierId, number);
  if (!r) return null;
  return { lines: r.items, attachment: { filename: r.fileName, contentType: 'application/pdf', contentBase64: r.pdf.toString('base64') } };
}
