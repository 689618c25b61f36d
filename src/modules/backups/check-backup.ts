// Checks a whole backup before anything is restored: the manifest, the key, and the checksum of every file
// (the stored bytes, then the plaintext). A corrupted or altered backup is refused with the files at fault.
import { join, resolve, dirname } from 'node:path';
import { backupErrors } from './backups.errors.js';
import { blobPath, readManifest, type Manifest } from './manifest.js';
import { checkStored, keyCheck } from './stored-file.js';

export interface CheckedBackup {
  dir: string;
  manifest: Manifest;
  key?: Buffer;
  /** The stored path of the database dump. */
  databasePath: string;
  /** The stored path of every blob (in this backup or an earlier one beside it). */
  blobPaths: Map<string, string>;
}

export async function checkBackup(dir: string, key: Buffer | undefined): Promise<CheckedBackup> {
  const abs = resolve(dir);
  const manifest = await readManifest(abs);
  if (manifest.encryption) {
    if (!key) throw backupErrors.BACKUP_KEY_REQUIRED();
    if (keyCheck(key) !== manifest.encryption.keyCheck) throw backupErrors.BACKUP_KEY_WRONG();
  }
  const encrypted = manifest.encryption !== null;
  const problems: string[] = [];
  const databasePath = join(abs, manifest.database.file);
  const db = await checkStored(databasePath, manifest.database, encrypted, key);
  if (db) problems.push(db);
  const blobPaths = new Map<string, string>();
  for (const f of manifest.files) {
    const p = blobPath(f.in === manifest.id ? abs : join(dirname(abs), f.in), f.sha256);
    const bad = await checkStored(p, f, encrypted, key);
    if (bad) problems.push(bad);
    blobPaths.set(f.sha256, p);
  }
  if (problems.length) throw backupErrors.BACKUP_CORRUPT({ detail: problems.slice(0, 10).join('; ') + (problems.length > 10 ? ` (+${problems.length - 10})` : '') });
  return { dir: abs, manifest, key: encrypted ? key : undefined, databasePath, blobPaths };
}
