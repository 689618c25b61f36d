// What an administrator sees of a payment account (never the secret: its reference, and whether the
// configuration holds it), the scope they manage accounts in, and the checks shared by create and update.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid, type FieldError } from '../../platform/errors.js';
import { can, scopePaths } from '../org/permissions.js';
import { agencyByCode, subtreeAgencyIds, type Agency } from '../org/org.read.js';
import { paymentErrors } from './payments.errors.js';
import type { AccountRow } from './payments.repo.js';

export function accountOut(ctx: AppContext, a: AccountRow & { agency_code: string; agency_name: string }) {
  return {
    id: a.id, agencyCode: a.agency_code, agencyName: a.agency_name, gateway: a.gateway, merchantCode: a.merchant_code,
    accountNo: a.account_no, bankCode: a.bank_code, accountName: a.account_name, receiptSeries: a.receipt_series,
    secretRef: a.secret_ref,
    /** The secret the reference names is in the configuration (no reference: the deployment's MOTCUA_PAYMENT_SECRET). */
    secretConfigured: a.secret_ref ? Object.hasOwn(ctx.config.payments.secrets, a.secret_ref) : true,
    active: a.active,
    /** This account is the one the agency's payments go through now (the configured gateway). */
    inUse: a.active && (a.gateway === null || a.gateway === ctx.payments.name),
    createdAt: new Date(a.created_at).toISOString(), updatedAt: new Date(a.updated_at).toISOString(),
  };
}

/** The agencies whose accounts the principal manages (org.manage over their subtrees). */
export async function managedAgencyIds(ctx: AppContext, p: Principal): Promise<string[]> {
  const paths = scopePaths(p, 'org.manage');
  if (paths.length === 0) throw paymentErrors.PAYMENT_ACCOUNTS_FORBIDDEN();
  return subtreeAgencyIds(ctx.db, paths);
}

/** The agency by code, managed by the principal (else an error on body.agencyCode / 403). */
export async function managedAgency(ctx: AppContext, p: Principal, code: string): Promise<Agency> {
  const agency = await agencyByCode(ctx.db, code);
  if (!agency) throw invalid([{ path: 'body.agencyCode', code: 'AGENCY_UNKNOWN', messageVi: `Không có cơ quan mã ${code}.`, messageEn: `No agency with code ${code}.` }]);
  if (!can(p, 'org.manage', agency)) throw paymentErrors.PAYMENT_ACCOUNTS_FORBIDDEN();
  return agency;
}

/** A secret reference must name a configured MOTCUA_PAYMENT_SECRET_<REF>: an account that cannot sign is refused. */
export function secretRefProblem(ctx: AppContext, ref: string | null | undefined): FieldError | null {
  if (!ref || Object.hasOwn(ctx.config.payments.secrets, ref)) return null;
  return {
    path: 'body.secretRef', code: 'PAYMENT_SECRET_REF_UNKNOWN',
    messageVi: `Cấu hình máy chủ chưa có khoá bí mật MOTCUA_PAYMENT_SECRET_${ref}; nhờ quản trị hệ thống khai báo trước.`,
    messageEn: `The server configuration has no secret MOTCUA_PAYMENT_SECRET_${ref}; ask the operators to set it first.`,
  };
}

export const ACCOUNT_EXISTS: FieldError = {
  path: 'body.gateway', code: 'PAYMENT_ACCOUNT_EXISTS',
  messageVi: 'Cơ quan đã có một tài khoản đang dùng cho cổng thanh toán này; hãy sửa hoặc ngừng dùng tài khoản đó.',
  messageEn: 'The agency already has an active account for this gateway; edit or disable that one.',
};
