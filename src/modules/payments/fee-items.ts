// What is owed (pure): the fee lines of a dossier from the catalogue's fees of its channel (the province's
// local overrides already applied at reception) and the official's payment request. The catalogue's amounts
// are not always a price: 0 often means "the provincial People's Council sets it" (so nothing can be charged
// until the province enters its amount as a local override), a unit price ("/trang", "/bản") needs a
// quantity only the desk knows, and null means the text had no amount in đồng. Those lines are listed as
// needing the agency's notice; only lines with a real amount are charged, exemptions keep their reason.
import type { FeeLine } from '../../platform/ports/payments.js';

export interface CatalogFee {
  name: string;
  amountVnd: number | null;
  note?: string | null;
}

export type LineState = 'charged' | 'exempt' | 'set_locally' | 'per_unit' | 'unpriced';

export interface OwedLine extends FeeLine {
  state: LineState;
  /** Why nothing is charged for this line (exempt), or what the agency must still decide. */
  reason: string | null;
  /** An official's line: the unit amount, the quantity and the legal basis of its exemption. */
  unitAmount?: number;
  quantity?: number;
  legalBasis?: string | null;
}

/** A line as kept with the payment and printed on the receipt: charged lines, and exempt ones at 0 with their reason. */
export interface PaymentItem extends FeeLine {
  unitAmount?: number;
  quantity?: number;
  exemptReason?: string;
  legalBasis?: string;
}

/** The official's payment request (status 6): one amount (older requests) or lines. */
export interface RequestedFees {
  amount: number | null;
  lines: Array<{ name: string; kind: 'phi' | 'le_phi'; amount: number; quantity: number; total: number; exemptReason: string | null; legalBasis: string | null }> | null;
}

export interface Owed {
  lines: OwedLine[];
  /** The lines to charge (state 'charged'): what the gateway receives. */
  items: FeeLine[];
  /** The lines kept with the payment (charged and exempt), printed on the receipt. */
  receiptItems: PaymentItem[];
  total: number;
  /** Why the total cannot be charged online yet ('amount_unknown') or there is nothing to pay ('free'). */
  blocked: null | 'amount_unknown' | 'free';
}

const FREE_NOTE = /(^|[^\p{L}])(miễn (phí|lệ phí|thu)|không (thu|mất) (phí|lệ phí))/iu;
const LOCAL_NOTE = /(hội đồng nhân dân|hđnd|theo quy định|thông tư|nghị quyết|do .{0,40}quyết định)/iu;
/** Unit prices whose quantity the desk counts (pages, copies, sheets); "/trường hợp", "/hồ sơ" are one per dossier. */
const PER_UNIT_NOTE = /^\/?\s*(trang|bản|tờ|văn bản|giấy|chữ ký|người|lần cấp)\b/iu;

/** phí (1) or lệ phí (2), as the DVCQG platform's LoaiPhiLePhi wants it; "Phí, lệ phí" counts as lệ phí. */
export function feeKind(name: string, note: string | null | undefined): FeeLine['kind'] {
  const text = `${name} ${note ?? ''}`.toLowerCase();
  if (/lệ phí/.test(text)) return 'le_phi';
  return /(^|[^\p{L}])phí/u.test(text) ? 'phi' : 'le_phi';
}

export function classifyFee(f: CatalogFee): { state: LineState; reason: string | null } {
  const note = (f.note ?? '').trim();
  if (f.amountVnd === null) return { state: 'unpriced', reason: 'Danh mục không ghi số tiền bằng đồng; cơ quan thông báo số tiền.' };
  if (f.amountVnd > 0) {
    if (PER_UNIT_NOTE.test(note)) return { state: 'per_unit', reason: `Đơn giá ${f.amountVnd} đồng ${note}; số lượng do cơ quan xác định.` };
    return { state: 'charged', reason: null };
  }
  if (note === '') return { state: 'exempt', reason: 'Miễn phí, lệ phí theo danh mục thủ tục hành chính.' };
  // "Mức lệ phí do HĐND tỉnh quyết định; miễn cho …": the amount is the province's, the exemption a case of it
  const startsFree = /^[(\s-]*(miễn|không thu)/iu.test(note);
  if (LOCAL_NOTE.test(note) && !startsFree) return { state: 'set_locally', reason: note.slice(0, 300) };
  if (FREE_NOTE.test(note)) return { state: 'exempt', reason: note.slice(0, 300) };
  if (LOCAL_NOTE.test(note)) return { state: 'set_locally', reason: note.slice(0, 300) };
  return { state: 'exempt', reason: note.slice(0, 300) };
}

/** The official's lines win over the catalogue: charged when they cost something, exempt with their reason. */
function requestedLines(lines: NonNullable<RequestedFees['lines']>): Owed {
  const owed: OwedLine[] = lines.map((l, i) => ({
    kind: l.kind, code: `CB${String(i + 1).padStart(2, '0')}`, name: l.name, amount: l.total, unitAmount: l.amount, quantity: l.quantity,
    state: l.exemptReason ? 'exempt' : 'charged', reason: l.exemptReason, legalBasis: l.legalBasis,
  }));
  const charged = owed.filter((l) => l.state === 'charged' && l.amount > 0);
  const total = charged.reduce((s, l) => s + l.amount, 0);
  const receiptItems: PaymentItem[] = owed.map((l) => ({
    ...strip(l), unitAmount: l.unitAmount!, quantity: l.quantity!,
    ...(l.state === 'exempt' ? { exemptReason: l.reason!, ...(l.legalBasis ? { legalBasis: l.legalBasis } : {}) } : {}),
  }));
  return { lines: owed, items: charged.map(strip), receiptItems, total, blocked: total > 0 ? null : 'free' };
}

/**
 * The owed lines. `requested`: the official's payment request (status 6), which wins over the catalogue: its
 * lines when it has them; a single amount keeps the catalogue lines when they add up to it, else one line
 * "theo thông báo".
 */
export function owedFor(fees: CatalogFee[], request: number | null | RequestedFees): Owed {
  const req: RequestedFees = typeof request === 'object' && request !== null ? request : { amount: request, lines: null };
  if (req.lines && req.lines.length > 0) return requestedLines(req.lines);
  const requested = req.amount;
  const lines: OwedLine[] = fees.map((f, i) => {
    const c = classifyFee(f);
    return { kind: feeKind(f.name, f.note), code: `PLP${String(i + 1).padStart(2, '0')}`, name: f.name, amount: c.state === 'charged' ? f.amountVnd! : 0, ...c };
  });
  const charged = lines.filter((l) => l.state === 'charged');
  const catalogueTotal = charged.reduce((s, l) => s + l.amount, 0);
  if (requested !== null && requested > 0 && requested !== catalogueTotal) {
    const notice: OwedLine = { kind: charged[0]?.kind ?? 'le_phi', code: 'TB01', name: 'Phí, lệ phí theo thông báo của cơ quan giải quyết', amount: requested, state: 'charged', reason: null };
    // the agency's notice replaces the catalogue's lines (it has counted pages, copies, the local rate)
    return { lines: [notice], items: [strip(notice)], receiptItems: [strip(notice)], total: requested, blocked: null };
  }
  const total = catalogueTotal;
  const undecided = lines.some((l) => l.state === 'set_locally' || l.state === 'per_unit' || l.state === 'unpriced');
  const blocked = total > 0 ? null : undecided || lines.length === 0 ? 'amount_unknown' : 'free';
  return { lines, items: charged.map(strip), receiptItems: charged.map(strip), total, blocked };
}

function strip(l: OwedLine): FeeLine {
  return { kind: l.kind, code: l.code, name: l.name, amount: l.amount };
}
