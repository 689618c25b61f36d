// zod schemas of the documents API.
import { z } from 'zod';
import { FORM_NUMBERS } from './templates.js';

// a real calendar date (2024-02-30 and 2024-13-01 are refused, not rolled over)
const isoDate = z.iso.date();

export const FormParams = z.object({
  code: z.string().min(1).max(64),
  form: z.enum(['01', '02', '03', '04', '05', '06']),
});
export const FormHeaders = z.object({
  /** Form 01: the receipt secret returned at reception (prints the look-up QR with it; never stored). */
  'x-receipt-secret': z.string().min(1).max(100).optional(),
}).passthrough();

export const RegisterParams = z.object({ code: z.string().min(1).max(40) });
export const RegisterQuery = z.object({ from: isoDate, to: isoDate });

export const DossierRef = z.object({ code: z.string().min(1).max(64) });
export const FileParams = z.object({ id: z.string().min(1).max(64) });
export const PublicFileParams = z.object({ code: z.string().min(1).max(64), fileId: z.string().min(1).max(64) });
export const PublicFileQuery = z.object({ secret: z.string().min(1).max(100) });

/** The public verify page's hash (checked by the use case: a clear field error, not a bare pattern failure). */
export const VerifyQuery = z.object({ sha256: z.string().max(200).optional() });
export const VerifyOut = z.object({
  sha256: z.string(),
  found: z.literal(true),
  documents: z.array(z.object({
    kind: z.literal('result'),
    dossierCode: z.string().nullable(),
    procedure: z.object({ code: z.string(), name: z.string() }).nullable(),
    agency: z.object({ code: z.string(), name: z.string() }).nullable(),
    number: z.string(),
    title: z.string().nullable(),
    /** yyyy-mm-dd, and as shown: dd/mm/yyyy */
    issuedOn: z.string(),
    issuedOnText: z.string(),
    digitallySigned: z.boolean(),
    /** who signed it, when it is digitally signed */
    signer: z.string().nullable(),
  })),
});

export const ResultDocumentBody = z.object({
  number: z.string().trim().min(1).max(100),
  date: isoDate,
  signer: z.string().trim().min(1).max(200),
  title: z.string().trim().max(500).optional(),
  resultCode: z.string().trim().min(1).max(100).optional(),
  fileId: z.uuid(),
  sign: z.boolean().optional(),
  issuingAgencyCode: z.string().max(40).optional(),
});

const line = z.string().max(2000);
export const TemplateContent = z.object({
  formLabel: z.string().trim().min(1).max(50),
  title: z.string().trim().min(1).max(300),
  unitLine: z.string().max(300).optional(),
  numberSuffix: z.string().max(30).optional(),
  subtitle: z.array(line).max(10).optional(),
  body: z.array(line).min(1).max(100),
  signatures: z.array(z.object({ title: z.string().max(200), hint: z.string().max(200), nameVar: z.string().max(50).optional() })).max(4),
  notes: z.array(line).max(10).optional(),
  landscape: z.boolean().optional(),
});
export const TemplateParams = z.object({ form: z.enum(FORM_NUMBERS) });
export const TemplateQuery = z.object({ form: z.enum(FORM_NUMBERS).optional() });
export const TemplateBody = z.object({
  legalBasis: z.string().trim().min(1).max(300),
  effectiveFrom: isoDate,
  title: z.string().trim().min(1).max(300),
  content: TemplateContent,
});
