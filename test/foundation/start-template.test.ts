// A fresh embedded start from the start-up template (src/cli/start-template.ts) holds the same data as a start
// that seeds everything itself (the test template of global-setup.ts is exactly that: prepareDatabase +
// seedDemo), the demo dossiers made after it included, and draws its own per-database secrets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { AppContext } from '../../src/platform/context.js';
import { composeContext, openContext, prepareDatabase, renewDatabaseSecrets, seedDemo } from '../../src/app.js';
import { seedDemoDossiers } from '../../src/modules/demo/demo-dossiers.js';
import { startFromTemplate } from '../../src/cli/start-template.js';
import { freshDatabase } from '../helpers.js';

const root = mkdtempSync(join(tmpdir(), 'motcua-start-template-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TABLES = ['schema_migrations', 'admin_units', 'admin_unit_mapping', 'calendar_years', 'calendar_days', 'procedures', 'procedure_versions', 'procedure_channels', 'procedure_components', 'procedure_time_limits', 'agencies', 'agency_units', 'users', 'role_assignments', 'field_agencies', 'form_templates', 'notification_templates', 'dossiers', 'dossier_events'];

async function counts(ctx: AppContext): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await ctx.database.pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
  return out;
}

const secrets = async (ctx: AppContext) =>
  (await ctx.database.pool.query(`SELECT (SELECT value FROM app_secrets WHERE name = 'idempotency') || '|' || (SELECT value FROM notification_settings WHERE key = 'unsubscribe_key') AS v`)).rows[0].v as string;

describe('start-up template', () => {
  it('a start from the template has the data of a start without it, and its own secrets', async () => {
    // the same instant for both demo generations: the dossiers are dated from the clock
    const clock = new ManualClock(new Date('2026-11-18T03:00:00Z'));
    const config = loadConfig({ LOG_LEVEL: 'silent', MOTCUA_DEMO_PASSWORD: 'motcua-demo', MOTCUA_DATA_DIR: join(root, 'data'), MOTCUA_TEMPLATE_DIR: join(root, 'templates') });
    expect(config.databaseUrl).toBeUndefined();

    expect(await startFromTemplate(config)).toBe(true); // builds the template, then copies it
    const copied = await openContext(config, clock);
    try {
      const before = await secrets(copied);
      await renewDatabaseSecrets(copied);
      expect(await secrets(copied)).not.toBe(before);
      await prepareDatabase(copied); // what serve runs next: nothing left to do
      await seedDemo(copied);
      await seedDemoDossiers(copied, { count: 12 });

      const plain = composeContext(config, await freshDatabase(), clock);
      try {
        await seedDemoDossiers(plain, { count: 12 });
        const a = await counts(copied);
        expect(a.procedures).toBeGreaterThan(2800);
        expect(a.dossiers).toBe(12);
        expect(a).toEqual(await counts(plain));
      } finally {
        await plain.database.close();
      }
    } finally {
      await copied.database.close();
    }
    // a second new data directory is a plain copy (the template is not built again)
    expect(await startFromTemplate({ ...config, dataDir: join(root, 'data2') })).toBe(true);
  }, 300_000);
});
