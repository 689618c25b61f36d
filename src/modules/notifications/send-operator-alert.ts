// Alerts to the people who run the system (a backup failed, the last good backup is too old): an e-mail,
// and an SMS where they gave a phone, to every system administrator (admin at a top-level agency) and to the
// configured MOTCUA_ALERT_EMAIL addresses. One message per (alert key, address, channel): an alert raised
// again under the same key (the hourly check of the same stale day) is not sent twice. Quiet hours apply to
// SMS; opt-outs apply (an administrator who opted out of SMS still gets the e-mail).
import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { systemAdminContacts } from '../org/org.read.js';
import { createMessage } from './create-message.js';

export interface OperatorAlert {
  /** Stable per occurrence: `backup-failed:<run id>`, `backup-stale:<day>`. */
  key: string;
  /** Vietnamese, one line. */
  title: string;
  details: string;
  /** Path of the admins' page that shows it, e.g. /can-bo/admin/backups. */
  adminPath: string;
}

export async function sendOperatorAlert(ctx: AppContext, trx: Db, alert: OperatorAlert): Promise<{ created: number }> {
  const vars = { alertTitle: alert.title, details: alert.details, adminUrl: `${ctx.config.publicUrl}${alert.adminPath}` };
  const recipients: Array<{ name: string | null; email: string | null; phone: string | null }> = [
    ...(await systemAdminContacts(trx)).map((u) => ({ name: u.full_name, email: u.email, phone: u.phone })),
    ...ctx.config.alertEmails.map((email) => ({ name: null, email, phone: null })),
  ];
  let created = 0;
  for (const r of recipients) {
    for (const [channel, address] of [['email', r.email], ['sms', r.phone]] as const) {
      if (!address) continue;
      const m = await createMessage(ctx, trx, {
        eventKey: alert.key, event: 'operator_alert', channel, rawAddress: address,
        recipientRole: 'operator', recipientName: r.name, vars, agencyName: 'Hệ thống một cửa điện tử',
      });
      if (m.created) created++;
    }
  }
  return { created };
}
