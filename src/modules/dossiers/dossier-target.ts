// What an action needs before its transaction: the dossier's id and receiving desk (whose calendar applies).
// Neither the id, a code once issued, nor the receiving desk of a dossier ever changes, so they are cached on
// the context (ctx.immutable): an action then reads the dossier once, locked, inside its transaction. The
// action checks the locked row against the cached target and forgets a target that no longer holds (a
// database restored to an earlier point can issue a code again).
import type { AppContext } from '../../platform/context.js';
import { platformErrors } from '../../platform/platform.errors.js';
import * as repo from './dossiers.repo.js';

export interface Target {
  id: string;
  code: string | null;
  receiving_agency_id: string;
}

const KIND = 'dossiers.target';

/** The target by code or id; an unknown reference is a 404 and is not cached (a failed load is forgotten). */
export function targetOf(ctx: AppContext, ref: string): Promise<Target> {
  return ctx.immutable.get(KIND, ref, async () => {
    const t = await repo.findTargetByRef(ctx.db, ref);
    if (!t) throw platformErrors.NOT_FOUND({ what: 'dossier' });
    return t;
  });
}

/**
 * A dossier just received (committed): its first action needs no read. Called after the commit only, so
 * that a rolled-back reception leaves nothing behind.
 */
export function rememberTarget(ctx: AppContext, t: Target): void {
  const known = Promise.resolve(t);
  void ctx.immutable.get(KIND, t.id, () => known);
  if (t.code) void ctx.immutable.get(KIND, t.code, () => known);
}

export function forgetTarget(ctx: AppContext, ref: string): void {
  ctx.immutable.forget(KIND, ref);
}
