// Issuing a dossier code (the agency's gapless daily sequence, in the configured pattern) and the lookup
// secret printed on the receipt: both at acceptance, inside the accepting transaction.
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { localDate } from '../calendar/working-time.js';
import { formatDossierCode } from './dossier-code.js';
import { newLookupSecret } from './lookup-secret.js';
import * as repo from './dossiers.repo.js';

export function codePattern(ctx: AppContext): string {
  return ctx.config.dossierCodePattern;
}

export async function issueCode(ctx: AppContext, db: Db, agency: { id: string; code: string }, now: Date): Promise<string> {
  const date = localDate(now);
  const seq = await repo.nextSequence(db, agency.id, date);
  return formatDossierCode(codePattern(ctx), { agencyCode: agency.code, date, sequence: seq });
}

/** The lookup secret printed on the receipt (lookup-secret.ts). */
export const newSecret = newLookupSecret;
