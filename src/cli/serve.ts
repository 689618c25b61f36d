// `motcua serve`: open the database, migrate, seed, listen, and shut down gracefully on signals.
// With MOTCUA_WORKERS=N on PostgreSQL the server runs as N processes (node:cluster) sharing the port: the
// primary migrates and seeds once, then forks the workers and re-forks one that dies. Worker 1 alone also
// runs the background work that must not be doubled in one host — the job queue's workers (pg-boss would
// share them safely, but one set is enough), the SMPP session and the bounce listener (one bind), and the
// demo dossiers. Everything else a request needs is in PostgreSQL, so the processes behave as one (tested in
// test/foundation/cluster.test.ts). PGlite is one process: it always runs one.
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { Config } from '../platform/config.js';
import { buildApp, checkStartConfig, jobDefinitions, openContext, prepareDatabase, renewDatabaseSecrets, seedDemo, startPortConnections } from '../app.js';
import { DEMO_LOGINS } from '../modules/demo/demo-org.js';
import { startJobs } from '../platform/jobs.js';
import { assertPortFree, PortInUseError } from './port.js';
import { startFromTemplate } from './start-template.js';

type Ctx = Awaited<ReturnType<typeof openContext>>;

export async function serve(config: Config): Promise<void> {
  if (config.workers > 1 && config.databaseUrl) {
    return cluster.isPrimary ? servePrimary(config) : serveWorker(config, Number(process.env.MOTCUA_WORKER_INDEX ?? 1));
  }
  if (config.workers > 1) console.log('MOTCUA_WORKERS: PGlite chạy một tiến trình / the embedded database runs one process');
  const started = Date.now();
  // checked before the database is opened and migrated, so a second `npm start` says so at once
  await assertPortFree(config.port, config.host);
  checkStartConfig(config); // a bad setting stops the start before the data dir is touched
  // a new embedded data directory starts as a copy of the prebuilt template (no initdb, reference data in)
  const fromTemplate = await startFromTemplate(config);
  const ctx = await openContext(config);
  if (fromTemplate) await renewDatabaseSecrets(ctx);
  await prepareDatabase(ctx); // idempotent: after a template copy, a few checks
  if (config.demo) await seedDemo(ctx);
  const port = await startServing(config, ctx, { background: true });
  console.log(startLines(config, ctx, port, started, 1).join('\n'));
}

/** Starts HTTP on the context (and, with `background`, jobs, port connections and demo dossiers); returns the port. */
async function startServing(config: Config, ctx: Ctx, opts: { background: boolean }): Promise<number> {
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host }).catch(async (err: unknown) => {
    await ctx.database.close();
    throw (err as { code?: string }).code === 'EADDRINUSE' ? new PortInUseError(config.port) : err;
  });
  const port = (app.server.address() as { port: number }).port;
  // the job queue (pg-boss creates its schema on a new database: seconds on PGlite) and the demo dossiers
  // start once the server answers, not before: requests need neither; a queue that cannot start stops the server
  let background: Awaited<ReturnType<typeof startBackground>> | null = null;
  const backgroundStarted = opts.background
    ? startBackground(config, ctx, app.log).then(
        (b) => { background = b; },
        (err: unknown) => {
          app.log.error({ err }, 'background work could not start');
          process.exit(1);
        },
      )
    : Promise.resolve();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await backgroundStarted;
      await background?.stopDemo();
      await app.close(); // stops accepting, waits for in-flight requests
      await background?.stop(); // lets a running deadline sweep finish, unbinds the SMPP session
      await ctx.database.close(); // closes PGlite cleanly: the data dir stays consistent
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return port;
}

type Log = { error: (o: object, msg: string) => void };

/** The job queue, the outside connections and the demo dossiers: once per deployment host. */
async function startBackground(config: Config, ctx: Ctx, log: Log) {
  const jobs = await startJobs(ctx, jobDefinitions, { onError: (err) => log.error({ err }, 'job queue error') });
  const connections = startPortConnections(ctx);
  // a bounce listener that cannot bind (port taken) is reported, not fatal: e-mails still go out
  connections.ready.catch((err: unknown) => log.error({ err }, 'bounce listener could not start'));
  // demo dossiers (a few hundred, made through the services) are generated in the background once the
  // server is up; shutdown stops the generation between two dossiers
  const demoAbort = new AbortController();
  const demoDossiers = config.demo
    ? seedDemo(ctx, { dossiers: true, signal: demoAbort.signal }).then(
        async () => {
          if (!demoAbort.signal.aborted) console.log(demoCompleteLine(await countDossiers(ctx)));
        },
        (err) => log.error({ err }, 'demo dossiers failed'),
      )
    : Promise.resolve();
  return {
    stopDemo: async () => {
      demoAbort.abort();
      await demoDossiers;
    },
    stop: async () => {
      await jobs.stop();
      await connections.stop();
    },
  };
}

/** The cluster's primary: migrate and seed once, fork the workers, keep them running, stop them on a signal. */
async function servePrimary(config: Config): Promise<void> {
  const started = Date.now();
  await assertPortFree(config.port, config.host);
  const ctx = await openContext(config);
  await prepareDatabase(ctx);
  if (config.demo) await seedDemo(ctx);
  const lines = startLines(config, ctx, config.port, started, config.workers);
  await ctx.database.close();
  // secrets a process would otherwise draw at random must be the same in every worker
  const env: Record<string, string> = { MOTCUA_PAYMENT_SECRET: process.env.MOTCUA_PAYMENT_SECRET ?? randomBytes(32).toString('hex') };
  let stopping = false;
  let listening = 0;
  const fork = (index: number) => {
    const w = cluster.fork({ ...env, MOTCUA_WORKER_INDEX: String(index) });
    w.on('message', (m: unknown) => {
      if (m === 'listening' && ++listening === config.workers) {
        console.log(lines.map((l) => l.replace('{ready}', ((Date.now() - started) / 1000).toFixed(1))).join('\n'));
      }
    });
    w.on('exit', (code) => {
      if (stopping) return;
      console.error(`motcua: worker ${index} exited (${code}); starting it again`);
      fork(index);
    });
  };
  for (let i = 1; i <= config.workers; i++) fork(i);
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** A cluster worker: the database is migrated and seeded by the primary. */
async function serveWorker(config: Config, index: number): Promise<void> {
  const ctx = await openContext(config);
  await startServing(config, ctx, { background: index === 1 });
  process.send?.('listening');
}

function startLines(config: Config, ctx: Ctx, port: number, started: number, workers: number): string[] {
  const ready = workers > 1 ? '{ready}' : ((Date.now() - started) / 1000).toFixed(1);
  const lines = [
    '',
    `motcua đang chạy / is running: http://localhost:${port}  (API explorer: http://localhost:${port}/docs)`,
    `database: ${ctx.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}; ${workers > 1 ? `${workers} server processes; ` : ''}ready in ${ready} s`,
  ];
  const a = config.adapters;
  const recording = (['notifier', 'payments', 'nationalPortal', 'postal'] as const).filter((k) => a[k] === 'recording');
  const n = ctx.notifier.providers;
  lines.push(`ports: files ${a.blobStore}, signing ${a.signer}, SMS ${n.sms}, e-mail ${n.email}, payments ${a.payments}, national portal ${a.nationalPortal}, postal ${a.postal}` +
    (recording.length ? ` (recording: logged, nothing sent)` : ''));
  if (config.demo) {
    lines.push(`demo logins (password "${config.demoPassword}"): ${DEMO_LOGINS.join(', ')}`);
    lines.push('dữ liệu hồ sơ demo đang được tạo (~30 s) / demo dossiers are being generated (~30 s); a line follows when the set is complete');
  }
  return lines;
}

/** The line a newcomer waits for: from here on the dashboards and inboxes show the whole demo set. */
export const demoCompleteLine = (n: number) => `dữ liệu demo đã đầy đủ: ${n} hồ sơ / demo data set complete: ${n} dossiers`;

async function countDossiers(ctx: Ctx): Promise<number> {
  const r = await ctx.db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
