// Request schemas of petitions and questions.
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional().transform((s) => (s ? s : undefined));

export const PetitionKind = z.enum(['regulation', 'behaviour']).describe('regulation: about an administrative regulation (quy định hành chính); behaviour: about how officials served (hành vi hành chính)');

export const CitizenPetitionBody = z.object({
  kind: PetitionKind,
  title: text(200),
  content: text(5000),
  procedureCode: optText(30).describe('catalogue code of the procedure it is about'),
  dossierCode: optText(40).describe('code of the dossier it is about'),
});

export const RecordPetitionBody = CitizenPetitionBody.extend({
  channel: z.enum(['desk', 'phone']),
  petitioner: z.object({
    name: text(200),
    phone: optText(20),
    email: z.email().max(200).optional(),
    address: optText(500),
  }),
});

export const PetitionCodeParam = z.object({ code: z.string().min(1).max(40) });
export const PetitionActionParam = PetitionCodeParam.extend({ action: z.enum(['assign', 'refuse', 'request_info', 'answer', 'publish']) });

export const PetitionActionBody = z.object({
  version: z.number().int().min(1),
  agencyCode: z.string().min(1).max(40).optional().describe('assign: the agency that handles it'),
  kind: PetitionKind.optional().describe('assign: the classification, when it changes'),
  reason: optText(2000).describe('refuse: why it is not taken up'),
  message: optText(2000).describe('request_info: what is missing'),
  answer: optText(10_000).describe('answer: the answer'),
  public: z.boolean().optional().describe('publish: true publishes the answer (without personal data), false only sends it to the petitioner'),
});

export const InboxQuery = z.object({
  view: z.enum(['open', 'due_soon', 'overdue', 'closed', 'all']).default('open'),
});

export const RatingBody = z.object({
  rating: z.enum(['satisfied', 'unsatisfied']),
  comment: optText(1000),
});

export const SupplementBody = z.object({ content: text(5000) });

export const QuestionBody = z.object({
  procedureCode: z.string().trim().min(1).max(30),
  content: text(3000),
  agencyCode: z.string().min(1).max(40).optional().describe('when several agencies perform the procedure'),
});

export const QuestionCodeParam = z.object({ code: z.string().min(1).max(40) });
export const QuestionAnswerBody = z.object({
  version: z.number().int().min(1),
  answer: text(10_000),
  publish: z.boolean().default(false),
});
export const QuestionPublishBody = z.object({ version: z.number().int().min(1), publish: z.boolean().default(true) });
export const QuestionInboxQuery = z.object({ status: z.enum(['asked', 'answered', 'published', 'all']).default('asked') });
export const PublicQuestionsQuery = z.object({
  procedure: z.string().min(1).max(30).optional(),
  q: z.string().max(200).optional(),
});
