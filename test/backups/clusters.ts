// Throw-away PostgreSQL clusters for the standby and point-in-time-recovery tests (Debian's cluster tools,
// run as root): create on a free port, replace a data directory, run psql, drop. Only where the tools are and
// the suite runs on PostgreSQL (TEST_DATABASE_URL), whose test template the tests copy.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';

export const PG_VERSION = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').sort().at(-1) : undefined;
export const CAN_MAKE_CLUSTERS = !!process.env.TEST_DATABASE_URL && !!PG_VERSION && existsSync('/usr/bin/pg_createcluster') && process.getuid?.() === 0;

export const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe', timeout: 120_000 }).toString();
export const psql = (port: number, sql: string, db = 'postgres') =>
  sh('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-Atc', sql]).trim();

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

export async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function createCluster(name: string, port: number): void {
  sh('pg_createcluster', [PG_VERSION!, name, '-p', String(port), '--', '--auth=trust']);
}
export const startCluster = (name: string) => sh('pg_ctlcluster', [PG_VERSION!, name, 'start']);
export const stopCluster = (name: string, mode: 'fast' | 'immediate' = 'fast') => sh('pg_ctlcluster', [PG_VERSION!, name, 'stop', '-m', mode]);
export const dataDirOf = (name: string) => `/var/lib/postgresql/${PG_VERSION}/${name}`;

/** Empties a (stopped) cluster's data directory, owned by postgres, for a base backup or a restore to fill. */
export function emptyDataDir(name: string): string {
  const dir = dataDirOf(name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { mode: 0o700 });
  sh('chown', ['postgres:postgres', dir]);
  return dir;
}

export function dropClusters(names: string[]): void {
  for (const c of names) {
    try {
      sh('pg_dropcluster', [PG_VERSION!, c, '--stop']);
    } catch { /* not created */ }
  }
}
