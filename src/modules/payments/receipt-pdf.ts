// The electronic receipt (biên lai điện tử) of an online payment: the agency, the receipt series and number
// (ký hiệu, số — gapless per series and year, issued with the payment), the payer, the dossier, the fee
// lines, the total in figures and in words, how and when it was paid. Rendered on request from the payment row.
import { loadPdfmake } from '../../platform/fonts/pdfmake.js';
import { vndInWords } from './vnd-words.js';


export interface ReceiptInput {
  agencyName: string;
  series: string;
  number: string;
  payerName: string;
  dossierCode: string;
  procedure: string;
  items: Array<{ kind: 'phi' | 'le_phi'; name: string; amount: number; unitAmount?: number; quantity?: number; exemptReason?: string; legalBasis?: string }>;
  total: number;
  gateway: string;
  gatewayTxnId: string | null;
  paidAt: Date;
  refundedAt: Date | null;
}

const GATEWAY_NAMES: Record<string, string> = {
  dvcqg: 'Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia',
  vnpay: 'Cổng thanh toán VNPay',
  simulated: 'Cổng thanh toán mô phỏng (môi trường thử nghiệm)',
  recording: 'Cổng thanh toán ghi nhận (môi trường thử nghiệm)',
};

const nfc = (s: string) => s.normalize('NFC');
const money = (n: number) => `${n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
const p2 = (n: number) => String(n).padStart(2, '0');
function vnDateTime(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3_600_000);
  return `${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())} ngày ${p2(t.getUTCDate())}/${p2(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}

/** The line's name, its quantity when more than one, and the reason (and basis) of an exemption. */
function lineText(i: ReceiptInput['items'][number]): unknown[] {
  const out: unknown[] = [nfc(i.name)];
  if (i.quantity && i.quantity > 1 && i.unitAmount !== undefined) out.push({ text: ` (${i.quantity} × ${money(i.unitAmount)})`, fontSize: 9 });
  if (i.exemptReason) out.push({ text: `\nMiễn: ${nfc(i.exemptReason)}${i.legalBasis ? ` (căn cứ: ${nfc(i.legalBasis)})` : ''}`, italics: true, fontSize: 9 });
  return out;
}

export function receiptDefinition(r: ReceiptInput): Record<string, unknown> {
  // "BLDT-26-0000001": ký hiệu (series and year) and số (the 7-digit number), printed apart
  const no = r.number.slice(r.number.lastIndexOf('-') + 1);
  const symbol = r.number.slice(0, r.number.lastIndexOf('-'));
  const rows = r.items.map((i, n) => [String(n + 1), { text: lineText(i) }, i.kind === 'phi' ? 'Phí' : 'Lệ phí', { text: i.exemptReason ? 'Miễn' : money(i.amount), alignment: 'right' }]);
  return {
    pageSize: 'A5',
    pageMargins: [36, 36, 36, 36],
    defaultStyle: { font: 'Tinos', fontSize: 11 },
    info: { title: `Biên lai ${r.number}` },
    content: [
      { columns: [{ text: nfc(r.agencyName.toUpperCase()), bold: true, width: '*' }, { text: [`Ký hiệu: ${nfc(symbol)}\n`, `Số: ${no}`], alignment: 'right', width: 'auto' }] },
      { text: 'BIÊN LAI THU PHÍ, LỆ PHÍ', bold: true, fontSize: 15, alignment: 'center', margin: [0, 16, 0, 0] },
      { text: '(Biên lai điện tử)', italics: true, alignment: 'center', margin: [0, 0, 0, 12] },
      { text: [{ text: 'Họ tên người nộp: ', bold: true }, nfc(r.payerName)] },
      { text: [{ text: 'Mã hồ sơ: ', bold: true }, r.dossierCode] },
      { text: [{ text: 'Thủ tục: ', bold: true }, nfc(r.procedure)], margin: [0, 0, 0, 8] },
      {
        table: { headerRows: 1, widths: [18, '*', 44, 86], body: [[{ text: 'TT', bold: true }, { text: 'Khoản thu', bold: true }, { text: 'Loại', bold: true }, { text: 'Số tiền', bold: true, alignment: 'right' }], ...rows,
          [{ text: '', border: [false, false, false, false] }, { text: 'Tổng cộng', bold: true, colSpan: 2 }, '', { text: money(r.total), bold: true, alignment: 'right' }]] },
        layout: 'lightHorizontalLines',
      },
      { text: [{ text: 'Số tiền bằng chữ: ', bold: true }, vndInWords(r.total)], margin: [0, 8, 0, 0] },
      { text: [{ text: 'Hình thức thanh toán: ', bold: true }, `trực tuyến qua ${GATEWAY_NAMES[r.gateway] ?? r.gateway}`], margin: [0, 4, 0, 0] },
      r.gatewayTxnId ? { text: [{ text: 'Mã giao dịch: ', bold: true }, r.gatewayTxnId] } : '',
      { text: [{ text: 'Thời gian thanh toán: ', bold: true }, vnDateTime(r.paidAt)] },
      r.refundedAt ? { text: `ĐÃ HOÀN TIỀN lúc ${vnDateTime(r.refundedAt)}`, bold: true, color: '#8a1c1c', margin: [0, 8, 0, 0] } : '',
      { text: 'Biên lai được lập tự động khi hệ thống nhận được xác nhận thanh toán từ cổng thanh toán.', italics: true, fontSize: 9, margin: [0, 16, 0, 0] },
    ],
  };
}

export async function renderReceipt(r: ReceiptInput): Promise<Buffer> {
  return (await loadPdfmake()).createPdf(receiptDefinition(r)).getBuffer();
}
