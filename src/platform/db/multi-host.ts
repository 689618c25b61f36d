// Multi-host PostgreSQL URLs, as libpq reads them (postgres://u@h1:5432,h2:5432/db?target_session_attrs=
// read-write): a primary and its standbys, and the application follows a promotion by itself. node-postgres
// takes one host only, so the pool gets a client class that, for every new connection, tries the hosts in
// order, asks each whether it takes writes, and connects to the first that fits — a dead primary is skipped
// and a promoted standby is found without a restart. Pure URL parsing here and the probing client below.
import pg from 'pg';

export type TargetSessionAttrs = 'any' | 'read-write' | 'read-only' | 'primary' | 'standby';
const ATTRS: readonly TargetSessionAttrs[] = ['any', 'read-write', 'read-only', 'primary', 'standby'];

export interface MultiHostUrl {
  hosts: Array<{ host: string; port: number }>;
  targetSessionAttrs: TargetSessionAttrs;
  /** The same URL with one host, for node-postgres (target_session_attrs removed: it does not know it). */
  urlFor(i: number): string;
}

/** null for a single-host URL without target_session_attrs (nothing to do). */
export function parseMultiHostUrl(url: string): MultiHostUrl | null {
  const m = /^(postgres(?:ql)?:\/\/)([^@/]*@)?([^/?#]*)(.*)$/.exec(url);
  if (!m) return null;
  const [, scheme, auth = '', hostPart, rest] = m as unknown as [string, string, string | undefined, string, string];
  const q = rest.indexOf('?');
  const params = new URLSearchParams(q >= 0 ? rest.slice(q + 1) : '');
  const attrs = (params.get('target_session_attrs') ?? 'any') as TargetSessionAttrs;
  if (!ATTRS.includes(attrs)) throw new Error(`target_session_attrs=${attrs}: use one of ${ATTRS.join(', ')}`);
  const hosts = hostPart.split(',').map((h) => {
    const b = /^\[([^\]]+)\](?::(\d+))?$/.exec(h) ?? /^([^:]*)(?::(\d+))?$/.exec(h);
    return { host: b?.[1] || 'localhost', port: Number(b?.[2] ?? 5432) };
  });
  if (hosts.length === 1 && attrs === 'any') return null;
  params.delete('target_session_attrs');
  const path = q >= 0 ? rest.slice(0, q) : rest;
  const query = params.toString();
  return {
    hosts,
    targetSessionAttrs: attrs,
    urlFor: (i) => {
      const h = hosts[i]!;
      return `${scheme}${auth}${h.host.includes(':') ? `[${h.host}]` : h.host}:${h.port}${path}${query ? `?${query}` : ''}`;
    },
  };
}

/** Does a server in this state fit the wanted attributes (libpq's rules)? */
export function fits(attrs: TargetSessionAttrs, s: { inRecovery: boolean; readOnly: boolean }): boolean {
  switch (attrs) {
    case 'any': return true;
    case 'read-write': return !s.readOnly;
    case 'read-only': return s.readOnly;
    case 'primary': return !s.inRecovery;
    case 'standby': return s.inRecovery;
  }
}

const PROBE_TIMEOUT_MS = 3_000;

/** The first host that fits, asked in order; every failure is named in the error when none does. */
export async function pickHost(m: MultiHostUrl): Promise<{ host: string; port: number }> {
  const tried: string[] = [];
  for (let i = 0; i < m.hosts.length; i++) {
    const probe = new pg.Client({ connectionString: m.urlFor(i), connectionTimeoutMillis: PROBE_TIMEOUT_MS });
    probe.on('error', () => {});
    try {
      await probe.connect();
      const r = await probe.query(`SELECT pg_is_in_recovery() AS rec, current_setting('transaction_read_only') AS ro`);
      const state = { inRecovery: r.rows[0].rec === true, readOnly: r.rows[0].ro === 'on' };
      if (fits(m.targetSessionAttrs, state)) return m.hosts[i]!;
      tried.push(`${m.hosts[i]!.host}:${m.hosts[i]!.port} ${state.inRecovery ? 'standby' : 'read-only'}`);
    } catch (e) {
      tried.push(`${m.hosts[i]!.host}:${m.hosts[i]!.port} ${(e as Error).message}`);
    } finally {
      await probe.end().catch(() => {});
    }
  }
  throw Object.assign(new Error(`no PostgreSQL host is ${m.targetSessionAttrs} (${tried.join('; ')})`), { code: 'ECONNREFUSED' });
}

/** A pg.Client class for pg.Pool's `Client` option: each connection goes to the host pickHost finds. */
export function failoverClientClass(m: MultiHostUrl): typeof pg.Client {
  return class FailoverClient extends pg.Client {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override connect(callback?: any): any {
      const connected = pickHost(m).then((target) => {
        const self = this as unknown as { host: string; port: number; connectionParameters: { host: string; port: number } };
        self.host = self.connectionParameters.host = target.host;
        self.port = self.connectionParameters.port = target.port;
        return super.connect();
      });
      if (!callback) return connected;
      connected.then(() => callback(null, this), (e: Error) => callback(e));
      return undefined;
    }
  } as typeof pg.Client;
}
