// The overdue drill-down lists a dossier whose appointment an apology (form 04) moved, with its new date
// and its first appointment: an apology never makes a late dossier on time (QĐ 766), and the list says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, HOUR, receive, startDossierApp } from '../dossiers/fixtures.js';
import { addDaysIso } from '../../src/modules/calendar/civil-date.js';
import { localDate } from '../../src/modules/calendar/working-time.js';

let t: Awaited<ReturnType<typeof startDossierApp>>;
beforeAll(async () => {
  t = await startDossierApp();
});
afterAll(async () => t?.close());

describe('overdue drill-down: apology-extended dossiers', () => {
  it('are listed with their new date, the first appointment and extended: true; others are not extended', async () => {
    const desk = await t.login('demo.tiepnhan');
    const handler = await t.login('demo.chuyenvien');
    const leader = await t.login('demo.lanhdao');
    const extended = (await receive(desk)).dossier.code as string;
    const plain = (await receive(desk)).dossier.code as string;
    for (const c of [extended, plain]) {
      await act(desk, c, 'forward');
      await act(handler, c, 'claim');
    }
    const before = (await leader.get(`/api/v1/dossiers/${extended}`)).body;
    const newDueAt = new Date(new Date(before.dueAt).getTime() + 72 * HOUR).toISOString();
    await act(leader, extended, 'apologize', { reason: 'Cần xác minh thêm', newDueAt });
    const after = (await leader.get(`/api/v1/dossiers/${extended}`)).body;
    expect(after.dueAt).not.toBe(before.dueAt);

    const today = localDate(t.clock.now());
    const q = `from=${addDaysIso(today, -7)}&to=${today}&measure=inProcessOverdue`;
    const r = await leader.get(`/api/v1/reports/progress/dossiers?${q}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.map((i: any) => i.code)).toEqual([extended]);
    expect(r.body.items[0]).toMatchObject({ extended: true, dueAt: after.dueAt, originalDueAt: before.dueAt });
    const all = await leader.get(`/api/v1/reports/progress/dossiers?from=${addDaysIso(today, -7)}&to=${today}&measure=inProcess`);
    const other = all.body.items.find((i: any) => i.code === plain);
    expect(other.extended).toBe(false);
    expect(other.originalDueAt).toBe(other.dueAt);
  });
});
