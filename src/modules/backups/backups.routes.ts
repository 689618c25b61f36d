// The administrators' backup page: status (last good backup, last verified restore, runs, backups on disk)
// and "back up now".
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import { BackupRunOut, BackupStatusOut } from './backups.schema.js';
import * as svc from './backups.service.js';

export function backupRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/admin/backups', {
    schema: { tags: ['backups'], summary: 'Tình trạng sao lưu / backup status', response: { 200: BackupStatusOut } },
  }, async (req) => svc.backupStatus(ctx, requirePrincipal(req)));

  app.post('/api/v1/admin/backups', {
    schema: { tags: ['backups'], summary: 'Sao lưu ngay (chạy nền) / back up now (in the background)', response: { 202: BackupRunOut } },
  }, async (req, reply) => {
    const run = await svc.requestBackup(ctx, requirePrincipal(req), (e) => { if (e) req.log.error({ err: e }, 'backup run failed'); });
    return reply.status(202).send(run);
  });
}
