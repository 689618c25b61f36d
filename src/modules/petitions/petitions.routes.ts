// HTTP of petitions (phản ánh, kiến nghị) and questions & answers: the citizen's (signed in), the officials'
// inbox and actions, and the public published answers. Routes are thin: who is calling, one use case.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { PUBLIC_LOOKUP_LIMIT } from '../../platform/http/rate-limit.js';
import { requireCitizen } from '../citizens/citizen-session.js';
import * as svc from './petitions.service.js';
import * as s from './petitions.schema.js';
import * as o from './petitions.out.js';

async function citizenOf(ctx: AppContext, req: FastifyRequest): Promise<svc.CitizenRef> {
  const c = await requireCitizen(ctx, req);
  return { citizenId: c.citizenId, name: c.name, phone: c.phone, email: c.email };
}

const P = o.PETITION_PROBLEMS;

export function petitionRoutes(app: App, ctx: AppContext): void {
  // ---- the citizen (signed in)
  app.post('/api/v1/citizen/petitions', {
    schema: { tags: ['citizen'], summary: 'Gửi phản ánh, kiến nghị / file a petition', description: 'At most perCitizenPerDay petitions per account and perIpPerDay per address in 24 hours (petition_settings): 429 PETITION_RATE_LIMITED.', body: s.CitizenPetitionBody, response: { 201: o.PetitionOut, ...P } },
  }, async (req, reply) => reply.status(201).send(await svc.fileOnline(ctx, await citizenOf(ctx, req), req.body, req.ip)));

  app.get('/api/v1/citizen/petitions', {
    schema: { tags: ['citizen'], summary: 'Phản ánh, kiến nghị của tôi / my petitions', response: { 200: o.PetitionListOut, ...P } },
  }, async (req) => ({ items: await svc.citizenPetitions(ctx, await citizenOf(ctx, req)) }));

  app.post('/api/v1/citizen/petitions/:code/rating', {
    schema: { tags: ['citizen'], summary: 'Đánh giá kết quả trả lời / rate the answer', params: s.PetitionCodeParam, body: s.RatingBody, response: { 200: o.PetitionOut, ...P } },
  }, async (req) => svc.ratePetition(ctx, await citizenOf(ctx, req), req.params.code, req.body));

  app.post('/api/v1/citizen/petitions/:code/supplement', {
    schema: { tags: ['citizen'], summary: 'Bổ sung thông tin phản ánh / add the information asked for', params: s.PetitionCodeParam, body: s.SupplementBody, response: { 200: o.PetitionOut, ...P } },
  }, async (req) => svc.supplementPetition(ctx, await citizenOf(ctx, req), req.params.code, req.body.content));

  app.post('/api/v1/citizen/questions', {
    schema: { tags: ['citizen'], summary: 'Gửi câu hỏi về thủ tục / ask about a procedure', body: s.QuestionBody, response: { 201: o.QuestionOut, ...P } },
  }, async (req, reply) => reply.status(201).send(await svc.askQuestion(ctx, await citizenOf(ctx, req), req.body, req.ip)));

  app.get('/api/v1/citizen/questions', {
    schema: { tags: ['citizen'], summary: 'Câu hỏi của tôi / my questions', response: { 200: o.QuestionListOut, ...P } },
  }, async (req) => ({ items: await svc.citizenQuestions(ctx, await citizenOf(ctx, req)) }));

  // ---- public
  app.get('/api/v1/public/questions', {
    schema: { tags: ['public'], summary: 'Hỏi đáp đã công khai / published questions and answers', description: 'Of one procedure (procedure=code); q: words searched without diacritics in the question and the answer.', querystring: s.PublicQuestionsQuery, response: { 200: o.PublicQuestionListOut } },
    config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
  }, async (req) => svc.publicQuestions(ctx, req.query));

  app.get('/api/v1/public/petitions', {
    schema: { tags: ['public'], summary: 'Kết quả trả lời phản ánh, kiến nghị đã công khai / published petition answers', response: { 200: o.PublicPetitionListOut } },
    config: { anonymous: true, rateLimit: PUBLIC_LOOKUP_LIMIT },
  }, async () => svc.publicPetitions(ctx));

  // ---- officials
  app.get('/api/v1/petitions', {
    schema: { tags: ['petitions'], summary: 'Phản ánh, kiến nghị cần xử lý / the petitions inbox', querystring: s.InboxQuery, response: { 200: o.PetitionListOut, ...P } },
  }, async (req) => svc.petitionInbox(ctx, requirePrincipal(req), req.query.view));

  app.post('/api/v1/petitions', {
    schema: { tags: ['petitions'], summary: 'Ghi nhận phản ánh tại quầy / qua điện thoại / record a desk or phone petition', body: s.RecordPetitionBody, response: { 201: o.PetitionDetailOut, ...P } },
  }, async (req, reply) => reply.status(201).send(await svc.recordPetition(ctx, requirePrincipal(req), req.body)));

  app.get('/api/v1/petitions/:code', {
    schema: { tags: ['petitions'], summary: 'Một phản ánh, kiến nghị và lịch sử xử lý / one petition and its history', params: s.PetitionCodeParam, response: { 200: o.PetitionDetailOut, ...P } },
  }, async (req) => svc.petitionDetail(ctx, requirePrincipal(req), req.params.code));

  app.post('/api/v1/petitions/:code/actions/:action', {
    schema: { tags: ['petitions'], summary: 'Giao xử lý, không thụ lý, yêu cầu bổ sung, trả lời, công khai / act on a petition', params: s.PetitionActionParam, body: s.PetitionActionBody, response: { 200: o.PetitionDetailOut, ...P } },
  }, async (req) => svc.petitionAction(ctx, requirePrincipal(req), req.params.code, req.params.action, req.body));

  app.get('/api/v1/questions', {
    schema: { tags: ['petitions'], summary: 'Hỏi đáp cần trả lời / the Q&A inbox', querystring: s.QuestionInboxQuery, response: { 200: o.QuestionListOut, ...P } },
  }, async (req) => svc.questionInbox(ctx, requirePrincipal(req), req.query.status));

  app.post('/api/v1/questions/:code/answer', {
    schema: { tags: ['petitions'], summary: 'Trả lời câu hỏi / answer a question', params: s.QuestionCodeParam, body: s.QuestionAnswerBody, response: { 200: o.QuestionOut, ...P } },
  }, async (req) => svc.answerQuestion(ctx, requirePrincipal(req), req.params.code, req.body));

  app.post('/api/v1/questions/:code/publish', {
    schema: { tags: ['petitions'], summary: 'Công khai / thu hồi câu trả lời / publish or withdraw an answer', params: s.QuestionCodeParam, body: s.QuestionPublishBody, response: { 200: o.QuestionOut, ...P } },
  }, async (req) => svc.publishQuestion(ctx, requirePrincipal(req), req.params.code, req.body.version, req.body.publish));
}
