// Bad input and scope of two endpoints added for issue 11: who can take a dossier (GET /dossiers/{code}/assignees)
// and the field → competent agency map (PUT /admin/field-agencies): clear problem+json, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { receive, startDossierApp } from './fixtures.js';

let t: TestApp;
const u: Record<string, HttpClient> = {};
let code = '';
beforeAll(async () => {
  t = await startDossierApp();
  for (const n of ['demo.tiepnhan', 'demo.xa2.tiepnhan', 'demo.admin']) u[n] = await t.login(n);
  code = (await receive(u['demo.tiepnhan']!)).dossier.code;
});
afterAll(async () => t?.close());

const auditRows = async () => Number((await t.ctx.database.pool.query('SELECT count(*)::int n FROM audit_log')).rows[0].n);

describe('GET /dossiers/{code}/assignees', () => {
  it('lists the officials of the next step for the desk that holds the dossier', async () => {
    const r = await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/assignees?action=forward`);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
  });
  it('an unknown action is a 400 on the query, signed out 401, another commune 404', async () => {
    const bad = await u['demo.tiepnhan']!.get(`/api/v1/dossiers/${code}/assignees?action=delete`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(bad.body.errors)).toContain('querystring.action');
    expect((await t.client().get(`/api/v1/dossiers/${code}/assignees`)).status).toBe(401);
    expect((await u['demo.xa2.tiepnhan']!.get(`/api/v1/dossiers/${code}/assignees`)).status).toBe(404);
  });
});

describe('PUT /admin/field-agencies', () => {
  it('bad bodies are 400 problem+json, a desk official 403, and none of them writes anything', async () => {
    const before = await auditRows();
    for (const body of [{}, { level: 'galaxy', field: 'Thủy lợi', agencyCode: '000.00.04.H56' }, { level: 'province', field: 'x'.repeat(10_000), agencyCode: '000.00.04.H56' }]) {
      const r = await u['demo.admin']!.request('PUT', '/api/v1/admin/field-agencies', body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    const denied = await u['demo.tiepnhan']!.request('PUT', '/api/v1/admin/field-agencies', { level: 'province', field: 'Thủy lợi', agencyCode: '000.00.04.H56' });
    expect(denied.status).toBe(403);
    expect(await auditRows()).toBe(before);
  });
});
