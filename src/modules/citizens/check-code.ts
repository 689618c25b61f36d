// Checking a typed code against its challenge (in the caller's transaction). A wrong try is counted and
// committed even though the request fails: the caller gets the outcome and throws after the commit.
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import type { AppError } from '../../platform/errors.js';
import * as repo from './citizens.repo.js';
import { citizenErrors } from './citizens.errors.js';
import { codeMatches } from './sign-in-code.js';

export type CodeOutcome = { ok: true; challenge: repo.ChallengeRow } | { ok: false; error: AppError };

export async function checkCode(ctx: AppContext, trx: Db, challengeId: string, code: string, purpose: 'sign_in' | 'verify', citizenId: string | null): Promise<CodeOutcome> {
  const max = ctx.config.citizens.codeMaxTries;
  const now = ctx.clock.now();
  const onField = (code_: string) => ({ errors: [{ path: 'body.code', code: code_ }] });
  const ch = await repo.findChallengeForUpdate(trx, challengeId);
  if (!ch || ch.purpose !== purpose || ch.citizen_id !== citizenId || ch.consumed_at || ch.expires_at.getTime() <= now.getTime()) {
    return { ok: false, error: citizenErrors.SIGN_IN_CODE_EXPIRED({}, onField('SIGN_IN_CODE_EXPIRED')) };
  }
  if (ch.attempts >= max) return { ok: false, error: citizenErrors.SIGN_IN_CODE_TRIES_EXCEEDED({ max }, onField('SIGN_IN_CODE_TRIES_EXCEEDED')) };
  if (!codeMatches(ch.id, ch.code_hash, code)) {
    await repo.countAttempt(trx, ch.id);
    const left = max - ch.attempts - 1;
    return left > 0
      ? { ok: false, error: citizenErrors.SIGN_IN_CODE_WRONG({ left }, onField('SIGN_IN_CODE_WRONG')) }
      : { ok: false, error: citizenErrors.SIGN_IN_CODE_TRIES_EXCEEDED({ max }, onField('SIGN_IN_CODE_TRIES_EXCEEDED')) };
  }
  if (!(await repo.consumeChallenge(trx, ch.id, now))) return { ok: false, error: citizenErrors.SIGN_IN_CODE_EXPIRED({}, onField('SIGN_IN_CODE_EXPIRED')) };
  return { ok: true, challenge: ch };
}
