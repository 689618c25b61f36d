// The applicant, representative and delivery of a reception checked field by field (every error at once,
// 422 with `errors`): identity numbers, phones, e-mails, and addresses against the current communes.
import type { AppContext } from '../../platform/context.js';
import type { FieldError } from '../../platform/errors.js';
import { currentCommune } from '../org/org.read.js';
import { localDate } from '../calendar/working-time.js';
import { checkCitizenId, isEmail, normalisePhone } from './applicant.js';
import type { ReceiveInputBody } from './dossiers.schema.js';

export async function validateApplicant(ctx: AppContext, body: ReceiveInputBody, now: Date): Promise<{ errors: FieldError[]; phone: string | null }> {
  const errors: FieldError[] = [];
  const a = body.applicant;
  const fe = (path: string, code: string, vi: string, en: string) => errors.push({ path, code, messageVi: vi, messageEn: en });
  if (a.birthDate && a.birthDate > localDate(now)) {
    fe('body.applicant.birthDate', 'DATE_IN_FUTURE', 'Ngày sinh không được sau hôm nay', 'The date of birth cannot be after today');
  }
  if (a.kind === 'individual') {
    if (!a.idNumber) fe('body.applicant.idNumber', 'REQUIRED', 'Cần số định danh cá nhân', 'The citizen ID number is required');
    else errors.push(...checkCitizenId(a.idNumber, 'body.applicant.idNumber', { birthDate: a.birthDate, today: now }));
  } else if (!a.organisation) {
    fe('body.applicant.organisation', 'REQUIRED', 'Cần thông tin tổ chức', 'Organisation details are required');
  } else if (a.idNumber) {
    errors.push(...checkCitizenId(a.idNumber, 'body.applicant.idNumber', { today: now }));
  }
  let phone: string | null = null;
  if (a.phone) {
    phone = normalisePhone(a.phone);
    if (!phone) fe('body.applicant.phone', 'PHONE_FORMAT', 'Số điện thoại không hợp lệ', 'Not a Vietnamese mobile or landline number');
  }
  if (a.email && !isEmail(a.email)) fe('body.applicant.email', 'EMAIL_FORMAT', 'Thư điện tử không hợp lệ', 'Invalid e-mail address');
  if (body.representative) {
    const r = body.representative;
    errors.push(...checkCitizenId(r.idNumber, 'body.representative.idNumber', { today: now }));
    if (r.phone && !normalisePhone(r.phone)) fe('body.representative.phone', 'PHONE_FORMAT', 'Số điện thoại không hợp lệ', 'Not a Vietnamese phone number');
    if (r.email && !isEmail(r.email)) fe('body.representative.email', 'EMAIL_FORMAT', 'Thư điện tử không hợp lệ', 'Invalid e-mail address');
  }
  if (!a.phone && !a.email && !a.address) {
    fe('body.applicant', 'CONTACT_REQUIRED', 'Cần ít nhất một thông tin liên hệ (điện thoại, thư điện tử hoặc địa chỉ)', 'At least one contact (phone, e-mail or address) is required');
  }
  const addresses: Array<[string, { communeCode: string; provinceCode?: string } | undefined]> = [
    ['body.applicant.address', a.address],
    ['body.representative.address', body.representative?.address],
    ['body.delivery.address', body.delivery.address],
  ];
  for (const [path, addr] of addresses) {
    if (!addr) continue;
    const unit = await currentCommune(ctx.db, addr.communeCode);
    if (!unit) fe(`${path}.communeCode`, 'ADMIN_UNIT_UNKNOWN', 'Mã xã/phường không có trong danh mục hiện hành', 'Not a current commune/ward code');
    else if (addr.provinceCode && unit.province_code !== addr.provinceCode) {
      fe(`${path}.provinceCode`, 'ADMIN_UNIT_MISMATCH', 'Xã/phường không thuộc tỉnh đã chọn', 'The commune is not in that province');
    }
  }
  if (body.delivery.method === 'post' && !body.delivery.address && !a.address) {
    fe('body.delivery.address', 'REQUIRED', 'Cần địa chỉ nhận kết quả qua bưu chính', 'A postal address is required');
  }
  return { errors, phone };
}
