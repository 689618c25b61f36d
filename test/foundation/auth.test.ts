// Login, wrong password, lock-out with backoff, logout, session expiry, CSRF, API tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startTestApp, type TestApp } from '../helpers.js';

let t: TestApp;
const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));

beforeAll(async () => {
  t = await startTestApp({ clock, env: { MOTCUA_LOCKOUT_THRESHOLD: '3', MOTCUA_LOCKOUT_BASE_SECONDS: '30' } });
});
afterAll(async () => t?.close());

describe('password login', () => {
  it('sets an httpOnly SameSite=Lax session cookie and returns the user with roles', async () => {
    const c = t.client();
    const r = await c.post('/api/v1/auth/login', { username: 'demo.tiepnhan', password: 'motcua-demo' });
    expect(r.status).toBe(200);
    expect(r.body.fullName).toBe('Nguyễn Thị Hồng Nhung');
    expect(r.body.roles.map((x: any) => x.role)).toEqual(['reception']);
    const cookie = r.headers.getSetCookie().find((x) => x.startsWith('motcua_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await c.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('demo.tiepnhan');
    expect(me.body.roles[0].agencyCode).toBe('000.00.01.H56');
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS in Vietnamese by default, English on request', async () => {
    const vi = await t.client().post('/api/v1/auth/login', { username: 'demo.vanthu', password: 'wrong-password' });
    expect(vi.status).toBe(401);
    expect(vi.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(vi.body.code).toBe('INVALID_CREDENTIALS');
    expect(vi.body.title).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    const en = await t.client().post('/api/v1/auth/login', { username: 'nobody', password: 'x' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.body.title).toBe('Wrong username or password.');
  });

  it('throttles repeated failures with growing backoff, logs the attempts, and lets the right password in afterwards', async () => {
    const c = t.client();
    const attempt = () => c.post('/api/v1/auth/login', { username: 'demo.thuphi', password: 'bad-password' });
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401); // the third failure starts a 30 s block
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('LOGIN_THROTTLED');
    expect(blocked.body.title).toMatch(/30 giây/);
    // even the right password is refused while blocked (it is not checked)
    expect((await c.post('/api/v1/auth/login', { username: 'demo.thuphi', password: 'motcua-demo' })).status).toBe(429);
    clock.advance(31_000);
    expect((await attempt()).status).toBe(401); // block over; this failure doubles the next block
    const doubled = await attempt();
    expect(doubled.status).toBe(429);
    expect(doubled.body.title).toMatch(/60 giây/);
    clock.advance(61_000);
    const ok = await c.post('/api/v1/auth/login', { username: 'demo.thuphi', password: 'motcua-demo' });
    expect(ok.status).toBe(200);
    const { rows } = await t.ctx.database.pool.query(
      `SELECT action, details FROM audit_log WHERE actor_label = 'demo.thuphi' ORDER BY id`,
    );
    expect(rows.filter((r) => r.action === 'auth.login_failed').length).toBeGreaterThanOrEqual(5);
    expect(rows.at(-1).action).toBe('auth.login');
  });

  it('logout ends the session', async () => {
    const c = await t.login('demo.vanthu');
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('expires idle and old sessions', async () => {
    const c = await t.login('demo.traketqua');
    clock.advance(61 * 60_000); // idle limit is 60 minutes
    const r = await c.get('/api/v1/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('SESSION_EXPIRED');
    const d = await t.login('demo.traketqua');
    for (let i = 0; i < 9; i++) {
      clock.advance(55 * 60_000);
      await d.get('/api/v1/auth/me');
    }
    const late = await d.get('/api/v1/auth/me'); // 8.25 h > 8 h absolute limit
    expect(late.status).toBe(401);
  });

  it('rejects cookie-authenticated writes without the CSRF token', async () => {
    const c = await t.login('demo.admin');
    const noToken = await c.post('/api/v1/agencies/000.00.02.H56/units', { code: 'X1', name: 'Phòng thử' }, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('CSRF_FAILED');
    const withToken = await c.post('/api/v1/agencies/000.00.02.H56/units', { code: 'X1', name: 'Phòng thử' });
    expect(withToken.status).toBe(201);
  });
});

describe('API tokens', () => {
  it('authenticates an integration client by bearer token; revoked tokens stop working', async () => {
    const admin = await t.login('demo.admin');
    const users = await admin.get('/api/v1/users?q=lgsp');
    const client = users.body.items.find((u: any) => u.username === 'demo.lienthong');
    expect(client.kind).toBe('integration');
    const created = await admin.post('/api/v1/tokens', { userId: client.id, name: 'LGSP', scopes: ['dossiers:write'] });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^mct_/);
    const { rows } = await t.ctx.database.pool.query('SELECT token_hash FROM api_tokens WHERE id = $1', [created.body.id]);
    expect(rows[0].token_hash).not.toContain(created.body.token); // hashed at rest
    const bearer = t.client();
    bearer.headers.authorization = `Bearer ${created.body.token}`;
    const me = await bearer.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('demo.lienthong');
    expect((await admin.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    const after = await bearer.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('TOKEN_INVALID');
  });

  it('refuses garbage bearer tokens and integration identities at the password login', async () => {
    const c = t.client();
    c.headers.authorization = 'Bearer nope';
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    expect((await t.client().post('/api/v1/auth/login', { username: 'demo.lienthong', password: 'motcua-demo' })).status).toBe(401);
  });
});
