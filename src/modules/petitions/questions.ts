// Questions and answers (hỏi đáp) about a procedure: a signed-in citizen asks; the question goes to the agency
// that performs the procedure (the catalogue's performers; the citizen chooses when there are several); an
// official of that agency answers within the deadline (working days, configurable) and may publish it on the
// procedure's page, where published answers are searched without diacritics (platform/text searchKey).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { searchKey } from '../../platform/text.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { getProcedure } from '../catalog/catalog.service.js';
import { agencyBriefs, agencyByCode, subtreeAgencyIds } from '../org/org.read.js';
import { can, scopePaths } from '../org/permissions.js';
import { addDays, iso, newCode, petitionerOf, settingsOf, UNNAMED } from './petition-common.js';
import { petitionErrors } from './petitions.errors.js';
import * as repo from './petitions.repo.js';
import type { CitizenRef } from './petition-cases.js';
import type { QuestionAnswerBody, QuestionBody } from './petitions.schema.js';
import type { Db } from '../../platform/db/database.js';
import { enqueueQuestionAnswered } from './question-answered-topic.js';

const DAY_MS = 86_400_000;

/** The stored search text: searchKey (no diacritics, lower case), words only, padded so a word's start can be matched (' ' + word). */
export const wordsKey = (s: string): string => ` ${searchKey(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

async function questionViews(ctx: AppContext, rows: repo.QuestionRow[], show: (row: repo.QuestionRow, agency: { id: string; path: string } | undefined) => boolean) {
  const agencies = await agencyBriefs(ctx.db, rows.map((r) => r.agency_id));
  const now = ctx.clock.now().getTime();
  return rows.map((r) => {
    const a = agencies.get(r.agency_id);
    return {
      code: r.code, procedureCode: r.procedure_code, procedureName: r.procedure_name,
      agency: a ? { code: a.code, name: a.name } : null,
      source: r.source as 'local' | 'dvcqg',
      asker: petitionerOf({ petitioner_name: r.asker_name, petitioner_phone: r.asker_phone, petitioner_email: r.asker_email, petitioner_address: null }, show(r, a)),
      content: r.content, status: r.status as 'asked' | 'answered' | 'published', answer: r.answer,
      askedAt: iso(r.asked_at)!, dueAt: iso(r.due_at)!, answeredAt: iso(r.answered_at), publishedAt: iso(r.published_at),
      overdue: r.status === 'asked' && new Date(r.due_at).getTime() < now,
      version: r.version,
    };
  });
}

/** POST /citizen/questions. */
export async function askQuestion(ctx: AppContext, c: CitizenRef, body: z.infer<typeof QuestionBody>, ip: string | undefined) {
  const s = await settingsOf(ctx);
  const since = new Date(ctx.clock.now().getTime() - DAY_MS);
  const mine = (await repo.questionsOfCitizen(ctx.db, c.citizenId)).filter((q) => new Date(q.asked_at).getTime() >= since.getTime()).length;
  if (mine >= s.perCitizenPerDay) throw petitionErrors.QUESTION_RATE_LIMITED({ limit: s.perCitizenPerDay });
  void ip;
  const proc = await getProcedure(ctx, null, body.procedureCode).catch((err: unknown) => {
    throw Object.assign(petitionErrors.PETITION_PROCEDURE_UNKNOWN({ code: body.procedureCode }, {
      errors: [{ path: 'body.procedureCode', code: 'PETITION_PROCEDURE_UNKNOWN', messageVi: `Không có thủ tục mã ${body.procedureCode}`, messageEn: `No procedure ${body.procedureCode}` }],
    }), { cause: err });
  });
  const performers = proc.agencies;
  let agencyCode: string | undefined;
  if (body.agencyCode) {
    if (performers.length && !performers.some((a) => a.code === body.agencyCode)) {
      throw petitionErrors.QUESTION_AGENCY_REQUIRED({}, { candidates: performers.slice(0, 200), errors: [{ path: 'body.agencyCode', code: 'QUESTION_AGENCY_REQUIRED', messageVi: 'Cơ quan này không thực hiện thủ tục', messageEn: 'This agency does not perform the procedure' }] });
    }
    agencyCode = body.agencyCode;
  } else if (performers.length === 1) agencyCode = performers[0]!.code;
  else {
    throw petitionErrors.QUESTION_AGENCY_REQUIRED({}, { candidates: performers.slice(0, 200), errors: [{ path: 'body.agencyCode', code: 'QUESTION_AGENCY_REQUIRED', messageVi: 'Chọn cơ quan nhận câu hỏi', messageEn: 'Choose the agency to ask' }] });
  }
  const agency = await agencyByCode(ctx.db, agencyCode);
  if (!agency) throw petitionErrors.PETITION_AGENCY_UNKNOWN({ code: agencyCode }, { errors: [{ path: 'body.agencyCode', code: 'PETITION_AGENCY_UNKNOWN' }] });
  const now = ctx.clock.now();
  const row = {
    id: randomUUID(), code: newCode('HD', now), citizen_id: c.citizenId, asker_name: c.name ?? c.phone ?? c.email ?? UNNAMED,
    asker_phone: c.phone, asker_email: c.email, procedure_code: proc.code, procedure_name: proc.name, agency_id: agency.id,
    content: body.content, status: 'asked', due_at: await addDays(ctx, agency.id, now, s.questionDays),
    search_key: wordsKey(body.content), asked_at: now, version: 1,
  };
  await repo.insertQuestion(ctx.db, row);
  return (await citizenQuestions(ctx, c)).find((q) => q.code === row.code)!;
}

export async function citizenQuestions(ctx: AppContext, c: CitizenRef) {
  return questionViews(ctx, await repo.questionsOfCitizen(ctx.db, c.citizenId), () => true);
}

const handles = (p: Principal) => (_r: repo.QuestionRow, a: { id: string; path: string } | undefined) => !!a && can(p, 'petition.handle', a);

/** GET /questions: the Q&A inbox of the caller's agencies. */
export async function questionInbox(ctx: AppContext, p: Principal, status: 'asked' | 'answered' | 'published' | 'all') {
  const paths = [...new Set(scopePaths(p, 'petition.handle'))];
  if (!paths.length) throw platformErrors.FORBIDDEN();
  const rows = await repo.questionInbox(ctx.db, await subtreeAgencyIds(ctx.db, paths), status, 500);
  return { items: await questionViews(ctx, rows, handles(p)) };
}

type QuestionPatch = Parameters<typeof repo.updateQuestion>[2];

async function changeQuestion(
  ctx: AppContext, p: Principal, code: string, version: number, change: (row: repo.QuestionRow) => QuestionPatch,
  inTransaction?: (trx: Db, row: repo.QuestionRow) => Promise<void>,
) {
  const out = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockQuestion(trx, code);
    if (!row) throw petitionErrors.QUESTION_NOT_FOUND();
    const a = (await agencyBriefs(trx, [row.agency_id])).get(row.agency_id);
    if (!a || !can(p, 'petition.handle', a)) throw petitionErrors.PETITION_FORBIDDEN();
    if (row.version !== version) throw petitionErrors.PETITION_VERSION_CONFLICT();
    const patch = change(row);
    await repo.updateQuestion(trx, row.id, { ...patch, version: row.version + 1 });
    const changed = { ...row, ...patch, version: row.version + 1 } as repo.QuestionRow;
    if (inTransaction) await inTransaction(trx, changed);
    return changed;
  });
  return (await questionViews(ctx, [out], handles(p)))[0]!;
}

/**
 * POST /questions/{code}/answer (publish: true also publishes it). The answer's outbox message is written in
 * the same transaction (question-answered-topic.ts): the answer of a portal question goes back to the portal.
 */
export async function answerQuestion(ctx: AppContext, p: Principal, code: string, body: z.infer<typeof QuestionAnswerBody>) {
  const now = ctx.clock.now();
  return changeQuestion(ctx, p, code, body.version, (row) => ({
    answer: body.answer, answered_by: p.userId, answered_at: now,
    status: body.publish ? 'published' : 'answered', published_at: body.publish ? now : null,
    search_key: wordsKey(`${row.content} ${body.answer}`),
  }), (trx, row) => enqueueQuestionAnswered(ctx, trx, {
    questionId: row.id, code: row.code, source: row.source as 'local' | 'dvcqg', externalId: row.external_id, answer: body.answer, answeredAt: now, version: row.version,
  }));
}

/** POST /questions/{code}/publish: publish (or withdraw) an answered question. */
export async function publishQuestion(ctx: AppContext, p: Principal, code: string, version: number, publish: boolean) {
  const now = ctx.clock.now();
  return changeQuestion(ctx, p, code, version, (row) => {
    if (!row.answer) throw petitionErrors.QUESTION_NOT_ANSWERED();
    return publish ? { status: 'published', published_at: now } : { status: 'answered', published_at: null };
  });
}

/** GET /public/questions: published Q&A (of a procedure), searched without diacritics; no personal data. */
export async function publicQuestions(ctx: AppContext, q: { procedure?: string; q?: string }) {
  const words = wordsKey(q.q ?? '').split(' ').filter(Boolean).slice(0, 10);
  const rows = await repo.publishedQuestions(ctx.db, { procedureCode: q.procedure, words, limit: 100 });
  const agencies = await agencyBriefs(ctx.db, rows.map((r) => r.agency_id));
  return {
    items: rows.map((r) => {
      const a = agencies.get(r.agency_id);
      return {
        code: r.code, procedureCode: r.procedure_code, procedureName: r.procedure_name, agency: a ? { code: a.code, name: a.name } : null,
        content: r.content, answer: r.answer ?? '', askedAt: iso(r.asked_at)!, publishedAt: iso(r.published_at)!,
      };
    }),
  };
}
