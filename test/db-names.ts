import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/**
 * One id per `vitest run`: set by the main process (global setup) and inherited by the test workers, so that
 * runs sharing one PostgreSQL server (or one checkout) never drop or overwrite each other's databases.
 */
export const RUN_ID = (process.env.MOTCUA_TEST_RUN ??= randomBytes(4).toString('hex'));
/** Every per-file test database starts with this; the global teardown drops them all. */
export const TEST_DB_PREFIX = `motcua_t_${RUN_ID}_`;
export const TEMPLATE_DUMP = fileURLToPath(new URL(`../.tmp/pglite-template-${RUN_ID}.tar`, import.meta.url));
export const TEMPLATE_DB = `motcua_template_${RUN_ID}`;

/** The maintenance database on the same server (to create and drop test databases). */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
