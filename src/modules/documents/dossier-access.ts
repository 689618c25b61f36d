// Who may work on a dossier's documents: the principal holds a working role at one of its agencies
// (reading alone is checked by the dossiers service, which answers 404 outside scope).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';

import { can, type Action } from '../org/permissions.js';
import * as orgRead from '../org/org.read.js';
import * as dossiers from '../dossiers/dossiers.service.js';
import './documents.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

export const WORK_ACTIONS: Action[] = ['dossier.receive', 'dossier.handle', 'dossier.issue', 'dossier.approve', 'dossier.return'];

export type DossierView = Awaited<ReturnType<typeof dossiers.getDossierWithEvents>>['dossier'];

export async function agencyRows(db: Db, ids: string[]) {
  const uniq = [...new Set(ids.filter(Boolean))];
  if (uniq.length === 0) return new Map<string, orgRead.Agency>();
  return new Map((await orgRead.agenciesByIds(db, uniq)).map((r) => [r.id, r]));
}

/** The principal works on the dossier (not only reads it): one of the working roles at one of its agencies. */
export async function requireWorker(ctx: AppContext, p: Principal, d: DossierView, actions: Action[] = WORK_ACTIONS): Promise<void> {
  const ids = [d.agencies.current?.id, d.agencies.receiving?.id, d.agencies.competent?.id, d.agencies.return?.id].filter((x): x is string => !!x);
  const ags = await agencyRows(ctx.db, ids);
  for (const a of ags.values()) for (const act of actions) if (can(p, act, a)) return;
  throw platformErrors.FORBIDDEN();
}
