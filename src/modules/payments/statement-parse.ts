// The gateway's statement (sao kê / file đối soát) as the cashier downloads it from the gateway's merchant
// portal: CSV (UTF-8, "," ";" or tab separated, quoted fields) or Excel .xlsx (the first sheet). Pure apart from
// reading the workbook: a header row is looked for in the first rows, its columns are recognised by name
// (Vietnamese with or without diacritics, or the gateway's field names): the order reference (mã tham chiếu,
// vnp_TxnRef, MaThamChieu), the gateway's transaction number (mã giao dịch, vnp_TransactionNo), the amount in
// đồng, and optionally a status (rows not successful are left out) and the time. A file that is not one of
// these, lacks the columns or has a bad amount is refused with the row and column named.
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/excel.js';
import { unaccent } from '../../platform/text.js';

export interface StatementRow {
  /** The row number in the file (1 = the first line), for messages. */
  line: number;
  orderRef: string | null;
  txnId: string | null;
  amount: number;
  at: string | null;
}

export interface Statement {
  format: 'csv' | 'xlsx';
  rows: StatementRow[];
  /** Rows whose status says the transaction did not succeed (not compared). */
  skipped: number;
}

/** Why a statement is refused: the code and what to put in its message. */
export class StatementError extends Error {
  constructor(readonly code: 'STATEMENT_UNREADABLE' | 'STATEMENT_EMPTY' | 'STATEMENT_COLUMNS_MISSING' | 'STATEMENT_ROW_INVALID', readonly params: Record<string, string | number> = {}) {
    super(code);
  }
}

const COLUMNS = {
  orderRef: ['ma tham chieu', 'mathamchieu', 'ma don hang', 'ma giao dich merchant', 'order ref', 'orderref', 'order_ref', 'order id', 'orderid', 'vnp_txnref', 'txnref', 'txn ref'],
  txnId: ['ma giao dich', 'magiaodich', 'so giao dich', 'ma gd', 'ma giao dich cong', 'transaction no', 'transactionno', 'vnp_transactionno', 'transaction id', 'txnid', 'txn id'],
  amount: ['so tien', 'sotien', 'so tien (vnd)', 'so tien (dong)', 'so tien thanh toan', 'so tien giao dich', 'amount', 'vnp_amount', 'tong tien'],
  status: ['trang thai', 'trangthai', 'tinh trang', 'status', 'ket qua'],
  at: ['thoi gian', 'thoi gian giao dich', 'ngay giao dich', 'thoigiangd', 'pay date', 'paydate', 'vnp_paydate', 'time', 'date'],
} as const;
type Column = keyof typeof COLUMNS;

/** The columns' names in the messages. */
const NAMES = {
  amount: { vi: 'số tiền', en: 'amount' },
  ref: { vi: 'mã tham chiếu / mã giao dịch', en: 'order reference / transaction number' },
};

const norm = (s: string) => unaccent(s).toLowerCase().replace(/[\u00a0\s]+/g, ' ').trim();
const SUCCESS = new Set(['thanh cong', 'da thanh toan', 'success', 'successful', 'paid', '00', 'ok', 'giao dich thanh cong']);

export async function parseStatement(file: Buffer): Promise<Statement> {
  if (file.length === 0) throw new StatementError('STATEMENT_EMPTY');
  const xlsx = file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;
  const grid = xlsx ? await xlsxGrid(file) : csvGrid(file);
  return { format: xlsx ? 'xlsx' : 'csv', ...rowsOf(grid) };
}

/** The first worksheet's cells as text (numbers as their plain digits, dates as ISO). */
async function xlsxGrid(file: Buffer): Promise<string[][]> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(file as never);
  } catch {
    throw new StatementError('STATEMENT_UNREADABLE');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new StatementError('STATEMENT_EMPTY');
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    out[n - 1] = cells;
  });
  return Array.from(out, (r) => r ?? []);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

/** CSV (RFC 4180 quotes), UTF-8 with or without BOM; the separator is the one the first lines use most. */
function csvGrid(file: Buffer): string[][] {
  if (file.includes(0)) throw new StatementError('STATEMENT_UNREADABLE');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw new StatementError('STATEMENT_UNREADABLE');
  }
  text = text.replace(/^\uFEFF/, '');
  // the separator the first lines use most (a title line above the header may have none)
  const head = text.split(/\r?\n/, 10);
  const count = (s: string) => Math.max(...head.map((l) => l.split(s).length));
  const sep = [',', ';', '\t'].map((s) => [s, count(s)] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) { row.push(cell); cell = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** The header row (within the first 10: statements often start with a title), its columns, the data rows. */
function rowsOf(grid: string[][]): { rows: StatementRow[]; skipped: number } {
  const headerAt = grid.slice(0, 10).findIndex((r) => columnsOf(r).amount !== undefined);
  if (grid.every((r) => r.every((c) => c.trim() === ''))) throw new StatementError('STATEMENT_EMPTY');
  const cols = headerAt >= 0 ? columnsOf(grid[headerAt]!) : {};
  const missing = [cols.amount === undefined ? NAMES.amount : null, cols.orderRef === undefined && cols.txnId === undefined ? NAMES.ref : null].filter((x) => x !== null);
  if (missing.length) throw new StatementError('STATEMENT_COLUMNS_MISSING', { columnsVi: missing.map((m) => m.vi).join(', '), columnsEn: missing.map((m) => m.en).join(', ') });
  const rows: StatementRow[] = [];
  let skipped = 0;
  for (let i = headerAt + 1; i < grid.length; i++) {
    const r = grid[i]!;
    const get = (c: Column) => (cols[c] === undefined ? '' : (r[cols[c]!] ?? '').trim());
    if (r.every((c) => c.trim() === '')) continue;
    const orderRef = get('orderRef') || null;
    const txnId = get('txnId') || null;
    if (!orderRef && !txnId) {
      // a total line at the end ("Tổng cộng") has an amount and no reference
      if (r.some((c) => /tong/.test(norm(c)))) continue;
      throw new StatementError('STATEMENT_ROW_INVALID', { row: i + 1, columnVi: NAMES.ref.vi, columnEn: NAMES.ref.en, value: '—' });
    }
    const status = get('status');
    if (status && !SUCCESS.has(norm(status))) { skipped++; continue; }
    const amount = amountOf(get('amount'));
    if (amount === null) throw new StatementError('STATEMENT_ROW_INVALID', { row: i + 1, columnVi: NAMES.amount.vi, columnEn: NAMES.amount.en, value: get('amount') || '—' });
    rows.push({ line: i + 1, orderRef, txnId, amount, at: get('at') || null });
  }
  if (rows.length === 0 && skipped === 0) throw new StatementError('STATEMENT_EMPTY');
  return { rows, skipped };
}

function columnsOf(header: string[]): Partial<Record<Column, number>> {
  const out: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const n = norm(h);
    for (const [col, names] of Object.entries(COLUMNS) as Array<[Column, readonly string[]]>) {
      if (out[col] === undefined && names.includes(n)) out[col] = i;
    }
  });
  return out;
}

/** Whole đồng from "50.000", "50,000", "50 000 đ", "50000", "50000.00", "VND 50.000"; null when it is not one. */
export function amountOf(raw: string): number | null {
  const s = raw.replace(/\s|\u00a0/g, '').replace(/^(vnd|đ)/i, '').replace(/(vnd|đ|đồng|dong)$/i, '');
  let digits: string | null = null;
  if (/^\d+$/.test(s)) digits = s;
  else if (/^\d{1,3}([.,]\d{3})+$/.test(s)) digits = s.replace(/[.,]/g, '');
  else if (/^\d+[.,]0{1,2}$/.test(s)) digits = s.replace(/[.,]0+$/, '');
  else if (/^\d{1,3}(,\d{3})+\.0{1,2}$/.test(s) || /^\d{1,3}(\.\d{3})+,0{1,2}$/.test(s)) digits = s.slice(0, -3).replace(/[.,]/g, '');
  if (digits === null) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
