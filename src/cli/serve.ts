// `motcua serve`: open the database, migrate, seed, listen, and shut down gracefully on signals.
import type { Config } from '../platform/config.js';
import { buildApp, jobDefinitions, openContext, prepareDatabase, seedDemo, startPortConnections } from '../app.js';
import { DEMO_LOGINS } from '../modules/demo/demo-org.js';
import { startJobs } from '../platform/jobs.js';
import { assertPortFree, PortInUseError } from './port.js';

export async function serve(config: Config): Promise<void> {
  const started = Date.now();
  // checked before the database is opened and migrated, so a second `npm start` says so at once
  await assertPortFree(config.port, config.host);
  const ctx = await openContext(config);
  await prepareDatabase(ctx);
  if (config.demo) await seedDemo(ctx);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host }).catch(async (err: unknown) => {
    await ctx.database.close();
    throw (err as { code?: string }).code === 'EADDRINUSE' ? new PortInUseError(config.port) : err;
  });
  const port = (app.server.address() as { port: number }).port;
  const jobs = await startJobs(ctx, jobDefinitions, { onError: (err) => app.log.error({ err }, 'job queue error') });
  const connections = startPortConnections(ctx);
  // a bounce listener that cannot bind (port taken) is reported, not fatal: e-mails still go out
  connections.ready.catch((err: unknown) => app.log.error({ err }, 'bounce listener could not start'));
  // demo dossiers (a few hundred, made through the services) are generated in the background once the
  // server is up; shutdown stops the generation between two dossiers
  const demoAbort = new AbortController();
  const demoDossiers = config.demo
    ? seedDemo(ctx, { dossiers: true, signal: demoAbort.signal }).then(
        async () => {
          if (!demoAbort.signal.aborted) console.log(demoCompleteLine(await countDossiers(ctx)));
        },
        (err) => app.log.error({ err }, 'demo dossiers failed'),
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
      demoAbort.abort();
      await demoDossiers;
      await app.close(); // stops accepting, waits for in-flight requests
      await jobs.stop(); // lets a running deadline sweep finish
      await connections.stop(); // unbinds the SMPP session
      await ctx.database.close(); // closes PGlite cleanly: the data dir stays consistent
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const lines = [
    '',
    `motcua đang chạy / is running: http://localhost:${port}  (API explorer: http://localhost:${port}/docs)`,
    `database: ${ctx.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
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
  console.log(lines.join('\n'));
}

/** The line a newcomer waits for: from here on the dashboards and inboxes show the whole demo set. */
export const demoCompleteLine = (n: number) => `dữ liệu demo đã đầy đủ: ${n} hồ sơ / demo data set complete: ${n} dossiers`;

async function countDossiers(ctx: Awaited<ReturnType<typeof openContext>>): Promise<number> {
  const r = await ctx.db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
