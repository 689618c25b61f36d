// Questions citizens sent to the province on the national portal (LayDanhSachHoiDapGuiTuDVCQG): each is kept
// once in portal_questions (by the portal's id) and handed to the officials' Q&A inbox through the petitions
// service (receivePortalQuestion); the hand-over is marked in the question's own transaction. One that cannot
// be handed over yet (no agency decides) keeps the reason and is tried again on the next pull.
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { message } from '../../platform/i18n/messages.js';
import { receivePortalQuestion } from '../petitions/petitions.service.js';
import * as repo from './portal-sync.repo.js';

export interface QuestionPullResult {
  pulled: number;
  new: number;
  /** Taken into the Q&A inbox by this pull. */
  handedOver: number;
  /** Still waiting (the reason is on the row). */
  held: number;
}

export async function pullPortalQuestions(ctx: AppContext): Promise<QuestionPullResult> {
  const list = await ctx.nationalPortal.listQuestions();
  const now = ctx.clock.now();
  const created = await repo.upsertQuestions(ctx.db, list.map((q) => ({
    portal_id: q.ID, field_code: q.MALINHVUC ?? null, agency_code: q.MADONVI ?? null, procedure_code: q.MATTHCDP ?? null,
    asker_name: q.HOVATEN, asker_email: q.THUDIENTU ?? null, asker_phone: q.SODIENTHOAI ?? null, content: q.NOIDUNG,
    answer: null, answered_at: null, answer_synced_at: null, pulled_at: now,
    question_code: null, handover_error: null, answer_version: null, answer_error: null,
  })));
  const result: QuestionPullResult = { pulled: list.length, new: created, handedOver: 0, held: 0 };
  for (const row of await repo.questionsToHandOver(ctx.db, 500)) {
    if (await handOver(ctx, row)) result.handedOver++;
    else result.held++;
  }
  return result;
}

async function handOver(ctx: AppContext, row: repo.QuestionRow): Promise<boolean> {
  try {
    const r = await receivePortalQuestion(ctx, {
      externalId: row.portal_id, agencyCode: row.agency_code, procedureCode: row.procedure_code,
      askerName: row.asker_name, askerPhone: row.asker_phone, askerEmail: row.asker_email, content: row.content,
    }, { inTransaction: (trx, code) => repo.markQuestionHandedOver(trx, row.portal_id, code) });
    if (!r.created) await repo.markQuestionHandedOver(ctx.db, row.portal_id, r.code); // taken before, not marked (a crash)
    return true;
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err; // the database: the job tries the whole pull again
    await repo.markQuestionHeld(ctx.db, row.portal_id, message(err.code, 'vi', err.params));
    return false;
  }
}
