// The agencies a reception names: the receiving desk, the competent agency (chosen, or the only candidate
// of the competence map / the catalogue), and agency codes in requests, each a 422 on the field when unknown.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid } from '../../platform/errors.js';
import { agencyById, agencyByCode as findAgencyByCode, type Agency } from '../org/org.read.js';
import { agenciesPerforming, type ReceptionProcedure } from '../catalog/catalog.service.js';
import { competenceFor } from '../competence/competent-agency.js';
import { dossierErrors } from './dossiers.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** The agency in force with `code`; 422 on the field `path` when there is none. */
export async function agencyByCode(ctx: AppContext, code: string, path: string): Promise<Agency> {
  const a = await findAgencyByCode(ctx.db, code);
  if (!a) throw invalid([{ path, code: 'AGENCY_UNKNOWN', messageVi: `Không có cơ quan mã ${code}`, messageEn: `No agency with code ${code}` }]);
  return a;
}

/** The receiving desk: the one given, or the only agency where the caller receives; the caller must receive there. */
export async function receivingDesk(ctx: AppContext, p: Principal, code: string | undefined): Promise<Agency> {
  let receiving: Agency;
  if (code) receiving = await agencyByCode(ctx, code, 'body.receivingAgencyCode');
  else {
    const desks = [...new Set(p.assignments.filter((a) => a.role === 'reception').map((a) => a.agencyCode))];
    if (desks.length !== 1) {
      throw desks.length === 0 ? platformErrors.FORBIDDEN() : dossierErrors.RECEIVING_AGENCY_REQUIRED();
    }
    receiving = await agencyByCode(ctx, desks[0]!, 'body.receivingAgencyCode');
  }
  return receiving;
}

/**
 * The competent agency: the one given (it must be a candidate of competenceFor or perform the procedure), else
 * the only candidate (competent-agency.ts); several → the desk must choose (the candidates are in the error);
 * none → the earlier rule (the desk's parent when it performs the procedure, or the only performer), never the
 * desk itself, else the missing configuration is named.
 */
export async function competentAgencyOf(ctx: AppContext, proc: ReceptionProcedure, receiving: Agency, code: string | undefined): Promise<Agency> {
  const competence = await competenceFor(ctx.db, proc, receiving);
  const performing: string[] = await agenciesPerforming(ctx, proc.id);
  const candidates = competence.candidates;
  if (code) {
    const chosen = await agencyByCode(ctx, code, 'body.competentAgencyCode');
    if (!candidates.some((c) => c.id === chosen.id) && performing.length > 0 && !performing.includes(chosen.id)) {
      throw invalid([{ path: 'body.competentAgencyCode', code: 'NOT_COMPETENT', messageVi: 'Cơ quan không thực hiện thủ tục này', messageEn: 'The agency does not perform this procedure' }]);
    }
    return chosen;
  }
  if (candidates.length === 1) return (await agencyById(ctx.db, candidates[0]!.id))!;
  const names = candidates.map((c) => `${c.name} (${c.code})`).join('; ');
  if (candidates.length > 1) {
    throw dossierErrors.COMPETENT_AGENCY_REQUIRED({}, {
      candidates: candidates.map((c) => ({ code: c.code, name: c.name })),
      errors: [{ path: 'body.competentAgencyCode', code: 'COMPETENT_AGENCY_CHOICE', messageVi: `Chọn cơ quan có thẩm quyền: ${names}`, messageEn: `Choose the competent agency: ${names}` }],
    });
  }
  const guess =
    (receiving.parent_id && performing.includes(receiving.parent_id) ? receiving.parent_id : null) ??
    (performing.includes(receiving.id) ? receiving.id : null) ??
    (performing.length === 1 ? performing[0]! : null);
  const guessed = guess ? await agencyById(ctx.db, guess) : undefined;
  // a desk (centre) is never competent by default: a dossier left there in the handling step strands
  if (guessed && guessed.kind !== 'service_centre' && guessed.kind !== 'commune_centre') return guessed;
  throw dossierErrors.COMPETENT_AGENCY_REQUIRED({}, {
    candidates: [],
    errors: [{ path: 'body.competentAgencyCode', code: 'COMPETENT_AGENCY_UNKNOWN', messageVi: competence.missing?.vi ?? 'Cần chọn cơ quan có thẩm quyền', messageEn: competence.missing?.en ?? 'Choose the competent agency' }],
  });
}
