// Response schemas of petitions and questions.
import { z } from 'zod';
import { problems } from '../../platform/http/problem.schema.js';

export const PetitionerOut = z.object({
  name: z.string().nullable().describe('null: the citizen gave no name (their phone or e-mail identifies them)'),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  masked: z.boolean().describe('true: shown masked (the caller is not the handling agency)'),
});

export const PetitionEventOut = z.object({
  kind: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(),
  actor: z.string().describe("the official's user name, 'citizen' or 'system'"),
  actorKind: z.enum(['citizen', 'official', 'system']),
  actorName: z.string().nullable().describe("the official's full name, or the petitioner's name when the caller may see it and one was given; null otherwise"),
  at: z.string(), details: z.record(z.string(), z.unknown()),
});

export const PetitionOut = z.object({
  code: z.string(),
  kind: z.enum(['regulation', 'behaviour']),
  channel: z.enum(['online', 'desk', 'phone']),
  status: z.enum(['received', 'info_requested', 'refused', 'assigned', 'answered', 'published', 'rated']),
  title: z.string(),
  content: z.string(),
  procedureCode: z.string().nullable(),
  dossierCode: z.string().nullable(),
  agency: z.object({ code: z.string(), name: z.string() }).nullable(),
  petitioner: PetitionerOut,
  receivedAt: z.string(),
  refuseDueAt: z.string(),
  handleDueAt: z.string(),
  infoDueAt: z.string().nullable(),
  infoRequest: z.string().nullable(),
  refusedAt: z.string().nullable(),
  refuseReason: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answer: z.string().nullable(),
  publishDueAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  public: z.boolean(),
  rating: z.enum(['satisfied', 'unsatisfied']).nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
  overdue: z.boolean().describe('open and past its current deadline'),
  actions: z.array(z.string()).describe('what the caller may do now'),
  version: z.number().int(),
});
export const PetitionDetailOut = PetitionOut.extend({ events: z.array(PetitionEventOut) });
export const PetitionListOut = z.object({ items: z.array(PetitionOut) });

export const PublicPetitionOut = z.object({
  code: z.string(), kind: z.enum(['regulation', 'behaviour']), title: z.string(), content: z.string(),
  procedureCode: z.string().nullable(), agency: z.object({ code: z.string(), name: z.string() }).nullable(),
  answer: z.string().nullable(), receivedAt: z.string(), publishedAt: z.string().nullable(),
});
export const PublicPetitionListOut = z.object({ items: z.array(PublicPetitionOut) });

export const QuestionOut = z.object({
  code: z.string(),
  source: z.enum(['local', 'dvcqg']).describe('local: asked on this portal; dvcqg: sent on the national portal (the answer goes back there)'),
  procedureCode: z.string().nullable().describe('null: a national-portal question that names only the agency'),
  procedureName: z.string().nullable(),
  agency: z.object({ code: z.string(), name: z.string() }).nullable(),
  asker: PetitionerOut,
  content: z.string(),
  status: z.enum(['asked', 'answered', 'published']),
  answer: z.string().nullable(),
  askedAt: z.string(),
  dueAt: z.string(),
  answeredAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export const QuestionListOut = z.object({ items: z.array(QuestionOut) });

export const PublicQuestionOut = z.object({
  code: z.string(), procedureCode: z.string().nullable(), procedureName: z.string().nullable(), agency: z.object({ code: z.string(), name: z.string() }).nullable(),
  content: z.string(), answer: z.string(), askedAt: z.string(), publishedAt: z.string(),
});
export const PublicQuestionListOut = z.object({ items: z.array(PublicQuestionOut) });

export const PETITION_PROBLEMS = problems(400, 401, 403, 404, 409, 422, 429);
