// Builds one migrated database with reference data and the demo organisation, once per run; every
// test file then starts from a copy: a PGlite data-dir dump (default) or a PostgreSQL template database
// (when TEST_DATABASE_URL is set).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.js';
import { createPglite, openDatabase } from '../src/platform/db/database.js';
import { composeContext, prepareDatabase, seedDemo } from '../src/app.js';
import { systemClock } from '../src/platform/clock.js';
import { TEMPLATE_DUMP, TEMPLATE_DB, TEST_DB_PREFIX, adminUrl } from './db-names.js';

async function prepare(url: string) {
  const database = await openDatabase({ url });
  const ctx = composeContext(loadConfig({ LOG_LEVEL: 'silent', MOTCUA_DEMO_PASSWORD: 'motcua-demo' }), database, systemClock);
  await prepareDatabase(ctx);
  await seedDemo(ctx);
  await database.close();
}

export default async function setup(): Promise<() => Promise<void>> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const admin = new pg.Client({ connectionString: adminUrl(pgUrl) });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await prepare(withDb(pgUrl, TEMPLATE_DB));
    return async () => {
      const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [TEST_DB_PREFIX]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await admin.end();
    };
  }
  const lite = await createPglite({});
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  await prepare(`postgres://postgres@${server.getServerConn()}/postgres`);
  await server.stop();
  const dump = await lite.dumpDataDir('none');
  mkdirSync(new URL('../.tmp/', import.meta.url), { recursive: true });
  writeFileSync(TEMPLATE_DUMP, Buffer.from(await dump.arrayBuffer()));
  await lite.close();
  return async () => rmSync(TEMPLATE_DUMP, { force: true });
}

export function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
