// GET / PUT /me/notifications/digest: an official opts in (or out) of the daily e-mail of their due-soon and
// overdue dossiers.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';

import * as repo from './notifications.repo.js';
import { platformErrors } from '../../platform/platform.errors.js';

export async function getDigest(ctx: AppContext, p: Principal) {
  return { subscribed: await repo.isDigestSubscribed(ctx.db, p.userId) };
}

export async function setDigest(ctx: AppContext, p: Principal, subscribed: boolean) {
  if (p.kind !== 'official') throw platformErrors.FORBIDDEN();
  await repo.setDigestSubscription(ctx.db, p.userId, subscribed, ctx.clock.now());
  return { subscribed };
}
