// Composition root: opens the database, applies migrations, loads reference data, builds the HTTP app
// with every module's routes. Nothing else wires modules together.
import type { Config } from './platform/config.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { AppContext } from './platform/context.js';
import { openDatabase, type OpenOptions } from './platform/db/database.js';
import { migrate } from './platform/db/migrations.js';
import { createHttpServer, type App } from './platform/http/server.js';
import { systemRoutes } from './platform/http/system.routes.js';
import { principalResolver } from './modules/org/auth.service.js';
import { authRoutes } from './modules/org/auth.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { adminUnitRoutes } from './modules/org/admin-units.routes.js';
import { importAdminUnits } from './modules/org/admin-units.import.js';
import { seedDemoOrg } from './modules/demo/demo-org.js';

export async function openContext(config: Config, clock: Clock = systemClock, db: OpenOptions = {}): Promise<AppContext> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, ...db });
  return { config, database, db: database.db, clock };
}

/** Migrations and reference data every deployment needs. */
export async function prepareDatabase(ctx: AppContext): Promise<void> {
  await migrate(ctx.database.pool);
  await importAdminUnits(ctx.db);
}

export async function seedDemo(ctx: AppContext): Promise<void> {
  await seedDemoOrg(ctx, ctx.config.demoPassword);
}

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<App> {
  const app = await createHttpServer(ctx, { resolver: principalResolver(ctx), logger: opts.logger });
  systemRoutes(app, ctx);
  authRoutes(app, ctx);
  orgRoutes(app, ctx);
  adminUnitRoutes(app, ctx);
  return app;
}
