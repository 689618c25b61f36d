// Form 01, the receipt and appointment (Giấy tiếp nhận hồ sơ và hẹn trả kết quả), built from plain dossier
// data (pure: no I/O, no clock). What any receipt says of the filing is read once by the dossiers module
// (receipt-facts.ts, re-exported here); `receiptVars` and `receiptQr` are the printed wording.
import { vnDateTime, vnMoney } from '../pdf.js';
import type { FilingDelivery, FilingFee, ReceiptFacts } from '../../dossiers/receipt-facts.js';

export { receiptFacts, type FilingComponent, type FilingDelivery, type FilingFee, type ReceiptFacts, type ReceiptFile, type ReceiptFiling } from '../../dossiers/receipt-facts.js';

/** "2.5 ngày làm việc", "Trong ngày làm việc", or '' without a limit. */
export function legalTimeText(t: ReceiptFacts['legalTime']): string {
  return t.sameDay ? 'Trong ngày làm việc' : t.hours !== null ? `${Number((t.hours / 8).toFixed(2))} ngày làm việc` : '';
}

/** "Không", or each fee as "name: 50.000 đồng" / "Miễn phí" / its text, joined by "; ". */
export function feesText(fees: readonly FilingFee[]): string {
  // a fee named only "Phí, lệ phí" says nothing more than the line's own label
  const label = (f: { name?: string }) => (f.name && !/^phí,? lệ phí$/i.test(f.name.trim()) ? `${f.name}: ` : '');
  return fees.length === 0
    ? 'Không'
    : fees.map((f) => (typeof f.amountVnd === 'number' ? `${label(f)}${f.amountVnd === 0 ? 'Miễn phí' : vnMoney(f.amountVnd)}` : (f.text ?? ''))).join('; ');
}

/** Where the result is returned: by post to an address, online, or at the desk of `place`. */
export function deliveryPlaceText(delivery: FilingDelivery, place: string, applicantAddress: string): string {
  return delivery.method === 'post'
    ? `Qua dịch vụ bưu chính công ích, địa chỉ: ${delivery.address?.line ?? applicantAddress}`
    : delivery.method === 'online'
      ? `Trực tuyến (bản điện tử trên Cổng Dịch vụ công; bản giấy tại ${place} nếu có yêu cầu)`
      : `Bộ phận tiếp nhận và trả kết quả – ${place}`;
}

export interface ReceiptInput {
  facts: ReceiptFacts;
  acceptedAt: string;
  dueAt: string | null;
  /** The return point's name, else the receiving centre's. */
  place: string;
  applicantAddress: string;
  /** The register book (the year) and the dossier's number in it. */
  registerBook: string;
  registerSeq: number;
  officerName: string;
}

/** The form 01 variables on top of the common dossier variables. */
export function receiptVars(r: ReceiptInput): Record<string, string> {
  return {
    sets: '01',
    legalTime: legalTimeText(r.facts.legalTime),
    receivedAt: vnDateTime(r.acceptedAt),
    appointmentAt: vnDateTime(r.dueAt),
    fees: feesText(r.facts.fees),
    deliveryPlace: deliveryPlaceText(r.facts.delivery, r.place, r.applicantAddress),
    registerBook: r.registerBook,
    registerSeq: String(Math.max(1, r.registerSeq)),
    officerName: r.officerName,
  };
}

/** The QR code to the public lookup (with the secret only when it was given and checked). */
export function receiptQr(publicUrl: string, code: string, secret: string | null): { url: string; caption: string[] } {
  const base = `${publicUrl}/tra-cuu`;
  const url = `${base}?code=${encodeURIComponent(code)}${secret ? `&secret=${encodeURIComponent(secret)}` : ''}`;
  return {
    url,
    caption: [
      'Tra cứu tình trạng hồ sơ',
      `Quét mã QR hoặc truy cập ${base}`,
      `Mã hồ sơ: ${code}`,
      secret ? `Mã tra cứu: ${secret}` : 'Mã tra cứu: in trên Giấy tiếp nhận bản giao cho người nộp hồ sơ',
    ],
  };
}
