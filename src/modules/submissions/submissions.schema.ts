// zod schemas of the online-submission API (requests and responses).
import { z } from 'zod';

const Json = z.record(z.string(), z.unknown());
const Words = z.object({ vi: z.string(), en: z.string() });

export const ProcedureCodeParam = z.object({ code: z.string().min(1).max(60) });
export const DraftParam = z.object({ id: z.uuid() });
export const DraftComponentParam = DraftParam.extend({ componentId: z.string().min(1).max(100) });
export const CitizenDossierParam = z.object({ ref: z.string().min(1).max(64) });
export const CitizenActionParam = CitizenDossierParam.extend({ action: z.string().min(1).max(40) });
export const CitizenFileParam = CitizenDossierParam.extend({ fileId: z.string().min(1).max(64) });
export const CitizenFormParam = CitizenDossierParam.extend({ form: z.enum(['01', '02', '03']) });

export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200) });
export const OptionalIdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });
export const IfMatchHeaders = z.object({ 'if-match': z.string().max(40).optional() });

export const CreateDraftBody = z.object({ procedureCode: z.string().trim().min(1).max(60) });
export const SaveDraftBody = z.object({ version: z.number().int().min(1).optional(), form: Json });
export const CitizenActionBody = z.object({
  version: z.number().int().min(1).optional(),
  reason: z.string().trim().min(1).max(2000).optional(),
  fileIds: z.array(z.uuid()).max(20).optional(),
});
export const FormExtensionBody = z.object({
  /** The version this change is based on (0 when the procedure has none yet): a stale one is 409. */
  baseVersion: z.number().int().min(0),
  properties: Json,
  required: z.array(z.string().max(60)).max(40).default([]),
});

export const PublicFormOut = z.object({
  procedure: z.object({ code: z.string(), name: z.string(), onlineLevel: z.enum(['full', 'partial', 'none']), receivingAddress: z.string().nullable() }),
  online: z.boolean(),
  extensionVersion: z.number(),
  schema: Json,
  hints: z.object({
    cases: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        components: z.array(z.object({ id: z.string(), name: z.string(), required: z.boolean(), originals: z.number(), certifiedCopies: z.number(), copies: z.number() })),
      }),
    ),
  }),
  desks: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const DraftOut = z.object({
  id: z.string(),
  procedureCode: z.string(),
  form: Json,
  version: z.number(),
  status: z.enum(['open', 'submitted']),
  dossierId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const DraftListOut = z.object({ items: z.array(DraftOut) });

export const StagedFileOut = z.looseObject({ id: z.string(), name: z.string(), size: z.number(), sha256: z.string() });
export const DraftUploadOut = z.object({ file: StagedFileOut, draft: DraftOut });

export const SubmitOut = z.object({
  dossier: z.object({ id: z.string(), code: z.string().nullable(), nationalStatus: z.number(), statusLabel: Words, channel: z.number(), submittedAt: z.string(), receivingAgency: z.string().nullable() }),
  draftId: z.string(),
});

const Expected = z.object({ action: z.enum(['wait', 'supplement', 'complete', 'pay', 'collect', 'none']), vi: z.string(), en: z.string() });
export const CitizenDossierSummary = z.object({
  id: z.string(),
  code: z.string().nullable(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  submittedAt: z.string(),
  nationalStatus: z.number(),
  statusLabel: Words,
  statusText: Words,
  appointmentAt: z.string().nullable(),
  version: z.number(),
  expected: Expected,
});
export const CitizenDossierList = z.object({ items: z.array(CitizenDossierSummary) });
export const CitizenDossierOut = CitizenDossierSummary.extend({
  receivingAgency: z.string().nullable(),
  competentAgency: z.string().nullable(),
  returnAgency: z.string().nullable(),
  receivedAt: z.string().nullable(),
  channel: z.number(),
  deliveryMethod: z.string(),
  components: z.array(z.object({ name: z.string(), componentId: z.string().nullable(), fileId: z.string().nullable() })),
  request: z.object({ kind: z.enum(['completion', 'supplement', 'refusal']), at: z.string(), reason: z.string().nullable(), items: z.array(z.string()) }).nullable(),
  returned: z.object({ method: z.string(), trackingNumber: z.string().nullable(), returnedAt: z.string() }).nullable(),
  timeline: z.array(z.object({ at: z.string(), nationalStatus: z.number(), label: Words, text: Words })),
  allowed: z.array(z.string()),
  forms: z.object({ receipt: z.boolean(), request: z.boolean(), refusal: z.boolean() }),
  results: z.array(
    z.object({
      number: z.string(),
      date: z.string(),
      title: z.string().nullable(),
      signer: z.string(),
      digitallySigned: z.boolean(),
      file: z.object({ id: z.string(), name: z.string(), size: z.number(), sha256: z.string(), mediaType: z.string() }),
      verifyUrl: z.string(),
    }),
  ),
});

export const FormExtensionOut = z.object({ procedureCode: z.string(), version: z.number(), properties: Json, required: z.array(z.string()), createdAt: z.string() });
