// The deadline sweep is scheduled with pg-boss (cron in Asia/Ho_Chi_Minh) and runs as a job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { startJobs, type Jobs } from '../../src/platform/jobs.js';
import { jobDefinitions } from '../../src/app.js';
import { DEADLINE_SWEEP, DEADLINE_SWEEP_CRON } from '../../src/modules/dossiers/dossiers.jobs.js';
import { HOUR, receive, startDossierApp } from './fixtures.js';

let t: TestApp & { clock: ManualClock };
let jobs: Jobs | undefined;

beforeAll(async () => {
  t = await startDossierApp();
});
afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

describe('jobs', () => {
  it('schedules the deadline sweep and runs it: overdue dossiers get a system mark_overdue event', async () => {
    const desk = await t.login('demo.tiepnhan');
    const { dossier } = await receive(desk);
    jobs = await startJobs(t.ctx, jobDefinitions, { pollingIntervalSeconds: 0.5 });
    const schedules = await jobs.boss.getSchedules();
    const s = schedules.find((x) => x.name === DEADLINE_SWEEP)!;
    expect(s.cron).toBe(DEADLINE_SWEEP_CRON);
    expect((s.options as { tz?: string }).tz).toBe('Asia/Ho_Chi_Minh');
    // move past the appointment and run the job now (the cron would do the same within 5 minutes)
    t.clock.set(new Date(new Date(dossier.dueAt).getTime() + HOUR));
    const id = await jobs.boss.send(DEADLINE_SWEEP, {});
    let job: any = null;
    for (let i = 0; i < 100; i++) {
      job = await jobs.boss.getJobById(DEADLINE_SWEEP, id!);
      if (job?.state === 'completed' || job?.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(job?.state, JSON.stringify(job?.output)).toBe('completed');
    expect(job.output.overdue).toBe(1);
    const { rows } = await t.ctx.database.pool.query(
      `SELECT action, actor_id FROM dossier_events WHERE dossier_id = $1 ORDER BY version`, [dossier.id]);
    // the appointment and the current (reception) step, both past: due soon + overdue each, by the system
    expect(rows.map((r) => r.action)).toEqual(['receive', 'mark_due_soon', 'mark_overdue', 'mark_step_due_soon', 'mark_step_overdue']);
    expect(rows.slice(1).every((r) => r.actor_id === 'system')).toBe(true);
    expect(job.output.stepOverdue).toBe(1);
  });
});
