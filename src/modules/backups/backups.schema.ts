// zod schemas of the administrators' backup API.
import { z } from 'zod';

export const BackupRunOut = z.object({
  id: z.string(),
  kind: z.enum(['backup', 'verify']),
  trigger: z.enum(['schedule', 'admin']),
  status: z.enum(['running', 'ok', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  backupId: z.string().nullable(),
  bytes: z.number().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
});

export const BackupStatusOut = z.object({
  configured: z.boolean(),
  schedule: z.object({ at: z.string(), keepDays: z.number(), fullEveryDays: z.number(), verify: z.boolean(), encrypted: z.boolean() }).nullable(),
  lastGoodBackup: BackupRunOut.nullable(),
  lastVerifiedRestore: BackupRunOut.nullable(),
  /** The last good backup is more than a day old (or there is none). */
  stale: z.boolean(),
  running: BackupRunOut.nullable(),
  recent: z.array(BackupRunOut),
  onDisk: z.array(z.object({
    id: z.string(), createdAt: z.string(), full: z.boolean(), source: z.enum(['pglite', 'postgresql']),
    encrypted: z.boolean(), blobs: z.number(), databaseBytes: z.number(),
  })),
});
