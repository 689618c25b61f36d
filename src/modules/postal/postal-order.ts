// The VNPost order of a result sent by post (pure): OrderNumber = the dossier code, the return agency as the
// sender, the applicant (or the delivery address they gave) as the receiver, with the two-tier
// administrative-unit codes; COD = the fees when the applicant asked to pay the postal worker.
import type { PostalOrder } from '../../platform/ports/postal.js';

export interface ResultDelivery {
  dossierCode: string;
  customerCode: string;
  sender: { name: string; provinceCode: string; communeCode?: string; tel?: string };
  applicant: Record<string, any>;
  filing: Record<string, any>;
  /** Province of the receiver's commune (looked up from the commune code). */
  receiverProvinceCode: string | null;
  resultTitles: string[];
}

/** Where the result goes: the delivery address given at reception, else the applicant's address. */
export function receiverAddress(applicant: Record<string, any>, filing: Record<string, any>): { line: string; communeCode: string; provinceCode?: string } | null {
  const a = filing.delivery?.address ?? applicant.address;
  return a?.line && a?.communeCode ? a : null;
}

/** Fees the postal worker collects: only when the applicant chose to pay on delivery (filing.delivery.cod). */
export function codAmount(filing: Record<string, any>): number {
  if (filing.delivery?.cod !== true) return 0;
  const fees: any[] = Array.isArray(filing.fees) ? filing.fees : [];
  return fees.reduce((s, f) => s + (typeof f.amountVnd === 'number' && f.amountVnd > 0 ? Math.round(f.amountVnd) : 0), 0);
}

/** The order, or why none can be made (no address, no phone). */
export function resultOrder(d: ResultDelivery): { order: PostalOrder } | { problem: string } {
  const to = receiverAddress(d.applicant, d.filing);
  if (!to) return { problem: 'Không có địa chỉ nhận kết quả (xã/phường và địa chỉ).' };
  const province = to.provinceCode ?? d.receiverProvinceCode;
  if (!province) return { problem: `Không xác định được tỉnh của xã/phường ${to.communeCode}.` };
  const tel = String(d.applicant.phone ?? '').replace(/\s+/g, '');
  if (!tel) return { problem: 'Người nhận không có số điện thoại.' };
  const name = d.applicant.kind === 'organisation' && d.applicant.organisation?.name ? d.applicant.organisation.name : d.applicant.fullName;
  return {
    order: {
      Direction: 'OUTBOUND_RESULT', CustomerCode: d.customerCode, OrderNumber: d.dossierCode, CODAmount: codAmount(d.filing),
      SenderName: d.sender.name.slice(0, 300), SenderAddress: d.sender.name.slice(0, 500), SenderTel: d.sender.tel, SenderProvince: d.sender.provinceCode, SenderCommune: d.sender.communeCode,
      ReceiverName: String(name ?? 'Người nhận').slice(0, 300), ReceiverAddress: String(to.line).slice(0, 500), ReceiverTel: tel,
      ReceiverEmail: d.applicant.email || undefined, ReceiverProvince: province, ReceiverCommune: to.communeCode,
      SenderDesc: `Kết quả giải quyết hồ sơ ${d.dossierCode}${d.resultTitles.length ? `: ${d.resultTitles.join('; ')}` : ''}`.slice(0, 2000),
      Description: `Trả kết quả TTHC qua dịch vụ bưu chính công ích — hồ sơ ${d.dossierCode}`.slice(0, 500),
    },
  };
}

export interface PickupRequest {
  reference: string;
  customerCode: string;
  procedure: { code: string; name: string };
  applicant: Record<string, any>;
  /** Where the postal worker collects the papers, with the commune's province. */
  from: { line: string; communeCode: string; provinceCode: string };
  desk: { name: string; provinceCode: string; communeCode?: string; tel: string };
  checklist: { name: string; required: boolean; originals: number; certifiedCopies: number; copies: number }[];
}

/** The postal worker's checklist as printed on the order (SenderDesc): each paper with how many of which form. */
export function checklistText(r: Pick<PickupRequest, 'procedure' | 'checklist'>): string {
  const counts = (c: PickupRequest['checklist'][number]) => [c.originals ? `${c.originals} bản chính` : '', c.certifiedCopies ? `${c.certifiedCopies} bản sao chứng thực` : '', c.copies ? `${c.copies} bản sao` : ''].filter(Boolean).join(', ');
  const items = r.checklist.map((c, i) => `${i + 1}. ${c.name.length > 160 ? `${c.name.slice(0, 159)}…` : c.name} (${[c.required ? 'bắt buộc' : 'nếu có', counts(c)].filter(Boolean).join('; ')})`);
  const head = `Thu gom hồ sơ TTHC ${r.procedure.code} — ${r.procedure.name}. Thành phần hồ sơ: `;
  const text = head + (items.length ? items.join('; ') : 'theo danh mục của thủ tục');
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

/** The collection order (INBOUND_DOSSIER): the applicant is the sender, the receiving desk the receiver. */
export function pickupOrder(r: PickupRequest): PostalOrder {
  const name = r.applicant.kind === 'organisation' && r.applicant.organisation?.name ? r.applicant.organisation.name : r.applicant.fullName;
  return {
    Direction: 'INBOUND_DOSSIER', CustomerCode: r.customerCode, OrderNumber: r.reference, CODAmount: 0,
    SenderName: String(name ?? 'Người nộp').slice(0, 300), SenderAddress: r.from.line.slice(0, 500), SenderTel: String(r.applicant.phone ?? '').replace(/\s+/g, '') || undefined,
    SenderEmail: r.applicant.email || undefined, SenderProvince: r.from.provinceCode, SenderCommune: r.from.communeCode,
    ReceiverName: r.desk.name.slice(0, 300), ReceiverAddress: r.desk.name.slice(0, 500), ReceiverTel: r.desk.tel,
    // a province-level desk has no commune in the unit register: the applicant's commune stands in (VNPost
    // asks for one; the desk's province and name route the item)
    ReceiverProvince: r.desk.provinceCode, ReceiverCommune: r.desk.communeCode ?? r.from.communeCode,
    SenderDesc: checklistText(r),
    Description: `Nhận hồ sơ tại nhà qua dịch vụ bưu chính công ích — ${r.reference}`.slice(0, 500),
  };
}
