// The demo dossiers: made by the service functions over past weeks; every national status, late ones,
// transfers commune ↔ department; replaying the event log gives the stored projection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers.js';
import { fold } from '../../src/modules/workflow/state-machine.js';
import { seedDemoDossiers } from '../../src/modules/demo/demo-dossiers.js';
import { startDossierApp } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await startDossierApp();
});
afterAll(async () => t?.close());

describe('demo dossiers', () => {
  it('a few hundred dossiers in every state, some late, some transferred; idempotent', async () => {
    const r = await seedDemoDossiers(t.ctx);
    expect(r.created).toBeGreaterThanOrEqual(200);
    const q = (s: string) => t.ctx.database.pool.query(s).then((x) => x.rows);
    const statuses = (await q(`SELECT national_status s, count(*)::int n FROM dossiers GROUP BY 1 ORDER BY 1`)).map((x) => x.s);
    expect(statuses).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await q(`SELECT count(*)::int n FROM dossiers WHERE overdue`))[0].n).toBeGreaterThan(0);
    expect((await q(`SELECT count(*)::int n FROM dossier_events WHERE action = 'return_transfer'`))[0].n).toBeGreaterThan(0);
    const late = await q(`SELECT count(*)::int n FROM dossier_events WHERE event->'handover'->>'classification' = 'late'`);
    expect(late[0].n).toBeGreaterThan(0);
    // nothing happens in the future, whatever the weekday the seed runs on
    const future = await t.ctx.database.pool.query(`SELECT count(*)::int n FROM dossier_events WHERE at > $1`, [t.ctx.clock.now()]);
    expect(future.rows[0].n).toBe(0);
    const rows = await q(`SELECT id, state FROM dossiers`);
    for (const row of rows) {
      const ev = await t.ctx.database.pool.query(`SELECT event FROM dossier_events WHERE dossier_id = $1 ORDER BY version`, [row.id]);
      expect(fold(ev.rows.map((x) => x.event))).toEqual(row.state);
    }
    expect((await seedDemoDossiers(t.ctx)).created).toBe(0);
  }, 300_000);
});

describe('demo logins (README "Demo logins")', () => {
  it('each login sees what the README says', async () => {
    if ((await t.ctx.database.pool.query(`SELECT 1 FROM dossiers LIMIT 1`)).rowCount === 0) await seedDemoDossiers(t.ctx);
    const seen: Record<string, { dossiers: number; users: number; reports: number }> = {};
    for (const u of ['demo.admin', 'demo.tiepnhan', 'demo.chuyenvien', 'demo.lanhdao', 'demo.vanthu', 'demo.traketqua', 'demo.thuphi', 'demo.kiemsoat', 'demo.lanhdaotinh', 'demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa.lanhdao', 'demo.xa2.tiepnhan', 'demo.xa2.chuyenvien']) {
      const c = await t.login(u);
      const d = await c.get('/api/v1/dossiers?pageSize=1');
      seen[u] = {
        dossiers: d.status === 200 ? d.body.total : -d.status,
        users: (await c.get('/api/v1/users?pageSize=1')).status,
        reports: (await c.get('/api/v1/reports/progress?from=2026-10-01&to=2026-11-23')).status,
      };
    }
    const total = Number((await t.ctx.database.pool.query(`SELECT count(*)::int n FROM dossiers`)).rows[0].n);
    const partial = (n: number) => n > 0 && n < total;
    // the administrator manages users and reads reports, but is in no dossier's scope
    expect(seen['demo.admin']).toMatchObject({ dossiers: 0, users: 200, reports: 200 });
    // province-wide leaders and procedure control see every dossier and the reports, no user admin
    for (const u of ['demo.lanhdaotinh', 'demo.kiemsoat']) expect(seen[u]).toMatchObject({ dossiers: total, users: 403, reports: 200 });
    // the provincial centre's desk, return officer and cashier: the centre's dossiers
    const centre = seen['demo.tiepnhan']!.dossiers;
    expect(partial(centre)).toBe(true);
    for (const u of ['demo.tiepnhan', 'demo.traketqua', 'demo.thuphi']) expect(seen[u]).toMatchObject({ dossiers: centre, users: 403, reports: 403 });
    // the Department of Justice: handler, clerk and leader see its dossiers; only the leader the reports
    const stp = seen['demo.chuyenvien']!.dossiers;
    expect(partial(stp)).toBe(true);
    for (const u of ['demo.chuyenvien', 'demo.vanthu']) expect(seen[u]).toMatchObject({ dossiers: stp, reports: 403 });
    expect(seen['demo.lanhdao']).toMatchObject({ dossiers: stp, reports: 200 });
    // the communes: their own dossiers; their leaders (demo.xa.lanhdao, demo.xa2.chuyenvien) the reports
    for (const u of ['demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa.lanhdao', 'demo.xa2.tiepnhan', 'demo.xa2.chuyenvien']) expect(partial(seen[u]!.dossiers)).toBe(true);
    for (const u of ['demo.xa.tiepnhan', 'demo.xa.chuyenvien', 'demo.xa2.tiepnhan']) expect(seen[u]!.reports).toBe(403);
    for (const u of ['demo.xa.lanhdao', 'demo.xa2.chuyenvien']) expect(seen[u]!.reports).toBe(200);
  }, 300_000);
});
