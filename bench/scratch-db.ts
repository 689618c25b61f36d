// The database a benchmark runs on: embedded PGlite in memory, or a scratch database created on the given
// PostgreSQL server (never the server's own databases) and dropped at the end unless `keep` is set.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/database.js';

export interface BenchDatabase {
  database: Database;
  /** Where it runs, for the report header. */
  where: string;
  drop: () => Promise<void>;
}

async function adminQuery(url: URL, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/**
 * `prefix`: the scratch database's name prefix (default motcua_bench_), e.g. to tell parallel runs apart;
 * `reuse`: an existing scratch database of that prefix (kept by an earlier run) instead of a new one.
 */
export async function openBenchDatabase(pgUrl: string | undefined, opts: { keep?: boolean; prefix?: string; reuse?: string } = {}): Promise<BenchDatabase> {
  if (!pgUrl) {
    const database = await openDatabase({});
    return { database, drop: async () => {}, where: 'PGlite (in memory)' };
  }
  const prefix = opts.prefix ?? 'motcua_bench_';
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`bad database prefix ${prefix}`);
  if (opts.reuse && !/^[a-z0-9_]+$/.test(opts.reuse.slice(prefix.length)) || (opts.reuse && !opts.reuse.startsWith(prefix))) {
    throw new Error(`not a scratch database of prefix ${prefix}: ${opts.reuse}`);
  }
  const name = opts.reuse || `${prefix}${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(pgUrl);
  if (!opts.reuse) await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString() });
  return {
    database,
    where: `PostgreSQL ${u.host}, scratch database ${name}`,
    drop: async () => {
      if (opts.keep) return console.log(`\nkept the scratch database ${name} (DROP DATABASE ${name} when done)`);
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
