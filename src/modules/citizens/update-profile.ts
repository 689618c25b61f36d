// PUT /citizen/profile: the editable fields, checked all at once (422 with every field's error). Fields the
// identity provider proved (name, ID number, birth date) keep their value: a different one is refused on
// its field, never silently overwritten.
import type { AppContext } from '../../platform/context.js';
import type { FieldError } from '../../platform/errors.js';
import type { Db } from '../../platform/db/database.js';
import { invalid } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { currentCommune } from '../org/org.read.js';
import { localDate } from '../calendar/working-time.js';
import { checkCitizenId } from '../dossiers/applicant.js';
import type { CitizenPrincipal } from './citizen-session.js';
import { citizenLabel } from './citizen-session.js';
import * as repo from './citizens.repo.js';
import { citizenErrors } from './citizens.errors.js';
import type { ProfileIn, } from './citizens.schema.js';
import type { ProfileOut } from './citizens.out.js';
import { profileView } from './profile-view.js';

export async function getProfile(ctx: AppContext, p: CitizenPrincipal): Promise<ProfileOut> {
  const c = await repo.findCitizenById(ctx.db, p.citizenId);
  if (!c) throw citizenErrors.CITIZEN_UNAUTHENTICATED();
  return profileView(ctx.db, c);
}

export async function updateProfile(ctx: AppContext, p: CitizenPrincipal, body: ProfileIn, origin: RequestOrigin): Promise<ProfileOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await repo.lockCitizen(trx, p.citizenId);
    if (!c) throw citizenErrors.CITIZEN_UNAUTHENTICATED();
    const errors = [...provenFieldChanges(c, body), ...(await fieldErrors(ctx, trx, body))];
    if (errors.length) throw invalid(errors, 'PROFILE_INVALID');
    const row = await repo.updateCitizen(trx, c.id, {
      full_name: body.fullName,
      id_number: body.idNumber || null,
      birth_date: body.birthDate,
      address_line: body.address?.line ?? null,
      address_unit_code: body.address?.communeCode ?? null,
    });
    await writeAudit(trx, { actorLabel: citizenLabel(c.id), action: 'citizen.profile_update', targetType: 'citizen', targetId: c.id }, origin);
    return profileView(trx, row!);
  });
}

function provenFieldChanges(c: repo.CitizenRow, body: ProfileIn): FieldError[] {
  if (!c.identity_verified_at) return [];
  const proven: Array<[keyof ProfileIn, string | null, string | null]> = [
    ['fullName', c.full_name, body.fullName],
    ['idNumber', c.id_number, body.idNumber || null],
    ['birthDate', c.birth_date, body.birthDate],
  ];
  return proven
    .filter(([, stored, sent]) => stored !== null && stored !== sent)
    .map(([field]) => ({ path: `body.${field}`, code: 'PROFILE_FIELD_VERIFIED' }));
}

/** `db`: the caller's transaction (PGlite has one connection: a second client inside it would wait forever). */
async function fieldErrors(ctx: AppContext, db: Db, body: ProfileIn): Promise<FieldError[]> {
  const now = ctx.clock.now();
  const errors: FieldError[] = [];
  if (body.birthDate && body.birthDate > localDate(now)) {
    errors.push({ path: 'body.birthDate', code: 'DATE_IN_FUTURE', messageVi: 'Ngày sinh không được sau hôm nay', messageEn: 'The date of birth cannot be after today' });
  }
  if (body.idNumber) errors.push(...checkCitizenId(body.idNumber, 'body.idNumber', { birthDate: body.birthDate, today: now }));
  if (body.address && !(await currentCommune(db, body.address.communeCode))) {
    errors.push({ path: 'body.address.communeCode', code: 'ADMIN_UNIT_UNKNOWN', messageVi: 'Mã xã/phường không có trong danh mục hiện hành', messageEn: 'Not a current commune/ward code' });
  }
  return errors;
}
