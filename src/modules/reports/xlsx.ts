// Excel exports of the reports (exceljs): an official-looking layout — agency and national motto, title,
// period, two-row merged headers in Vietnamese, a numbering row, a totals row, frozen header, numbers as
// numbers (percentages with 2 decimals).
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/excel.js';
import { formatLocalDateTime } from '../calendar/working-time.js';
import { viDay } from './period.js';
import type { GroupBy } from './reports.schema.js';
import type { IndicatorsReport, ProgressReport } from './reports.service.js';

export const XLSX_TITLE = 'BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
export const INDICATORS_TITLE = 'KẾT QUẢ BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH SỐ 766/QĐ-TTg)';
export const TOTAL_LABEL = 'Tổng cộng';

const GROUP_HEADERS: Record<GroupBy, string> = {
  agency: 'Cơ quan giải quyết',
  field: 'Lĩnh vực',
  procedure: 'Thủ tục hành chính',
  channel: 'Hình thức tiếp nhận',
  month: 'Tháng',
};

/** Progress columns after STT and the row label: [measure or rate, header group, sub-header]. */
export const PROGRESS_COLUMNS: Array<[keyof ProgressReport['totals'], string, string]> = [
  ['received', 'Số hồ sơ nhận giải quyết', 'Tổng số'],
  ['carriedOver', 'Số hồ sơ nhận giải quyết', 'Từ kỳ trước chuyển sang'],
  ['newOnline', 'Số hồ sơ nhận giải quyết', 'Mới tiếp nhận trực tuyến'],
  ['newInPerson', 'Số hồ sơ nhận giải quyết', 'Mới tiếp nhận trực tiếp'],
  ['newPostal', 'Số hồ sơ nhận giải quyết', 'Mới tiếp nhận qua bưu chính'],
  ['resolved', 'Số hồ sơ đã giải quyết', 'Tổng số'],
  ['resolvedEarly', 'Số hồ sơ đã giải quyết', 'Trước hạn'],
  ['resolvedOnTime', 'Số hồ sơ đã giải quyết', 'Đúng hạn'],
  ['resolvedLate', 'Số hồ sơ đã giải quyết', 'Quá hạn'],
  ['refusedOrStopped', 'Số hồ sơ đã giải quyết', 'Trong đó: từ chối, dừng giải quyết'],
  ['inProcess', 'Số hồ sơ đang giải quyết', 'Tổng số'],
  ['inProcessOnTime', 'Số hồ sơ đang giải quyết', 'Trong hạn'],
  ['inProcessOverdue', 'Số hồ sơ đang giải quyết', 'Quá hạn'],
  ['onTimeRate', 'Tỷ lệ giải quyết đúng hạn (%)', ''],
];

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'Times New Roman';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F3F3' } };

async function newBook(): Promise<ExcelJS.Workbook> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'motcua';
  wb.created = new Date(0); // deterministic files; the period and "as of" are printed in the sheet
  return wb;
}

/** Agency and national motto, title, period lines; returns the next free row. */
function heading(ws: ExcelJS.Worksheet, width: number, opts: { agencyName: string | null; title: string; lines: string[] }): number {
  const half = Math.max(2, Math.floor(width / 2));
  ws.mergeCells(1, 1, 1, half);
  ws.getCell(1, 1).value = (opts.agencyName ?? 'HỆ THỐNG THÔNG TIN GIẢI QUYẾT TTHC').toUpperCase();
  ws.getCell(1, 1).font = { name: FONT, bold: true, size: 11 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.mergeCells(1, half + 1, 1, width);
  ws.getCell(1, half + 1).value = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  ws.getCell(1, half + 1).font = { name: FONT, bold: true, size: 11 };
  ws.getCell(1, half + 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, half + 1, 2, width);
  ws.getCell(2, half + 1).value = 'Độc lập - Tự do - Hạnh phúc';
  ws.getCell(2, half + 1).font = { name: FONT, bold: true, underline: true, size: 12 };
  ws.getCell(2, half + 1).alignment = { horizontal: 'center' };
  ws.getRow(1).height = 30;
  let row = 4;
  ws.mergeCells(row, 1, row, width);
  ws.getCell(row, 1).value = opts.title;
  ws.getCell(row, 1).font = { name: FONT, bold: true, size: 14 };
  ws.getCell(row, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(row).height = 24;
  for (const line of opts.lines) {
    row++;
    ws.mergeCells(row, 1, row, width);
    ws.getCell(row, 1).value = line;
    ws.getCell(row, 1).font = { name: FONT, italic: true, size: 11 };
    ws.getCell(row, 1).alignment = { horizontal: 'center' };
  }
  return row + 2;
}

function styleHeaderCell(c: ExcelJS.Cell): void {
  c.font = { name: FONT, bold: true, size: 10 };
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  c.border = BORDER;
  c.fill = HEADER_FILL;
}

function periodLines(period: { from: string; to: string; asOf: string }, extra: string[] = []): string[] {
  const asOf = formatLocalDateTime(new Date(period.asOf)); // YYYY-MM-DDTHH:MM
  return [
    `Kỳ báo cáo: từ ngày ${viDay(period.from)} đến ngày ${viDay(period.to)}`,
    `Số liệu tính đến ${asOf.slice(11, 16)} ngày ${viDay(asOf.slice(0, 10))}${extra.length ? `; ${extra.join('; ')}` : ''}`,
  ];
}

/** The progress report (GET /reports/progress) as a workbook. */
export async function progressWorkbook(r: ProgressReport): Promise<Buffer> {
  const wb = await newBook();
  const ws = wb.addWorksheet('Tiến độ giải quyết', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const width = 2 + PROGRESS_COLUMNS.length;
  const h1 = heading(ws, width, { agencyName: r.agencyName, title: XLSX_TITLE, lines: periodLines(r.period, [`theo ${GROUP_HEADERS[r.groupBy].toLowerCase()}`]) });
  const h2 = h1 + 1;
  // two-row merged headers
  ws.mergeCells(h1, 1, h2, 1);
  ws.getCell(h1, 1).value = 'STT';
  ws.mergeCells(h1, 2, h2, 2);
  ws.getCell(h1, 2).value = GROUP_HEADERS[r.groupBy];
  let col = 3;
  while (col <= width) {
    const group = PROGRESS_COLUMNS[col - 3]![1];
    let last = col;
    while (last + 1 <= width && PROGRESS_COLUMNS[last + 1 - 3]![1] === group) last++;
    const sub = PROGRESS_COLUMNS[col - 3]![2];
    if (last === col && sub === '') {
      ws.mergeCells(h1, col, h2, col);
      ws.getCell(h1, col).value = group;
    } else {
      if (last > col) ws.mergeCells(h1, col, h1, last);
      ws.getCell(h1, col).value = group;
      for (let c = col; c <= last; c++) ws.getCell(h2, c).value = PROGRESS_COLUMNS[c - 3]![2];
    }
    col = last + 1;
  }
  for (let c = 1; c <= width; c++) {
    styleHeaderCell(ws.getCell(h1, c));
    styleHeaderCell(ws.getCell(h2, c));
  }
  ws.getRow(h1).height = 30;
  ws.getRow(h2).height = 45;
  // numbering row (1) (2) …
  const numbering = h2 + 1;
  for (let c = 1; c <= width; c++) {
    const cell = ws.getCell(numbering, c);
    cell.value = `(${c})`;
    cell.font = { name: FONT, italic: true, size: 9 };
    cell.alignment = { horizontal: 'center' };
    cell.border = BORDER;
  }
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: numbering, topLeftCell: `C${numbering + 1}`, activeCell: `C${numbering + 1}` }];

  const put = (rowNo: number, stt: number | string, row: ProgressReport['totals'], total: boolean) => {
    const excelRow = ws.getRow(rowNo);
    excelRow.getCell(1).value = stt;
    excelRow.getCell(2).value = row.label;
    PROGRESS_COLUMNS.forEach(([m], i) => {
      const v = row[m];
      excelRow.getCell(3 + i).value = typeof v === 'number' ? v : null;
    });
    for (let c = 1; c <= width; c++) {
      const cell = excelRow.getCell(c);
      cell.border = BORDER;
      cell.font = { name: FONT, size: 10, bold: total };
      if (total) cell.fill = TOTAL_FILL;
      if (c >= 3) {
        cell.alignment = { horizontal: 'right' };
        cell.numFmt = c === width ? '0.00' : '#,##0';
      } else cell.alignment = { horizontal: c === 1 ? 'center' : 'left', vertical: 'middle', wrapText: true };
    }
  };
  let rowNo = numbering + 1;
  r.rows.forEach((row, i) => put(rowNo++, i + 1, row, false));
  put(rowNo, '', { ...r.totals, label: TOTAL_LABEL }, true);

  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = r.groupBy === 'procedure' ? 60 : 40;
  for (let c = 3; c <= width; c++) ws.getColumn(c).width = 12;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The QĐ 766 indicators (GET /reports/indicators) as a workbook. */
export async function indicatorsWorkbook(r: IndicatorsReport): Promise<Buffer> {
  const wb = await newBook();
  const ws = wb.addWorksheet('Chỉ số QĐ 766', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const width = 8;
  const h1 = heading(ws, width, { agencyName: r.agencyName, title: INDICATORS_TITLE, lines: periodLines(r.period) });
  const h2 = h1 + 1;
  ws.mergeCells(h1, 1, h2, 1);
  ws.getCell(h1, 1).value = 'Mã';
  ws.mergeCells(h1, 2, h2, 2);
  ws.getCell(h1, 2).value = 'Nhóm chỉ số / Chỉ số';
  ws.mergeCells(h1, 3, h1, 5);
  ws.getCell(h1, 3).value = 'Số liệu';
  ws.getCell(h2, 3).value = 'Tử số';
  ws.getCell(h2, 4).value = 'Mẫu số';
  ws.getCell(h2, 5).value = 'Tỷ lệ (%)';
  ws.mergeCells(h1, 6, h1, 7);
  ws.getCell(h1, 6).value = 'Điểm';
  ws.getCell(h2, 6).value = 'Đạt';
  ws.getCell(h2, 7).value = 'Tối đa';
  ws.mergeCells(h1, 8, h2, 8);
  ws.getCell(h1, 8).value = 'Ghi chú';
  for (let c = 1; c <= width; c++) {
    styleHeaderCell(ws.getCell(h1, c));
    styleHeaderCell(ws.getCell(h2, c));
  }
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: h2, topLeftCell: `C${h2 + 1}`, activeCell: `C${h2 + 1}` }];

  let rowNo = h2 + 1;
  const line = (values: Array<string | number | null>, opts: { bold?: boolean; fill?: ExcelJS.Fill } = {}) => {
    const row = ws.getRow(rowNo++);
    values.forEach((v, i) => (row.getCell(i + 1).value = v));
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      cell.font = { name: FONT, size: 10, bold: !!opts.bold };
      if (opts.fill) cell.fill = opts.fill;
      if (c >= 3 && c <= 7) {
        cell.alignment = { horizontal: 'right', vertical: 'top' };
        cell.numFmt = c === 3 || c === 4 ? '#,##0' : '0.00';
      } else cell.alignment = { horizontal: c === 1 ? 'center' : 'left', vertical: 'top', wrapText: true };
    }
  };
  for (const g of r.groups) {
    line([g.code, g.nameVi, null, null, null, g.score, g.max, g.score === null ? 'Chưa có chỉ số nào đủ dữ liệu' : null], { bold: true, fill: HEADER_FILL });
    for (const i of g.indicators) {
      line([i.code, i.nameVi, i.numerator, i.denominator, i.ratio, i.score, i.max, i.available ? i.noteVi : `Chưa đủ dữ liệu: ${i.noteVi}`]);
    }
  }
  line(['', 'Tổng điểm các chỉ số có dữ liệu', null, null, null, r.score, r.maxAvailable, 'Điểm tối đa của cả bộ chỉ số: 100'], { bold: true, fill: TOTAL_FILL });

  ws.getColumn(1).width = 7;
  ws.getColumn(2).width = 48;
  for (const c of [3, 4, 5, 6, 7]) ws.getColumn(c).width = 11;
  ws.getColumn(8).width = 70;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** ASCII file names: `bao-cao-tien-do_<from>_<to>.xlsx`. */
export const progressFileName = (r: ProgressReport) => `bao-cao-tien-do-giai-quyet_${r.groupBy}_${r.period.from}_${r.period.to}.xlsx`;
export const indicatorsFileName = (r: IndicatorsReport) => `chi-so-qd766_${r.period.from}_${r.period.to}.xlsx`;
