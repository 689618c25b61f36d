// Issue 12 items 6 and 9 (audit): sign-in failures answer alike for known and unknown names, slow an attacker
// per (name, address) and per address, never lock the official out from their own address, and the audit
// log does not keep an unknown name as typed (it may be a password).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startTestApp, type TestApp } from '../helpers.js';
import { T0 } from '../dossiers/fixtures.js';

let t: TestApp;
const clock = new ManualClock(T0);
beforeAll(async () => {
  // the proxy in front is trusted, so X-Forwarded-For stands for the client's address
  t = await startTestApp({ clock, env: { MOTCUA_LOCKOUT_THRESHOLD: '3', MOTCUA_LOCKOUT_BASE_SECONDS: '30', MOTCUA_TRUST_PROXY: '127.0.0.1' } });
});
afterAll(async () => t?.close());

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const login = (username: string, password: string, ip: string) => t.client().post('/api/v1/auth/login', { username, password }, from(ip));
const shape = (r: { status: number; body: any }) => `${r.status} ${r.body.code} ${r.body.title}`;

describe('sign-in throttling', () => {
  it('a known and an unknown name get exactly the same answers, attempt after attempt', async () => {
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(shape(await login('demo.vanthu', 'sai-mat-khau', '198.51.100.1')));
      unknown.push(shape(await login('khong.co.ai', 'sai-mat-khau', '198.51.100.2')));
    }
    expect(unknown).toEqual(known);
    expect(known.slice(0, 3).every((s) => s.startsWith('401 INVALID_CREDENTIALS'))).toBe(true);
    expect(known[3]).toMatch(/^429 LOGIN_THROTTLED .*30 giây/);
  });

  it("a stranger's failures never lock the official out of their own address", async () => {
    for (let i = 0; i < 6; i++) await login('demo.traketqua', 'doan-mo', '203.0.113.9');
    expect((await login('demo.traketqua', 'motcua-demo', '203.0.113.9')).status).toBe(429);
    const own = await login('demo.traketqua', 'motcua-demo', '192.0.2.10');
    expect(own.status).toBe(200);
  });

  it('an address spraying many names is slowed on every name, also on names it has not tried', async () => {
    for (let i = 0; i < 30; i++) {
      expect((await login(`ten.thu.${i}`, 'Matkhau@123', '203.0.113.77')).status).toBe(401);
      if (i === 15) clock.advance(61_000); // past the route's own 30-a-minute limit, well within the 15-minute count
    }
    const next = await login('demo.kiemsoat', 'Matkhau@123', '203.0.113.77');
    expect(next.status).toBe(429);
    expect(next.body.code).toBe('LOGIN_THROTTLED');
    // the right password from elsewhere still works
    expect((await login('demo.kiemsoat', 'motcua-demo', '192.0.2.11')).status).toBe(200);
  });

  it("blocks end by the clock, and a success clears the name's count at that address", async () => {
    for (let i = 0; i < 3; i++) await login('demo.vanthu', 'sai-mat-khau', '198.51.100.50');
    expect((await login('demo.vanthu', 'motcua-demo', '198.51.100.50')).status).toBe(429);
    clock.advance(31_000);
    expect((await login('demo.vanthu', 'motcua-demo', '198.51.100.50')).status).toBe(200);
    expect((await login('demo.vanthu', 'sai-mat-khau', '198.51.100.50')).status).toBe(401);
  });

  it('the audit log keeps no unknown name as typed', async () => {
    const typed = 'Mat-Khau-Nham-O-Ten-2026';
    expect((await login(typed, 'x', '198.51.100.99')).status).toBe(401);
    const { rows } = await t.ctx.database.pool.query(`SELECT count(*)::int n FROM audit_log WHERE actor_label ILIKE '%' || $1 || '%' OR details::text ILIKE '%' || $1 || '%'`, [typed]);
    expect(rows[0].n).toBe(0);
    const { rows: last } = await t.ctx.database.pool.query(`SELECT actor_label, details FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id DESC LIMIT 1`);
    expect(last[0]).toMatchObject({ actor_label: '(unknown)', details: { reason: 'unknown_user' } });
    const { rows: keys } = await t.ctx.database.pool.query(`SELECT count(*)::int n FROM login_throttle WHERE key ILIKE '%' || $1 || '%'`, [typed.toLowerCase()]);
    expect(keys[0].n).toBe(0);
  });
});
