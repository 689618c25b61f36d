// Forms 02–05, the notices that follow one event of the dossier (pure): 02 completion / supplement request,
// 03 refusal, 04 apology with a new appointment, 05 processing stopped. Each returns the form's variables
// from the event and the names already looked up; `null` event = the form is not available yet.
import { vnDate, vnDateTime } from '../pdf.js';
import type { DossierEvent } from '../../workflow/types.js';

export const lastEvent = (events: DossierEvent[], actions: string[]) => [...events].reverse().find((e) => actions.includes(e.action));

/** Form 02: `officerUnit` is the requesting official's agency name, else the receiving centre's. */
export function requestVars(e: DossierEvent, officerName: string, officerUnit: string): Record<string, string> {
  return { reason: String(e.payload.reason ?? ''), requestedAt: vnDateTime(e.at), officerName, officerUnit };
}

export const requestItems = (e: DossierEvent): string[] => (e.payload.items as string[] | undefined) ?? [];

/** Form 03: refused at the desk, or rejected by the competent agency. */
export function refusalVars(e: DossierEvent, officerName: string, agencies: { receivingAgency: string; competentAgency: string }): Record<string, string> {
  return {
    reason: String(e.payload.reason ?? ''),
    refusedAt: vnDateTime(e.at),
    officerName,
    refusingAgency: e.action === 'reject' ? agencies.competentAgency : `Bộ phận tiếp nhận và trả kết quả ${agencies.receivingAgency}`,
  };
}

/** Form 04: the due dates before and after the apology (the dossier's, when the event lacks them). */
export function apologyVars(e: DossierEvent, headName: string, dossier: { originalDueAt: string | null; dueAt: string | null }): Record<string, string> {
  return {
    reason: String(e.payload.reason ?? ''),
    previousDue: vnDateTime(e.clock?.previousDueAt ?? dossier.originalDueAt),
    newDue: vnDateTime((e.payload.newDueAt as string | undefined) ?? e.clock?.dueAt ?? dossier.dueAt),
    headName,
  };
}

/** Form 05: stopped after the applicant's withdrawal request `w` (if any). */
export function stopVars(e: DossierEvent, w: DossierEvent | undefined, officerName: string): Record<string, string> {
  return {
    withdrawalDate: vnDate(w?.at ?? e.at),
    reason: String(w?.payload.reason ?? e.payload.reason ?? ''),
    stoppedAt: vnDateTime(e.at),
    officerName,
  };
}

export const stopNoticeNumber = (e: DossierEvent): string | null => (e.payload.noticeNumber as string | null) ?? null;
