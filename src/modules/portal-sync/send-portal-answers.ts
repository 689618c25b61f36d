// Answers to the portal's questions go back to it (DongBoKetQuaHoiDapGuiTuDVCQG): a subscriber of the petitions
// module's question-answered topic. Local questions are not the portal's. An unreachable portal is an
// exception, so the outbox tries again with its back-off (the message id is the idempotency key); a refusal
// keeps the portal's reason on the row for the administrators. An older answer delivered after a newer one
// (a corrected answer) is not sent: the row remembers the question version it last sent.
import type { AppContext } from '../../platform/context.js';
import { onTopic } from '../../platform/outbox/outbox.js';
import { QuestionAnsweredTopic, type QuestionAnsweredMessage } from '../petitions/petitions.service.js';
import * as repo from './portal-sync.repo.js';

export const portalAnswerHandler = onTopic(QuestionAnsweredTopic, async (ctx, m) => {
  if (m.payload.source === 'dvcqg' && m.payload.externalId) await sendPortalAnswer(ctx, m.id, m.payload);
});

export async function sendPortalAnswer(ctx: AppContext, messageId: string, a: QuestionAnsweredMessage): Promise<'accepted' | 'rejected' | 'stale'> {
  const row = await repo.questionById(ctx.db, a.externalId!);
  if (row?.answer_version != null && row.answer_version > a.version) return 'stale';
  const answer = await ctx.nationalPortal.sendAnswer({ ID: a.externalId!, NOIDUNGTRALOI: a.answer }, { idempotencyKey: messageId });
  const outcome = answer.outcome === 'accepted'
    ? { answer_synced_at: ctx.clock.now(), answer_error: null }
    : { answer_synced_at: null, answer_error: `${answer.code}: ${answer.message}` };
  await repo.recordQuestionAnswer(ctx.db, a.externalId!, { answer: a.answer, answered_at: a.answeredAt, answer_version: a.version, ...outcome });
  return answer.outcome;
}
