// Form 06, the control slip (phiếu kiểm soát quá trình): the hand-overs of the dossier as printed rows
// (pure; the slip itself comes from workflow/control-slip.ts through the dossiers service).
import { vnDateTime, type SlipRow } from '../pdf.js';
import { CLASSIFICATION_LABELS, type ControlSlip } from '../../workflow/control-slip.js';
import type { DossierEvent } from '../../workflow/types.js';

export type SlipWithAgencies = Pick<ControlSlip, 'rows' | 'handlingAgencyId' | 'cooperatingAgencyIds'> & {
  agencies: Record<string, { name: string } | undefined>;
};
type Row = ControlSlip['rows'][number];

/**
 * Who received a hand-over: a hand-over to a role's pool has no receiving person yet, so the official who
 * claimed it (or was assigned it) next is the receiver.
 */
export function receiverOf(r: Row, events: readonly DossierEvent[]): string | null {
  if (r.receiver.userId) return r.receiver.userId;
  const next = events.find((e) => e.version > r.version && (e.action === 'claim' || e.action === 'assign'));
  if (!next) return null;
  return next.action === 'assign' ? ((next.payload.userId as string | undefined) ?? null) : next.actor.userId;
}

/** The user ids whose names the slip prints. */
export const slipPeople = (slip: SlipWithAgencies, events: readonly DossierEvent[]) => slip.rows.flatMap((r) => [r.giver.userId, receiverOf(r, events)]);

export function slipForm(
  slip: SlipWithAgencies,
  events: readonly DossierEvent[],
  names: ReadonlyMap<string, string>,
  d: { applicantName: string; competentAgency: string },
): { rows: SlipRow[]; vars: Record<string, string> } {
  const agName = (id: string | null) => (id ? (slip.agencies[id]?.name ?? '') : '');
  const party = (x: Row['giver']) => (x.applicant ? 'Tổ chức, cá nhân nộp hồ sơ' : [agName(x.agencyId), x.stepNameVi].filter(Boolean).join(' – '));
  const rows: SlipRow[] = slip.rows.map((r) => ({
    index: r.index,
    giver: party(r.giver),
    receiver: party(r.receiver),
    giverPerson: names.get(r.giver.userId ?? '') ?? '',
    receiverPerson: r.receiver.applicant ? d.applicantName : (names.get(receiverOf(r, events) ?? '') ?? ''),
    at: vnDateTime(r.at),
    classification: r.classification ? CLASSIFICATION_LABELS[r.classification].vi : '',
    note: r.note ?? '',
  }));
  return {
    rows,
    vars: {
      handlingAgency: agName(slip.handlingAgencyId) || d.competentAgency,
      cooperatingAgencies: slip.cooperatingAgencyIds.map(agName).filter(Boolean).join('; ') || 'Không',
    },
  };
}
