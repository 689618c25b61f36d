import { fileURLToPath } from 'node:url';

export const TEMPLATE_DUMP = fileURLToPath(new URL('../.tmp/pglite-template.tar', import.meta.url));
export const TEMPLATE_DB = 'motcua_template';

/** The maintenance database on the same server (to create and drop test databases). */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
