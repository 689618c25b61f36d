// Request schemas of the citizen accounts API.
import { z } from 'zod';
import { APPLICANT_LIMITS as L, pastDate, personName, printedText } from '../dossiers/applicant-text.js';

export const CodeStartBody = z.object({
  address: z.string().trim().min(1).max(254).describe('số điện thoại di động hoặc thư điện tử / mobile number or e-mail'),
});

export const CodeVerifyBody = z.object({
  challengeId: z.uuid(),
  code: z.string().trim().regex(/^\d{6}$/, 'mã gồm 6 chữ số / six digits'),
});

export const ProfileAddress = z.object({
  line: printedText(L.addressLine),
  /** Commune / ward of the two-tier system (admin_units, generation 'current'). */
  communeCode: z.string().regex(/^\d{5}$/, '5-digit commune code'),
});

/** The editable fields, all of them (PUT): null clears a field. Phone and e-mail change by a code (/profile/contact). */
export const ProfileIn = z.object({
  fullName: personName(L.fullName).nullable(),
  idNumber: z.string().trim().max(L.idNumber).nullable(),
  birthDate: pastDate.nullable(),
  address: ProfileAddress.nullable(),
});
export type ProfileIn = z.infer<typeof ProfileIn>;

export const ContactStartBody = CodeStartBody;
export const ContactVerifyBody = CodeVerifyBody;

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((s) => (s ? s : undefined));

/** The text fields of a new representation (multipart, sent before the `document` file part). */
export const RepresentationIn = z.object({
  partyKind: z.enum(['individual', 'organisation']),
  basis: z.enum(['authorisation', 'legal_representative']).default('authorisation'),
  partyName: printedText(L.organisationName),
  partyIdNumber: optionalText(L.idNumber),
  partyTaxCode: optionalText(L.taxCode),
  partyAddressLine: optionalText(L.addressLine),
  partyUnitCode: optionalText(5),
  partyPhone: optionalText(L.phone),
  partyEmail: optionalText(L.email),
  validUntil: pastDate.optional().or(z.literal('').transform(() => undefined)),
});
export type RepresentationIn = z.infer<typeof RepresentationIn>;

export const RepresentationParams = z.object({ id: z.uuid() });
