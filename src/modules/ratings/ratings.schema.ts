// Request and response schemas of the ratings routes (zod; OpenAPI from them).
import { z } from 'zod';
import { COMMENT_MAX } from './rating-rules.js';
import { ownIssue } from '../../platform/http/zod-messages.js';

const Answers = z.record(z.string().min(1).max(40), z.number().int()).describe('criterion key → level (3 rất hài lòng, 2 hài lòng, 1 không hài lòng)');
export const RatingBodyIn = z.object({ answers: Answers, comment: z.string().max(COMMENT_MAX + 1000).nullish() });
export const PublicRatingBody = RatingBodyIn.extend({ code: z.string().min(1).max(60), secret: z.string().min(1).max(40) });
export const PublicRatingQuery = z.object({ code: z.string().min(1).max(60), secret: z.string().min(1).max(40) });
export const KioskRatingBody = RatingBodyIn.extend({ code: z.string().min(1).max(60) });
export const KioskHeaders = z.object({ 'x-kiosk-token': z.string().min(1).max(200).optional() });
export const PairKioskBody = z.object({ label: z.string().max(120).optional() });
export const HandBody = z.object({ dossier: z.string().min(1).max(60).describe('dossier id or code') });
export const IdParam = z.object({ id: z.uuid() });
const KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
// one plain message, Vietnamese and English, for any key that does not fit (empty, too long, accents, capitals)
const CriterionKey = z.string().superRefine((v, ctx) => {
  if (!KEY_PATTERN.test(v)) ctx.addIssue(ownIssue('RATING_CRITERION_KEY', 'Mã chỉ gồm chữ thường không dấu, chữ số và dấu _ (2–40 ký tự, bắt đầu bằng chữ), ví dụ so_lan_di_lai', 'Lower-case letters without accents, digits and _ only (2–40 characters, a letter first), e.g. visits'));
});
const CriterionName = (max: number) => z.string().trim().min(1).max(max);
export const CriterionCreateBody = z.object({
  key: CriterionKey.describe('stable key the answers are stored under (a-z, 0-9, _; 2–40, a letter first)'),
  nameVi: CriterionName(300), nameEn: CriterionName(300), required: z.boolean().optional(),
});
export const CriterionUpdateBody = z.object({ nameVi: CriterionName(300).optional(), nameEn: CriterionName(300).optional(), required: z.boolean().optional(), active: z.boolean().optional() });
export const CriterionKeyParam = z.object({ key: z.string().min(1).max(40) });
export const CriteriaOrderBody = z.object({ keys: z.array(z.string().min(1).max(40)).min(1).max(100) });
export const CriteriaOut = z.object({ items: z.array(z.object({ key: z.string(), position: z.number().int(), nameVi: z.string(), nameEn: z.string(), required: z.boolean(), active: z.boolean() })) });
export const RefParam = z.object({ ref: z.string().min(1).max(60) });

const Words = z.object({ level: z.number().int(), vi: z.string(), en: z.string() });
export const RatingFormOut = z.object({
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  returnedAt: z.string().nullable(),
  criteria: z.array(z.object({ key: z.string(), nameVi: z.string(), nameEn: z.string(), required: z.boolean() })),
  levels: z.array(Words),
  canRate: z.boolean(),
  reason: z.string().nullable().describe('why the rater may not rate now: RATING_NOT_RETURNED, RATING_ALREADY_GIVEN, RATING_WINDOW_CLOSED'),
  rated: z.boolean(),
  rating: z.object({
    answers: z.record(z.string(), z.number()), comment: z.string().nullable(), channel: z.enum(['portal', 'link', 'kiosk']),
    createdAt: z.string(), updatedAt: z.string(), editableUntil: z.string(),
  }).nullable(),
});
export const KioskOut = z.object({ id: z.string(), label: z.string(), createdAt: z.string(), handedAt: z.string().nullable(), holdsDossier: z.boolean() });
export const PairedKioskOut = KioskOut.extend({ token: z.string(), url: z.string() });
export const KioskListOut = z.object({ items: z.array(KioskOut) });
export const HandOut = z.object({ kiosk: KioskOut, code: z.string() });
export const KioskCurrentOut = z.object({ label: z.string(), form: RatingFormOut.nullable() });
