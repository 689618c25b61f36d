// Form 07, the register (sổ theo dõi hồ sơ): one printed row per dossier accepted in the period (pure).
import { vnShortDateTime, type RegisterRow } from '../pdf.js';
import type { DossierState } from '../../workflow/types.js';

const DELIVERY_LABEL: Record<string, string> = { counter: 'Trực tiếp', post: 'Bưu chính', online: 'Trực tuyến' };

/** A dossier as the register reads it (dossiers.listForRegister). */
export interface RegisterEntry {
  code: string | null;
  procedureName: string;
  applicantName: string;
  applicant: unknown;
  filing: unknown;
  competentAgency?: { name: string } | null;
  acceptedAt: string | null;
  dueAt: string | null;
  returnedAt: string | null;
  overdue: boolean;
  state: Pick<DossierState, 'visitedSteps' | 'stepEnteredAt' | 'transfers' | 'result'>;
}

/** `agencyName` names the agencies the dossiers were transferred to. */
export function registerRow(x: RegisterEntry, agencyName: (id: string) => string | undefined): RegisterRow {
  const a = (x.applicant ?? {}) as Record<string, any>;
  const s = x.state;
  const firstHandover = s.visitedSteps.length > 1 ? (s.stepEnteredAt ?? null) : null;
  return {
    code: x.code ?? '',
    procedure: x.procedureName,
    sets: 1,
    applicant: x.applicantName,
    contact: [a.address?.line, a.phone].filter(Boolean).join('; '),
    leadAgency: [x.competentAgency?.name, ...s.transfers.map((t) => agencyName(t.toAgencyId))].filter(Boolean).join('; '),
    receivedAt: vnShortDateTime(x.acceptedAt),
    appointmentAt: vnShortDateTime(x.dueAt),
    transferredAt: firstHandover && s.transfers.length === 0 ? '' : vnShortDateTime(s.transfers[0]?.sentAt ?? null),
    resultReceivedAt: vnShortDateTime(s.result?.recordedAt ?? null),
    returnedAt: vnShortDateTime(x.returnedAt),
    delivery: DELIVERY_LABEL[(x.filing as any)?.delivery?.method ?? 'counter'] ?? '',
    note: x.overdue ? 'Quá hạn' : '',
  };
}
