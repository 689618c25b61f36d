// The citizen's look-up by text message from the phone number on the dossier (SMS "HS <code>", see
// notifications/sms-lookup.ts): what the receipt look-up (public-lookup.ts) shows, found by code + the
// applicant's phone number instead of the printed secret. An unknown code and a number that is not the
// dossier's give the same null (the caller answers both alike).
import type { AppContext } from '../../platform/context.js';
import { toNationalVnMobile } from '../../platform/ports/sms-config.js';
import { agencyBriefs } from '../org/org.read.js';
import { NATIONAL_STATUS_LABELS } from '../workflow/state-machine.js';
import { iso } from './presenters.js';
import * as repo from './dossiers.repo.js';

export async function lookupByApplicantPhone(ctx: AppContext, code: string, phone: string) {
  const typed = code.trim();
  // a text comes from a mobile (84… / +84… / 0…); stored phones are normalised to '0…' at reception
  const wanted = toNationalVnMobile(phone);
  if (!typed || !wanted) return null;
  const row = repo.isUuid(typed) ? undefined : ((await repo.findByRef(ctx.db, typed)) ?? (await repo.findByRef(ctx.db, code.trim().toUpperCase())));
  if (!row || !row.applicant_phone || row.applicant_phone !== wanted) return null;
  const ag = await agencyBriefs(ctx.db, [row.receiving_agency_id, row.return_agency_id]);
  return {
    code: row.code!,
    procedure: { code: row.procedure_code, name: row.procedure_name },
    receivingAgency: ag.get(row.receiving_agency_id)?.name ?? null,
    returnAgency: ag.get(row.return_agency_id)?.name ?? null,
    nationalStatus: row.national_status,
    statusLabel: NATIONAL_STATUS_LABELS[row.national_status]!,
    receivedAt: iso(row.accepted_at),
    appointmentAt: iso(row.due_at),
    resultReady: row.national_status === 9,
    returnedAt: iso(row.returned_at),
  };
}
