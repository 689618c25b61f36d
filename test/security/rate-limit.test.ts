// Issue 12 item 5: one allowance for the public look-up whatever the method (HEAD used to have its own) and
// shared with the online copy of results; the 429 tells the seconds to wait. Time is the injected clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startTestApp, type TestApp } from '../helpers.js';
import { T0 } from '../dossiers/fixtures.js';
import { pruneRateLimitWindows } from '../../src/platform/http/rate-limit.js';

let t: TestApp;
const clock = new ManualClock(T0);
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => t?.close());

const LOOKUP = '/api/v1/public/dossiers/000.00.01.H56-261123-0001?secret=sai-ma-bi-mat';
const FILE = '/api/v1/public/dossiers/000.00.01.H56-261123-0001/results/00000000-0000-4000-8000-000000000000?secret=sai-ma-bi-mat';

describe('public look-up rate limit', () => {
  it('after 30 GETs, HEAD and the result download are refused too; the message gives the seconds; the window ends by the clock', async () => {
    const c = t.client();
    for (let i = 0; i < 30; i++) expect((await c.get(LOOKUP)).status).toBe(404);
    const get = await c.get(LOOKUP);
    expect(get.status).toBe(429);
    expect(get.body.code).toBe('RATE_LIMITED');
    expect(get.body.title).toBe('Quá nhiều yêu cầu, vui lòng thử lại sau 60 giây.');
    expect(get.headers.get('retry-after')).toBe('60');
    const head = await c.request('HEAD', LOOKUP);
    expect(head.status).toBe(429);
    expect((await c.get(FILE)).status).toBe(429);
    clock.advance(20_000);
    const later = await c.get(LOOKUP, { 'accept-language': 'en' });
    expect(later.body.title).toBe('Too many requests, retry in 40 seconds.');
    clock.advance(40_000);
    expect((await c.request('HEAD', LOOKUP)).status).toBe(404);
  });

  it('HEAD requests count against the same allowance as GETs', async () => {
    clock.advance(60_000);
    const c = t.client();
    for (let i = 0; i < 30; i++) expect((await c.request('HEAD', LOOKUP)).status).toBe(404);
    expect((await c.get(LOOKUP)).status).toBe(429);
  });

  it('other rate-limited routes keep their own allowance (login is not spent by look-ups)', async () => {
    const r = await t.client().post('/api/v1/auth/login', { username: 'demo.tiepnhan', password: 'motcua-demo' });
    expect(r.status).toBe(200);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('on PostgreSQL the windows are rows every process shares (synced every 100 ms); the prune deletes the ended ones only', async () => {
    clock.advance(60_000);
    await t.client().get(LOOKUP);
    // the hits reach the table within one sync interval (100 ms); the earlier tests' window, synced late, is replaced
    let rows: { key: string; hits: number }[] = [];
    for (let i = 0; i < 50 && rows[0]?.hits !== 1; i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows = (await t.ctx.database.pool.query(`SELECT key, hits FROM rate_limit_windows WHERE key LIKE '%public-lookup%'`)).rows;
    }
    expect(rows).toEqual([expect.objectContaining({ hits: 1 })]);
    expect(await pruneRateLimitWindows(t.ctx.db, clock.now())).toBe(0);
    clock.advance(61_000);
    expect(await pruneRateLimitWindows(t.ctx.db, clock.now())).toBeGreaterThan(0);
    const left = await t.ctx.database.pool.query(`SELECT count(*)::int AS n FROM rate_limit_windows`);
    expect(left.rows[0].n).toBe(0);
  });
});
