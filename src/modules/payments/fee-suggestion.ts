// The official's payment request (status 6) starts from the catalogue: the lines of the dossier's channel
// (with the province's overrides), each as an editable line — a real amount as it is, an exemption with the
// catalogue's reason, a unit price with quantity 1, an amount the agency must still set at 0 with the note
// saying why. The official corrects them, adds lines, exempts some; the request carries the result.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { getDossier, paymentFactsById } from '../dossiers/dossiers.service.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { classifyFee, feeKind, type CatalogFee } from './fee-items.js';
import { catalogueFeesOf } from './owed.js';

export interface SuggestedLine {
  name: string;
  kind: 'phi' | 'le_phi';
  amount: number;
  quantity: number;
  exemptReason: string | null;
  /** What the catalogue says the agency still has to decide (the local rate, the count of pages), if anything. */
  hint: string | null;
}

/** Pure: the catalogue's fees as editable request lines. */
export function suggestedLines(fees: CatalogFee[]): SuggestedLine[] {
  return fees.map((f) => {
    const c = classifyFee(f);
    const kind = feeKind(f.name, f.note);
    const base = { name: f.name.slice(0, 500), kind, quantity: 1 };
    if (c.state === 'charged') return { ...base, amount: f.amountVnd!, exemptReason: null, hint: null };
    if (c.state === 'exempt') return { ...base, amount: 0, exemptReason: c.reason, hint: null };
    if (c.state === 'per_unit') return { ...base, amount: f.amountVnd!, exemptReason: null, hint: c.reason };
    return { ...base, amount: 0, exemptReason: null, hint: c.reason };
  });
}

export async function feeSuggestion(ctx: AppContext, p: Principal, ref: string): Promise<{ lines: SuggestedLine[] }> {
  const d = await getDossier(ctx, p, ref);
  const facts = await paymentFactsById(ctx.db, d.id);
  if (!facts) throw platformErrors.NOT_FOUND({ what: 'dossier' });
  return { lines: suggestedLines(await catalogueFeesOf(ctx, facts)) };
}
