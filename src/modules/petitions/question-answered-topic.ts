// The outbox topic of an answered question: written in the answer's own transaction, so an answer and its
// message are never apart. The petitions module knows no consumer; the national-portal sync reads it to send
// the answers of the portal's questions back (DongBoKetQuaHoiDapGuiTuDVCQG), and ignores local ones.
import { z } from 'zod';
import { defineTopic, enqueue } from '../../platform/outbox/outbox.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';

export const QuestionAnsweredTopic = defineTopic({
  name: 'petitions.question-answered',
  version: 1,
  schema: z.object({
    questionId: z.string(),
    code: z.string(),
    source: z.enum(['local', 'dvcqg']),
    /** The portal's id of the question (source dvcqg). */
    externalId: z.string().nullable(),
    answer: z.string(),
    answeredAt: z.coerce.date(),
    /** The question's version after the answer: a later answer (a correction) has a higher one. */
    version: z.number().int(),
  }),
});
export type QuestionAnsweredMessage = z.output<typeof QuestionAnsweredTopic.schema>;

export async function enqueueQuestionAnswered(ctx: { clock: Clock }, trx: Db, m: QuestionAnsweredMessage): Promise<void> {
  await enqueue(ctx, trx, { topic: QuestionAnsweredTopic, key: `${m.questionId}:${m.version}`, payload: m });
}
