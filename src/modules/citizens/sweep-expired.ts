// The hourly sweep of the citizen accounts' leftovers: one-time codes once they no longer count for the
// per-address and per-client hourly limits (expired more than an hour ago), sessions that ended (absolute or
// idle expiry, or signed out) and identity-provider sign-ins never completed.
import type { AppContext } from '../../platform/context.js';
import * as repo from './citizens.repo.js';

const HOUR = 3_600_000;

export async function sweepExpiredSignIns(ctx: AppContext) {
  const now = ctx.clock.now();
  return repo.deleteExpired(ctx.db, {
    challengesBefore: new Date(now.getTime() - HOUR),
    now,
    idleBefore: new Date(now.getTime() - ctx.config.citizens.sessionIdleMinutes * 60_000),
    oidcBefore: new Date(now.getTime() - HOUR),
  });
}
