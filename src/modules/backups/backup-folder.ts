// The backups on disk under the configured folder: their manifests (the truth about what is there), the
// newest full one, and the deletion of what retention gives up — never a folder without a valid manifest
// named like its id, and `.partial` leftovers of a crashed backup only once they are a day old.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isBackupDir, readManifest, type Manifest } from './manifest.js';
import { backupsToDelete, type RetentionPolicy } from './retention.js';

export async function backupsOnDisk(root: string): Promise<Manifest[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const out: Manifest[] = [];
  for (const name of names.sort()) {
    if (name.endsWith('.partial') || !(await isBackupDir(join(root, name)))) continue;
    const m = await readManifest(join(root, name)).catch(() => null);
    if (m && m.id === name) out.push(m);
  }
  return out;
}

export const isFull = (m: Manifest) => m.base === null;

export async function pruneBackups(root: string, now: Date, policy: RetentionPolicy): Promise<string[]> {
  const all = await backupsOnDisk(root);
  const doomed = backupsToDelete(
    all.map((m) => ({ id: m.id, createdAt: new Date(m.createdAt), uses: [...new Set(m.files.map((f) => f.in))] })),
    now,
    policy,
  );
  for (const id of doomed) await rm(join(root, id), { recursive: true, force: true });
  for (const name of await readdir(root)) {
    if (!name.endsWith('.partial')) continue;
    const s = await stat(join(root, name)).catch(() => null);
    if (s && now.getTime() - s.mtime.getTime() > 86_400_000) await rm(join(root, name), { recursive: true, force: true });
  }
  return doomed;
}
