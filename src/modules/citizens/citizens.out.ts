// Response schemas of the citizen accounts API.
import { z } from 'zod';

export const CitizenSessionOut = z.object({
  signedIn: z.boolean(),
  citizen: z
    .object({
      id: z.uuid(),
      name: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      assurance: z.string().describe("'otp' or the identity provider's acr"),
      method: z.enum(['otp', 'oidc']),
      expiresAt: z.string(),
    })
    .nullable(),
  /** The CSRF token to echo in X-CSRF-Token on writes (null when signed out). */
  csrfToken: z.string().nullable(),
  signInOptions: z.object({
    channels: z.array(z.enum(['sms', 'email'])),
    identityProvider: z.object({ label: z.string() }).nullable(),
    codeLength: z.number().int(),
    resendSeconds: z.number().int(),
  }),
});
export type CitizenSessionOut = z.infer<typeof CitizenSessionOut>;

export const CodeSentOut = z.object({
  challengeId: z.uuid(),
  channel: z.enum(['sms', 'email']),
  sentTo: z.string().describe('the address, partly masked'),
  expiresAt: z.string(),
  resendAt: z.string(),
});

export const ProfileOut = z.object({
  id: z.uuid(),
  fullName: z.string().nullable(),
  idNumber: z.string().nullable(),
  birthDate: z.string().nullable().describe('YYYY-MM-DD'),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z
    .object({ line: z.string().nullable(), communeCode: z.string(), communeName: z.string().nullable(), provinceCode: z.string().nullable(), provinceName: z.string().nullable() })
    .nullable(),
  /** When each field was proven: phone and e-mail by a code, the identity (name, ID number, birth date) by the identity provider. */
  verified: z.object({ phone: z.string().nullable(), email: z.string().nullable(), identity: z.string().nullable() }),
});
export type ProfileOut = z.infer<typeof ProfileOut>;

export const RepresentationOut = z.object({
  id: z.uuid(),
  partyKind: z.enum(['individual', 'organisation']),
  basis: z.enum(['authorisation', 'legal_representative']),
  partyName: z.string(),
  partyIdNumber: z.string().nullable(),
  partyTaxCode: z.string().nullable(),
  partyAddress: z.object({ line: z.string().nullable(), communeCode: z.string().nullable(), communeName: z.string().nullable(), provinceCode: z.string().nullable() }).nullable(),
  partyPhone: z.string().nullable(),
  partyEmail: z.string().nullable(),
  validUntil: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** active, revoked by the citizen, or past its validity date. */
  status: z.enum(['active', 'revoked', 'expired']),
  document: z.object({ id: z.uuid(), name: z.string(), size: z.number().int(), kind: z.string() }).nullable(),
});
export type RepresentationOut = z.infer<typeof RepresentationOut>;
export const RepresentationList = z.object({ items: z.array(RepresentationOut) });
