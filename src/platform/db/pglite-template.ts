// A prebuilt PGlite data directory to start new embedded databases from (issue 19 item 7). Creating a data
// directory runs initdb inside WebAssembly (4–7 s on the development machine) and the reference data take
// longer still; a copy of a directory that already holds them takes about a second. The template is keyed by
// everything its content depends on (the caller's key), built once into a private directory and renamed into
// place, so a half-built template is never used and two processes building at once both end with a good one.
// It holds no machine-specific secret: the caller renews those in the copy (see renewDatabaseSecrets).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const PREFIX = 'pglite-';

/** The key of a template: a short digest of the given files (directories are walked in name order) and strings. */
export function templateKey(parts: Array<{ file: string } | { dir: string; skip?: RegExp } | string>): string {
  const h = createHash('sha256');
  for (const p of parts) {
    if (typeof p === 'string') h.update(`s\u0000${p}\u0000`);
    else if ('file' in p) h.update(`f\u0000${basename(p.file)}\u0000`).update(readFileSync(p.file));
    else for (const f of filesUnder(p.dir, p.skip)) h.update(`f\u0000${relative(p.dir, f)}\u0000`).update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}

function filesUnder(dir: string, skip?: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (skip?.test(path)) continue;
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, skip));
    else out.push(path);
  }
  return out;
}

/** True when the directory does not exist or is empty: a database may be started there from a template. */
export function isNewDataDir(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

export const templateDataDir = (root: string, key: string) => join(root, `${PREFIX}${key}`, 'data');

/**
 * The template for `key` under `root`, built with `build(dataDir)` when missing (into a private directory,
 * then renamed). Older templates under `root` are removed once the new one is in place. Returns its data dir.
 */
export async function ensureTemplate(root: string, key: string, build: (dataDir: string) => Promise<void>): Promise<{ dataDir: string; built: boolean }> {
  const final = join(root, `${PREFIX}${key}`);
  if (existsSync(join(final, 'data', 'PG_VERSION'))) return { dataDir: join(final, 'data'), built: false };
  mkdirSync(root, { recursive: true });
  const work = join(root, `.build-${key}-${process.pid}-${Date.now()}`);
  try {
    await build(join(work, 'data'));
    writeFileSync(join(work, 'template.json'), JSON.stringify({ key, builtAt: new Date().toISOString() }) + '\n');
    try {
      renameSync(work, final);
    } catch (err) {
      // another process finished first: its template is as good as ours
      if (!existsSync(join(final, 'data', 'PG_VERSION'))) throw err;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  for (const name of readdirSync(root)) {
    if (name.startsWith(PREFIX) && name !== `${PREFIX}${key}`) rmSync(join(root, name), { recursive: true, force: true });
  }
  return { dataDir: join(final, 'data'), built: true };
}

/** Copies a template's data directory into a new (missing or empty) data directory. */
export function copyTemplate(templateData: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  cpSync(templateData, dataDir, { recursive: true });
}
