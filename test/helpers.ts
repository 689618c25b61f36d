// Test helpers: a fresh database per test file (copy of the migrated template), the real HTTP server
// on a random port, and an HTTP client with a cookie jar that handles the CSRF header.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../src/platform/config.js';
import { ManualClock, systemClock, type Clock } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/context.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { buildApp, composeContext } from '../src/app.js';
import type { Ports } from '../src/platform/ports/index.js';
import type { App } from '../src/platform/http/server.js';
import { TEMPLATE_DB, TEMPLATE_DUMP, TEST_DB_PREFIX, adminUrl } from './db-names.js';
import { withDb } from './global-setup.js';

export { ManualClock };

export async function freshDatabase(): Promise<Database> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const name = `${TEST_DB_PREFIX}${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(pgUrl) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    await admin.end();
    const db = await openDatabase({ url: withDb(pgUrl, name) });
    const close = db.close;
    return {
      ...db,
      close: async () => {
        await close();
        const a = new pg.Client({ connectionString: adminUrl(pgUrl) });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  return openDatabase({ loadDataDir: new Blob([readFileSync(TEMPLATE_DUMP)]) });
}

export interface TestApp {
  ctx: AppContext;
  app: App;
  url: string;
  clock: Clock;
  client(): HttpClient;
  login(username: string, password?: string): Promise<HttpClient>;
  close(): Promise<void>;
}

/** `ports`: fakes for some ports (the rest come from the configuration, as in production). */
export async function startTestApp(opts: { env?: Record<string, string>; clock?: Clock; ports?: Partial<Ports> } = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config: Config = loadConfig({ LOG_LEVEL: 'silent', MOTCUA_DEMO_PASSWORD: 'motcua-demo', ...opts.env });
  const clock = opts.clock ?? systemClock;
  const ctx: AppContext = composeContext(config, database, clock, opts.ports);
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  // links the server builds (OIDC redirect URI, …) point at the real test server unless a test sets its own
  if (!opts.env?.MOTCUA_PUBLIC_URL) config.publicUrl = url;
  return {
    ctx,
    app,
    url,
    clock,
    client: () => new HttpClient(url),
    login: async (username, password = 'motcua-demo') => {
      const c = new HttpClient(url);
      const r = await c.post('/api/v1/auth/login', { username, password });
      if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return c;
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Res<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** fetch with a cookie jar; sends the session's CSRF token on writes like the web app does. */
export class HttpClient {
  cookies = new Map<string, string>();
  csrf?: string;
  headers: Record<string, string> = {};

  constructor(readonly base: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...this.headers, ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload: BodyInit | undefined;
    if (body !== undefined) {
      // FormData (multipart uploads): fetch sets the content type with its boundary
      if (typeof body === 'string' || body instanceof Uint8Array || body instanceof FormData) payload = body as BodyInit;
      else {
        payload = JSON.stringify(body);
        h['content-type'] ??= 'application/json';
      }
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const v = pair.slice(eq + 1);
      if (v === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), v);
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    if (path.endsWith('/auth/login') && res.status === 200) this.csrf = (parsed as { csrfToken: string }).csrfToken;
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }
}
