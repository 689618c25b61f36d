// Fixes from the review: token scopes, audit-log visibility, roleless users, honest audit rows,
// no secrets in request logs, no open redirect after single sign-on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';
import { redactUrl, scopeFor } from '../../src/platform/http/server.js';
import { safeReturnTo } from '../../src/modules/org/oidc.service.js';

let t: TestApp;
let admin: HttpClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('demo.admin');
});
afterAll(async () => t?.close());

async function userId(username: string): Promise<string> {
  const { rows } = await t.ctx.database.pool.query('SELECT id FROM users WHERE username = $1', [username]);
  return rows[0].id;
}

async function bearer(scopes: string[]): Promise<HttpClient> {
  const created = await admin.post('/api/v1/tokens', { userId: await userId('demo.lienthong'), name: 'scoped', scopes });
  expect(created.status).toBe(201);
  const c = t.client();
  c.headers.authorization = `Bearer ${created.body.token}`;
  return c;
}

describe('API token scopes', () => {
  it('maps requests to <area>:read / <area>:write', () => {
    expect(scopeFor('GET', '/api/v1/dossiers?page=2')).toBe('dossiers:read');
    expect(scopeFor('POST', '/api/v1/dossiers/X/actions/forward')).toBe('dossiers:write');
    expect(scopeFor('GET', '/api/v1/auth/me')).toBeNull();
    expect(scopeFor('GET', '/health')).toBeNull();
  });

  it('refuses a token outside its scopes with 403 TOKEN_SCOPE; write includes read; * allows all', async () => {
    const catalogOnly = await bearer(['procedures:read']);
    expect((await catalogOnly.get('/api/v1/procedures?q=khai%20sinh')).status).toBe(200);
    const denied = await catalogOnly.get('/api/v1/dossiers');
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('TOKEN_SCOPE');
    expect((await catalogOnly.get('/api/v1/auth/me')).status).toBe(200);
    const writer = await bearer(['dossiers:write']);
    expect((await writer.get('/api/v1/dossiers')).status).toBe(200);
    expect((await writer.get('/api/v1/agencies')).status).toBe(403);
    const all = await bearer(['*']);
    expect((await all.get('/api/v1/agencies')).status).toBe(200);
  });
});

describe('admin scope', () => {
  async function communeAdmin(): Promise<HttpClient> {
    const created = await admin.post('/api/v1/users', { username: 'qt.xa1', fullName: 'Quản trị phường Hạc Thành', password: 'mat-khau-du-dai', agencyCode: '000.11.00.H56' });
    expect(created.status).toBe(201);
    expect((await admin.post(`/api/v1/users/${created.body.id}/roles`, { role: 'admin', agencyCode: '000.11.00.H56' })).status).toBe(201);
    return t.login('qt.xa1', 'mat-khau-du-dai');
  }

  it('only province-level admins read the audit log', async () => {
    const xa = await communeAdmin();
    expect((await xa.get('/api/v1/audit')).status).toBe(403);
    expect((await admin.get('/api/v1/audit')).status).toBe(200);
  });

  it('a commune admin cannot manage a roleless user of the province, but manages the users it creates', async () => {
    const xa = await t.login('qt.xa1', 'mat-khau-du-dai');
    const provincial = await admin.post('/api/v1/users', { username: 'cb.tinh.moi', fullName: 'Cán bộ tỉnh mới' });
    expect(provincial.status).toBe(201);
    expect((await xa.post(`/api/v1/users/${provincial.body.id}/password`, { password: 'chiem-quyen-123' })).status).toBe(404);
    const mine = await xa.post('/api/v1/users', { username: 'cb.xa1.moi', fullName: 'Cán bộ phường mới' });
    expect(mine.status).toBe(201);
    expect((await xa.post(`/api/v1/users/${mine.body.id}/password`, { password: 'mat-khau-moi-123' })).status).toBe(204);
    // and it cannot place a new user in another commune
    expect((await xa.post('/api/v1/users', { username: 'cb.xa2.moi', fullName: 'Cán bộ xã khác', agencyCode: '000.12.00.H56' })).status).toBe(403);
  });

  it('removing an assignment that does not exist is 404 and writes no audit row', async () => {
    const id = await userId('demo.vanthu');
    const r = await admin.delete(`/api/v1/users/${id}/roles/00000000-0000-4000-8000-000000000000`);
    expect(r.status).toBe(404);
    const { rows } = await t.ctx.database.pool.query(`SELECT count(*)::int n FROM audit_log WHERE action = 'user.remove_role' AND target_id = $1`, [id]);
    expect(rows[0].n).toBe(0);
  });
});

describe('secrets and redirects', () => {
  it('request logs never carry receipt secrets or OIDC codes', () => {
    expect(redactUrl('/api/v1/public/dossiers/X-1?secret=abc&x=1')).toBe('/api/v1/public/dossiers/X-1?secret=[redacted]&x=1');
    expect(redactUrl('/api/v1/auth/oidc/callback?code=c0de&state=s7')).toBe('/api/v1/auth/oidc/callback?code=[redacted]&state=[redacted]');
  });

  it('returns only to same-site paths after single sign-on', () => {
    expect(safeReturnTo('/inbox?page=2')).toBe('/inbox?page=2');
    for (const bad of ['//evil.example', '/\\evil.example', '/\t/evil.example', 'https://evil.example', '/\n/evil.example', undefined]) {
      expect(safeReturnTo(bad)).toBeNull();
    }
  });
});
