// POST /citizen/sign-in/code: a one-time code to a phone or an e-mail address. The answer is the same
// whether or not an account exists (the first sign-in creates it); the limits count per address (here, in
// the database) and per client address (the route's rate limit).
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { RequestOrigin } from '../../platform/audit.js';
import { sendSignInCode } from '../notifications/notifications.service.js';
import * as repo from './citizens.repo.js';
import { citizenErrors } from './citizens.errors.js';
import { codeHash, newCode } from './sign-in-code.js';
import { maskAddress, parseSignInAddress, type SignInAddress } from './sign-in-address.js';
import { codeRequestRefusal } from './code-limits.js';

export interface CodeSent {
  challengeId: string;
  channel: 'sms' | 'email';
  sentTo: string;
  expiresAt: string;
  resendAt: string;
}

export async function startSignIn(ctx: AppContext, rawAddress: string, origin: RequestOrigin): Promise<CodeSent> {
  const target = parseSignInAddress(rawAddress);
  return issueCode(ctx, target, { purpose: 'sign_in', citizenId: null, text: 'đăng nhập' }, origin, 'body.address');
}

/** Shared by sign-in and by proving a new phone or e-mail on the profile. */
export async function issueCode(
  ctx: AppContext,
  target: SignInAddress,
  what: { purpose: 'sign_in' | 'verify'; citizenId: string | null; text: string },
  origin: RequestOrigin,
  path: string,
): Promise<CodeSent> {
  const s = ctx.config.citizens;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockAddress(trx, target.address);
    const recent = await repo.challengesForAddressSince(trx, target.address, new Date(now.getTime() - 3_600_000));
    const refusal = codeRequestRefusal(recent.map((r) => r.created_at), now, s);
    if (refusal?.kind === 'too_soon') throw citizenErrors.SIGN_IN_CODE_TOO_SOON({ seconds: refusal.seconds }, { retryAfter: refusal.seconds, errors: [{ path, code: 'SIGN_IN_CODE_TOO_SOON' }] });
    if (refusal?.kind === 'exhausted') throw citizenErrors.SIGN_IN_CODES_EXHAUSTED({ minutes: Math.ceil(refusal.seconds / 60) }, { retryAfter: refusal.seconds, errors: [{ path, code: 'SIGN_IN_CODES_EXHAUSTED' }] });
    await repo.retireOpenChallenges(trx, target.address, what.purpose, now);
    const id = randomUUID();
    const code = newCode();
    const expiresAt = new Date(now.getTime() + s.codeMinutes * 60_000);
    await repo.insertChallenge(trx, { id, channel: target.channel, address: target.address, purpose: what.purpose, citizen_id: what.citizenId, code_hash: codeHash(id, code), attempts: 0, created_at: now, expires_at: expiresAt, consumed_at: null, ip: origin.ip ?? null });
    await sendSignInCode(ctx, trx, { channel: target.channel, to: target.address, code, purpose: what.text, minutes: s.codeMinutes, challengeId: id });
    return { challengeId: id, channel: target.channel, sentTo: maskAddress(target), expiresAt: expiresAt.toISOString(), resendAt: new Date(now.getTime() + s.codeResendSeconds * 1000).toISOString() };
  });
}
