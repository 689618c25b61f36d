// What GET /citizen/session answers: the signed-in citizen (or nobody) and the ways to sign in.
import type { AppContext } from '../../platform/context.js';
import type { CitizenPrincipal } from './citizen-session.js';
import type { CitizenSessionOut } from './citizens.out.js';
import { CODE_LENGTH } from './sign-in-code.js';

export function citizenSessionView(ctx: AppContext, p: CitizenPrincipal | null): CitizenSessionOut {
  const oidc = ctx.config.citizens.oidc;
  return {
    signedIn: p !== null,
    citizen: p && { id: p.citizenId, name: p.name, phone: p.phone, email: p.email, assurance: p.assurance, method: p.method, expiresAt: p.expiresAt.toISOString() },
    csrfToken: p?.csrfToken ?? null,
    signInOptions: {
      channels: ['sms', 'email'],
      identityProvider: oidc ? { label: oidc.label } : null,
      codeLength: CODE_LENGTH,
      resendSeconds: ctx.config.citizens.codeResendSeconds,
    },
  };
}
