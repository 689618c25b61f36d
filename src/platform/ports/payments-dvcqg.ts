// The national public-service payment platform (DVCQG "Nền tảng thanh toán trực tuyến"), message formats as
// the provincial systems use them (docs: integrations-vn.md §2.3 a): INIT (JSON POST; the answer's `message`
// is a JSON string holding UrlThanhToan) → the citizen pays on the platform → CONFIRM (the platform POSTs
// the outcome, answered with a signed {MaLoi, MoTaLoi, MaDoiTac, MaThamChieu, ThoiGianGD, MaXacThuc}) and
// QUERY for what was not confirmed. MaXacThuc = SHA-256 over the fields joined with "|" and the secret.
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { unaccent } from '../text.js';
import {
  DVCQG_ANSWER_FIELDS, DVCQG_CONFIRM_FIELDS, DVCQG_INIT_FIELDS, DVCQG_QUERY_FIELDS, dvcqgSign, parseVnTimestamp, sameHex, vnTimestamp,
} from './payment-signing.js';
import {
  CreatePayment,
  type CallbackOutcome, type CallOptions, type CreatedPayment, type MerchantCredentials, type PaymentCallback, type PaymentGateway, type PaymentState,
  type RefundResult, type VerifiedCallback,
} from './payments.js';

export interface DvcqgPaymentOptions {
  /** The platform's endpoint (through the province's LGSP or directly). */
  url: string;
  partnerCode: string;
  secret: string;
  version: string;
  clock: Clock;
}

const PAY_WINDOW_MS = 15 * 60_000;

/** Our MaLoi answers to a CONFIRM ("00" = received). */
export const DVCQG_CONFIRM_ANSWERS: Record<CallbackOutcome, { MaLoi: string; MoTaLoi: string }> = {
  accepted: { MaLoi: '00', MoTaLoi: 'Thành công' },
  duplicate: { MaLoi: '00', MoTaLoi: 'Giao dịch đã được ghi nhận' },
  unknown_order: { MaLoi: '01', MoTaLoi: 'Không tìm thấy mã tham chiếu' },
  amount_mismatch: { MaLoi: '04', MoTaLoi: 'Số tiền không khớp' },
  forged: { MaLoi: '97', MoTaLoi: 'Sai mã xác thực' },
  late: { MaLoi: '98', MoTaLoi: 'Bản tin quá thời gian cho phép' },
  error: { MaLoi: '99', MoTaLoi: 'Lỗi không xác định' },
};

const Answer = z.object({ error_code: z.union([z.string(), z.number()]).transform(String), message: z.string().optional() });

export class DvcqgPaymentGateway implements PaymentGateway {
  readonly name = 'dvcqg';
  constructor(private readonly opts: DvcqgPaymentOptions) {}

  forAccount(c: MerchantCredentials): PaymentGateway {
    return new DvcqgPaymentGateway({ ...this.opts, partnerCode: c.merchant, secret: c.secret });
  }

  orderRefOf(params: PaymentCallback): string | null {
    return params.MaThamChieu ?? null;
  }

  async createPayment(req: CreatePayment, _o: CallOptions): Promise<CreatedPayment> {
    const m = CreatePayment.parse(req);
    const now = this.opts.clock.now();
    const msg = dvcqgInitMessage(m, { partnerCode: this.opts.partnerCode, version: this.opts.version, now });
    const body = { ...msg, MaXacThuc: dvcqgSign(msg, DVCQG_INIT_FIELDS, this.opts.secret) };
    const inner = await this.post(body);
    const url = z.object({ UrlThanhToan: z.string().url() }).parse(inner).UrlThanhToan;
    return { orderId: m.orderId, gatewayRef: m.orderId, payUrl: url, expiresAt: new Date(now.getTime() + PAY_WINDOW_MS) };
  }

  async verifyCallback(p: PaymentCallback): Promise<VerifiedCallback> {
    if (!sameHex(p.MaXacThuc, dvcqgSign(p, DVCQG_CONFIRM_FIELDS, this.opts.secret))) return { valid: false, reason: 'bad signature', orderId: p.MaThamChieu };
    const amount = Number(p.SoTien);
    if (p.LoaiBanTin !== 'CONFIRM' || !p.MaThamChieu || !Number.isInteger(amount)) return { valid: false, reason: 'malformed message', orderId: p.MaThamChieu };
    if (p.MaDoiTac !== this.opts.partnerCode) return { valid: false, reason: 'another partner code', orderId: p.MaThamChieu };
    return {
      valid: true, orderId: p.MaThamChieu, status: p.MaLoi === '00' ? 'paid' : 'failed', amount, currency: p.MaTienTe ?? 'VND',
      gatewayTxnId: p.MaGiaoDich ?? '', at: parseVnTimestamp(p.ThoiGianGD),
    };
  }

  callbackAnswer(outcome: CallbackOutcome, p: PaymentCallback): { status: number; body: unknown } {
    const a = { ...DVCQG_CONFIRM_ANSWERS[outcome], MaDoiTac: this.opts.partnerCode, MaThamChieu: p.MaThamChieu ?? '', ThoiGianGD: vnTimestamp(this.opts.clock.now()) };
    return { status: 200, body: { ...a, MaXacThuc: dvcqgSign(a, DVCQG_ANSWER_FIELDS, this.opts.secret) } };
  }

  async queryPayment(orderId: string): Promise<PaymentState> {
    const msg = { LoaiBanTin: 'QUERY', PhienBan: this.opts.version, MaDoiTac: this.opts.partnerCode, MaThamChieu: orderId, ThoiGianGD: vnTimestamp(this.opts.clock.now()) };
    const inner = await this.post({ ...msg, MaXacThuc: dvcqgSign(msg, DVCQG_QUERY_FIELDS, this.opts.secret) });
    // the answer carries the transaction as a CONFIRM would: same fields, same MaXacThuc
    const v = await this.verifyCallback({ ...strings(inner), LoaiBanTin: 'CONFIRM' });
    if (!v.valid) {
      if (String(inner.MaLoi ?? '') === '01') return { orderId, status: 'expired', amount: 0, gatewayTxnId: null };
      return { orderId, status: 'pending', amount: 0, gatewayTxnId: null };
    }
    return { orderId, status: v.status, amount: v.amount, currency: v.currency, gatewayTxnId: v.gatewayTxnId || null };
  }

  /** The platform publishes no refund message: the agency pays back from its account and records it. */
  async refund(): Promise<RefundResult> {
    return { status: 'manual', ref: null, detail: 'the DVCQG payment platform has no refund message; refund from the beneficiary account' };
  }

  /** POST a signed message; the platform's `message` is itself JSON. */
  private async post(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await fetch(this.opts.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`DVCQG payment ${String(body.LoaiBanTin)}: HTTP ${res.status}`);
    const a = Answer.parse(await res.json());
    if (a.error_code !== '0') throw new Error(`DVCQG payment ${String(body.LoaiBanTin)}: error_code ${a.error_code} ${a.message ?? ''}`);
    const inner: unknown = JSON.parse(a.message ?? '{}');
    return typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {};
  }
}

function strings(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
}

/** The INIT message (without MaXacThuc): the fields in the platform's layout, ThongTinBienLai with the fee lines. */
export function dvcqgInitMessage(m: z.output<typeof CreatePayment>, o: { partnerCode: string; version: string; now: Date }) {
  const code = m.dossierCode ?? m.orderId;
  return {
    LoaiBanTin: 'INIT', PhienBan: o.version, MaDoiTac: o.partnerCode, MaThamChieu: m.orderId, SoTien: m.amount,
    LoaiHinhThanhToan: 'PAY', MaKenhThanhToan: '1', MaThietBi: '1', NgonNgu: m.locale === 'en' ? 'en-US' : 'vi-VN', MaTienTe: 'VND',
    MaNganHang: 'PAYMENT', ThongTinGiaoDich: unaccent(`THANH TOAN HO SO ${code}`).toUpperCase(), ThoiGianGD: vnTimestamp(o.now), Ip: m.clientIp,
    ThongTinBienLai: {
      MaDichVu: '2', MaDVC: m.procedureCode ? `${m.procedureCode}.01` : '', TenDVC: m.procedureName ?? '', MaTTHC: m.procedureCode ?? '',
      TenTTHC: m.procedureName ?? '', MaDonVi: m.agencyCode ?? '', TenDonVi: m.agencyName ?? '', MaHoSo: code,
      TKThuHuong: m.beneficiary?.accountNo ?? '', MaNHThuHuong: m.beneficiary?.bankCode ?? '', TenTKThuHuong: m.beneficiary?.accountName ?? '',
      NoiDungThanhToan: m.description, HoTenNguoiNop: m.payerName ?? '',
      PhiLePhi: m.items.map((i) => ({ LoaiPhiLePhi: i.kind === 'phi' ? '1' : '2', MaPhiLePhi: i.code, TenPhiLePhi: i.name, SoTien: i.amount })),
      DSKhoanNop: m.items.map((i) => ({ NoiDung: i.name, SoTien: i.amount })),
    },
  };
}
