// An adapter instance per payment account (forAccount): the merchant code and secret of the account, never the
// deployment's; a message signed with another merchant's secret is refused; the order reference is read where
// each gateway puts it (to find the account before verifying).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { DVCQG_CONFIRM_FIELDS, dvcqgSign, vnpaySecureHash } from './payment-signing.js';
import { DvcqgPaymentGateway } from './payments-dvcqg.js';
import { VnpayGateway } from './payments-vnpay.js';
import { SimulatedPaymentGateway } from './payments-simulated.js';

const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
const A = { merchant: 'AGENCYA', secret: 'secret-of-agency-a-0001' };
const B = { merchant: 'AGENCYB', secret: 'secret-of-agency-b-0002' };

describe('forAccount', () => {
  it('VNPay: the pay URL carries the account\'s TmnCode, signed with its secret; an IPN signed with A\'s secret fails for B', async () => {
    const base = new VnpayGateway({ payUrl: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html', apiUrl: 'https://sandbox.vnpayment.vn/merchant_webapi/api/transaction', tmnCode: 'MOTCUA', hashSecret: 'deployment-secret-000', clock });
    const b = base.forAccount(B);
    const created = await b.createPayment({ orderId: 'H56261123ABCD', amount: 50_000, description: 'Thanh toán', returnUrl: 'https://motcua.example/r' }, { idempotencyKey: 'k' });
    const q = Object.fromEntries(new URL(created.payUrl).searchParams);
    expect(q.vnp_TmnCode).toBe('AGENCYB');
    const { vnp_SecureHash, ...fields } = q;
    expect(vnp_SecureHash).toBe(vnpaySecureHash(fields, B.secret));
    const ipn = { vnp_TmnCode: 'AGENCYB', vnp_TxnRef: 'H56261123ABCD', vnp_Amount: '5000000', vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_TransactionNo: '1', vnp_PayDate: '20261123090500' };
    expect(b.orderRefOf(ipn)).toBe('H56261123ABCD');
    expect((await b.verifyCallback({ ...ipn, vnp_SecureHash: vnpaySecureHash(ipn, A.secret) })).valid).toBe(false);
    expect((await b.verifyCallback({ ...ipn, vnp_SecureHash: vnpaySecureHash(ipn, B.secret) })).valid).toBe(true);
    expect((await base.verifyCallback({ ...ipn, vnp_SecureHash: vnpaySecureHash(ipn, B.secret) })).valid).toBe(false);
  });

  it('DVCQG: the CONFIRM is verified with the account\'s secret and partner code; the answer is signed with it', async () => {
    const b = new DvcqgPaymentGateway({ url: 'https://payment.dichvucong.example/api', partnerCode: 'MOTCUA', secret: 'deployment-secret-000', version: '1.0.6', clock }).forAccount(B);
    const confirm = { LoaiBanTin: 'CONFIRM', MaLoi: '00', MaDoiTac: 'AGENCYB', MaThamChieu: 'REF1', SoTien: '50000', MaTienTe: 'VND', MaGiaoDich: 'G1', MaNganHang: 'VCB', ThoiGianGD: '20261123090500', ThongTinGiaoDich: 'X' };
    expect(b.orderRefOf(confirm)).toBe('REF1');
    expect((await b.verifyCallback({ ...confirm, MaXacThuc: dvcqgSign(confirm, DVCQG_CONFIRM_FIELDS, A.secret) })).valid).toBe(false);
    expect((await b.verifyCallback({ ...confirm, MaXacThuc: dvcqgSign(confirm, DVCQG_CONFIRM_FIELDS, B.secret) })).valid).toBe(true);
    const other = { ...confirm, MaDoiTac: 'AGENCYA' };
    expect(await b.verifyCallback({ ...other, MaXacThuc: dvcqgSign(other, DVCQG_CONFIRM_FIELDS, B.secret) })).toMatchObject({ valid: false, reason: 'another partner code' });
    const answer = b.callbackAnswer('accepted', confirm).body as Record<string, string>;
    expect(answer.MaDoiTac).toBe('AGENCYB');
  });

  it('simulated: the account\'s merchant goes with the order', () => {
    const s = new SimulatedPaymentGateway({ baseUrl: () => 'http://127.0.0.1:1', secret: 'deployment-secret-000', merchant: 'MOTCUA', clock }).forAccount(A);
    expect(s.orderRefOf({ orderId: 'X1' })).toBe('X1');
    expect(s).not.toBe(s.forAccount(B));
  });
});
