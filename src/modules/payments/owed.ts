// What a dossier owes now: the catalogue's fees of its channel (with the province's overrides and the notes)
// and the open payment request, through the pure rules of fee-items.ts.
import type { AppContext } from '../../platform/context.js';
import { feesOfChannel } from '../catalog/catalog.service.js';
import type { DossierPaymentFacts } from '../dossiers/dossiers.service.js';
import { owedFor, type CatalogFee, type Owed } from './fee-items.js';

const CHANNEL_KIND = { 1: 'in_person', 2: 'online', 3: 'postal' } as const;

/** The catalogue's fees of the dossier's channel (with the province's overrides), else those it was received with. */
export async function catalogueFeesOf(ctx: AppContext, d: DossierPaymentFacts): Promise<CatalogFee[]> {
  const kind = CHANNEL_KIND[d.channel as 1 | 2 | 3] ?? 'in_person';
  const fees = await feesOfChannel(ctx, d.procedureId, d.procedureVersionId, kind);
  // a channel the catalogue lists no fees for: the fees the dossier was received with
  return fees.length > 0 ? fees : d.fees.map((f) => ({ ...f, note: null }));
}

export async function owedOf(ctx: AppContext, d: DossierPaymentFacts): Promise<Owed> {
  return owedFor(await catalogueFeesOf(ctx, d), { amount: d.openRequest?.amount ?? null, lines: d.openRequest?.lines ?? null });
}
