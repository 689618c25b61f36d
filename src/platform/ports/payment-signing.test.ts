// Fixed vectors for every gateway's signature. Where each vector comes from:
// - VNPay: the URL and vnp_SecureHash that the npm library vnpay@2.5.0 (lehuygiang28/vnpay, MIT; a devDependency
//   here, used only by this test) builds for these parameters with secret "SECRETKEY123"; the same digest is given by
//   `printf '%s' '<sign data>' | openssl dgst -sha512 -hmac SECRETKEY123`. The test also asks the library live.
// - DVCQG payment platform: the message layout of integrations-vn.md §2.3 (a) (fields joined with "|", the secret
//   appended, plain SHA-256); the digests were computed with `printf '%s' '<joined string>' | sha256sum`.
import { describe, expect, it } from 'vitest';
import { VNPay } from 'vnpay';
import { ManualClock } from '../clock.js';
import {
  DVCQG_CONFIRM_FIELDS, DVCQG_INIT_FIELDS, DVCQG_QUERY_FIELDS, dvcqgSign, parseVnTimestamp, sameHex, simSignature, vnpaySecureHash, vnpaySignData, vnTimestamp,
} from './payment-signing.js';
import { VnpayGateway, vnpayOrderParams } from './payments-vnpay.js';
import { DvcqgPaymentGateway, dvcqgInitMessage } from './payments-dvcqg.js';
import { CreatePayment } from './payments.js';

const VNP_PARAMS = {
  vnp_Amount: '5000000', vnp_Command: 'pay', vnp_CreateDate: '20261123090000', vnp_CurrCode: 'VND', vnp_ExpireDate: '20261123091500',
  vnp_IpAddr: '127.0.0.1', vnp_Locale: 'vn', vnp_OrderInfo: 'Thanh toan ho so HS0001', vnp_OrderType: 'other',
  vnp_ReturnUrl: 'http://localhost:3000/return', vnp_TmnCode: 'TESTCODE', vnp_TxnRef: 'HS0001', vnp_Version: '2.1.0',
};
const VNP_HASH = 'ce327b1a7f930e4a454766f5b9e9a6f462075b8f347bf1df95ce060ebee48a94357fdff6a509700651a01d748c1c508671f1e842bc0253bc989abba550746922';
const VNP_SIGN_DATA = 'vnp_Amount=5000000&vnp_Command=pay&vnp_CreateDate=20261123090000&vnp_CurrCode=VND&vnp_ExpireDate=20261123091500&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+ho+so+HS0001&vnp_OrderType=other&vnp_ReturnUrl=http%3A%2F%2Flocalhost%3A3000%2Freturn&vnp_TmnCode=TESTCODE&vnp_TxnRef=HS0001&vnp_Version=2.1.0';

describe('VNPay 2.1.0 signing', () => {
  it('signs the sorted, URL-encoded parameters with HMAC-SHA512 (the fixed vector)', () => {
    expect(vnpaySignData(VNP_PARAMS)).toBe(VNP_SIGN_DATA);
    expect(vnpaySecureHash(VNP_PARAMS, 'SECRETKEY123')).toBe(VNP_HASH);
    // the hash fields themselves are never signed
    expect(vnpaySecureHash({ ...VNP_PARAMS, vnp_SecureHash: 'x', vnp_SecureHashType: 'HmacSHA512' }, 'SECRETKEY123')).toBe(VNP_HASH);
  });

  it('builds the same pay URL as the vnpay@2.5.0 library, amount × 100, Vietnam time', async () => {
    // 09:00 in Hanoi on 23/11/2026
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    const gw = new VnpayGateway({ payUrl: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html', apiUrl: 'http://127.0.0.1:1/api', tmnCode: 'TESTCODE', hashSecret: 'SECRETKEY123', clock });
    const made = await gw.createPayment({ orderId: 'HS0001', amount: 50_000, description: 'Thanh toán hồ sơ HS0001', returnUrl: 'http://localhost:3000/return' }, { idempotencyKey: 'k' });
    const lib = new VNPay({ tmnCode: 'TESTCODE', secureSecret: 'SECRETKEY123', vnpayHost: 'https://sandbox.vnpayment.vn', testMode: true });
    const libUrl = lib.buildPaymentUrl({
      vnp_Amount: 50_000, vnp_IpAddr: '127.0.0.1', vnp_TxnRef: 'HS0001', vnp_OrderInfo: 'Thanh toan ho so HS0001', vnp_OrderType: 'other' as never,
      vnp_ReturnUrl: 'http://localhost:3000/return', vnp_CreateDate: 20261123090000, vnp_ExpireDate: 20261123091500, vnp_Locale: 'vn' as never,
    });
    expect(new URL(made.payUrl).searchParams.get('vnp_SecureHash')).toBe(VNP_HASH);
    expect(Object.fromEntries(new URL(made.payUrl).searchParams)).toEqual(Object.fromEntries(new URL(libUrl).searchParams));
  });

  it('verifies an IPN: the signed one is read (amount ÷ 100), a tampered amount or hash is refused', async () => {
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    const gw = new VnpayGateway({ payUrl: 'https://x/pay', apiUrl: 'http://127.0.0.1:1/api', tmnCode: 'TESTCODE', hashSecret: 'SECRETKEY123', clock });
    const ipn: Record<string, string> = {
      vnp_Amount: '5000000', vnp_BankCode: 'NCB', vnp_BankTranNo: 'VNP14226112', vnp_CardType: 'ATM', vnp_OrderInfo: 'Thanh toan ho so HS0001',
      vnp_PayDate: '20261123091000', vnp_ResponseCode: '00', vnp_TmnCode: 'TESTCODE', vnp_TransactionNo: '14226112', vnp_TransactionStatus: '00', vnp_TxnRef: 'HS0001',
    };
    ipn.vnp_SecureHash = vnpaySecureHash(ipn, 'SECRETKEY123');
    // the library agrees that this IPN is signed correctly
    const lib = new VNPay({ tmnCode: 'TESTCODE', secureSecret: 'SECRETKEY123', vnpayHost: 'https://sandbox.vnpayment.vn' });
    expect(lib.verifyIpnCall(ipn as never)).toMatchObject({ isVerified: true, isSuccess: true });
    expect(await gw.verifyCallback(ipn)).toEqual({ valid: true, orderId: 'HS0001', status: 'paid', amount: 50_000, currency: 'VND', gatewayTxnId: '14226112', at: new Date('2026-11-23T02:10:00Z') });
    expect(await gw.verifyCallback({ ...ipn, vnp_Amount: '100' })).toMatchObject({ valid: false, reason: 'bad signature' });
    expect(await gw.verifyCallback({ ...ipn, vnp_SecureHash: ipn.vnp_SecureHash!.replace(/^./, '0') })).toMatchObject({ valid: false });
    const failed: Record<string, string> = { ...ipn, vnp_ResponseCode: '24', vnp_TransactionStatus: '02' };
    failed.vnp_SecureHash = vnpaySecureHash(failed, 'SECRETKEY123');
    expect(await gw.verifyCallback(failed)).toMatchObject({ valid: true, status: 'failed' });
    expect(gw.callbackAnswer('accepted').body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect(gw.callbackAnswer('amount_mismatch').body).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    expect(gw.callbackAnswer('forged').body).toEqual({ RspCode: '97', Message: 'Invalid Checksum' });
  });

  it('order parameters strip diacritics from the order info', () => {
    const m = CreatePayment.parse({ orderId: 'A1', amount: 1000, description: 'Lệ phí hồ sơ', returnUrl: 'http://x/r' });
    expect(vnpayOrderParams(m, 'T', new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:15:00Z'))).toMatchObject({ vnp_OrderInfo: 'Le phi ho so', vnp_Amount: '100000', vnp_CreateDate: '20260101070000' });
  });
});

describe('DVCQG payment platform MaXacThuc', () => {
  const secret = 's3cr3t-partner-key';
  const init = {
    LoaiBanTin: 'INIT', PhienBan: '1.0.6', MaDoiTac: '000.00.01.H56', MaThamChieu: 'dvcH56261123000120261123090000', SoTien: 50000,
    LoaiHinhThanhToan: 'PAY', MaKenhThanhToan: '1', MaThietBi: '1', NgonNgu: 'vi-VN', MaTienTe: 'VND', MaNganHang: 'PAYMENT',
    ThongTinGiaoDich: 'THANH TOAN HO SO H56-261123-0001', ThoiGianGD: '20261123090000', Ip: '127.0.0.1',
  };

  it('INIT, CONFIRM and QUERY: SHA-256 over the fields in the layout order, "|"-joined, secret last (fixed vectors)', () => {
    expect(dvcqgSign(init, DVCQG_INIT_FIELDS, secret)).toBe('c169d139fddfbb8f248e6e473dab7d79bb99ecd419ded94ebc67e0113f146225');
    const confirm = {
      LoaiBanTin: 'CONFIRM', MaLoi: '00', MaDoiTac: '000.00.01.H56', MaThamChieu: 'dvcH56261123000120261123090000', SoTien: '50000', MaTienTe: 'VND',
      MaGiaoDich: 'GD0001', MaNganHang: 'PAYMENT', ThoiGianGD: '20261123091000', ThongTinGiaoDich: 'THANH TOAN HO SO H56-261123-0001',
    };
    expect(dvcqgSign(confirm, DVCQG_CONFIRM_FIELDS, secret)).toBe('5bac22862b3b1a4ca755e040b918e29781da17a419f728d189f68744647802e0');
    const query = { LoaiBanTin: 'QUERY', PhienBan: '1.0.6', MaDoiTac: '000.00.01.H56', MaThamChieu: 'dvcH56261123000120261123090000', ThoiGianGD: '20261123093000' };
    expect(dvcqgSign(query, DVCQG_QUERY_FIELDS, secret)).toBe('1c46e2c53f2b9dfc91b3ac79d53f3cb78477c52cc1a909f9aac98d62605c0a21');
  });

  it('the INIT message carries the dossier, the procedure and the fee lines (LoaiPhiLePhi 1 phí / 2 lệ phí)', () => {
    const m = CreatePayment.parse({
      orderId: 'dvcH56261123000120261123090000', amount: 50_000, description: 'Lệ phí', returnUrl: 'http://x/r', dossierCode: 'H56-261123-0001',
      procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', agencyCode: '000.00.01.H56', agencyName: 'UBND xã',
      items: [{ kind: 'le_phi', code: 'LP1', name: 'Lệ phí đăng ký', amount: 50_000 }],
      beneficiary: { merchantCode: 'M', accountNo: '0123', bankCode: 'VCB', accountName: 'KBNN' },
    });
    const msg = dvcqgInitMessage(m, { partnerCode: '000.00.01.H56', version: '1.0.6', now: new Date('2026-11-23T02:00:00Z') });
    expect(msg).toMatchObject({ ...init, ThongTinBienLai: { MaDichVu: '2', MaDVC: '1.001193.01', MaTTHC: '1.001193', MaHoSo: 'H56-261123-0001', TKThuHuong: '0123', PhiLePhi: [{ LoaiPhiLePhi: '2', MaPhiLePhi: 'LP1', SoTien: 50_000 }] } });
  });

  it('a CONFIRM verifies; a changed amount, another partner or a wrong MaXacThuc does not; the answer is signed', async () => {
    const clock = new ManualClock(new Date('2026-11-23T02:30:00Z'));
    const gw = new DvcqgPaymentGateway({ url: 'http://127.0.0.1:1/', partnerCode: '000.00.01.H56', secret, version: '1.0.6', clock });
    const c: Record<string, string> = {
      LoaiBanTin: 'CONFIRM', MaLoi: '00', MaDoiTac: '000.00.01.H56', MaThamChieu: 'R1', SoTien: '50000', MaTienTe: 'VND', MaGiaoDich: 'GD1',
      MaNganHang: 'PAYMENT', ThoiGianGD: '20261123091000', ThongTinGiaoDich: 'THANH TOAN HO SO X',
    };
    c.MaXacThuc = dvcqgSign(c, DVCQG_CONFIRM_FIELDS, secret);
    expect(await gw.verifyCallback(c)).toMatchObject({ valid: true, orderId: 'R1', status: 'paid', amount: 50_000, gatewayTxnId: 'GD1', at: new Date('2026-11-23T02:10:00Z') });
    expect(await gw.verifyCallback({ ...c, SoTien: '5000' })).toMatchObject({ valid: false, reason: 'bad signature' });
    const other: Record<string, string> = { ...c, MaDoiTac: 'X' };
    other.MaXacThuc = dvcqgSign(other, DVCQG_CONFIRM_FIELDS, secret);
    expect(await gw.verifyCallback(other)).toMatchObject({ valid: false, reason: 'another partner code' });
    const a = gw.callbackAnswer('accepted', c).body as Record<string, string>;
    expect(a).toMatchObject({ MaLoi: '00', MaDoiTac: '000.00.01.H56', MaThamChieu: 'R1', ThoiGianGD: '20261123093000' });
    expect(a.MaXacThuc).toBe(dvcqgSign(a, ['MaLoi', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'], secret));
  });
});

describe('shared helpers', () => {
  it('Vietnam timestamps use the 24-hour clock and GMT+7 both ways', () => {
    expect(vnTimestamp(new Date('2026-11-23T15:05:09Z'))).toBe('20261123220509');
    expect(parseVnTimestamp('20261123220509')).toEqual(new Date('2026-11-23T15:05:09Z'));
    expect(parseVnTimestamp('2026-11-23')).toBeNull();
  });
  it('hex comparison is exact and refuses malformed input; the simulated signature ignores its own field', () => {
    expect(sameHex('ABCD', 'abcd')).toBe(true);
    expect(sameHex('abc', 'abcd')).toBe(false);
    expect(sameHex(undefined, 'ab')).toBe(false);
    expect(sameHex('zz', 'ab')).toBe(false);
    const s = simSignature({ a: '1', b: '2' }, 'k');
    expect(simSignature({ b: '2', a: '1', signature: s }, 'k')).toBe(s);
  });
});
