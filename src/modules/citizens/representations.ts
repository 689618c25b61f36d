// Acting for another person or an organisation: recorded with the represented party and the authorisation
// document (uploaded through the documents module, screened, in the same transaction), listed, revoked.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import { invalid, type FieldError } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { currentCommune } from '../org/org.read.js';
import { localDate } from '../calendar/working-time.js';
import { checkCitizenId, isEmail, normalisePhone } from '../dossiers/applicant.js';
import { openCitizenFile, uploadForCitizen, type UploadSource } from '../documents/documents.service.js';
import type { CitizenPrincipal } from './citizen-session.js';
import { citizenLabel } from './citizen-session.js';
import * as repo from './citizens.repo.js';
import { citizenErrors } from './citizens.errors.js';
import type { RepresentationIn } from './citizens.schema.js';
import type { RepresentationOut } from './citizens.out.js';
import { representationViews } from './representation-view.js';

const fe = (path: string, code: string, vi: string, en: string): FieldError => ({ path, code, messageVi: vi, messageEn: en });

/** Every field's problem at once; checked before the file is read, so a refused form stores nothing. */
export async function representationErrors(ctx: AppContext, b: RepresentationIn): Promise<FieldError[]> {
  const now = ctx.clock.now();
  const errors: FieldError[] = [];
  if (b.partyKind === 'individual') {
    if (!b.partyIdNumber) errors.push(fe('body.partyIdNumber', 'REQUIRED', 'Cần số định danh cá nhân của người ủy quyền', "The represented person's ID number is required"));
    else errors.push(...checkCitizenId(b.partyIdNumber, 'body.partyIdNumber', { today: now }));
  } else if (!b.partyTaxCode) {
    errors.push(fe('body.partyTaxCode', 'REQUIRED', 'Cần mã số thuế / mã số doanh nghiệp của tổ chức', "The organisation's tax code is required"));
  } else if (!/^\d{10}(-\d{3})?$/.test(b.partyTaxCode)) {
    errors.push(fe('body.partyTaxCode', 'TAX_CODE_FORMAT', 'Mã số thuế gồm 10 chữ số (chi nhánh: thêm -xxx)', 'A tax code has 10 digits (a branch adds -xxx)'));
  }
  if (b.partyUnitCode && !(await currentCommune(ctx.db, b.partyUnitCode))) {
    errors.push(fe('body.partyUnitCode', 'ADMIN_UNIT_UNKNOWN', 'Mã xã/phường không có trong danh mục hiện hành', 'Not a current commune/ward code'));
  }
  if (b.partyPhone && !normalisePhone(b.partyPhone)) errors.push(fe('body.partyPhone', 'PHONE_FORMAT', 'Số điện thoại không hợp lệ', 'Not a Vietnamese phone number'));
  if (b.partyEmail && !isEmail(b.partyEmail)) errors.push(fe('body.partyEmail', 'EMAIL_FORMAT', 'Thư điện tử không hợp lệ', 'Invalid e-mail address'));
  if (b.validUntil && b.validUntil < localDate(now)) {
    errors.push(fe('body.validUntil', 'DATE_IN_PAST', 'Giấy ủy quyền đã hết hạn', 'The authorisation has already expired'));
  }
  return errors;
}

export async function addRepresentation(ctx: AppContext, p: CitizenPrincipal, b: RepresentationIn, document: UploadSource, origin: RequestOrigin): Promise<RepresentationOut> {
  const owner = citizenLabel(p.citizenId);
  const row = await uploadForCitizen(ctx, owner, document, origin, async (trx, file) => {
    const r = await repo.insertRepresentation(trx, {
      id: randomUUID(),
      citizen_id: p.citizenId,
      party_kind: b.partyKind,
      basis: b.basis,
      party_name: b.partyName,
      party_id_number: b.partyKind === 'individual' ? (b.partyIdNumber ?? null) : null,
      party_tax_code: b.partyKind === 'organisation' ? (b.partyTaxCode ?? null) : null,
      party_address_line: b.partyAddressLine ?? null,
      party_unit_code: b.partyUnitCode ?? null,
      party_phone: b.partyPhone ? normalisePhone(b.partyPhone) : null,
      party_email: b.partyEmail?.toLowerCase() ?? null,
      document_file_id: file.id,
      valid_until: b.validUntil ?? null,
      created_at: ctx.clock.now(),
      revoked_at: null,
    });
    await writeAudit(trx, { actorLabel: owner, action: 'citizen.representation_add', targetType: 'citizen_representation', targetId: r.id, details: { partyKind: b.partyKind, basis: b.basis, fileId: file.id } }, origin);
    return r;
  });
  return (await representationViews(ctx, p.citizenId, [row]))[0]!;
}

export async function listRepresentations(ctx: AppContext, p: CitizenPrincipal): Promise<RepresentationOut[]> {
  return representationViews(ctx, p.citizenId, await repo.representationsOf(ctx.db, p.citizenId));
}

/** Revoked, not deleted: a dossier filed under it keeps pointing at it. Revoking twice is a no-op. */
export async function revokeRepresentation(ctx: AppContext, p: CitizenPrincipal, id: string, origin: RequestOrigin): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const found = await repo.findRepresentation(trx, p.citizenId, id);
    if (!found) throw citizenErrors.REPRESENTATION_NOT_FOUND();
    if (await repo.revokeRepresentation(trx, p.citizenId, id, ctx.clock.now())) {
      await writeAudit(trx, { actorLabel: citizenLabel(p.citizenId), action: 'citizen.representation_revoke', targetType: 'citizen_representation', targetId: id }, origin);
    }
  });
}

export async function openRepresentationDocument(ctx: AppContext, p: CitizenPrincipal, id: string): Promise<{ file: { name: string; media_type: string; size: number; sha256: string }; stream: Readable }> {
  const r = await repo.findRepresentation(ctx.db, p.citizenId, id);
  if (!r) throw citizenErrors.REPRESENTATION_NOT_FOUND();
  const { file, stream } = await openCitizenFile(ctx, citizenLabel(p.citizenId), r.document_file_id);
  return { file: { name: file.name, media_type: file.media_type, size: Number(file.size), sha256: file.sha256 }, stream };
}

export function throwIfInvalid(errors: FieldError[]): void {
  if (errors.length) throw invalid(errors, 'REPRESENTATION_INVALID');
}
