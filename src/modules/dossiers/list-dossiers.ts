// GET /dossiers: the inbox and search, always within the caller's read scope; pools are the unassigned
// dossiers at steps of the caller's roles, `mine` those assigned to them.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';

import { agencyByCode } from '../org/org.read.js';
import { localDayStart } from '../calendar/working-time.js';
import { addDaysIso } from '../calendar/civil-date.js';
import { poolsOf, readScope } from './access.js';
import { inboxItem } from './presenters.js';
import type { InboxQueryIn } from './dossiers.schema.js';
import * as repo from './dossiers.repo.js';
import { dossierErrors } from './dossiers.errors.js';

/**
 * The inbox counts at most this many dossiers ("1.000+" beyond): an exact count over a province's millions
 * of dossiers reads them all (seconds), where the page itself stops after 20 rows (bench/province.ts).
 */
export const INBOX_COUNT_CAP = 1000;

/** An agency id no dossier has: an unknown `agency` filter gives an empty list, not an error. */
const NO_AGENCY = '00000000-0000-0000-0000-000000000000';

/** Local dates (Asia/Ho_Chi_Minh, no DST) → the half-open instant range [from 00:00, (to + 1) 00:00). */
function localDayRange(from: string | undefined, to: string | undefined, fromName: string, toName: string): { from?: Date; before?: Date } {
  if (from && to && from > to) {
    throw dossierErrors.DATE_RANGE_REVERSED({ fromName, from, toName, to }, {
      errors: [{
        path: `querystring.${toName}`,
        code: 'DATE_RANGE_REVERSED',
        messageVi: `${toName} (${to}) phải từ ngày ${from} (${fromName}) trở đi.`,
        messageEn: `${toName} (${to}) cannot be before ${fromName} (${from}).`,
      }],
    });
  }
  return {
    from: from ? localDayStart(from) : undefined,
    before: to ? localDayStart(addDaysIso(to, 1)) : undefined,
  };
}

/** GET /dossiers: inbox and search, scoped to the caller. */
export async function listDossiers(ctx: AppContext, p: Principal, q: InboxQueryIn) {
  const received = localDayRange(q.receivedFrom, q.receivedTo, 'receivedFrom', 'receivedTo');
  const finished = localDayRange(q.finishedFrom, q.finishedTo, 'finishedFrom', 'finishedTo');
  const scopeAgencyIds = await readScope(ctx.db, p);
  let agencyId: string | undefined;
  if (q.agency) {
    const a = await agencyByCode(ctx.db, q.agency);
    agencyId = a?.id ?? NO_AGENCY;
  }
  const pools = q.pool ? await poolsOf(ctx.db, p) : undefined;
  const r = await repo.inbox(ctx.db, {
    scopeAgencyIds,
    userId: p.userId,
    q: q.q,
    status: q.status,
    state: q.state,
    procedure: q.procedure,
    agencyId,
    overdue: q.overdue,
    dueSoon: q.dueSoon,
    stepOverdue: q.stepOverdue,
    stepDueSoon: q.stepDueSoon,
    consultationOverdue: q.consultationOverdue,
    consultationDueSoon: q.consultationDueSoon,
    mine: q.mine,
    pools,
    field: q.field,
    channel: q.channel,
    receivedFrom: received.from,
    receivedBefore: received.before,
    finishedFrom: finished.from,
    finishedBefore: finished.before,
    sort: q.sort,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    countCap: INBOX_COUNT_CAP,
  });
  return { items: r.items.map(inboxItem), total: r.total, totalCapped: r.totalCapped, page: q.page, pageSize: q.pageSize };
}
