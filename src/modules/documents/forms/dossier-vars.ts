// The variables every dossier form prints (code, procedure, agencies, applicant, representative), from
// plain dossier data (pure).
import { vnDate } from '../pdf.js';

export interface DossierFormData {
  code: string | null;
  procedureName: string;
  procedureCode: string;
  applicantName: string;
  applicant: unknown;
  acceptedAt: string | null;
  submittedAt: string;
  agencies: { receiving?: { name: string } | null; competent?: { name: string } | null };
}

export function applicantVars(d: Pick<DossierFormData, 'applicantName' | 'applicant'>, address: string): Record<string, string> {
  const a = (d.applicant ?? {}) as Record<string, any>;
  const rep = a.representative as Record<string, any> | null | undefined;
  return {
    applicantName: d.applicantName,
    applicantId: a.idNumber ?? a.organisation?.taxCode ?? '',
    applicantAddress: address,
    applicantPhone: a.phone ?? '',
    applicantEmail: a.email ?? '',
    repName: rep?.fullName ?? '',
    repId: rep?.idNumber ?? '',
    repPhone: rep?.phone ?? '',
    repDocument: rep?.authorisationDocument ?? '',
  };
}

/** Common variables; `address` is the applicant's address already written out (form-heading.ts addressText). */
export function dossierVars(d: DossierFormData, address: string): Record<string, string> {
  return {
    code: d.code ?? '',
    procedureName: d.procedureName,
    procedureCode: d.procedureCode,
    receivingAgency: d.agencies.receiving?.name ?? '',
    competentAgency: d.agencies.competent?.name ?? '',
    receivedDate: d.acceptedAt ? vnDate(d.acceptedAt) : vnDate(d.submittedAt),
    ...applicantVars(d, address),
  };
}
