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
