// A question a citizen sent on the national portal, taken into the officials' Q&A inbox (called by the
// portal-sync module, which pulls LayDanhSachHoiDapGuiTuDVCQG). It goes to the agency the portal names
// (MADONVI), else to the only agency that performs the procedure it names (MATTHCDP); when neither decides,
// it is refused with the reason on the field and the caller keeps it to try again. Taken over once: the
// portal's id is unique among the questions (a repeat answers the question already made), and the caller's
// hand-over record is written in the question's own transaction.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, isUniqueViolation } from '../../platform/errors.js';
import { getProcedure } from '../catalog/catalog.service.js';
import { agencyByCode } from '../org/org.read.js';
import { addDays, newCode, settingsOf, UNNAMED } from './petition-common.js';
import { petitionErrors } from './petitions.errors.js';
import * as repo from './petitions.repo.js';
import { wordsKey } from './questions.js';

export interface PortalQuestionIn {
  /** The portal's id of the question (ID). */
  externalId: string;
  agencyCode: string | null;
  procedureCode: string | null;
  askerName: string | null;
  askerPhone: string | null;
  askerEmail: string | null;
  content: string;
}

async function procedureOf(ctx: AppContext, code: string | null) {
  if (!code) return null;
  try {
    return await getProcedure(ctx, null, code);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null; // a code the catalogue does not have: kept as given
    throw err;
  }
}

async function agencyOf(ctx: AppContext, q: PortalQuestionIn, performers: Array<{ code: string }>) {
  if (q.agencyCode) {
    const a = await agencyByCode(ctx.db, q.agencyCode);
    if (a) return a;
    throw petitionErrors.PETITION_AGENCY_UNKNOWN({ code: q.agencyCode }, { errors: [{ path: 'MADONVI', code: 'PETITION_AGENCY_UNKNOWN' }] });
  }
  if (performers.length === 1) return (await agencyByCode(ctx.db, performers[0]!.code))!;
  throw petitionErrors.QUESTION_PORTAL_NO_AGENCY({}, { errors: [{ path: 'MADONVI', code: 'QUESTION_PORTAL_NO_AGENCY' }] });
}

/**
 * Takes a portal question into the Q&A inbox; returns its code (`created` false when it was taken before).
 * Throws the petitions module's 4xx AppError when no agency can be chosen.
 */
export async function receivePortalQuestion(
  ctx: AppContext, q: PortalQuestionIn, opts: { inTransaction?: (trx: Db, code: string) => Promise<void> } = {},
): Promise<{ code: string; created: boolean }> {
  const seen = await repo.questionByExternalId(ctx.db, 'dvcqg', q.externalId);
  if (seen) return { code: seen.code, created: false };
  const proc = await procedureOf(ctx, q.procedureCode);
  const agency = await agencyOf(ctx, q, proc?.agencies ?? []);
  const s = await settingsOf(ctx);
  const now = ctx.clock.now();
  const code = newCode('HD', now);
  const dueAt = await addDays(ctx, agency.id, now, s.questionDays); // before the transaction: one connection on PGlite
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertQuestion(trx, {
        id: randomUUID(), code, source: 'dvcqg', external_id: q.externalId, citizen_id: null,
        asker_name: q.askerName?.trim() || q.askerPhone || q.askerEmail || UNNAMED, asker_phone: q.askerPhone, asker_email: q.askerEmail,
        procedure_code: proc?.code ?? q.procedureCode, procedure_name: proc?.name ?? null, agency_id: agency.id,
        content: q.content, status: 'asked', due_at: dueAt,
        search_key: wordsKey(q.content), asked_at: now, version: 1,
      });
      if (opts.inTransaction) await opts.inTransaction(trx, code);
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const other = await repo.questionByExternalId(ctx.db, 'dvcqg', q.externalId); // another process took it first
    if (!other) throw err;
    return { code: other.code, created: false };
  }
  return { code, created: true };
}
