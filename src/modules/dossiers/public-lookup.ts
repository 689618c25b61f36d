// GET /public/dossiers/{code}: the citizen's look-up with the secret printed on the receipt. It shows only
// what the receipt shows, and a wrong code and a wrong secret give the same 404 (and take the same time).
import type { AppContext } from '../../platform/context.js';

import { agencyBriefs } from '../org/org.read.js';
import { NATIONAL_STATUS_LABELS } from '../workflow/state-machine.js';
import { secretMatches } from './lookup-secret.js';
import { iso } from './presenters.js';
import * as repo from './dossiers.repo.js';
import { platformErrors } from '../../platform/platform.errors.js';

const LOOKUP_HINT = {
  hintVi: 'Kiểm tra lại mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả. Mã tra cứu gồm 15 chữ in hoa và chữ số, không có chữ O, chữ I, số 0, số 1; không phân biệt chữ hoa, chữ thường; có thể gõ có hoặc không có dấu cách.',
  hintEn: 'Check the dossier code and the lookup code printed on the receipt. The lookup code has 15 capital letters and digits, without the letters O and I or the digits 0 and 1; upper or lower case and spaces do not matter.',
};

export async function publicLookup(ctx: AppContext, code: string, secret: string) {
  const notFound = () => platformErrors.NOT_FOUND({ what: 'dossier' }, LOOKUP_HINT);
  // dossier codes are matched case-insensitively (they are issued in upper case)
  const typed = code.trim();
  const row = repo.isUuid(typed) ? undefined : ((await repo.findByRef(ctx.db, typed)) ?? (await repo.findByRef(ctx.db, code.trim().toUpperCase())));
  // compared even when the dossier does not exist, so timing does not reveal codes
  const ok = secretMatches(secret, row?.secret_hash);
  if (!row || !ok) throw notFound();
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
