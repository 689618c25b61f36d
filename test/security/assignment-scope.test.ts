// Issue 12 item 2: a leader assigns (or forwards to) only officials who could hold the step — the step's role
// in the agency holding the dossier — and being the assignee grants no reading: scope alone decides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers.js';
import { STP, act, receive, startDossierApp, tryAct, versionOf } from '../dossiers/fixtures.js';

let t: Awaited<ReturnType<typeof startDossierApp>>;
const u: Record<string, HttpClient> = {};
let admin: HttpClient;
beforeAll(async () => {
  t = await startDossierApp();
  for (const name of ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.xa.chuyenvien', 'demo.xa2.chuyenvien']) u[name] = await t.login(name);
  admin = await t.login('demo.admin');
});
afterAll(async () => t?.close());

async function userId(username: string): Promise<string> {
  const { rows } = await t.ctx.database.pool.query('SELECT id FROM users WHERE username = $1', [username]);
  return rows[0].id;
}

/** A dossier at the Department of Justice's handling step, nobody holding it. */
async function atHandling(): Promise<string> {
  const code = (await receive(u['demo.tiepnhan']!)).dossier.code as string;
  await act(u['demo.tiepnhan']!, code, 'forward');
  return code;
}

describe('assignment stays in scope', () => {
  it('refuses an official of another commune, a leader without the step role and an integration account, with 422 on the field; nothing changes', async () => {
    const code = await atHandling();
    const before = await versionOf(u['demo.lanhdao']!, code);
    for (const who of ['demo.xa.chuyenvien', 'demo.xa2.chuyenvien', 'demo.lanhdao', 'demo.lienthong', 'demo.admin']) {
      const r = await tryAct(u['demo.lanhdao']!, code, 'assign', { userId: who });
      expect(r.status, who).toBe(422);
      expect(r.body.errors[0]).toMatchObject({ path: 'body.payload.userId', code: 'ASSIGNEE_NOT_ELIGIBLE' });
      expect(r.body.errors[0].message).toContain('Người được giao');
    }
    const en = await tryAct(u['demo.lanhdao']!, code, 'assign', { userId: 'demo.xa.chuyenvien' }, before, { 'accept-language': 'en' });
    expect(en.body.errors[0].message).toContain('does not hold the role');
    expect(await versionOf(u['demo.lanhdao']!, code)).toBe(before);
    const { rows } = await t.ctx.database.pool.query(`SELECT count(*)::int n FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = $1 AND e.action = 'assign'`, [code]);
    expect(rows[0].n).toBe(0);
    // the commune official still cannot see it
    for (const path of ['', '/events', '/control-slip', '/files', '/forms/06.pdf']) {
      expect((await u['demo.xa.chuyenvien']!.get(`/api/v1/dossiers/${code}${path}`)).status, path).toBe(404);
    }
  });

  it('assigns to a handler of the holding agency, who then works on it', async () => {
    const code = await atHandling();
    const r = await act(u['demo.lanhdao']!, code, 'assign', { userId: 'demo.chuyenvien' });
    expect(r.dossier.assigneeId).toBe(await userId('demo.chuyenvien'));
    expect((await u['demo.chuyenvien']!.get(`/api/v1/dossiers/${code}`)).status).toBe(200);
    await act(u['demo.chuyenvien']!, code, 'forward');
  });

  it('a deactivated handler of the agency is not eligible either', async () => {
    const created = await admin.post('/api/v1/users', { username: 'cv.stp.nghi', fullName: 'Chuyên viên đã nghỉ', agencyCode: STP });
    expect(created.status).toBe(201);
    expect((await admin.post(`/api/v1/users/${created.body.id}/roles`, { role: 'handler', agencyCode: STP })).status).toBe(201);
    expect((await admin.patch(`/api/v1/users/${created.body.id}`, { active: false })).status).toBe(200);
    const code = await atHandling();
    const r = await tryAct(u['demo.lanhdao']!, code, 'assign', { userId: 'cv.stp.nghi' });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].code).toBe('ASSIGNEE_NOT_ELIGIBLE');
  });

  it('forwarding to a named assignee outside the next step\'s agency is refused the same way', async () => {
    const code = (await receive(u['demo.tiepnhan']!)).dossier.code as string;
    const r = await tryAct(u['demo.tiepnhan']!, code, 'forward', { assigneeId: 'demo.xa.chuyenvien' });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ path: 'body.payload.assigneeId', code: 'ASSIGNEE_NOT_ELIGIBLE' });
    const ok = await act(u['demo.tiepnhan']!, code, 'forward', { assigneeId: 'demo.chuyenvien' });
    expect(ok.dossier.assigneeId).toBe(await userId('demo.chuyenvien'));
  });

  it('an assignee who loses the role that covered the dossier no longer reads it', async () => {
    const created = await admin.post('/api/v1/users', { username: 'cv.stp.tam', fullName: 'Chuyên viên tạm', password: 'mat-khau-tam-123', agencyCode: STP });
    expect(created.status).toBe(201);
    const role = await admin.post(`/api/v1/users/${created.body.id}/roles`, { role: 'handler', agencyCode: STP });
    expect(role.status).toBe(201);
    const code = await atHandling();
    await act(u['demo.lanhdao']!, code, 'assign', { userId: 'cv.stp.tam' });
    const tam = await t.login('cv.stp.tam', 'mat-khau-tam-123');
    expect((await tam.get(`/api/v1/dossiers/${code}`)).status).toBe(200);
    expect((await admin.delete(`/api/v1/users/${created.body.id}/roles/${role.body.items[0].id}`)).status).toBe(204);
    const again = await t.login('cv.stp.tam', 'mat-khau-tam-123');
    for (const path of ['', '/events', '/control-slip', '/files']) {
      expect((await again.get(`/api/v1/dossiers/${code}${path}`)).status, path).toBe(404);
    }
    expect((await again.get('/api/v1/dossiers')).body.items ?? []).toEqual([]);
    // and the leader takes it back
    await act(u['demo.lanhdao']!, code, 'assign', { userId: 'demo.chuyenvien' });
  });
});
