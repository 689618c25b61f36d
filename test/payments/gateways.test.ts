// The real gateways' protocols end to end. VNPay: motcua configured with the vnpay adapter — the pay URL carries
// the signed order, VNPay's IPN (GET, signed) is answered with RspCode 00 / 02 / 04 / 97 / 01, a local peer plays
// VNPay's merchant API for querydr (its checksums both ways) and refund. The DVCQG payment platform: a local
// peer that checks MaXacThuc of INIT and QUERY and answers in the platform's layout.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ManualClock } from '../../src/platform/clock.js';
import { DVCQG_CONFIRM_FIELDS, DVCQG_INIT_FIELDS, DVCQG_QUERY_FIELDS, dvcqgSign, vnpayPipeHash, vnpaySecureHash, vnTimestamp } from '../../src/platform/ports/payment-signing.js';
import { DvcqgPaymentGateway } from '../../src/platform/ports/payments-dvcqg.js';
import { QUERY_ANSWER_FIELDS } from '../../src/platform/ports/payments-vnpay.js';
import { queryPendingPayments } from '../../src/modules/payments/payments.service.js';
import { act, receive, startDossierApp } from '../dossiers/fixtures.js';
import type { HttpClient, TestApp } from '../helpers.js';

const VNP_SECRET = 'VNPAYTESTSECRET0123456789ABCDEF';

/** A JSON peer on its own port; `handle` answers each request body. */
async function peer(handle: (body: Record<string, unknown>) => unknown): Promise<{ url: string; seen: Record<string, unknown>[]; server: Server }> {
  const seen: Record<string, unknown>[] = [];
  const read = (req: IncomingMessage) => new Promise<string>((r) => { let s = ''; req.on('data', (c) => { s += c; }); req.on('end', () => r(s)); });
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req)) as Record<string, unknown>;
    seen.push(body);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(handle(body)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, seen, server };
}

describe('VNPay 2.1.0 through motcua', () => {
  let t: TestApp & { clock: ManualClock };
  let api: Awaited<ReturnType<typeof peer>>;
  let desk: HttpClient;
  let handler: HttpClient;
  /** What the peer answers querydr with for each TxnRef. */
  const vnpState = new Map<string, { status: '00' | '01' | '02'; amount: number; txn: string }>();

  beforeAll(async () => {
    api = await peer((b) => {
      const s = String(b.vnp_Command);
      const fields = s === 'querydr'
        ? [b.vnp_RequestId, b.vnp_Version, b.vnp_Command, b.vnp_TmnCode, b.vnp_TxnRef, b.vnp_TransactionDate, b.vnp_CreateDate, b.vnp_IpAddr, b.vnp_OrderInfo]
        : [b.vnp_RequestId, b.vnp_Version, b.vnp_Command, b.vnp_TmnCode, b.vnp_TransactionType, b.vnp_TxnRef, b.vnp_Amount, b.vnp_TransactionNo, b.vnp_TransactionDate, b.vnp_CreateBy, b.vnp_CreateDate, b.vnp_IpAddr, b.vnp_OrderInfo];
      if (b.vnp_SecureHash !== vnpayPipeHash(fields.map(String), VNP_SECRET)) return { vnp_ResponseCode: '97', vnp_Message: 'Invalid Checksum' };
      if (s === 'refund') return { vnp_ResponseCode: '00', vnp_Message: 'Refund success', vnp_TransactionNo: 'RF1' };
      const st = vnpState.get(String(b.vnp_TxnRef));
      const a: Record<string, string> = {
        vnp_ResponseId: 'R1', vnp_Command: 'querydr', vnp_ResponseCode: st ? '00' : '91', vnp_Message: 'ok', vnp_TmnCode: 'MOTCUA01', vnp_TxnRef: String(b.vnp_TxnRef),
        vnp_Amount: String((st?.amount ?? 0) * 100), vnp_BankCode: 'NCB', vnp_PayDate: '20261123091000', vnp_TransactionNo: st?.txn ?? '', vnp_TransactionType: '01',
        vnp_TransactionStatus: st?.status ?? '', vnp_OrderInfo: String(b.vnp_OrderInfo), vnp_PromotionCode: '', vnp_PromotionAmount: '',
      };
      return { ...a, vnp_SecureHash: vnpayPipeHash(QUERY_ANSWER_FIELDS.map((k) => a[k] ?? ''), VNP_SECRET) };
    });
    t = await startDossierApp({
      MOTCUA_PAYMENT_GATEWAY: 'vnpay', MOTCUA_PAYMENT_URL: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html', MOTCUA_PAYMENT_API_URL: api.url,
      MOTCUA_PAYMENT_MERCHANT: 'MOTCUA01', MOTCUA_PAYMENT_SECRET: VNP_SECRET,
    });
    [desk, handler] = await Promise.all([t.login('demo.tiepnhan'), t.login('demo.chuyenvien')]);
  });
  afterAll(async () => { await t?.close(); api?.server.close(); });

  async function awaitingPayment(amount: number) {
    const r = await receive(desk);
    const code = r.dossier.code as string;
    await act(desk, code, 'forward');
    await act(handler, code, 'claim');
    await act(handler, code, 'request_payment', { amount });
    const secret = (r.receipt as { secret: string }).secret;
    const p = await t.client().post('/api/v1/public/payments', { code, secret });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    return { code, secret, p: p.body };
  }

  const ipnOf = (params: URLSearchParams, over: Record<string, string> = {}) => {
    const f: Record<string, string> = {
      vnp_Amount: params.get('vnp_Amount')!, vnp_BankCode: 'NCB', vnp_CardType: 'ATM', vnp_OrderInfo: params.get('vnp_OrderInfo')!,
      vnp_PayDate: vnTimestamp(t.clock.now()), vnp_ResponseCode: '00', vnp_TmnCode: 'MOTCUA01', vnp_TransactionNo: '14226112',
      vnp_TransactionStatus: '00', vnp_TxnRef: params.get('vnp_TxnRef')!, ...over,
    };
    return { ...f, vnp_SecureHash: vnpaySecureHash(f, VNP_SECRET) };
  };
  const ipn = (f: Record<string, string>) => t.client().get(`/api/v1/payments/callback/vnpay?${new URLSearchParams(f)}`);

  it('the pay URL is VNPay\'s with the signed order; the IPN is answered 97 / 04 / 01 / 00 / 02 and pays the dossier once', async () => {
    const { code, p } = await awaitingPayment(60_000);
    const url = new URL(p.payUrl);
    expect(url.origin + url.pathname).toBe('https://sandbox.vnpayment.vn/paymentv2/vpcpay.html');
    const q = url.searchParams;
    expect(q.get('vnp_Amount')).toBe('6000000');
    expect(q.get('vnp_TmnCode')).toBe('MOTCUA01');
    expect(q.get('vnp_ReturnUrl')).toBe(`${t.url}/api/v1/public/payments/return/vnpay`);
    expect(q.get('vnp_SecureHash')).toBe(vnpaySecureHash(Object.fromEntries(q), VNP_SECRET));
    // the secret is not in anything the browser gets
    expect(p.payUrl).not.toContain(VNP_SECRET);

    const good = ipnOf(q);
    expect((await ipn({ ...good, vnp_Amount: '100' })).body).toEqual({ RspCode: '97', Message: 'Invalid Checksum' });
    expect((await ipn(ipnOf(q, { vnp_Amount: '100' }))).body).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    expect((await ipn(ipnOf(q, { vnp_TxnRef: 'NOPE' }))).body).toEqual({ RspCode: '01', Message: 'Order not found' });
    expect((await ipn(good)).body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect((await ipn(good)).body).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect((await desk.get(`/api/v1/dossiers/${code}`)).body.nationalStatus).toBe(4);
    const n = await sql<{ n: string }>`SELECT count(*) AS n FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = ${code} AND e.action = 'confirm_payment'`.execute(t.ctx.db);
    expect(Number(n.rows[0]!.n)).toBe(1);
    // the citizen's return with the same fields: redirected to the tracking page, nothing more recorded
    const back = await t.client().get(`/api/v1/public/payments/return/vnpay?${new URLSearchParams(good)}`);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toContain('thanh-toan=paid');
  });

  it('a payment VNPay never notified is settled by querydr (checksums both ways); a refund goes to the merchant API', async () => {
    const { code, p } = await awaitingPayment(30_000);
    vnpState.set(p.orderRef, { status: '00', amount: 30_000, txn: '99887766' });
    t.clock.advance(16 * 60_000);
    const run = await queryPendingPayments(t.ctx);
    expect(run).toMatchObject({ paid: 1, errors: 0 });
    expect(api.seen.some((b) => b.vnp_Command === 'querydr' && b.vnp_TxnRef === p.orderRef)).toBe(true);
    const row = await sql<{ status: string; gateway_txn_id: string }>`SELECT status, gateway_txn_id FROM payments WHERE order_ref = ${p.orderRef}`.execute(t.ctx.db);
    expect(row.rows[0]).toEqual({ status: 'paid', gateway_txn_id: '99887766' });
    // withdrawn: the sweep refunds through VNPay's refund API
    await act(desk, code, 'request_withdrawal', { reason: 'Rút hồ sơ' });
    await act(desk, code, 'stop', { reason: 'Rút hồ sơ' });
    expect((await queryPendingPayments(t.ctx)).refunded).toBe(1);
    const refund = api.seen.find((b) => b.vnp_Command === 'refund' && b.vnp_TxnRef === p.orderRef)!;
    expect(refund).toMatchObject({ vnp_Amount: '3000000', vnp_TransactionType: '02', vnp_TransactionNo: '99887766' });
  });
});

describe('the DVCQG payment platform adapter against a peer in its layout', () => {
  it('INIT signed with MaXacThuc → UrlThanhToan; QUERY signed; the answer verified like a CONFIRM', async () => {
    const secret = 'dvcqg-partner-secret';
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    const p = await peer((b) => {
      const order = b.LoaiBanTin === 'INIT' ? DVCQG_INIT_FIELDS : DVCQG_QUERY_FIELDS;
      if (b.MaXacThuc !== dvcqgSign(b, order, secret)) return { error_code: '97', message: 'Sai mã xác thực' };
      if (b.LoaiBanTin === 'INIT') return { error_code: '0', message: JSON.stringify({ UrlThanhToan: `https://thanhtoan.dichvucong.gov.vn/pay?ref=${String(b.MaThamChieu)}` }) };
      const c: Record<string, string> = {
        LoaiBanTin: 'CONFIRM', MaLoi: '00', MaDoiTac: 'H56', MaThamChieu: String(b.MaThamChieu), SoTien: '70000', MaTienTe: 'VND', MaGiaoDich: 'GD777',
        MaNganHang: 'PAYMENT', ThoiGianGD: '20261123091000', ThongTinGiaoDich: 'THANH TOAN HO SO X',
      };
      return { error_code: '0', message: JSON.stringify({ ...c, MaXacThuc: dvcqgSign(c, DVCQG_CONFIRM_FIELDS, secret) }) };
    });
    try {
      const gw = new DvcqgPaymentGateway({ url: p.url, partnerCode: 'H56', secret, version: '1.0.6', clock });
      const made = await gw.createPayment({
        orderId: 'H56X20261123090000', amount: 70_000, description: 'Lệ phí', returnUrl: 'http://x/r', dossierCode: 'H56-X', procedureCode: '1.001193',
        items: [{ kind: 'le_phi', code: 'PLP01', name: 'Lệ phí', amount: 70_000 }],
      }, { idempotencyKey: 'k' });
      expect(made.payUrl).toBe('https://thanhtoan.dichvucong.gov.vn/pay?ref=H56X20261123090000');
      expect(p.seen[0]).toMatchObject({ LoaiBanTin: 'INIT', SoTien: 70_000, ThoiGianGD: '20261123090000', ThongTinBienLai: { MaHoSo: 'H56-X', PhiLePhi: [{ LoaiPhiLePhi: '2', SoTien: 70_000 }] } });
      expect(await gw.queryPayment('H56X20261123090000')).toEqual({ orderId: 'H56X20261123090000', status: 'paid', amount: 70_000, currency: 'VND', gatewayTxnId: 'GD777' });
      expect(p.seen[1]).toMatchObject({ LoaiBanTin: 'QUERY', MaDoiTac: 'H56' });
      expect(await gw.refund()).toMatchObject({ status: 'manual' });
      // a wrong secret on our side: the platform refuses, the adapter throws (the start-payment route answers 502)
      const bad = new DvcqgPaymentGateway({ url: p.url, partnerCode: 'H56', secret: 'wrong', version: '1.0.6', clock });
      await expect(bad.createPayment({ orderId: 'A', amount: 1000, description: 'x', returnUrl: 'http://x/r' }, { idempotencyKey: 'k2' })).rejects.toThrow(/error_code 97/);
    } finally {
      p.server.close();
    }
  });
});
