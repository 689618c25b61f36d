// Permissions: the pure can() matrix over every role × action × agency relation, then the same rules
// over HTTP with real officials (commune A vs commune B, a commune-scoped admin), and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, can, rolesAt, scopePaths, type Action, type AgencyRef } from '../../src/modules/org/permissions.js';
import { ROLES, type Role } from '../../src/platform/auth/roles.js';
import type { Principal } from '../../src/platform/auth/principal.js';
import { startTestApp, type HttpClient, type TestApp } from '../helpers.js';

// ---------------------------------------------------------------------------------------------
// pure matrix
// ---------------------------------------------------------------------------------------------
const PARENT: AgencyRef = { id: 'p', path: '/p/' };
const OWN: AgencyRef = { id: 'own', path: '/p/own/' };
const CHILD: AgencyRef = { id: 'child', path: '/p/own/child/' };
const GRANDCHILD: AgencyRef = { id: 'gc', path: '/p/own/child/gc/' };
const SIBLING: AgencyRef = { id: 'sib', path: '/p/sib/' };
/** shares a textual prefix with OWN's id: must not be mistaken for its subtree */
const LOOKALIKE: AgencyRef = { id: 'own2', path: '/p/own2/' };

function principal(...assignments: Array<[Role, AgencyRef]>): Principal {
  return {
    kind: 'official',
    userId: 'u',
    username: 'u',
    fullName: 'U',
    authMethod: 'session',
    assignments: assignments.map(([role, a]) => ({ role, agencyId: a.id, agencyCode: a.id, agencyName: a.id, agencyPath: a.path, unitId: null })),
  };
}

const ACTION_NAMES = Object.keys(ACTIONS) as Action[];
const RELATIONS: Array<[string, AgencyRef, boolean]> = [
  ['own agency', OWN, true],
  ['child agency', CHILD, true],
  ['grandchild agency', GRANDCHILD, true],
  ['sibling agency', SIBLING, false],
  ['parent agency', PARENT, false],
  ['look-alike path', LOOKALIKE, false],
];

describe('can(): role × action × agency', () => {
  for (const role of ROLES) {
    it(`${role}`, () => {
      const p = principal([role, OWN]);
      for (const action of ACTION_NAMES) {
        const granted = (ACTIONS[action] as readonly Role[]).includes(role);
        for (const [rel, agency, inside] of RELATIONS) {
          expect(can(p, action, agency), `${role} ${action} at ${rel}`).toBe(granted && inside);
        }
      }
    });
  }

  it('spot checks of the role table (domain rules, not a copy of ACTIONS)', () => {
    const at = (role: Role, action: Action) => can(principal([role, OWN]), action, OWN);
    expect(at('reception', 'dossier.receive')).toBe(true);
    expect(at('handler', 'dossier.receive')).toBe(false);
    expect(at('handler', 'dossier.handle')).toBe(true);
    expect(at('handler', 'dossier.approve')).toBe(false);
    expect(at('unit_leader', 'dossier.approve')).toBe(true);
    expect(at('agency_leader', 'dossier.approve')).toBe(true);
    expect(at('clerk', 'dossier.issue')).toBe(true);
    expect(at('clerk', 'dossier.approve')).toBe(false);
    expect(at('return_officer', 'dossier.return')).toBe(true);
    expect(at('cashier', 'fee.collect')).toBe(true);
    expect(at('cashier', 'dossier.handle')).toBe(false);
    expect(at('procedure_control', 'procedure.manage')).toBe(true);
    expect(at('procedure_control', 'user.manage')).toBe(false);
    expect(at('admin', 'user.manage')).toBe(true);
    expect(at('admin', 'org.manage')).toBe(true);
    expect(at('admin', 'audit.read')).toBe(true);
    // administrators run the system; they do not process dossiers
    for (const a of ['dossier.receive', 'dossier.handle', 'dossier.approve', 'dossier.issue', 'dossier.return', 'fee.collect'] as Action[]) {
      expect(at('admin', a), a).toBe(false);
    }
    // nobody but admins manages officials
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      expect(at(role, 'user.manage'), role).toBe(false);
      expect(at(role, 'org.manage'), role).toBe(false);
    }
  });

  it('no principal, or no assignments, can do nothing', () => {
    for (const action of ACTION_NAMES) {
      expect(can(null, action, OWN)).toBe(false);
      expect(can(principal(), action, OWN)).toBe(false);
    }
  });

  it('several assignments add up, each within its own subtree', () => {
    const p = principal(['handler', OWN], ['admin', SIBLING]);
    expect(can(p, 'dossier.handle', CHILD)).toBe(true);
    expect(can(p, 'dossier.handle', SIBLING)).toBe(false);
    expect(can(p, 'user.manage', SIBLING)).toBe(true);
    expect(can(p, 'user.manage', OWN)).toBe(false);
    expect(rolesAt(p, CHILD)).toEqual(['handler']);
    expect(rolesAt(p, PARENT)).toEqual([]);
    expect(scopePaths(p, 'user.manage')).toEqual([SIBLING.path]);
    expect(scopePaths(p, 'dossier.read')).toEqual([OWN.path]);
  });
});

// ---------------------------------------------------------------------------------------------
// over HTTP
// ---------------------------------------------------------------------------------------------
const PROVINCE = '000.00.00.H56';
const XA1 = '000.11.00.H56';
const XA1_CENTRE = '000.11.01.H56';
const XA2 = '000.12.00.H56';
const STP = '000.00.02.H56';
const PASSWORD = 'xa1-admin-password';

let t: TestApp;
let admin: HttpClient;
let xaAdmin: HttpClient;
let xaAdminId: string;
const ids = new Map<string, string>();

async function userId(username: string): Promise<string> {
  if (!ids.has(username)) {
    const { rows } = await t.ctx.database.pool.query('SELECT id FROM users WHERE username = $1', [username]);
    ids.set(username, rows[0].id);
  }
  return ids.get(username)!;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('demo.admin');
  const created = await admin.post('/api/v1/users', { username: 'xa1.admin', fullName: 'Quản trị Phường Hạc Thành', password: PASSWORD });
  expect(created.status).toBe(201);
  xaAdminId = created.body.id;
  const role = await admin.post(`/api/v1/users/${xaAdminId}/roles`, { role: 'admin', agencyCode: XA1 });
  expect(role.status).toBe(201);
  xaAdmin = await t.login('xa1.admin', PASSWORD);
});
afterAll(async () => t?.close());

describe('officials of one commune', () => {
  it('a commune leader (not an admin) manages neither their own nor another commune', async () => {
    const lanhdao = await t.login('demo.xa.lanhdao');
    for (const code of [XA1, XA2]) {
      const r = await lanhdao.post(`/api/v1/agencies/${code}/units`, { code: 'TEST', name: 'Phòng thử' });
      expect(r.status, code).toBe(403);
      expect(r.body.code).toBe('FORBIDDEN');
    }
    expect((await lanhdao.patch(`/api/v1/agencies/${XA2}`, { name: 'Đổi tên' })).status).toBe(403);
    expect((await lanhdao.patch(`/api/v1/users/${await userId('demo.xa2.chuyenvien')}`, { fullName: 'Đổi tên' })).status).toBe(404);
    expect((await lanhdao.get('/api/v1/users')).status).toBe(403);
  });
});

describe('an admin scoped to commune A', () => {
  it('creates a unit in commune A and its centre, but gets 403 in commune B and the province', async () => {
    const ok = await xaAdmin.post(`/api/v1/agencies/${XA1}/units`, { code: 'TP', name: 'Phòng Tư pháp phường' });
    expect(ok.status).toBe(201);
    expect((await xaAdmin.post(`/api/v1/agencies/${XA1_CENTRE}/units`, { code: 'MC', name: 'Bộ phận một cửa' })).status).toBe(201);
    for (const code of [XA2, STP, PROVINCE]) {
      const r = await xaAdmin.post(`/api/v1/agencies/${code}/units`, { code: 'TP', name: 'Phòng Tư pháp' });
      expect(r.status, code).toBe(403);
      expect(r.body.code).toBe('FORBIDDEN');
    }
    expect((await xaAdmin.patch(`/api/v1/agencies/${XA2}`, { name: 'Đổi tên' })).status).toBe(403);
    expect((await xaAdmin.post('/api/v1/agencies', { code: '000.12.05.H56', name: 'Cơ quan mới', kind: 'other', parentCode: XA2 })).status).toBe(403);
    expect((await xaAdmin.post('/api/v1/agencies', { code: '000.11.05.H56', name: 'Cơ quan mới', kind: 'other', parentCode: XA1 })).status).toBe(201);
    const units = await t.client().get(`/api/v1/agencies/${XA2}`);
    expect(units.body.units.map((u: any) => u.code)).not.toContain('TP');
  });

  it('lists only the users of commune A', async () => {
    const r = await xaAdmin.get('/api/v1/users?pageSize=200');
    expect(r.status).toBe(200);
    const names: string[] = r.body.items.map((u: any) => u.username);
    expect(names).toEqual(expect.arrayContaining(['demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa.lanhdao', 'xa1.admin']));
    for (const other of ['demo.xa2.tiepnhan', 'demo.xa2.chuyenvien', 'demo.admin', 'demo.chuyenvien', 'demo.tiepnhan']) expect(names).not.toContain(other);
    expect(r.body.total).toBe(names.length);
  });

  it('cannot change, reset, assign or unassign users of commune B (they look absent: 404)', async () => {
    const b = await userId('demo.xa2.chuyenvien');
    expect((await xaAdmin.patch(`/api/v1/users/${b}`, { fullName: 'Tên khác' })).status).toBe(404);
    expect((await xaAdmin.post(`/api/v1/users/${b}/password`, { password: 'new-password-123' })).status).toBe(404);
    expect((await xaAdmin.post(`/api/v1/users/${b}/roles`, { role: 'handler', agencyCode: XA1 })).status).toBe(404);
    const { rows } = await t.ctx.database.pool.query('SELECT id FROM role_assignments WHERE user_id = $1', [b]);
    expect((await xaAdmin.delete(`/api/v1/users/${b}/roles/${rows[0].id}`)).status).toBe(404);
    const { rows: after } = await t.ctx.database.pool.query('SELECT full_name FROM users WHERE id = $1', [b]);
    expect(after[0].full_name).toBe('Cao Văn Long');
  });

  it('cannot raise anyone (itself included) above commune A or into commune B', async () => {
    expect((await xaAdmin.post(`/api/v1/users/${xaAdminId}/roles`, { role: 'admin', agencyCode: PROVINCE })).status).toBe(403);
    const fresh = await xaAdmin.post('/api/v1/users', { username: 'xa1.canbo', fullName: 'Cán bộ mới' });
    expect(fresh.status).toBe(201);
    expect((await xaAdmin.post(`/api/v1/users/${fresh.body.id}/roles`, { role: 'handler', agencyCode: XA2 })).status).toBe(403);
    expect((await xaAdmin.post(`/api/v1/users/${fresh.body.id}/roles`, { role: 'handler', agencyCode: XA1 })).status).toBe(201);
    // once the user works in commune A, the commune admin manages them
    expect((await xaAdmin.patch(`/api/v1/users/${fresh.body.id}`, { phone: '0912345678' })).status).toBe(200);
    const me = await xaAdmin.get('/api/v1/auth/me');
    expect(me.body.roles.map((r: any) => [r.role, r.agencyCode])).toEqual([['admin', XA1]]);
  });

  it('cannot mint, see or revoke API tokens of officials outside commune A', async () => {
    const provinceAdmin = await userId('demo.admin');
    const minted = await xaAdmin.post('/api/v1/tokens', { userId: provinceAdmin, name: 'leo thang', scopes: ['*'] });
    expect(minted.status).toBe(404);
    const { rows } = await t.ctx.database.pool.query('SELECT count(*)::int n FROM api_tokens WHERE user_id = $1', [provinceAdmin]);
    expect(rows[0].n).toBe(0);

    const lienthong = await userId('demo.lienthong');
    const theirs = await admin.post('/api/v1/tokens', { userId: lienthong, name: 'LGSP', scopes: ['dossier:read'] });
    expect(theirs.status).toBe(201);
    const list = await xaAdmin.get('/api/v1/tokens');
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: any) => x.id)).not.toContain(theirs.body.id);
    expect((await xaAdmin.delete(`/api/v1/tokens/${theirs.body.id}`)).status).toBe(404);
    expect((await admin.get('/api/v1/tokens')).body.items.map((x: any) => x.id)).toContain(theirs.body.id);

    // a token for an official of commune A is fine
    const own = await xaAdmin.post('/api/v1/tokens', { userId: await userId('demo.xa.tiepnhan'), name: 'kiosk', scopes: ['dossier:read'] });
    expect(own.status).toBe(201);
    expect((await xaAdmin.get('/api/v1/tokens')).body.items.map((x: any) => x.id)).toEqual([own.body.id]);
    expect((await xaAdmin.delete(`/api/v1/tokens/${own.body.id}`)).status).toBe(204);
  });

  it('an admin of two separate communes sees the users of both', async () => {
    const two = await admin.post('/api/v1/users', { username: 'admin.haixa', fullName: 'Quản trị hai xã', password: PASSWORD });
    for (const code of [XA1, XA2]) expect((await admin.post(`/api/v1/users/${two.body.id}/roles`, { role: 'admin', agencyCode: code })).status).toBe(201);
    const c = await t.login('admin.haixa', PASSWORD);
    const names: string[] = (await c.get('/api/v1/users?pageSize=200')).body.items.map((u: any) => u.username);
    expect(names).toEqual(expect.arrayContaining(['demo.xa.chuyenvien', 'demo.xa2.chuyenvien']));
    expect(names).not.toContain('demo.chuyenvien');
  });
});

describe('the province admin', () => {
  it('finds users by name with or without diacritics', async () => {
    for (const q of ['Đức', 'đức', 'duc', 'TRẦN MINH', 'tran minh duc']) {
      const r = await admin.get(`/api/v1/users?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      expect(r.body.items.map((u: any) => u.username), q).toContain('demo.chuyenvien');
    }
    // LIKE wildcards in the query are plain characters
    expect((await admin.get(`/api/v1/users?q=${encodeURIComponent('%')}`)).body.total).toBe(0);
    expect((await admin.get(`/api/v1/users?q=${encodeURIComponent('_')}`)).body.total).toBe(0);
  });
});

describe('non-admins on admin routes', () => {
  const UUID = '00000000-0000-4000-8000-000000000000';
  const adminRoutes: Array<[string, string, unknown?]> = [
    ['POST', '/api/v1/agencies', { code: '000.00.09.H56', name: 'Cơ quan thử', kind: 'other', parentCode: PROVINCE }],
    ['PATCH', `/api/v1/agencies/${STP}`, { name: 'Sở Tư pháp (đổi tên)' }],
    ['POST', `/api/v1/agencies/${STP}/units`, { code: 'X', name: 'Phòng X' }],
    ['GET', '/api/v1/users'],
    ['POST', '/api/v1/users', { username: 'khong.duoc', fullName: 'Không được' }],
    ['PATCH', 'USER', { fullName: 'Đổi tên' }],
    ['POST', 'USER/password', { password: 'some-new-password' }],
    ['POST', 'USER/roles', { role: 'admin', agencyCode: PROVINCE }],
    ['DELETE', `USER/roles/${UUID}`],
    ['GET', '/api/v1/audit'],
    ['GET', '/api/v1/tokens'],
    ['POST', '/api/v1/tokens', { userId: 'SELF', name: 'x', scopes: ['*'] }],
    ['DELETE', `/api/v1/tokens/${UUID}`],
  ];

  const officials = ['demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua', 'demo.thuphi', 'demo.kiemsoat', 'demo.lanhdaotinh', 'demo.xa.lanhdao'];

  it('every non-admin official gets 403 (or 404 for users they cannot see) on every admin route, and nothing changes', async () => {
    const before = await t.ctx.database.pool.query('SELECT count(*)::int n FROM audit_log WHERE action NOT LIKE $1', ['auth.%']);
    const target = await userId('demo.xa.chuyenvien');
    for (const username of officials) {
      const c = await t.login(username);
      const self = await userId(username);
      for (const [method, path, body] of adminRoutes) {
        const url = path.replace(/^USER/, `/api/v1/users/${target}`);
        const payload = body && JSON.parse(JSON.stringify(body).replace('"SELF"', JSON.stringify(self)));
        const r = await c.request(method, url, payload);
        const expected = path.startsWith('USER') ? [403, 404] : [403];
        expect(expected, `${username} ${method} ${url} → ${r.status} ${r.body?.code}`).toContain(r.status);
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    }
    const after = await t.ctx.database.pool.query('SELECT count(*)::int n FROM audit_log WHERE action NOT LIKE $1', ['auth.%']);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('signed-out callers get 401 on every admin route', async () => {
    for (const [method, path, body] of adminRoutes) {
      const url = path.replace(/^USER/, `/api/v1/users/${UUID}`);
      const payload = body && JSON.parse(JSON.stringify(body).replace('"SELF"', JSON.stringify(UUID)));
      const r = await t.client().request(method, url, payload);
      expect(r.status, `${method} ${url}`).toBe(401);
    }
  });
});

describe('audit trail of admin changes', () => {
  it('records who, what, when and from which IP for every kind of admin change', async () => {
    const since = (await t.ctx.database.pool.query('SELECT coalesce(max(id), 0)::int n FROM audit_log')).rows[0].n;
    const agency = await admin.post('/api/v1/agencies', { code: '000.00.20.H56', name: 'Ban Quản lý dự án', kind: 'other', parentCode: PROVINCE });
    expect(agency.status).toBe(201);
    expect((await admin.patch('/api/v1/agencies/000.00.20.H56', { name: 'Ban Quản lý dự án tỉnh' })).status).toBe(200);
    expect((await admin.post('/api/v1/agencies/000.00.20.H56/units', { code: 'KH', name: 'Phòng Kế hoạch' })).status).toBe(201);
    const u = await admin.post('/api/v1/users', { username: 'audit.target', fullName: 'Người được ghi nhật ký', password: 'first-password-1' });
    expect(u.status).toBe(201);
    expect((await admin.patch(`/api/v1/users/${u.body.id}`, { email: 'audit.target@thanhhoa.gov.vn' })).status).toBe(200);
    expect((await admin.post(`/api/v1/users/${u.body.id}/password`, { password: 'second-password-2' })).status).toBe(204);
    const roles = await admin.post(`/api/v1/users/${u.body.id}/roles`, { role: 'handler', agencyCode: '000.00.20.H56' });
    expect(roles.status).toBe(201);
    expect((await admin.delete(`/api/v1/users/${u.body.id}/roles/${roles.body.items[0].id}`)).status).toBe(204);
    const tok = await admin.post('/api/v1/tokens', { userId: await userId('demo.lienthong'), name: 'audit', scopes: ['dossier:read'] });
    expect(tok.status).toBe(201);
    expect((await admin.delete(`/api/v1/tokens/${tok.body.id}`)).status).toBe(204);

    const { rows } = await t.ctx.database.pool.query('SELECT * FROM audit_log WHERE id > $1 ORDER BY id', [since]);
    expect(rows.map((r) => r.action)).toEqual([
      'agency.create',
      'agency.update',
      'unit.create',
      'user.create',
      'user.update',
      'user.reset_password',
      'user.assign_role',
      'user.remove_role',
      'token.create',
      'token.revoke',
    ]);
    const adminId = await userId('demo.admin');
    for (const r of rows) {
      expect(r.actor_id, r.action).toBe(adminId);
      expect(r.actor_label).toBe('demo.admin');
      expect(r.ip).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
      expect(r.at).toBeInstanceOf(Date);
      expect(Math.abs(r.at.getTime() - Date.now())).toBeLessThan(3_600_000);
      expect(r.request_id).toBeTruthy();
      expect(r.target_id).toBeTruthy();
    }
    // secrets never reach the log
    expect(JSON.stringify(rows)).not.toMatch(/first-password-1|second-password-2|mct_/);
    // the log is readable by the admin through the API
    const api = await admin.get('/api/v1/audit?action=user.create&pageSize=5');
    expect(api.status).toBe(200);
    expect(api.body.items[0].target_id ?? api.body.items[0].targetId).toBe(u.body.id);
  });

  it('does not believe X-Forwarded-For from a client that is not a configured proxy', async () => {
    const since = (await t.ctx.database.pool.query('SELECT coalesce(max(id), 0)::int n FROM audit_log')).rows[0].n;
    const r = await admin.patch(`/api/v1/agencies/${STP}`, { nameEn: 'Department of Justice' }, { 'x-forwarded-for': '203.0.113.9' });
    expect(r.status).toBe(200);
    const { rows } = await t.ctx.database.pool.query('SELECT ip FROM audit_log WHERE id > $1', [since]);
    expect(rows[0].ip).not.toBe('203.0.113.9');
  });

  it.each(['127.0.0.1,::1', '1'])('records the client address given by a trusted proxy (MOTCUA_TRUST_PROXY=%s)', async (trust) => {
    const proxied = await startTestApp({ env: { MOTCUA_TRUST_PROXY: trust } });
    try {
      const c = proxied.client();
      c.headers['x-forwarded-for'] = '203.0.113.9';
      const r = await c.post('/api/v1/auth/login', { username: 'demo.admin', password: 'motcua-demo' });
      expect(r.status).toBe(200);
      const { rows } = await proxied.ctx.database.pool.query(`SELECT ip FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1`);
      expect(rows[0].ip).toBe('203.0.113.9');
    } finally {
      await proxied.close();
    }
  });
});
