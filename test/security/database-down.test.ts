// Issue 12 item 7: while the database is unreachable (a restart cuts every connection and refuses new ones)
// requests get 503 problem+json with Retry-After, never a 500, and the server recovers by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, composeContext } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import type { App } from '../../src/platform/http/server.js';
import { HttpClient, freshDatabase } from '../helpers.js';
import { tcpProxy, type Proxy } from './tcp-proxy.js';

let real: Database;
let viaProxy: Database;
let proxy: Proxy;
let app: App;
let url: string;
beforeAll(async () => {
  real = await freshDatabase();
  const target = new URL(real.url);
  proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  target.host = `127.0.0.1:${proxy.port}`;
  // one connection, as the server keeps on PGlite (see database.ts)
  viaProxy = await openDatabase({ url: target.toString(), poolMax: 1 });
  const ctx: AppContext = composeContext(loadConfig({ LOG_LEVEL: 'silent', MOTCUA_DEMO_PASSWORD: 'motcua-demo' }), viaProxy, { now: () => new Date() });
  app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app?.close();
  await viaProxy?.close().catch(() => {});
  await real?.close();
});

const signIn = (c: HttpClient) => c.post('/api/v1/auth/login', { username: 'demo.tiepnhan', password: 'motcua-demo' });

describe('database unreachable', () => {
  it('answers 503 with Retry-After while it is down, and works again once it is back', async () => {
    const official = new HttpClient(url);
    expect((await signIn(official)).status).toBe(200);
    expect((await official.get('/api/v1/dossiers')).status).toBe(200);

    await proxy.stop();
    const checks: Array<[string, () => Promise<{ status: number; headers: Headers; body: any }>]> = [
      ['signed-in read', () => official.get('/api/v1/dossiers')],
      ['sign-in', () => signIn(new HttpClient(url))],
      ['public catalog', () => new HttpClient(url).get('/api/v1/procedures?q=khai%20sinh')],
      ['public look-up', () => new HttpClient(url).get('/api/v1/public/dossiers/000.00.01.H56-261123-0001?secret=x')],
      ['write', () => official.post('/api/v1/dossiers', {})],
    ];
    for (const [label, call] of checks) {
      const r = await call();
      expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBe(503);
      expect(r.headers.get('retry-after'), label).toBe('5');
      expect(r.headers.get('content-type'), label).toContain('application/problem+json');
      expect(r.body.code, label).toBe('DATABASE_UNAVAILABLE');
    }
    expect((await new HttpClient(url).get('/ready')).status).toBe(503);
    expect((await new HttpClient(url).get('/health')).status).toBe(200);

    await proxy.start();
    expect((await official.get('/api/v1/dossiers')).status).toBe(200);
    expect((await signIn(new HttpClient(url))).status).toBe(200);
  });
});
