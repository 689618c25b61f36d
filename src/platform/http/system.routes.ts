// Liveness and readiness.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { App } from './server.js';
import { migrationsUpToDate } from '../db/migrations.js';

import { platformErrors } from '../platform.errors.js';

export function systemRoutes(app: App, ctx: AppContext): void {
  app.get('/health', { schema: { tags: ['system'], summary: 'Tiến trình còn sống / process alive', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  app.get('/ready', {
    schema: { tags: ['system'], summary: 'Sẵn sàng phục vụ / database reachable and migrated', response: { 200: z.object({ status: z.literal('ready'), database: z.string() }) } },
  }, async () => {
    try {
      if (!(await migrationsUpToDate(ctx.database.pool))) throw new Error('pending migrations');
    } catch {
      throw platformErrors.SERVICE_UNAVAILABLE();
    }
    return { status: 'ready' as const, database: ctx.database.kind };
  });
}
