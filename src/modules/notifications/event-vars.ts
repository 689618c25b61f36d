// From a dossier event (the dossiers.event outbox message) to the notifications it causes: which events of
// this module (accepted, refused, …) and the values of their template variables. Dates as dd/mm/yyyy hh:mm in
// Vietnam time, amounts in đồng.
import type { DossierEventMessage } from '../dossiers/dossiers.service.js';
import type { EventKind } from './templates.js';

import { vnDateTime } from '../../platform/values.js';

export { vnDateTime };

/** "1.200.000 đồng" */
export const vnMoney = (n: number): string => `${Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;

const RETURN_METHODS: Record<string, string> = {
  counter: 'nhận trực tiếp tại Bộ phận Một cửa',
  post: 'qua dịch vụ bưu chính công ích',
  online: 'nhận bản điện tử trực tuyến',
};

export interface Names {
  agencyName: string;
  returnAgencyName: string;
}

/** The notification events a dossier event causes (most cause none: claims, forwards, flags, …). */
export function kindsFor(m: DossierEventMessage): EventKind[] {
  switch (m.action) {
    case 'receive':
      // an online registration (channel 2, no code yet) is acknowledged; a counter reception is the receipt
      return m.secret !== null ? ['accepted'] : m.channel === 2 && m.toState === 'registered' ? ['submitted'] : [];
    case 'accept':
      return ['accepted'];
    case 'request_completion':
      return ['completion_requested'];
    case 'refuse':
    case 'reject':
      return ['refused'];
    case 'request_supplement':
      return ['supplement_requested'];
    case 'request_payment':
      return ['payment_requested'];
    case 'confirm_payment':
      // the receipt the system issued for an online payment (the desk gives its own receipt in person)
      return m.payload.method === 'online' && typeof m.payload.receiptNumber === 'string' ? ['receipt_issued'] : [];
    case 'apologize':
      return ['apology'];
    case 'record_result':
      return ['result_ready'];
    case 'return_result':
      return ['result_returned', 'rating_invitation'];
    default:
      return [];
  }
}

export function lookupUrl(publicUrl: string, code: string | null, secret?: string | null): string {
  if (!code) return `${publicUrl}/tra-cuu`;
  const q = new URLSearchParams({ code });
  if (secret) q.set('secret', secret);
  return `${publicUrl}/tra-cuu?${q.toString().replace(/\+/g, '%20')}`;
}

/** Variables of one notification event, for one recipient. */
export function varsFor(kind: EventKind, m: DossierEventMessage, names: Names, recipientName: string | null, publicUrl: string): Record<string, string> {
  const p = m.payload as Record<string, unknown>;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
  const items = Array.isArray(p.items) ? (p.items as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const base: Record<string, string> = {
    applicantName: recipientName ?? '',
    dossierCode: m.code ?? '',
    procedureName: m.procedureName,
    agencyName: names.agencyName,
    lookupUrl: lookupUrl(publicUrl, m.code),
  };
  switch (kind) {
    case 'submitted':
      return { ...base, submittedAt: vnDateTime(m.at) };
    case 'accepted':
      return { ...base, lookupSecret: m.secret ?? '', appointment: vnDateTime(m.dueAt), lookupUrl: lookupUrl(publicUrl, m.code, m.secret) };
    case 'completion_requested':
    case 'supplement_requested':
      return { ...base, reason: str('reason'), missingItems: items.map((i) => `- ${i}`).join('\n') };
    case 'refused':
      return { ...base, reason: str('reason') };
    case 'payment_requested':
      return {
        ...base,
        amount: typeof p.amount === 'number' ? vnMoney(p.amount) : 'số tiền theo quy định',
        howToPay: `nộp trực tuyến qua Cổng Dịch vụ công quốc gia hoặc tại ${names.agencyName} (tiền mặt, chuyển khoản, thẻ)`,
        reason: str('reason'),
      };
    case 'receipt_issued': {
      const lines = Array.isArray(p.lines) ? (p.lines as Array<{ name?: unknown; amount?: unknown; exemptReason?: unknown }>) : [];
      const feeLines = lines.map((l) => `- ${String(l.name ?? '')}: ${typeof l.exemptReason === 'string' ? `miễn (${l.exemptReason})` : vnMoney(Number(l.amount) || 0)}`).join('\n');
      return {
        ...base,
        amount: typeof p.amount === 'number' ? vnMoney(p.amount) : '',
        receiptNumber: str('receiptNumber'),
        paidAt: vnDateTime(m.at),
        feeLines: feeLines || `- Phí, lệ phí: ${typeof p.amount === 'number' ? vnMoney(p.amount) : ''}`,
        // the tracking page: with the lookup secret of the Giấy tiếp nhận it lists the payment and its receipt PDF
        receiptUrl: lookupUrl(publicUrl, m.code),
      };
    }
    case 'apology':
      return { ...base, reason: str('reason'), newAppointment: vnDateTime(str('newDueAt') || m.dueAt), previousAppointment: vnDateTime(m.previousDueAt) };
    case 'result_ready':
      return { ...base, returnPlace: names.returnAgencyName, howToCollect: RETURN_METHODS[m.deliveryMethod ?? 'counter'] ?? RETURN_METHODS.counter! };
    case 'result_returned':
      return { ...base, returnMethod: RETURN_METHODS[str('method')] ?? str('method'), trackingNumber: str('trackingNumber') };
    case 'rating_invitation':
      return { ...base, ratingUrl: `${lookupUrl(publicUrl, m.code)}&danh-gia=1` };
    default:
      return base;
  }
}
