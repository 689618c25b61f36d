// Renders the forms of TT 03/2025 (Appendix I) as A4 PDFs with pdfmake: national heading, agency,
// form number and title, place and date, body from the versioned template, tables, signature blocks.
// Every string is NFC-normalised before it reaches the PDF (NFD text renders but extracts broken).
import { loadPdfmake } from '../../platform/fonts/pdfmake.js';
import type { ReceiptComponent } from '../dossiers/receipt-facts.js';
import { conditionalLine, segments, type FormTemplate } from './templates.js';

const nfc = (s: string | null | undefined): string => (s ?? '').normalize('NFC');
const MM = 72 / 25.4;

// ------------------------------------------------------------------------------------------------
// Dates in Vietnam (UTC+7, no daylight saving)

const VN_OFFSET = 7 * 3_600_000;
const vn = (d: Date | string) => new Date(new Date(d).getTime() + VN_OFFSET);
const p2 = (n: number) => String(n).padStart(2, '0');

/** "09 giờ 05 phút, ngày 23 tháng 11 năm 2026" */
export function vnDateTime(d: Date | string | null | undefined): string {
  if (!d) return '';
  const t = vn(d);
  return `${p2(t.getUTCHours())} giờ ${p2(t.getUTCMinutes())} phút, ngày ${p2(t.getUTCDate())} tháng ${p2(t.getUTCMonth() + 1)} năm ${t.getUTCFullYear()}`;
}
/** "ngày 23 tháng 11 năm 2026" */
export function vnLongDate(d: Date | string | null | undefined): string {
  if (!d) return '';
  const t = vn(d);
  return `ngày ${p2(t.getUTCDate())} tháng ${p2(t.getUTCMonth() + 1)} năm ${t.getUTCFullYear()}`;
}
/** "23/11/2026" */
export function vnDate(d: Date | string | null | undefined): string {
  if (!d) return '';
  const t = vn(d);
  return `${p2(t.getUTCDate())}/${p2(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}
/** "23/11/2026 09:05" */
export function vnShortDateTime(d: Date | string | null | undefined): string {
  if (!d) return '';
  const t = vn(d);
  return `${vnDate(d)} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}`;
}
/** Local calendar date (YYYY-MM-DD) in Vietnam. */
export function vnIsoDate(d: Date | string): string {
  return vn(d).toISOString().slice(0, 10);
}

/** "1.200.000 đồng" */
export function vnMoney(n: number): string {
  return `${Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

// ------------------------------------------------------------------------------------------------
// Render model

/** A line of a checklist (forms 01 and 04): as the dossiers module reads it from the filing. */
export type ComponentRow = ReceiptComponent;

export interface SlipRow {
  index: number;
  giver: string;
  receiver: string;
  giverPerson: string;
  receiverPerson: string;
  at: string;
  classification: string;
  note: string;
}

export interface RegisterRow {
  code: string;
  procedure: string;
  sets: number;
  applicant: string;
  contact: string;
  leadAgency: string;
  receivedAt: string;
  appointmentAt: string;
  transferredAt: string;
  resultReceivedAt: string;
  returnedAt: string;
  delivery: string;
  note: string;
}

export interface RenderInput {
  template: FormTemplate;
  heading: {
    /** Managing body (e.g. "ỦY BAN NHÂN DÂN TỈNH THANH HÓA"); optional. */
    parentAgency: string | null;
    agency: string;
    place: string;
    date: Date;
    /** Names never broken across two lines (the province, the place), in any case. */
    keep?: string[];
  };
  /** Document number before the template suffix ("Số: 15/TN"); empty = "Số: ……" */
  number?: string | null;
  vars: Record<string, string | null | undefined>;
  tables?: {
    components?: ComponentRow[];
    items?: string[];
    slip?: SlipRow[];
    register?: RegisterRow[];
  };
  qr?: { url: string; caption: string[] };
  /** Small system line in the footer (e.g. "In từ hệ thống … lúc …"). */
  footer?: string;
}

/**
 * A text with each name of `keep` as an unbreakable inline piece (pdfmake `noWrap`), case-insensitive:
 * "ỦY BAN NHÂN DÂN TỈNH THANH HÓA" may wrap before "THANH HÓA", never inside it.
 */
export function keepTogether(text: string, keep: string[] = []): string | Array<{ text: string; noWrap?: boolean }> {
  const names = [...new Set(keep.map((k) => nfc(k).trim()).filter((k) => k.includes(' ')))];
  if (names.length === 0) return nfc(text);
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(${names.map(esc).join('|')})`, 'giu');
  const parts = nfc(text).split(re).filter((x) => x !== '');
  if (parts.length === 1 && !re.test(parts[0]!)) return nfc(text);
  return parts.map((x) => (names.some((n) => n.toLocaleLowerCase('vi') === x.toLocaleLowerCase('vi')) ? { text: x, noWrap: true } : { text: x }));
}

/**
 * How tightly a document is set: 0 is the normal layout; a form that must fit one page (form 01) is set
 * again at 1, 2, 3 (smaller type, tighter lines and margins) until it does.
 */
export type Density = 0 | 1 | 2 | 3;
const DENSITY = [
  { body: 12.5, table: 11, line: 1.05, top: 18, bottom: 15, left: 30, right: 20 },
  { body: 12, table: 10.5, line: 1.0, top: 14, bottom: 12, left: 25, right: 15 },
  { body: 11.5, table: 10, line: 1.0, top: 12, bottom: 10, left: 20, right: 15 },
  { body: 10, table: 8.5, line: 0.95, top: 8, bottom: 8, left: 20, right: 12 },
] as const;

const FORM_LABEL: Record<ComponentRow['form'], string> = { original: 'Bản chính', certified: 'Bản sao có chứng thực', copy: 'Bản sao' };

function paragraph(line: string, vars: RenderInput['vars'], keep: string[] = []): Record<string, unknown> {
  const piece = (x: string, extra: Record<string, unknown>) => {
    const k = keepTogether(x, keep);
    return typeof k === 'string' ? [{ text: k, ...extra }] : k.map((p) => ({ ...p, ...extra }));
  };
  return {
    text: segments(line, vars).flatMap((s) => (s.value ? piece(nfc(s.text) || '……………', { bold: true }) : piece(nfc(s.text), {}))),
    margin: [0, 1, 0, 1],
    alignment: 'justify',
  };
}

const th = (text: string, extra: Record<string, unknown> = {}) => ({ text: nfc(text), bold: true, alignment: 'center', fontSize: 11, ...extra });
const td = (text: string | number, extra: Record<string, unknown> = {}) => ({ text: nfc(String(text)), fontSize: 11, ...extra });
const thBase = th;
const tdBase = td;

function table(name: string, input: RenderInput, density: Density = 0): Record<string, unknown> | null {
  const t = input.tables ?? {};
  switch (name) {
    case 'components': {
      const rows = t.components ?? [];
      const size = { fontSize: DENSITY[density].table };
      const th = (x: string, extra: Record<string, unknown> = {}) => thBase(x, { ...size, ...extra });
      const td = (x: string | number, extra: Record<string, unknown> = {}) => tdBase(x, { ...size, ...extra });
      return {
        table: {
          headerRows: 1,
          // the name takes the width: the form column holds "Bản sao có chứng thực" on two lines
          widths: [20, '*', 66, 36, 34],
          body: [
            [th('TT'), th('Tên thành phần hồ sơ'), th('Hình thức'), th('Số lượng'), th('Số hóa')],
            ...(rows.length
              ? rows.map((r, i) => [
                  td(i + 1, { alignment: 'center' }),
                  td(r.name),
                  td(FORM_LABEL[r.form], { alignment: 'center' }),
                  td(r.copies, { alignment: 'center' }),
                  td(r.reused ? 'Tái sử dụng' : r.digitised ? 'x' : '', { alignment: 'center' }),
                ])
              : [[td('—', { alignment: 'center' }), td('Không có thành phần hồ sơ kèm theo'), td(''), td(''), td('')]]),
          ],
        },
        margin: [0, 3, 0, 6],
        // tight layouts: less padding in every cell
        ...(density >= 2 ? { layout: { paddingTop: () => 1, paddingBottom: () => 1 } } : {}),
      };
    }
    case 'items': {
      const rows = t.items ?? [];
      return {
        table: {
          headerRows: 1,
          widths: [22, '*'],
          body: [
            [th('TT'), th('Nội dung cần bổ sung, hoàn thiện')],
            ...(rows.length ? rows.map((r, i) => [td(i + 1, { alignment: 'center' }), td(r)]) : [[td('—', { alignment: 'center' }), td('')]]),
          ],
        },
        margin: [0, 3, 0, 6],
      };
    }
    case 'slip': {
      const rows = t.slip ?? [];
      return {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: [95, '*', 62, 60],
          body: [
            [th('TÊN CƠ QUAN'), th('THỜI GIAN GIAO, NHẬN HỒ SƠ'), th('KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/Đúng hạn/Quá hạn)', { fontSize: 9 }), th('GHI CHÚ')],
            ...rows.map((r) => [
              td(`${r.index}. Giao: ${r.giver}\nNhận: ${r.receiver}`, { fontSize: 10 }),
              {
                stack: [
                  td(r.at, { fontSize: 10, bold: true }),
                  {
                    columns: [
                      { stack: [td('Người giao', { italics: true, fontSize: 9, alignment: 'center' }), td(r.giverPerson, { fontSize: 10, alignment: 'center' })] },
                      { stack: [td('Người nhận', { italics: true, fontSize: 9, alignment: 'center' }), td(r.receiverPerson, { fontSize: 10, alignment: 'center' })] },
                    ],
                    columnGap: 4,
                    margin: [0, 3, 0, 0],
                  },
                ],
              },
              td(r.classification, { alignment: 'center', fontSize: 10 }),
              td(r.note, { fontSize: 9 }),
            ]),
            ...(rows.length ? [] : [[td('—'), td('Chưa có lần giao, nhận nào'), td(''), td('')]]),
          ],
        },
        margin: [0, 4, 0, 6],
      };
    }
    case 'register': {
      const rows = t.register ?? [];
      const s = { fontSize: 7.5 };
      const h = (x: string) => th(x, { fontSize: 7 });
      return {
        table: {
          headerRows: 1,
          widths: [16, 88, '*', 22, 58, 58, 58, 36, 36, 36, 36, 36, 36, 28, 30],
          body: [
            [
              h('STT'), h('Mã hồ sơ'), h('Tên thủ tục hành chính'), h('Số lượng hồ sơ (bộ)'), h('Tên cá nhân, tổ chức'),
              h('Địa chỉ, số điện thoại'), h('Cơ quan chủ trì giải quyết'), h('Ngày nhận hồ sơ'), h('Ngày hẹn trả kết quả'),
              h('Ngày chuyển hồ sơ'), h('Ngày nhận kết quả từ cơ quan giải quyết'), h('Ngày trả kết quả'), h('Hình thức nhận kết quả'),
              h('Ký nhận'), h('Ghi chú'),
            ],
            ...rows.map((r, i) => [
              td(i + 1, { ...s, alignment: 'center' }), td(r.code, s), td(r.procedure, s), td(r.sets, { ...s, alignment: 'center' }),
              td(r.applicant, s), td(r.contact, s), td(r.leadAgency, s), td(r.receivedAt, s), td(r.appointmentAt, s),
              td(r.transferredAt, s), td(r.resultReceivedAt, s), td(r.returnedAt, s), td(r.delivery, s), td('', s), td(r.note, s),
            ]),
          ],
        },
        margin: [0, 4, 0, 6],
      };
    }
    default:
      return null;
  }
}

function qrBlock(input: RenderInput): Record<string, unknown> | null {
  if (!input.qr) return null;
  return {
    columns: [
      // white quiet zone is the page itself: nothing else is drawn within 12 pt of the code
      { width: 96, stack: [{ qr: nfc(input.qr.url), fit: 90, eccLevel: 'M', margin: [0, 0, 0, 0] }] },
      {
        width: '*',
        stack: input.qr.caption.map((c, i) => ({ text: nfc(c), font: 'BeVietnamPro', fontSize: i === 0 ? 9.5 : 8.5, bold: i === 0, margin: [0, 0, 0, 3] })),
        margin: [12, 8, 0, 0],
      },
    ],
    margin: [0, 6, 0, 2],
    unbreakable: true,
  };
}

const LEFT_W = 178;
const GAP = 6;
const contentWidth = (landscape?: boolean, density: Density = 0) => (landscape ? 297 - 30 : 210 - DENSITY[density].left - DENSITY[density].right) * MM;

function heading(input: RenderInput, density: Density = 0): Record<string, unknown>[] {
  const c = input.template.content;
  const h = input.heading;
  const left: Record<string, unknown>[] = [];
  // left heading (ND 30/2020): managing body upper case, issuing body upper case bold, a short rule under it
  const keep = [...(h.keep ?? []), h.place];
  const upper = (x: string) => keepTogether(nfc(x).toUpperCase(), keep.map((k) => k.toUpperCase()));
  if (h.parentAgency) left.push({ text: upper(h.parentAgency), fontSize: 11, alignment: 'center' });
  left.push({ text: upper(h.agency), fontSize: 11, bold: !c.unitLine, alignment: 'center' });
  if (c.unitLine) left.push({ text: upper(c.unitLine), fontSize: 11, bold: true, alignment: 'center' });
  left.push({ canvas: [{ type: 'line', x1: LEFT_W / 2 - 40, y1: 2, x2: LEFT_W / 2 + 40, y2: 2, lineWidth: 0.6 }], margin: [0, 0, 0, 4] });
  if (c.numberSuffix) left.push({ text: nfc(`Số: ${input.number || '……'}${c.numberSuffix}`), fontSize: 13, alignment: 'center' });

  const rightW = contentWidth(c.landscape, density) - LEFT_W - GAP;
  const right: Record<string, unknown>[] = [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', fontSize: 12, bold: true, alignment: 'center' },
    { text: 'Độc lập - Tự do - Hạnh phúc', fontSize: 13, bold: true, alignment: 'center' },
    { canvas: [{ type: 'line', x1: rightW / 2 - 84, y1: 2, x2: rightW / 2 + 84, y2: 2, lineWidth: 0.6 }], margin: [0, 0, 0, 4] },
    { text: keepTogether(`${h.place}, ${vnLongDate(h.date)}`, keep), fontSize: 13, italics: true, alignment: 'center' },
  ];
  return [
    { text: nfc(`${c.formLabel} – ${input.template.legalBasis}`), fontSize: 9, italics: true, alignment: 'right', margin: [0, -12, 0, 4] },
    { columns: [{ width: LEFT_W, stack: left }, { width: rightW, stack: right }], columnGap: GAP },
    { text: nfc(c.title), fontSize: 14, bold: true, alignment: 'center', margin: [0, 14, 0, 2] },
    ...(c.subtitle ?? [])
      .map((l) => conditionalLine(l, input.vars))
      .filter((l): l is string => l !== null)
      .map((l) => ({ ...paragraph(l, input.vars), alignment: 'center', italics: true, margin: [0, 0, 0, 2] })),
    { text: '', margin: [0, 0, 0, 6] },
  ];
}

/** The QR code with its caption under it, narrow: beside the signatures in the tight layouts. */
function compactQr(input: RenderInput): Record<string, unknown> | null {
  if (!input.qr) return null;
  return {
    width: 120,
    stack: [
      { qr: nfc(input.qr.url), fit: 72, eccLevel: 'M' },
      ...input.qr.caption.map((c, i) => ({ text: nfc(c), font: 'BeVietnamPro', fontSize: i === 0 ? 7.5 : 6.5, bold: i === 0, margin: [0, i === 0 ? 4 : 1, 0, 0] })),
    ],
  };
}

function signatures(input: RenderInput, beside: Record<string, unknown> | null = null): Record<string, unknown> | null {
  const sigs = input.template.content.signatures;
  if (sigs.length === 0) return null;
  const block = (s: (typeof sigs)[number]) => ({
    stack: [
      { text: nfc(s.title), bold: true, alignment: 'center' },
      { text: nfc(s.hint), italics: true, alignment: 'center', fontSize: 11 },
      { text: ' ', margin: [0, 0, 0, beside ? 22 : 30] },
      { text: nfc(s.nameVar ? (input.vars[s.nameVar] ?? '') : ''), bold: true, alignment: 'center' },
    ],
  });
  const cols = sigs.length === 1 ? [{ width: '*', text: '' }, { width: 220, ...block(sigs[0]!) }] : sigs.map((s) => ({ width: '*', ...block(s) }));
  return { columns: beside ? [beside, ...cols.filter((x) => 'stack' in x)] : cols, margin: [0, 8, 0, 0], unbreakable: true };
}

/** The pdfmake document definition (exported for tests). */
export function documentDefinition(input: RenderInput, density: Density = 0): Record<string, unknown> {
  const c = input.template.content;
  const d = DENSITY[density];
  const keep = [...(input.heading.keep ?? []), input.heading.place];
  const content: unknown[] = [...heading(input, density)];
  for (const raw of c.body) {
    const trimmed = raw.trim();
    const tm = /^\{\{table:([a-z]+)\}\}$/.exec(trimmed);
    if (tm) {
      const tb = table(tm[1]!, input, density);
      if (tb) content.push(tb);
      continue;
    }
    if (trimmed === '{{qr}}') {
      // the tight layouts put the code beside the signatures instead
      const q = density >= 2 && c.signatures.length > 0 ? null : qrBlock(input);
      if (q) content.push(q);
      continue;
    }
    const line = conditionalLine(raw, input.vars);
    if (line !== null) content.push(paragraph(line, input.vars, keep));
  }
  const qrBeside = density >= 2 && c.body.some((l) => l.trim() === '{{qr}}') ? compactQr(input) : null;
  const sig = signatures(input, qrBeside);
  if (sig) content.push(sig);
  for (const n of c.notes ?? []) content.push({ text: nfc(n), fontSize: density >= 2 ? 8.5 : 9.5, italics: true, margin: [0, density >= 2 ? 4 : 8, 0, 0], alignment: 'justify' });

  const landscape = !!c.landscape;
  return {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: landscape ? [15 * MM, 15 * MM, 15 * MM, 15 * MM] : [d.left * MM, d.top * MM, d.right * MM, d.bottom * MM],
    info: {
      title: nfc(`${c.formLabel}: ${input.template.title}${input.vars.code ? ` – ${input.vars.code}` : ''}`),
      author: nfc(input.heading.agency),
      subject: nfc(input.template.title),
      creator: 'motcua',
      producer: 'motcua (pdfmake)',
    },
    defaultStyle: { font: 'Tinos', fontSize: d.body, lineHeight: d.line },
    content,
    footer: (page: number, pages: number) => ({
      columns: [
        { text: nfc(input.footer ?? ''), font: 'BeVietnamPro', fontSize: 7, color: '#555555' },
        { text: `${page}/${pages}`, font: 'BeVietnamPro', fontSize: 7, alignment: 'right', width: 40 },
      ],
      margin: landscape ? [15 * MM, 8, 15 * MM, 0] : [d.left * MM, 12, d.right * MM, 0],
    }),
  };
}

/** The PDF; with `onePage`, set tighter (Density 1–3) until it fits one sheet (the last try is kept). */
export async function renderPdf(input: RenderInput, opts: { onePage?: boolean } = {}): Promise<Buffer> {
  const pdfmake = await loadPdfmake();
  let pdf = await pdfmake.createPdf(documentDefinition(input)).getBuffer();
  for (let density = 1; opts.onePage && density <= 3 && (await pageCountOf(pdf)) > 1; density++) {
    pdf = await pdfmake.createPdf(documentDefinition(input, density as Density)).getBuffer();
  }
  return pdf;
}

async function pageCountOf(pdf: Buffer): Promise<number> {
  const { PDFDocument } = await import('pdf-lib'); // loaded on first use, as pdfmake
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}
