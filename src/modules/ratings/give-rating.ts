// Giving (or changing) the satisfaction rating of a dossier, whatever the channel: the citizen's account
// (portal), the lookup secret of the receipt (the link in the SMS / e-mail, the tracking page) or the counter
// kiosk. One rating per dossier (unique dossier_id); only its rater may change it, before the window closes
// (MOTCUA_RATING_EDIT_DAYS from the first rating, time from ctx.clock); a kiosk rating is final.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import type { DossierRatingFacts } from '../dossiers/dossiers.service.js';
import { answerProblems, changeRefusal, editableUntil, LEVEL_WORDS, LEVELS, OVERALL, ratingRefusal, type Channel, type Criterion } from './rating-rules.js';
import { ratingErrors } from './ratings.errors.js';
import * as repo from './ratings.repo.js';

export interface RatingBody {
  answers: Record<string, number>;
  comment?: string | null;
}

export async function criteriaOf(ctx: AppContext): Promise<Criterion[]> {
  const rows = await repo.activeCriteria(ctx.db);
  return rows.map((r) => ({ key: r.key, nameVi: r.name_vi, nameEn: r.name_en, required: r.required }));
}

const levelsOut = LEVELS.map((l) => ({ level: l, vi: LEVEL_WORDS[l].vi, en: LEVEL_WORDS[l].en }));

/** What the rating form shows for this rater: the dossier, the criteria, the rating if it is theirs, whether they may (still) rate. */
export async function ratingForm(ctx: AppContext, d: DossierRatingFacts, rater: string) {
  const [criteria, existing] = await Promise.all([criteriaOf(ctx), repo.ratingOfDossier(ctx.db, d.id)]);
  const now = ctx.clock.now();
  const refusal = ratingRefusal(d) ?? changeRefusal(existing ? { rater: existing.rater, editableUntil: existing.editable_until } : null, rater, now);
  // a kiosk never shows a rating again (the next citizen at the counter must not see the previous one's answers)
  const mine = !!existing && existing.rater === rater && !rater.startsWith('kiosk:');
  return {
    code: d.code,
    procedure: { code: d.procedureCode, name: d.procedureName },
    returnedAt: d.returnedAt ? d.returnedAt.toISOString() : null,
    criteria,
    levels: levelsOut,
    canRate: refusal === null,
    reason: refusal,
    rated: !!existing,
    rating: existing && mine
      ? { answers: existing.answers, comment: existing.comment, channel: existing.channel as Channel, createdAt: existing.created_at.toISOString(), updatedAt: existing.updated_at.toISOString(), editableUntil: existing.editable_until.toISOString() }
      : null,
  };
}

export type RatingForm = Awaited<ReturnType<typeof ratingForm>>;

/** Gives or changes the rating; answers what the form shows afterwards. */
export async function giveRating(ctx: AppContext, d: DossierRatingFacts, rater: string, channel: Channel, body: RatingBody) {
  const notReturned = ratingRefusal(d);
  if (notReturned) throw ratingErrors[notReturned]();
  const criteria = await criteriaOf(ctx);
  const comment = body.comment?.trim() ? body.comment.trim().normalize('NFC') : null;
  const problems = answerProblems(criteria, body.answers, comment);
  if (problems.length > 0) throw invalid(problems);
  const now = ctx.clock.now();
  const days = ctx.config.ratingEditDays;
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.lockRating(trx, d.id);
    const refusal = changeRefusal(existing ? { rater: existing.rater, editableUntil: existing.editable_until } : null, rater, now);
    if (refusal) throw ratingErrors[refusal]({ days });
    const overall = body.answers[OVERALL]!;
    if (existing) {
      await repo.updateRating(trx, existing.id, { overall, answers: body.answers, comment, updated_at: now });
      return;
    }
    const inserted = await repo.insertRating(trx, {
      id: randomUUID(), dossier_id: d.id, dossier_code: d.code, competent_agency_id: d.competentAgencyId,
      procedure_id: d.procedureId, procedure_code: d.procedureCode, procedure_name: d.procedureName, official_ids: d.officialIds,
      overall, answers: body.answers, comment, channel, rater, created_at: now, updated_at: now, editable_until: editableUntil(now, days),
    });
    // a rating given by someone else in between (two tabs, two channels): the first one stands
    if (!inserted) throw ratingErrors.RATING_ALREADY_GIVEN({ days });
  });
  return ratingForm(ctx, d, rater);
}
