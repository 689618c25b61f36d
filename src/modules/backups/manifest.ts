// The backup manifest (manifest.json, written last): what was backed up, from where, at which migration level,
// and a checksum of every file, of the plaintext and of the stored (possibly encrypted) bytes. Blobs already
// held by an earlier backup in the same folder are referenced (`in`), not copied again: incremental.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { backupErrors } from './backups.errors.js';

export const MANIFEST = 'manifest.json';
export const FORMAT_VERSION = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const StoredFile = z.object({
  sha256: hex64,
  size: z.number().int().nonnegative(),
  storedSha256: hex64,
  storedSize: z.number().int().nonnegative(),
});
export type StoredFile = z.infer<typeof StoredFile>;

export const ManifestSchema = z.object({
  format: z.literal('motcua-backup'),
  formatVersion: z.literal(FORMAT_VERSION),
  id: z.string().regex(/^[A-Za-z0-9._-]+$/),
  createdAt: z.string(),
  source: z.object({ kind: z.enum(['pglite', 'postgresql']), migrationLevel: z.string(), serverVersion: z.string() }),
  /** null = stored in the clear; otherwise AES-256-GCM per file and a check value of the key. */
  encryption: z.object({ algorithm: z.literal('aes-256-gcm'), keyCheck: z.string() }).nullable(),
  database: StoredFile.extend({ file: z.string().regex(/^[A-Za-z0-9._-]+$/), format: z.enum(['pglite-datadir-tar', 'pg_dump-custom', 'pg_basebackup-tar']) }),
  /** The blob store: every blob a file row of the snapshot refers to. `in` = the backup folder holding the bytes. */
  files: z.array(StoredFile.extend({ in: z.string().regex(/^[A-Za-z0-9._-]+$/) })),
  /** The backup the unchanged blobs are taken from (null for a full one). */
  base: z.string().nullable(),
  counts: z.object({ blobsCopied: z.number().int(), blobsReferenced: z.number().int(), fileRowsMissingBlob: z.number().int() }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Where a blob's bytes are inside a backup folder. */
export function blobPath(backupDir: string, sha256: string): string {
  return join(backupDir, 'files', sha256.slice(0, 2), sha256);
}

export async function readManifest(backupDir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(backupDir, MANIFEST), 'utf8');
  } catch {
    throw backupErrors.BACKUP_NOT_FOUND({ path: backupDir });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw backupErrors.BACKUP_MANIFEST_INVALID({ detail: (e as Error).message });
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw backupErrors.BACKUP_MANIFEST_INVALID({ detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  return parsed.data;
}

export async function isBackupDir(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, MANIFEST))).isFile();
  } catch {
    return false;
  }
}
