// A new phone or e-mail on the profile, proven by a code sent to it (the stored ones are always proven).
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import type { CitizenPrincipal } from './citizen-session.js';
import { citizenLabel } from './citizen-session.js';
import * as repo from './citizens.repo.js';
import { citizenErrors } from './citizens.errors.js';
import { checkCode } from './check-code.js';
import { issueCode, type CodeSent } from './start-sign-in.js';
import { parseSignInAddress } from './sign-in-address.js';
import { profileView } from './profile-view.js';
import type { ProfileOut } from './citizens.out.js';

export function startContactChange(ctx: AppContext, p: CitizenPrincipal, rawAddress: string, origin: RequestOrigin): Promise<CodeSent> {
  const target = parseSignInAddress(rawAddress);
  const text = target.channel === 'sms' ? 'xác minh số điện thoại' : 'xác minh thư điện tử';
  return issueCode(ctx, target, { purpose: 'verify', citizenId: p.citizenId, text }, origin, 'body.address');
}

export async function verifyContactChange(ctx: AppContext, p: CitizenPrincipal, challengeId: string, code: string, origin: RequestOrigin): Promise<ProfileOut> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const outcome = await checkCode(ctx, trx, challengeId, code, 'verify', p.citizenId);
    if (!outcome.ok) return outcome;
    const ch = outcome.challenge;
    await repo.lockAddress(trx, ch.address);
    const taken = ch.channel === 'sms' ? await repo.findCitizenByPhone(trx, ch.address) : await repo.findCitizenByEmail(trx, ch.address);
    if (taken && taken.id !== p.citizenId) return { ok: false as const, error: citizenErrors.ADDRESS_TAKEN({}, { errors: [{ path: 'body.code', code: 'ADDRESS_TAKEN' }] }) };
    const now = ctx.clock.now();
    const set = ch.channel === 'sms' ? { phone: ch.address, phone_verified_at: now } : { email: ch.address, email_verified_at: now };
    const row = await repo.updateCitizen(trx, p.citizenId, set);
    await writeAudit(trx, { actorLabel: citizenLabel(p.citizenId), action: 'citizen.contact_verified', targetType: 'citizen', targetId: p.citizenId, details: { channel: ch.channel } }, origin);
    return { ok: true as const, profile: await profileView(trx, row!) };
  }).catch((e) => {
    if (isUniqueViolation(e)) return { ok: false as const, error: citizenErrors.ADDRESS_TAKEN() };
    throw e;
  });
  if (!result.ok) throw result.error;
  return result.profile;
}
