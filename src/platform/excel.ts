// exceljs, loaded on first use (an export or a bank statement): importing it costs about 0.3 s, which every
// start-up would otherwise pay (issue 19 item 7).
import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | undefined;

export function loadExcel(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? m) as typeof ExcelJS);
  return loaded;
}
