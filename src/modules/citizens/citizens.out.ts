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
