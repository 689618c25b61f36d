// Scheduled jobs run once per due time however many server processes run them (issue 19, item 2): two
// job runners (two pg-boss instances, as two processes or hosts would have) on one PostgreSQL database, one
// job due every minute. pg-boss lets one instance evaluate the schedules per interval and sends the due run
// with a per-minute singleton key; the queue's singleton policy runs one at a time. PostgreSQL suite only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers.js';
import type { Database } from '../../src/platform/db/database.js';
import { loadConfig } from '../../src/platform/config.js';
import { openContext } from '../../src/app.js';
import type { AppContext } from '../../src/platform/context.js';
import { startJobs, type JobDefinition, type Jobs } from '../../src/platform/jobs.js';

const ON_PG = !!process.env.TEST_DATABASE_URL;
let db: Database;
const contexts: AppContext[] = [];
const runners: Jobs[] = [];
const runs: Array<{ runner: string; at: number }> = [];

const probe = (runner: string): JobDefinition => ({
  name: 'once-probe', cron: '* * * * *',
  run: async () => { runs.push({ runner, at: Date.now() }); },
});

describe.skipIf(!ON_PG)('a scheduled job with two runners on one database', () => {
  beforeAll(async () => {
    db = await freshDatabase();
    for (const runner of ['a', 'b']) {
      const ctx = await openContext(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }));
      contexts.push(ctx);
      runners.push(await startJobs(ctx, [probe(runner)], { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1 }));
    }
  }, 60_000);

  afterAll(async () => {
    for (const r of runners) await r.stop();
    for (const c of contexts) await c.database.close();
    await db?.close();
  });

  it('runs once per minute, not once per runner', async () => {
    const end = Date.now() + 8_000;
    while (runs.length === 0 && Date.now() < 30_000 + end) await new Promise((r) => setTimeout(r, 200));
    expect(runs.length).toBeGreaterThan(0);
    // both runners have checked the schedule several times since (every second)
    while (Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    const minutes = runs.map((r) => Math.floor(r.at / 60_000));
    expect(new Set(minutes).size).toBe(runs.length);
    const sent = await db.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'once-probe'`);
    expect(sent.rows[0].n).toBe(runs.length);
  }, 60_000);
});
