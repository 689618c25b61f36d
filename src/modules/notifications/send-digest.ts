// The officials' daily digest (opt-in, GET/PUT /me/notifications/digest): each subscribed official with an
// e-mail gets the count and list of the dossiers assigned to them that are due soon or overdue, once per
// local day (the event key holds the date). Nothing is sent when there is nothing to report. A job at
// 07:00 local time on working days.
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { JobDefinition } from '../../platform/jobs.js';
import { InboxQuery, listDossiers } from '../dossiers/dossiers.service.js';
import { assignmentsOf, userById } from '../org/org.read.js';
import { createMessage } from './create-message.js';
import { vnDateTime } from './event-vars.js';
import * as repo from './notifications.repo.js';

export async function sendDigests(ctx: AppContext): Promise<{ sent: number }> {
  const day = vnDateTime(ctx.clock.now()).slice(0, 10);
  let sent = 0;
  for (const { user_id } of await repo.digestSubscribers(ctx.db)) {
    const user = await userById(ctx.db, user_id);
    if (!user || !user.active || !user.email) continue;
    const p: Principal = { kind: 'official', userId: user.id, username: user.username, fullName: user.full_name, assignments: await assignmentsOf(ctx.db, user.id), authMethod: 'session' };
    const overdue = await listDossiers(ctx, p, InboxQuery.parse({ mine: 'true', overdue: 'true', pageSize: 50, sort: 'due_asc' }));
    const dueSoon = await listDossiers(ctx, p, InboxQuery.parse({ mine: 'true', dueSoon: 'true', pageSize: 50, sort: 'due_asc' }));
    const soon = dueSoon.items.filter((d) => !overdue.items.some((o) => o.id === d.id));
    if (overdue.total === 0 && soon.length === 0) continue;
    const line = (d: { code: string | null; procedureName: string }, tag: string) => `- ${d.code ?? '—'} — ${d.procedureName} (${tag})`;
    await ctx.db.transaction().execute(async (trx) => {
      const r = await createMessage(ctx, trx, {
        eventKey: `digest:${user.id}:${day}`,
        event: 'official_digest',
        channel: 'email',
        rawAddress: user.email!,
        recipientRole: 'official',
        recipientName: user.full_name,
        vars: {
          officialName: user.full_name,
          dueSoonCount: String(soon.length),
          overdueCount: String(overdue.total),
          dossierList: [...overdue.items.map((d) => line(d, 'quá hạn')), ...soon.map((d) => line(d, 'sắp đến hạn'))].join('\n'),
          inboxUrl: `${ctx.config.publicUrl}/dossiers?mine=true`,
        },
        agencyName: 'Hệ thống một cửa điện tử',
      });
      if (r.created) sent++;
    });
  }
  return { sent };
}

export const digestJob: JobDefinition = { name: 'notifications-digest', cron: '0 7 * * 1-5', run: sendDigests };
