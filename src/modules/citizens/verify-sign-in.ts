// POST /citizen/sign-in/code/verify: the code proves the phone or e-mail; the account with that address is
// signed in, or created on the first sign-in (with the address marked verified).
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import type { RequestOrigin } from '../../platform/audit.js';
import * as repo from './citizens.repo.js';
import { checkCode } from './check-code.js';
import { startCitizenSession, type CitizenSessionIssued } from './citizen-session.js';

export async function verifySignIn(ctx: AppContext, challengeId: string, code: string, origin: RequestOrigin): Promise<CitizenSessionIssued> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const outcome = await checkCode(ctx, trx, challengeId, code, 'sign_in', null);
    if (!outcome.ok) return outcome;
    const ch = outcome.challenge;
    await repo.lockAddress(trx, ch.address); // two first sign-ins of one address create one account
    const citizen = await accountFor(ctx, trx, ch.channel as 'sms' | 'email', ch.address);
    return { ok: true as const, session: await startCitizenSession(ctx, trx, citizen, { method: 'otp', assurance: 'otp' }, origin) };
  });
  if (!result.ok) throw result.error; // after the commit: the wrong try stays counted
  return result.session;
}

async function accountFor(ctx: AppContext, trx: Db, channel: 'sms' | 'email', address: string): Promise<repo.CitizenRow> {
  const now = ctx.clock.now();
  const found = channel === 'sms' ? await repo.findCitizenByPhone(trx, address) : await repo.findCitizenByEmail(trx, address);
  if (found) {
    const field = channel === 'sms' ? 'phone_verified_at' : 'email_verified_at';
    return found[field] ? found : (await repo.updateCitizen(trx, found.id, { [field]: now }))!;
  }
  return repo.insertCitizen(trx, {
    id: randomUUID(),
    phone: channel === 'sms' ? address : null,
    phone_verified_at: channel === 'sms' ? now : null,
    email: channel === 'email' ? address : null,
    email_verified_at: channel === 'email' ? now : null,
    created_at: now,
  });
}
