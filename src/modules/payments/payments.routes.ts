// HTTP: the citizen's payment (public, code + lookup secret), the gateways' callbacks and returns, the
// cashier's list, receipts, refunds and the daily reconciliation workbook.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { PUBLIC_LOOKUP_LIMIT } from '../../platform/http/rate-limit.js';
import { problems } from '../../platform/http/problem.schema.js';
import * as svc from './payments.service.js';
import { GatewayFields, PaymentAccountCreate, PaymentAccountPatch, PaymentListQuery, ReceiptQuery, ReconciliationQuery, RefundBody, StartPaymentBody, DossierCredentials, gatewayStrings } from './payments.schema.js';
import {
  ADMIN_PROBLEMS, STATEMENT_PROBLEMS, StatementReconciliationOut, CASHIER_PROBLEMS, CashierPaymentOut, PaymentAccountListOut, PaymentAccountOut, FeeSuggestionOut, CitizenPaymentOut, GatewayAnswerOut, PaymentDetailOut, PaymentListOut, PaymentSummaryOut, PdfOut, PUBLIC_PROBLEMS, RedirectOut, XlsxOut,
} from './payments.out.js';
import { paymentErrors } from './payments.errors.js';
import { originOf } from '../../platform/audit.js';

const GatewayParam = z.object({ gateway: z.string().min(1).max(20) });
const IdParam = z.object({ id: z.uuid() });
const RefParam = z.object({ ref: z.string().min(1).max(64) });
const OrderParam = z.object({ orderRef: z.string().min(1).max(64) });

function sendFile(reply: FastifyReply, type: string, buf: Buffer, fileName: string, inline = false) {
  return reply.type(type).header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${fileName}"`).header('cache-control', 'private, no-store').send(buf);
}

/** The gateway's statement file (multipart part `file`), whole in memory: statements are small. */
const STATEMENT_MAX_BYTES = 5 * 1_048_576;
async function statementFile(req: FastifyRequest): Promise<Buffer> {
  const part = req.isMultipart() ? await req.file() : undefined;
  if (!part) throw paymentErrors.STATEMENT_FILE_REQUIRED({}, { errors: [{ path: 'body.file', code: 'STATEMENT_FILE_REQUIRED' }] });
  const buf = await part.toBuffer().catch(() => null);
  if (!buf || part.file.truncated) throw paymentErrors.STATEMENT_TOO_LARGE({ max: STATEMENT_MAX_BYTES / 1_048_576 }, { errors: [{ path: 'body.file', code: 'STATEMENT_TOO_LARGE' }] });
  return buf;
}

export function paymentRoutes(app: App, ctx: AppContext): void {
  // ---- the citizen (no sign-in: the dossier code and the lookup secret of the receipt)
  app.get('/api/v1/public/payments', {
    schema: {
      tags: ['public'], summary: 'Phí, lệ phí phải nộp và các lần thanh toán / what is owed and the payments',
      description: 'The fee lines of the dossier (catalogue + local overrides, exemptions with their reason) while it waits for payment (status 6), and its payment attempts. Same 404 as the public look-up for a wrong code or secret.',
      querystring: DossierCredentials, response: { 200: PaymentSummaryOut, ...PUBLIC_PROBLEMS },
    },
    config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
  }, async (req) => svc.paymentSummary(ctx, req.query.code, req.query.secret));

  app.post('/api/v1/public/payments', {
    schema: {
      tags: ['public'], summary: 'Bắt đầu thanh toán trực tuyến / start an online payment',
      description: 'Creates the payment at the configured gateway and answers with its payUrl; a pending attempt that can still be paid is returned again (one open attempt per dossier).',
      body: StartPaymentBody, response: { 201: CitizenPaymentOut, 200: CitizenPaymentOut, ...PUBLIC_PROBLEMS },
    },
    config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
  }, async (req, reply) => reply.status(201).send(await svc.startPayment(ctx, req.body, req.ip)));

  app.get('/api/v1/public/payments/:orderRef/receipt.pdf', {
    schema: {
      tags: ['public'], summary: 'Biên lai điện tử / the electronic receipt', params: OrderParam, querystring: ReceiptQuery,
      response: { 200: PdfOut, ...PUBLIC_PROBLEMS },
    },
    config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
  }, async (req, reply) => {
    const r = await svc.publicReceipt(ctx, req.params.orderRef, req.query.code, req.query.secret);
    return sendFile(reply, 'application/pdf', r.pdf, r.fileName, true);
  });

  app.get('/api/v1/public/payments/return/:gateway', {
    schema: {
      tags: ['public'], summary: 'Trở về từ cổng thanh toán / return from the gateway',
      description: "The gateway's signed return: verified and settled like a callback, then a redirect to the tracking page.",
      params: GatewayParam, querystring: GatewayFields, response: { 303: RedirectOut },
    },
    config: { anonymous: true },
  }, async (req, reply) => {
    if (req.params.gateway !== ctx.payments.name) throw paymentErrors.PAYMENT_NOT_FOUND();
    return reply.redirect(await svc.receiveReturn(ctx, gatewayStrings(req.query), req.ip), 303);
  });

  // ---- the gateway, server to server (VNPay's IPN is a GET, the platform and the simulator POST JSON)
  const callback = async (gateway: string, fields: Record<string, string>, ip: string, reply: FastifyReply) => {
    if (gateway !== ctx.payments.name) throw paymentErrors.PAYMENT_NOT_FOUND();
    const r = await svc.receiveCallback(ctx, fields, ip);
    return reply.status(r.status).send(r.body as Record<string, unknown>);
  };
  const callbackSchema = () => ({
    tags: ['payments'], summary: 'Kết quả thanh toán từ cổng (IPN) / payment notification',
    description: 'Verified with the gateway\'s signature; amount, currency and the time window are checked; a repeated or late notification changes nothing. Every notification is kept in the payment audit. Answered in the gateway\'s format.',
    params: GatewayParam, response: { 200: GatewayAnswerOut, 400: GatewayAnswerOut, 401: GatewayAnswerOut, 404: GatewayAnswerOut },
  });
  app.get('/api/v1/payments/callback/:gateway', { schema: { ...callbackSchema(), querystring: GatewayFields }, config: { anonymous: true } },
    async (req, reply) => callback(req.params.gateway, gatewayStrings(req.query), req.ip, reply));
  app.post('/api/v1/payments/callback/:gateway', { schema: { ...callbackSchema(), body: GatewayFields }, config: { anonymous: true } },
    async (req, reply) => callback(req.params.gateway, gatewayStrings(req.body), req.ip, reply));

  // ---- the official who requests the payment (status 6): the catalogue's lines to start from
  app.get('/api/v1/dossiers/:ref/fee-lines', {
    schema: {
      tags: ['payments'], summary: 'Các khoản phí, lệ phí gợi ý cho yêu cầu nộp / suggested fee lines for a payment request',
      description: "The catalogue's fee lines of the dossier's channel (with the province's overrides) as editable lines of request_payment: amount (unit, đồng), quantity, the catalogue's exemption reason, and a hint when the agency must still set the amount.",
      params: RefParam, response: { 200: FeeSuggestionOut, ...problems(400, 401, 403, 404) },
    },
  }, async (req) => svc.feeSuggestion(ctx, requirePrincipal(req), req.params.ref));

  // ---- the cashier
  app.get('/api/v1/payments', {
    schema: { tags: ['payments'], summary: 'Các khoản thanh toán / payments', querystring: PaymentListQuery, response: { 200: PaymentListOut, ...CASHIER_PROBLEMS } },
  }, async (req) => svc.listPayments(ctx, requirePrincipal(req), req.query));

  app.get('/api/v1/payments/reconciliation.xlsx', {
    schema: {
      tags: ['payments'], summary: 'Đối soát thanh toán theo ngày (Excel) / daily reconciliation',
      description: "Every payment of the day (Vietnam time) beside the gateway's answer to a status query, the differences, and the messages refused that day.",
      querystring: ReconciliationQuery, response: { 200: XlsxOut, ...CASHIER_PROBLEMS },
    },
  }, async (req, reply) => {
    const r = await svc.reconcileDay(ctx, requirePrincipal(req), req.query.date);
    return sendFile(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await svc.reconciliationWorkbook(r), `doi-soat-${req.query.date}.xlsx`);
  });

  // the gateway's own statement of the day, imported into the reconciliation (nothing is stored)
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: STATEMENT_MAX_BYTES, files: 1, fields: 2, parts: 3 } });
    const statementSchema = {
      tags: ['payments'], querystring: ReconciliationQuery, consumes: ['multipart/form-data'],
      description: "multipart/form-data with one part `file`: the gateway's statement of the day, CSV (UTF-8; , ; or tab) or Excel .xlsx, a header row with an amount column and an order reference (mã tham chiếu, vnp_TxnRef, MaThamChieu) or transaction number column (optional: status, time). Each line is matched by reference and amount; differences: in the statement but not paid in motcua, paid in motcua that day but not in the statement, amounts that differ, lines listed twice. A file that cannot be read: 422 with the reason on body.file.",
    };
    scope.post('/api/v1/payments/reconciliation/statement', {
      schema: { ...statementSchema, summary: 'Đối chiếu sao kê của cổng thanh toán / match the gateway\'s statement', response: { 200: StatementReconciliationOut, ...STATEMENT_PROBLEMS } },
    }, async (req) => svc.reconcileStatement(ctx, requirePrincipal(req), req.query.date, await statementFile(req)));
    scope.post('/api/v1/payments/reconciliation.xlsx', {
      schema: { ...statementSchema, summary: 'Đối soát theo ngày kèm sao kê của cổng (Excel) / daily reconciliation with the gateway\'s statement', response: { 200: XlsxOut, ...STATEMENT_PROBLEMS } },
    }, async (req, reply) => {
      const p = requirePrincipal(req);
      const file = await statementFile(req);
      const statement = await svc.reconcileStatement(ctx, p, req.query.date, file);
      const r = await svc.reconcileDay(ctx, p, req.query.date);
      return sendFile(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await svc.reconciliationWorkbook(r, statement), `doi-soat-${req.query.date}.xlsx`);
    });
  });

  app.get('/api/v1/payments/:id', {
    schema: { tags: ['payments'], summary: 'Một khoản thanh toán / one payment', params: IdParam, response: { 200: PaymentDetailOut, ...CASHIER_PROBLEMS } },
  }, async (req) => svc.getPayment(ctx, requirePrincipal(req), req.params.id));

  app.get('/api/v1/payments/:id/receipt.pdf', {
    schema: { tags: ['payments'], summary: 'Biên lai / receipt', params: IdParam, response: { 200: PdfOut, ...CASHIER_PROBLEMS } },
  }, async (req, reply) => {
    const r = await svc.cashierReceipt(ctx, requirePrincipal(req), req.params.id);
    return sendFile(reply, 'application/pdf', r.pdf, r.fileName, true);
  });

  // ---- administrators: the agencies' payment accounts (merchant per beneficiary account; the secret by reference)
  app.get('/api/v1/admin/payment-accounts', {
    schema: {
      tags: ['payments'], summary: 'Tài khoản thu phí trực tuyến của các cơ quan / payment accounts',
      description: "The agencies' merchant accounts at the payment gateways (the agencies the administrator manages). The secret is never returned: its reference (MOTCUA_PAYMENT_SECRET_<REF>) and whether the configuration holds it.",
      response: { 200: PaymentAccountListOut, ...ADMIN_PROBLEMS },
    },
  }, async (req) => svc.listPaymentAccounts(ctx, requirePrincipal(req)));

  app.post('/api/v1/admin/payment-accounts', {
    schema: {
      tags: ['payments'], summary: 'Thêm tài khoản thu phí / add a payment account',
      description: 'One active account per agency and gateway (422 PAYMENT_ACCOUNT_EXISTS on gateway); the secret reference must name a configured MOTCUA_PAYMENT_SECRET_<REF> (422 PAYMENT_SECRET_REF_UNKNOWN on secretRef). Audited.',
      body: PaymentAccountCreate, response: { 201: PaymentAccountOut, ...ADMIN_PROBLEMS },
    },
  }, async (req, reply) => reply.status(201).send(await svc.createPaymentAccount(ctx, requirePrincipal(req), req.body, originOf(req))));

  app.patch('/api/v1/admin/payment-accounts/:id', {
    schema: {
      tags: ['payments'], summary: 'Sửa, ngừng dùng tài khoản thu phí / edit or disable a payment account',
      description: 'Payments made under the account stay bound to it (their callbacks are verified with its secret). Audited.',
      params: IdParam, body: PaymentAccountPatch, response: { 200: PaymentAccountOut, ...ADMIN_PROBLEMS },
    },
  }, async (req) => svc.updatePaymentAccount(ctx, requirePrincipal(req), req.params.id, req.body, originOf(req)));

  app.post('/api/v1/payments/:id/refund', {
    schema: { tags: ['payments'], summary: 'Hoàn tiền / refund', params: IdParam, body: RefundBody, response: { 200: CashierPaymentOut, ...CASHIER_PROBLEMS } },
  }, async (req) => svc.refundPayment(ctx, requirePrincipal(req), req.params.id, req.body.reason));
}
