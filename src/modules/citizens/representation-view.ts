// Representations as the API and the read API show them: the party, its address's unit names, the status
// on today's (Vietnam) date, and the authorisation document's name.
import type { AppContext } from '../../platform/context.js';
import { currentAdminUnits } from '../org/org.read.js';
import { localDate } from '../calendar/working-time.js';
import { filesOwnedBy } from '../documents/documents.service.js';
import type * as repo from './citizens.repo.js';
import type { RepresentationOut } from './citizens.out.js';
import { citizenLabel } from './citizen-session.js';

export function representationStatus(r: Pick<repo.RepresentationRow, 'revoked_at' | 'valid_until'>, today: string): RepresentationOut['status'] {
  if (r.revoked_at) return 'revoked';
  return r.valid_until && r.valid_until < today ? 'expired' : 'active';
}

export async function representationViews(ctx: AppContext, citizenId: string, rows: repo.RepresentationRow[]): Promise<RepresentationOut[]> {
  const today = localDate(ctx.clock.now());
  const files = await filesOwnedBy(ctx, citizenLabel(citizenId), rows.map((r) => r.document_file_id));
  const codes = [...new Set(rows.map((r) => r.party_unit_code).filter((c): c is string => !!c))];
  const units = new Map((await currentAdminUnits(ctx.db, codes)).map((u) => [u.code, u]));
  return rows.map((r) => ({
    id: r.id,
    partyKind: r.party_kind as RepresentationOut['partyKind'],
    basis: r.basis as RepresentationOut['basis'],
    partyName: r.party_name,
    partyIdNumber: r.party_id_number,
    partyTaxCode: r.party_tax_code,
    partyAddress: r.party_address_line || r.party_unit_code
      ? { line: r.party_address_line, communeCode: r.party_unit_code, communeName: (r.party_unit_code && units.get(r.party_unit_code)?.full_name) || null, provinceCode: (r.party_unit_code && units.get(r.party_unit_code)?.province_code) || null }
      : null,
    partyPhone: r.party_phone,
    partyEmail: r.party_email,
    validUntil: r.valid_until,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    status: representationStatus(r, today),
    document: files.get(r.document_file_id) ?? null,
  }));
}
