// The embedded database's start-up template: a PGlite data directory that already holds the migrations, the
// administrative units, the holidays, the form texts and (with demo data) the demo organisation, the reference
// catalogue (2,849 procedures) and the field → agency map. A fresh `motcua serve` copies it instead of running
// initdb and the seeds (issue 19 item 7); then the usual idempotent steps run and find nothing to do.
// Nothing in it depends on the clock in a way a start could notice: the demo dossiers, which are dated from
// the clock (the past six weeks), are never in the template, they are generated at every fresh start.
// `motcua template` (npm's prestart) builds it ahead; `serve` builds it when it is missing.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../platform/config.js';
import { MIGRATIONS_DIR } from '../platform/db/migrations.js';
import { copyTemplate, ensureTemplate, isNewDataDir, templateKey } from '../platform/db/pglite-template.js';
import { openContext, prepareDatabase, seedDemo } from '../app.js';

const ROOT = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/**
 * What the template's content depends on: the migrations, the reference data, the code that seeds them (all of
 * src/ but the tests: the seeds reach into most modules), the locked dependency versions (PGlite's data format)
 * and, with demo data, the demo password (its hash is stored).
 */
export function startTemplateKey(config: Config): string {
  return templateKey([
    { dir: MIGRATIONS_DIR },
    { dir: ROOT('reference-data') },
    { dir: ROOT('src'), skip: /\.test\.ts$/ },
    { file: ROOT('package-lock.json') },
    config.demo ? `demo:${createHash('sha256').update(config.demoPassword).digest('hex')}` : 'no-demo',
  ]);
}

/** Builds the template when missing; returns its data dir, or null when templates are off or not applicable. */
export async function ensureStartTemplate(config: Config): Promise<{ dataDir: string; built: boolean } | null> {
  if (config.databaseUrl || !config.templateDir) return null;
  return ensureTemplate(config.templateDir, startTemplateKey(config), async (dataDir) => {
    const ctx = await openContext({ ...config, dataDir });
    try {
      await prepareDatabase(ctx);
      if (config.demo) await seedDemo(ctx);
    } finally {
      await ctx.database.close();
    }
  });
}

/**
 * Before the embedded database opens: a missing or empty data directory becomes a copy of the template.
 * Returns true when it did (the caller then renews the per-database secrets). Any failure to build or copy
 * falls back to the ordinary start (initdb and the seeds), with a warning.
 */
export async function startFromTemplate(config: Config): Promise<boolean> {
  if (config.databaseUrl || !config.templateDir || !isNewDataDir(config.dataDir)) return false;
  const existed = existsSync(config.dataDir);
  try {
    const t = await ensureStartTemplate(config);
    if (!t) return false;
    copyTemplate(t.dataDir, config.dataDir);
    return true;
  } catch (err) {
    // it was missing or empty: a partial copy goes, an empty directory the operator made stays
    if (existed) for (const name of readdirSync(config.dataDir)) rmSync(join(config.dataDir, name), { recursive: true, force: true });
    else rmSync(config.dataDir, { recursive: true, force: true });
    console.warn(`motcua: start-up template not used (${(err as Error).message}); creating the database from scratch`);
    return false;
  }
}
