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
