// Composition root: opens the database, picks the ports' adapters, applies migrations, loads reference data,
// builds the HTTP app with every module's routes, lists the background jobs and the outbox handlers.
// Nothing else wires modules together.
import pino from 'pino';
import type { Config } from './platform/config.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { AppContext } from './platform/context.js';
import { openDatabase, type Database, type OpenOptions } from './platform/db/database.js';
import { portsFromConfig, smsGatewayOf, type Ports } from './platform/ports/index.js';
import type { PortLog } from './platform/ports/recording.js';
import { migrate } from './platform/db/migrations.js';
import { createHttpServer, type App } from './platform/http/server.js';
import { systemRoutes } from './platform/http/system.routes.js';
import { principalResolver } from './modules/org/auth.service.js';
import { authRoutes } from './modules/org/auth.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { adminUnitRoutes } from './modules/org/admin-units.routes.js';
import { importAdminUnits } from './modules/org/admin-units.import.js';
import { seedDemoOrg } from './modules/demo/demo-org.js';
import { applyLegalDefaultLimits } from './modules/catalog/catalog.time-limits.js';
import { competenceRoutes } from './modules/competence/competence.routes.js';
import { seedDemoFieldAgencies } from './modules/demo/demo-org.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { seedCalendar } from './modules/calendar/calendar.seed.js';
import { workflowRoutes } from './modules/workflow/workflow.routes.js';
import { dossierRoutes } from './modules/dossiers/dossiers.routes.js';
import { seedDemoDossiers } from './modules/demo/demo-dossiers.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { importReferenceCatalogIfChanged } from './modules/catalog/catalog.import.js';
import { webRoutes } from './modules/web/web.routes.js';
import { documentRoutes } from './modules/documents/documents.routes.js';
import { seedFormTemplates } from './modules/documents/documents.service.js';
import { documentEventFiles } from './modules/documents/attach.js';
import { reportRoutes } from './modules/reports/reports.routes.js';
import { checkDossierConfig } from './modules/dossiers/dossiers.config.js';
import { deadlineSweepJob } from './modules/dossiers/dossiers.jobs.js';
import type { JobDefinition } from './platform/jobs.js';
import { idempotencyPruneJob, renewIdempotencySecret } from './platform/http/idempotency.js';
import { rateLimitPruneJob } from './platform/http/rate-limit.js';
import { answerLookupSms, recordDeliveryReceipt, recordEmailBounce } from './modules/notifications/notifications.service.js';
import { SmtpBounceListener } from './platform/ports/bounce-smtp.js';
import { asSubscriber, outboxDeliveryJob, type OutboxHandler } from './platform/outbox/outbox.js';
import { DossierEventTopic } from './modules/dossiers/dossiers.service.js';
import { citizenSweepJob } from './modules/submissions/submissions.service.js';
import { exchangePruneJob, portalAnswerHandler, portalInboundJob, portalPushJob, portalQuestionsJob, portalSyncEventHandler } from './modules/portal-sync/portal-sync.service.js';
import { portalSyncRoutes } from './modules/portal-sync/portal-sync.routes.js';
import { pickupHandler, postalEventHandler, postalTrackingJob } from './modules/postal/postal.service.js';
import { postalRoutes } from './modules/postal/postal.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { citizenRoutes } from './modules/citizens/citizens.routes.js';
import { paymentRoutes } from './modules/payments/payments.routes.js';
import { ratingRoutes } from './modules/ratings/ratings.routes.js';
import { petitionRoutes } from './modules/petitions/petitions.routes.js';
import { paymentQueryJob } from './modules/payments/payments.jobs.js';
import { simulatedGatewayRoutes } from './platform/ports/payments-sim-server.js';
import { SIM_GATEWAY_PATH } from './platform/ports/index.js';
import { submissionRoutes } from './modules/submissions/submissions.routes.js';
import { digestJob, notificationHandlers, renewUnsubscribeKey } from './modules/notifications/notifications.service.js';
import { backupRoutes } from './modules/backups/backups.routes.js';
import { scheduledBackupJob } from './modules/backups/backups.service.js';
import { databaseExchangeSink } from './platform/ports/exchange-log.js';
import { ImmutableCache } from './platform/immutable-cache.js';

/**
 * What the modules do with outbox messages. Platform delivers them and knows no module. A topic with several
 * consumers names each (subscriber): dossiers.event goes to notifications, the national-portal sync and the
 * postal service, each with its own delivery state (fan-out, src/platform/outbox/outbox.ts).
 */
export const outboxHandlers: OutboxHandler[] = [
  ...notificationHandlers.map((h) => (h.topic === DossierEventTopic ? asSubscriber(h, 'notifications') : h)),
  portalSyncEventHandler as OutboxHandler,
  postalEventHandler as OutboxHandler,
  // petitions.question-answered: the answers of the national portal's questions go back to it
  portalAnswerHandler as OutboxHandler,
  pickupHandler as OutboxHandler,
];

/** The background jobs of every module and the outbox delivery (started by `motcua serve`). */
export const jobDefinitions: JobDefinition[] = [deadlineSweepJob, outboxDeliveryJob(outboxHandlers), digestJob, scheduledBackupJob, portalPushJob, portalQuestionsJob, portalInboundJob, exchangePruneJob, postalTrackingJob, paymentQueryJob, citizenSweepJob, idempotencyPruneJob, rateLimitPruneJob];

/** Module settings the platform's config loader does not know; a bad one is a ConfigError (exit 78). */
export function checkModuleConfig(config: Config): void {
  checkDossierConfig(config);
}

/**
 * The application context over an open database: the ports' adapters come from the configuration, except
 * those given in `ports` (tests pass fakes here). Recording adapters log what they would have sent.
 */
export function composeContext(config: Config, database: Database, clock: Clock = systemClock, ports: Partial<Ports> = {}): AppContext {
  return {
    config, database, db: database.db, clock, eventFiles: documentEventFiles, immutable: new ImmutableCache(),
    ...portsFromConfig(config, clock, { log: portLog(config), overrides: ports, exchanges: databaseExchangeSink(database.db) }),
  };
}

/** The settings checked before anything touches the database: module settings and the ports' adapters. */
export function checkStartConfig(config: Config, clock: Clock = systemClock, ports: Partial<Ports> = {}): void {
  checkModuleConfig(config);
  // the adapters are chosen before the database opens: a bad MOTCUA_NOTIFIER & co. stops the start-up at once
  portsFromConfig(config, clock, { overrides: ports });
}

export async function openContext(config: Config, clock: Clock = systemClock, db: OpenOptions = {}, ports: Partial<Ports> = {}): Promise<AppContext> {
  checkStartConfig(config, clock, ports);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, ...db });
  return composeContext(config, database, clock, ports);
}

/**
 * The connections ports keep open while the server runs — today the SMPP session: its delivery receipts update
 * the notification messages, the texts citizens send it are look-ups (HS <code>). Returns what closes them.
 */
export function startPortConnections(ctx: AppContext): { ready: Promise<void>; bounceListener?: SmtpBounceListener; stop(): Promise<void> } {
  const sms = smsGatewayOf(ctx.notifier);
  sms?.setHandlers({
    deliveryReceipt: async (r) => { await recordDeliveryReceipt(ctx, r); },
    message: (m) => answerLookupSms(ctx, m),
  });
  sms?.start();
  const bounces = bounceListenerFor(ctx);
  const ready = bounces ? bounces.start().then(() => undefined) : Promise.resolve();
  return {
    ready,
    bounceListener: bounces,
    stop: async () => {
      await Promise.all([sms?.stop(), bounces?.stop()]);
    },
  };
}

/** The inbound SMTP listener for asynchronous bounces (MOTCUA_MAIL_BOUNCE_LISTEN), not started yet. */
function bounceListenerFor(ctx: AppContext): SmtpBounceListener | undefined {
  const n = ctx.config.notifications;
  if (!n.bounceListen || !n.bounceAddress) return undefined;
  const log = ctx.config.logLevel === 'silent' ? undefined : pino({ level: ctx.config.logLevel, name: 'bounces' });
  const listener = new SmtpBounceListener({ listen: n.bounceListen, bounceAddress: n.bounceAddress }, log && ((level, fields, msg) => log[level](fields, msg)));
  listener.setHandler(async (report) => { await recordEmailBounce(ctx, report); });
  return listener;
}

function portLog(config: Config): PortLog | undefined {
  if (config.logLevel === 'silent') return undefined;
  const log = pino({ level: config.logLevel, name: 'ports' });
  return (entry, msg) => log.info(entry, msg);
}

/** Migrations and reference data every deployment needs. */
export async function prepareDatabase(ctx: AppContext): Promise<void> {
  await migrate(ctx.database.pool);
  await importAdminUnits(ctx.db);
  await seedCalendar(ctx.db);
  await seedFormTemplates(ctx.db); // TT 03/2025 form texts, version 1 (idempotent)
}

/**
 * A database copied from the start-up template (cli/start-template.ts) shares the template's random secrets
 * (the idempotency salt of migration 0008, the unsubscribe-link key of 0018): draw its own before first use.
 */
export async function renewDatabaseSecrets(ctx: AppContext): Promise<void> {
  await renewIdempotencySecret(ctx.db);
  await renewUnsubscribeKey(ctx.db);
}

/** Demo organisation; with `dossiers` (motcua serve / motcua seed, not the test template) also demo dossiers. */
export async function seedDemo(ctx: AppContext, opts: { dossiers?: boolean; signal?: AbortSignal } = {}): Promise<void> {
  await seedDemoOrg(ctx, ctx.config.demoPassword);
  await importReferenceCatalogIfChanged(ctx); // the bundled national + defence procedure catalogue (idempotent)
  await applyLegalDefaultLimits(ctx.db); // limits fixed by law where the catalogue has none (chứng thực)
  await seedDemoFieldAgencies(ctx); // the first version of the field → competent agency map
  if (opts.dossiers) await seedDemoDossiers(ctx, { signal: opts.signal });
}

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<App> {
  checkModuleConfig(ctx.config);
  const app = await createHttpServer(ctx, { resolver: principalResolver(ctx), logger: opts.logger });
  systemRoutes(app, ctx);
  authRoutes(app, ctx);
  orgRoutes(app, ctx);
  adminUnitRoutes(app, ctx);
  catalogRoutes(app, ctx);
  calendarRoutes(app, ctx);
  workflowRoutes(app, ctx);
  dossierRoutes(app, ctx);
  documentRoutes(app, ctx);
  reportRoutes(app, ctx);
  competenceRoutes(app, ctx);
  notificationRoutes(app, ctx);
  backupRoutes(app, ctx);
  portalSyncRoutes(app, ctx);
  postalRoutes(app, ctx);
  citizenRoutes(app, ctx);
  paymentRoutes(app, ctx);
  ratingRoutes(app, ctx);
  // the embedded default: the simulated payment gateway is served by motcua itself (an outside system, played here)
  if (ctx.config.adapters.payments === 'simulated' && !ctx.config.payments.url) {
    simulatedGatewayRoutes(app, SIM_GATEWAY_PATH, { secret: ctx.config.payments.secret, keys: () => Object.values(ctx.config.payments.secrets), clock: ctx.clock, baseUrl: () => `${ctx.config.publicUrl}${SIM_GATEWAY_PATH}` });
  }
  submissionRoutes(app, ctx);
  petitionRoutes(app, ctx);
  await webRoutes(app, ctx); // the officials' web app at / (last: its fallback route catches the rest)
  return app;
}
