// One code path for both databases: the app always talks `pg`.
// Embedded mode starts PGlite and serves it on a local socket (pglite-socket), so that Kysely, pg-boss
// and the migration runner all use a normal pg.Pool. PGlite is a single session: never hold two pool
// clients inside one transaction (always use the transaction's own handle).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { failoverClientClass, parseMultiHostUrl } from './multi-host.js';
import { Kysely, PostgresDialect } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema.gen.js';

// Return int8 / numeric as JS numbers where they fit: counts and sums are small in this domain.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// Keep `date` columns as 'YYYY-MM-DD' strings: a local date is not an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<DB>;

export interface Database {
  kind: 'pglite' | 'postgres';
  url: string;
  pool: pg.Pool;
  db: Db;
  /** PGlite only: a consistent image of the data directory, taken between two queries (backups). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  url?: string;
  /** data directory for PGlite; omitted = in memory */
  dataDir?: string;
  /** a PGlite data-dir dump to start from (tests: a migrated template) */
  loadDataDir?: Blob;
  /** an already created PGlite instance to serve (backups: a scratch database loaded from a dump) */
  pglite?: PGlite;
  poolMax?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolMax ?? 10);
  return openPglite(opts);
}

/**
 * A lost connection (a database restart) must not crash the process. The pool listens for errors of idle
 * clients only; a client checked out at that moment emits 'error' with nobody listening, which Node treats
 * as an uncaught exception. Its query fails with the same error anyway, and the request answers 503.
 */
function guardPool(pool: pg.Pool): void {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
}

function makeDb(pool: pg.Pool): Db {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

async function openPostgres(url: string, max: number): Promise<Database> {
  // a database that does not answer fails the request (503) within seconds instead of holding it open
  // a multi-host URL (a primary and its standbys): every new connection goes to the host that takes writes
  const multi = parseMultiHostUrl(url);
  const pool = multi
    ? new pg.Pool({ connectionString: multi.urlFor(0), max, connectionTimeoutMillis: 5_000, Client: failoverClientClass(multi) })
    : new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  guardPool(pool);
  const db = makeDb(pool);
  return {
    kind: 'postgres',
    url,
    pool,
    db,
    close: async () => {
      await db.destroy();
    },
  };
}

export async function createPglite(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  let dataDir: string | undefined;
  if (opts.dataDir) {
    dataDir = resolve(opts.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  return PGlite.create({ dataDir, loadDataDir: opts.loadDataDir, extensions: { pg_trgm, unaccent } });
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const lite = opts.pglite ?? (await createPglite(opts));
  const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port: 0, maxConnections: 64 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  // ONE client by default: pglite-socket 0.2.17 queues protocol messages one by one and only keeps a
  // connection's messages together inside a transaction, so concurrent parameterised queries from two
  // connections interleave their Parse/Bind/Execute ("portal \"\" does not exist", "syntax error at $1").
  // With one client, pg queues whole queries; the session was serialised anyway.
  const pool = new pg.Pool({ connectionString: url, max: opts.poolMax ?? 1 });
  guardPool(pool);
  const db = makeDb(pool);
  return {
    kind: 'pglite',
    url,
    pool,
    db,
    dumpDataDir: () => lite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      await server.stop();
      // closing PGlite flushes and releases the data dir cleanly
      await lite.close();
    },
  };
}
