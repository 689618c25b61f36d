// The daily reconciliation (đối soát): every payment motcua created that day (Vietnam time) is put beside what
// the gateway says of it now (its status query — the gateway's statement, line by line), and the messages we
// refused that day (forged, unknown orders, wrong amounts, late) are listed: every difference is a line the
// cashier must look at. An Excel workbook: a summary sheet, the lines, the differences, the refused messages.
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/excel.js';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { PaymentState } from '../../platform/ports/payments.js';
import { cashierAgencyIds } from './cashier-scope.js';
import { gatewayForPayment } from './account-gateway.js';
import { receiptNumberOf } from './payment-view.js';
import { paymentErrors } from './payments.errors.js';
import * as repo from './payments.repo.js';
import type { StatementDifferenceKind, StatementReconciliation } from './statement-match.js';

export interface ReconLine {
  orderRef: string;
  dossierCode: string;
  createdAt: Date;
  ours: { status: string; amount: number; txnId: string | null; receipt: string | null };
  gateway: { status: string; amount: number; txnId: string | null } | null;
  difference: string | null;
}

/** Where our record and the gateway's differ, in words (null = they agree). Pure. */
export function differenceOf(ours: ReconLine['ours'], g: ReconLine['gateway']): string | null {
  if (!g) return 'Cổng thanh toán không trả lời truy vấn';
  const paidHere = ours.status === 'paid' || ours.status === 'refunded';
  const paidThere = g.status === 'paid' || g.status === 'refunded';
  if (paidHere !== paidThere) return paidThere ? 'Cổng báo đã thanh toán, hệ thống chưa ghi nhận' : 'Hệ thống ghi đã thanh toán, cổng không xác nhận';
  if (ours.status !== g.status && !(ours.status === 'expired' && g.status === 'failed') && !(ours.status === 'failed' && g.status === 'expired')) {
    return `Trạng thái khác nhau: hệ thống ${ours.status}, cổng ${g.status}`;
  }
  if (paidHere && g.amount !== ours.amount) return `Số tiền khác nhau: hệ thống ${ours.amount}, cổng ${g.amount}`;
  if (paidHere && ours.txnId && g.txnId && ours.txnId !== g.txnId) return `Mã giao dịch khác nhau: ${ours.txnId} / ${g.txnId}`;
  return null;
}

/** The day's window: 00:00–24:00 in Vietnam. */
export function dayWindow(day: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const from = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, -7)) : new Date(NaN);
  if (!m || Number.isNaN(from.getTime()) || new Date(from.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) !== day) throw paymentErrors.PAYMENT_DATE_INVALID();
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

export async function reconcileDay(ctx: AppContext, p: Principal, day: string) {
  const agencyIds = await cashierAgencyIds(ctx, p);
  const { from, to } = dayWindow(day);
  const { items } = await repo.list(ctx.db, { agencyIds, from, to, limit: 10_000, offset: 0 });
  const lines: ReconLine[] = [];
  for (const r of items.reverse()) {
    const ours = { status: r.status, amount: r.amount, txnId: r.gateway_txn_id, receipt: receiptNumberOf(r) };
    let g: PaymentState | null = null;
    const gw = r.gateway === ctx.payments.name ? (await gatewayForPayment(ctx, r)).gateway : null;
    if (gw) g = await gw.queryPayment(r.order_ref, r.created_at).catch(() => null);
    const gateway = g && { status: g.status, amount: g.amount, txnId: g.gatewayTxnId };
    lines.push({ orderRef: r.order_ref, dossierCode: r.dossier_code, createdAt: r.created_at, ours, gateway, difference: differenceOf(ours, gateway) });
  }
  const refused = await repo.refusedMessages(ctx.db, from, to);
  return { day, lines, refused: refused.map((m) => ({ at: new Date(m.received_at), channel: m.channel, orderRef: m.order_ref, outcome: m.outcome, detail: m.detail, remoteIp: m.remote_ip })) };
}

const OUTCOME_VI: Record<string, string> = {
  forged: 'Sai chữ ký', unknown_order: 'Không có giao dịch', amount_mismatch: 'Sai số tiền', late: 'Quá thời gian cho phép', error: 'Lỗi', failed: 'Hoàn tiền lỗi', manual: 'Hoàn tiền thủ công',
};
const STATUS_VI: Record<string, string> = { pending: 'Chờ thanh toán', paid: 'Đã thanh toán', failed: 'Thất bại', expired: 'Hết hạn', refunded: 'Đã hoàn tiền' };
const ddmmyyyy = (day: string) => day.split('-').reverse().join('/');
const vnTime = (d: Date) => { const t = new Date(d.getTime() + 7 * 3_600_000).toISOString(); return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 19)}`; };

const STATEMENT_KIND_VI: Record<StatementDifferenceKind, string> = {
  only_in_statement: 'Có trong sao kê, hệ thống chưa ghi nhận thanh toán',
  only_in_motcua: 'Hệ thống ghi đã thanh toán, không có trong sao kê',
  amount_mismatch: 'Số tiền khác nhau',
  duplicate_in_statement: 'Sao kê ghi trùng giao dịch',
};

/** The statement's sheet: every difference with the gateway's own file (when one was imported). */
function statementSheet(wb: ExcelJS.Workbook, st: StatementReconciliation): void {
  const ws = wb.addWorksheet('Đối chiếu sao kê');
  ws.addRow([`Sao kê của cổng (${st.format.toUpperCase()}): ${st.lines} dòng giao dịch thành công, ${st.matched} dòng khớp, ${st.differences.length} chênh lệch${st.skipped ? `, ${st.skipped} dòng không thành công bỏ qua` : ''}`]).font = { bold: true };
  ws.addRow(['STT', 'Loại chênh lệch', 'Mã tham chiếu', 'Mã giao dịch (cổng)', 'Mã hồ sơ', 'Trạng thái (hệ thống)', 'Số tiền (hệ thống)', 'Số tiền (sao kê)', 'Dòng trong sao kê']).font = { bold: true };
  st.differences.forEach((d, i) => ws.addRow([i + 1, STATEMENT_KIND_VI[d.kind], d.orderRef ?? '', d.txnId ?? '', d.dossierCode ?? '', d.ourStatus ? (STATUS_VI[d.ourStatus] ?? d.ourStatus) : '', d.ourAmount ?? '', d.statementAmount ?? '', d.line ?? '']));
  ws.columns.forEach((c) => { c.width = 22; });
  ws.getColumn(2).width = 48;
}

export async function reconciliationWorkbook(r: Awaited<ReturnType<typeof reconcileDay>>, statement?: StatementReconciliation): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const sum = wb.addWorksheet('Tổng hợp');
  const paid = r.lines.filter((l) => l.ours.status === 'paid' || l.ours.status === 'refunded');
  sum.addRows([
    [`BÁO CÁO ĐỐI SOÁT THANH TOÁN TRỰC TUYẾN NGÀY ${ddmmyyyy(r.day)}`], [],
    ['Số giao dịch trong ngày', r.lines.length],
    ['Số giao dịch đã thanh toán', paid.length],
    ['Tổng tiền đã thanh toán (đồng)', paid.reduce((s, l) => s + l.ours.amount, 0)],
    ['Số chênh lệch', r.lines.filter((l) => l.difference).length],
    ['Số bản tin bị từ chối', r.refused.length],
    ...(statement ? [['Số dòng sao kê của cổng', statement.lines], ['Số dòng sao kê khớp', statement.matched], ['Số chênh lệch với sao kê', statement.differences.length]] : []),
  ]);
  sum.getCell('A1').font = { bold: true, size: 13 };
  sum.getColumn(1).width = 40;
  sum.getColumn(2).width = 18;
  const header = ['STT', 'Mã tham chiếu', 'Mã hồ sơ', 'Thời gian tạo', 'Trạng thái (hệ thống)', 'Số tiền (hệ thống)', 'Mã giao dịch (hệ thống)', 'Số biên lai', 'Trạng thái (cổng)', 'Số tiền (cổng)', 'Mã giao dịch (cổng)', 'Chênh lệch'];
  const row = (l: ReconLine, i: number) => [i + 1, l.orderRef, l.dossierCode, vnTime(l.createdAt), STATUS_VI[l.ours.status] ?? l.ours.status, l.ours.amount, l.ours.txnId ?? '', l.ours.receipt ?? '',
    l.gateway ? (STATUS_VI[l.gateway.status] ?? l.gateway.status) : '', l.gateway?.amount ?? '', l.gateway?.txnId ?? '', l.difference ?? ''];
  for (const [name, list] of [['Giao dịch', r.lines], ['Chênh lệch', r.lines.filter((l) => l.difference)]] as const) {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    list.forEach((l, i) => ws.addRow(row(l, i)));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((c) => { c.width = 20; });
  }
  const ref = wb.addWorksheet('Bản tin bị từ chối');
  ref.addRow(['STT', 'Thời gian', 'Kênh', 'Mã tham chiếu', 'Lý do', 'Chi tiết', 'Địa chỉ gửi']).font = { bold: true };
  r.refused.forEach((m, i) => ref.addRow([i + 1, vnTime(m.at), m.channel, m.orderRef ?? '', OUTCOME_VI[m.outcome] ?? m.outcome, m.detail ?? '', m.remoteIp ?? '']));
  ref.columns.forEach((c) => { c.width = 22; });
  if (statement) statementSheet(wb, statement);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
