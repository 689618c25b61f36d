// Generates the database types (src/platform/db/schema.gen.ts) from the migrated schema, or with --verify
// checks that the checked-in file still matches the migrations (CI), so the types cannot drift.
// The schema comes from the migrations alone: a fresh in-memory PGlite with every migration applied, then
// kysely-codegen introspects it in this process through ONE connection (pglite-socket cannot serve the
// generator's parallel introspection queries over several connections). No PostgreSQL server is needed.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Kysely, PostgresDialect as KyselyPostgresDialect } from 'kysely';
import { Logger, PostgresDialect, generate } from 'kysely-codegen';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createPglite } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrations.js';

const OUT_FILE = fileURLToPath(new URL('../src/platform/db/schema.gen.ts', import.meta.url));

async function main(): Promise<void> {
  const verify = process.argv.includes('--verify');
  const lite = await createPglite({});
  const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const pool = new pg.Pool({ connectionString: `postgres://postgres@${server.getServerConn()}/postgres`, max: 1 });
  const db = new Kysely<unknown>({ dialect: new KyselyPostgresDialect({ pool }) });
  try {
    await migrate(pool);
    await generate({
      // kysely-codegen is CommonJS and sees kysely's CJS typings; ours are the ESM ones (same package, same
      // version), which TypeScript treats as different classes
      db: db as unknown as Parameters<typeof generate>[0]['db'],
      // the same conversions as the app's pg type parsers (database.ts): int8/numeric as numbers, date as text
      dialect: new PostgresDialect({ numericParser: 'number', dateParser: 'string' }),
      // JSON columns are typed by the repository that owns them ($narrowType to the module's own type)
      typeMapping: { int8: 'number', json: 'unknown', jsonb: 'unknown' },
      includePattern: 'public.*',
      excludePattern: 'public.schema_migrations',
      outFile: OUT_FILE,
      verify,
      logger: new Logger('error'),
    });
  } catch (err) {
    if (verify) console.error('src/platform/db/schema.gen.ts does not match the migrations: run `npm run db:types` and commit it.');
    throw err;
  } finally {
    await db.destroy();
    await server.stop();
    await lite.close();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
