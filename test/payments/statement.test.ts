// The gateway's statement imported into the daily reconciliation, with fixed files (test/payments/statements/):
// the same day's statement as CSV (UTF-8 with BOM, ";", a title line, "50.000", a failed line and a total line)
// and as Excel .xlsx (numbers, dates, a formula total). Three payments made through the simulated gateway
// (its transaction numbers SIM00000001…3 are sequential): one matches, one has another amount in the
// statement, one is missing from it, and the statement has a transaction motcua never heard of. The
// differences come back in the JSON report and in the workbook's sheet; bad files get a clear error on the
// file field.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dossierAwaitingPayment, eventually, payOnGateway, startPaymentWorld, type PaymentWorld } from './helpers.js';

const DIR = 'test/payments/statements';
const DAY = '2026-11-23';
let w: PaymentWorld;
const refs: string[] = [];

beforeAll(async () => {
  w = await startPaymentWorld();
  for (const amount of [50_000, 30_000, 20_000]) {
    const d = await dossierAwaitingPayment(w, amount);
    const p = (await w.t.client().post('/api/v1/public/payments', { code: d.code, secret: d.secret })).body;
    await payOnGateway(p.payUrl);
    await eventually(async () => (await w.cashier.get(`/api/v1/payments?dossierCode=${encodeURIComponent(d.code)}`)).body.items[0]?.status, (s) => s === 'paid');
    refs.push(p.orderRef);
  }
});
afterAll(async () => w?.close());

function form(name: string, bytes: Buffer | string, type: string): FormData {
  const f = new FormData();
  f.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name);
  return f;
}
const upload = (path: string, name: string, bytes: Buffer | string, type = 'text/csv') => w.cashier.post(path, form(name, bytes, type));
const CSV = readFileSync(`${DIR}/statement-${DAY}.csv`);
const XLSX = readFileSync(`${DIR}/statement-${DAY}.xlsx`);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('the gateway\'s statement in the daily reconciliation', () => {
  it('CSV and Excel: matched by transaction and amount; every difference listed', async () => {
    for (const [name, bytes, type, format] of [[`sao-ke-${DAY}.csv`, CSV, 'text/csv', 'csv'], [`sao-ke-${DAY}.xlsx`, XLSX, XLSX_TYPE, 'xlsx']] as const) {
      const r = await upload(`/api/v1/payments/reconciliation/statement?date=${DAY}`, name, bytes, type);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ day: DAY, format, lines: 3, skipped: 1, matched: 1 });
      const diffs = r.body.differences.map((d: any) => [d.kind, d.orderRef, d.txnId, d.ourAmount, d.statementAmount]);
      expect(diffs, format).toEqual([
        ['amount_mismatch', refs[1], 'SIM00000002', 30_000, 3_000],
        ['only_in_statement', 'MOTCUAKHONGCO261123', 'SIM00009999', null, 15_000],
        ['only_in_motcua', refs[2], 'SIM00000003', 20_000, null],
      ]);
    }
  });

  it('the Excel export carries the differences with the statement', async () => {
    const res = await fetch(`${w.t.url}/api/v1/payments/reconciliation.xlsx?date=${DAY}`, {
      method: 'POST', body: form(`sao-ke-${DAY}.csv`, CSV, 'text/csv'),
      headers: { cookie: [...w.cashier.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': w.cashier.csrf! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = wb.getWorksheet('Đối chiếu sao kê')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(String(rows[0]![0])).toContain('3 dòng giao dịch thành công, 1 dòng khớp, 3 chênh lệch');
    expect(rows.slice(2).map((r) => [r[1], r[2]])).toEqual([
      ['Số tiền khác nhau', refs[1]],
      ['Có trong sao kê, hệ thống chưa ghi nhận thanh toán', 'MOTCUAKHONGCO261123'],
      ['Hệ thống ghi đã thanh toán, không có trong sao kê', refs[2]],
    ]);
    const summary = wb.getWorksheet('Tổng hợp')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(summary).toContainEqual(['Số chênh lệch với sao kê', 3]);
    // the day's own sheets are still there
    expect(wb.getWorksheet('Giao dịch')!.rowCount).toBe(4);
  });

  it('a bad file gets a clear error on the file field, never a 500', async () => {
    const cases: Array<[string, Buffer | string, string, number, string]> = [
      ['bad-amount.csv', readFileSync(`${DIR}/bad-amount.csv`), 'text/csv', 422, 'STATEMENT_ROW_INVALID'],
      ['missing-columns.csv', readFileSync(`${DIR}/missing-columns.csv`), 'text/csv', 422, 'STATEMENT_COLUMNS_MISSING'],
      ['scan.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'image/png', 422, 'STATEMENT_UNREADABLE'],
      ['broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]), XLSX_TYPE, 422, 'STATEMENT_UNREADABLE'],
      ['empty.csv', '', 'text/csv', 422, 'STATEMENT_EMPTY'],
    ];
    for (const [name, bytes, type, status, code] of cases) {
      const r = await upload(`/api/v1/payments/reconciliation/statement?date=${DAY}`, name, bytes, type);
      expect(r.status, name).toBe(status);
      expect(r.body.code, name).toBe(code);
      expect(r.body.errors?.[0]?.path, name).toBe('body.file');
    }
    for (const [lang, text] of [['vi', 'Dòng 3 của tệp sao kê: số tiền không hợp lệ (năm mươi nghìn)'], ['en', 'Line 3 of the statement: the amount is not valid']] as const) {
      const row = await w.cashier.post(`/api/v1/payments/reconciliation/statement?date=${DAY}`, form('bad-amount.csv', readFileSync(`${DIR}/bad-amount.csv`), 'text/csv'), { 'accept-language': lang });
      expect(row.body.title, lang).toContain(text);
    }
    const none = await w.cashier.post(`/api/v1/payments/reconciliation/statement?date=${DAY}`, new FormData());
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('STATEMENT_FILE_REQUIRED');
    expect((await upload('/api/v1/payments/reconciliation/statement?date=2026-02-30', 'a.csv', CSV)).body.code).toBe('PAYMENT_DATE_INVALID');
    // only cashiers, reception and leaders
    const handler = await w.handler.post(`/api/v1/payments/reconciliation/statement?date=${DAY}`, form('a.csv', CSV, 'text/csv'));
    expect(handler.status).toBe(403);
  });
});
