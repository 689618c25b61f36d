// Issue 12 item 3: an admin's password reset, deactivation or role removal ends what the user was signed in
// with — sessions always, API tokens on reset and deactivation — and reactivation revives nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';

let t: TestApp;
let admin: HttpClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('demo.admin');
});
afterAll(async () => t?.close());

let seq = 0;
/** A fresh official with a reception role, signed in twice, and an API token of theirs. */
async function official() {
  const username = `thu.hoi.${++seq}`;
  const created = await admin.post('/api/v1/users', { username, fullName: 'Nguyễn Thu Hồi', password: 'mat-khau-cu-123', agencyCode: '000.00.01.H56' });
  expect(created.status).toBe(201);
  const role = await admin.post(`/api/v1/users/${created.body.id}/roles`, { role: 'reception', agencyCode: '000.00.01.H56' });
  expect(role.status).toBe(201);
  const a = await t.login(username, 'mat-khau-cu-123');
  const b = await t.login(username, 'mat-khau-cu-123');
  const tok = await admin.post('/api/v1/tokens', { userId: created.body.id, name: 'kiosk', scopes: ['*'] });
  expect(tok.status).toBe(201);
  const bearer = t.client();
  bearer.headers.authorization = `Bearer ${tok.body.token}`;
  for (const c of [a, b, bearer]) expect((await c.get('/api/v1/auth/me')).status).toBe(200);
  return { id: created.body.id as string, username, sessions: [a, b], bearer, assignments: role.body.items as Array<{ id: string }> };
}

describe('ending access', () => {
  it('a password reset ends every session and every token of the user; the new password signs in', async () => {
    const u = await official();
    expect((await admin.post(`/api/v1/users/${u.id}/password`, { password: 'mat-khau-moi-456' })).status).toBe(204);
    for (const s of u.sessions) expect((await s.get('/api/v1/auth/me')).status).toBe(401);
    expect((await u.bearer.get('/api/v1/auth/me')).status).toBe(401);
    expect((await u.bearer.get('/api/v1/auth/me')).body.code).toBe('TOKEN_INVALID');
    expect((await t.login(u.username, 'mat-khau-moi-456').then((c) => c.get('/api/v1/auth/me'))).status).toBe(200);
    // the admin who reset it keeps working
    expect((await admin.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('deactivation ends sessions and tokens, and reactivation does not bring them back', async () => {
    const u = await official();
    expect((await admin.patch(`/api/v1/users/${u.id}`, { active: false })).status).toBe(200);
    expect((await admin.patch(`/api/v1/users/${u.id}`, { active: true })).status).toBe(200);
    for (const s of u.sessions) expect((await s.get('/api/v1/auth/me')).status).toBe(401);
    expect((await u.bearer.get('/api/v1/auth/me')).status).toBe(401);
    const { rows } = await t.ctx.database.pool.query('SELECT count(*)::int n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [u.id]);
    expect(rows[0].n).toBe(0);
  });

  it('removing a role ends the sessions (they carried the old roles) but keeps the integration tokens', async () => {
    const u = await official();
    expect((await admin.delete(`/api/v1/users/${u.id}/roles/${u.assignments[0].id}`)).status).toBe(204);
    for (const s of u.sessions) expect((await s.get('/api/v1/auth/me')).status).toBe(401);
    const me = await u.bearer.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
  });

  it('an admin resetting their own password keeps the session they did it from, and loses the others', async () => {
    const { rows } = await t.ctx.database.pool.query('SELECT id FROM users WHERE username = $1', ['demo.admin']);
    const other = await t.login('demo.admin');
    const self = await t.login('demo.admin');
    expect((await self.post(`/api/v1/users/${rows[0].id}/password`, { password: 'motcua-demo' })).status).toBe(204);
    expect((await self.get('/api/v1/auth/me')).status).toBe(200);
    expect((await other.get('/api/v1/auth/me')).status).toBe(401);
    admin = self;
  });

  it('a refused reset (not the admin\'s user) ends nothing', async () => {
    const u = await official();
    const xa = await t.login('demo.xa.tiepnhan');
    const r = await xa.post(`/api/v1/users/${u.id}/password`, { password: 'chiem-quyen-123' });
    expect([403, 404]).toContain(r.status);
    for (const s of u.sessions) expect((await s.get('/api/v1/auth/me')).status).toBe(200);
    expect((await u.bearer.get('/api/v1/auth/me')).status).toBe(200);
  });
});
