// Where a fresh embedded start-up spends its time, phase by phase (issue 19 item 7). One process, a new data
// directory; prints the wall time of each phase.
// Run: npx tsx bench/start-phases.ts
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
let last = t0;
const lap = (what: string) => {
  const now = performance.now();
  console.log(`${what.padEnd(36)} ${((now - last) / 1000).toFixed(2)} s  (total ${((now - t0) / 1000).toFixed(2)} s)`);
  last = now;
};
const app = await import('../src/app.js');
const { loadConfig } = await import('../src/platform/config.js');
lap('import app.ts');
const dir = mkdtempSync(join(tmpdir(), 'motcua-phases-'));
try {
  const config = loadConfig({ ...process.env, MOTCUA_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const ctx = await app.openContext(config);
  lap('open PGlite (new dir) + socket');
  const { migrate } = await import('../src/platform/db/migrations.js');
  await migrate(ctx.database.pool);
  lap('migrations');
  const { importAdminUnits } = await import('../src/modules/org/admin-units.import.js');
  await importAdminUnits(ctx.db);
  lap('admin units');
  const { seedCalendar } = await import('../src/modules/calendar/calendar.seed.js');
  await seedCalendar(ctx.db);
  lap('calendar');
  const { seedFormTemplates } = await import('../src/modules/documents/template-admin.js');
  await seedFormTemplates(ctx.db);
  lap('form templates');
  const { seedDemoOrg, seedDemoFieldAgencies } = await import('../src/modules/demo/demo-org.js');
  await seedDemoOrg(ctx, config.demoPassword);
  lap('demo org');
  const { importReferenceCatalogIfChanged } = await import('../src/modules/catalog/catalog.import.js');
  await importReferenceCatalogIfChanged(ctx);
  lap('reference catalogue');
  const { applyLegalDefaultLimits } = await import('../src/modules/catalog/catalog.time-limits.js');
  await applyLegalDefaultLimits(ctx.db);
  lap('legal default limits');
  await seedDemoFieldAgencies(ctx);
  lap('field agencies');
  const server = await app.buildApp(ctx);
  await server.ready();
  lap('buildApp + ready');
  const { seedDemoDossiers } = await import('../src/modules/demo/demo-dossiers.js');
  const r = await seedDemoDossiers(ctx);
  lap(`demo dossiers (${r.created} created, ${r.actions} actions, ${r.failed} failed)`);
  const blob = await ctx.database.dumpDataDir!();
  lap(`dumpDataDir (${(blob.size / 1e6).toFixed(1)} MB)`);
  await server.close();
  await ctx.database.close();
  lap('close');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
