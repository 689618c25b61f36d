// GET /admin/notifications/messages: the outbox of notifications with filters; dead letters (failed, dead,
// unknown) with `deadLetters=true`. Shows which adapter sends each channel (recording = built-in sink).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { requireNotificationAdmin } from './admin-access.js';
import { messageView } from './message-view.js';
import * as repo from './notifications.repo.js';

export interface MessageQuery {
  status?: string;
  channel?: string;
  event?: string;
  dossier?: string;
  deadLetters?: boolean;
  page: number;
  pageSize: number;
}

export async function listMessages(ctx: AppContext, p: Principal, q: MessageQuery) {
  requireNotificationAdmin(p);
  const { rows, total } = await repo.listMessages(ctx.db, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    items: rows.map(messageView),
    total,
    counts: await repo.countByStatus(ctx.db),
    providers: ctx.notifier.providers,
  };
}
