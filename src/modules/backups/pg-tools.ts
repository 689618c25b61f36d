// The PostgreSQL client tools as child processes: pg_dump (custom format, streamed to the caller) and
// pg_restore (into a database, or to plain SQL for loading into PGlite). The URL is passed as an argument
// (no shell); stderr is kept for the error message.
import { spawn } from 'node:child_process';
import { backupErrors } from './backups.errors.js';

function run(tool: string, args: string[], onStdout?: (c: Buffer) => void): { done: Promise<void>; stdout: NodeJS.ReadableStream } {
  const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 4000) stderr += c.toString();
  });
  if (onStdout) child.stdout.on('data', onStdout);
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (e) => reject(backupErrors.BACKUP_TOOL_FAILED({ tool, detail: e.message })));
    child.on('close', (code) => (code === 0 ? resolve() : reject(backupErrors.BACKUP_TOOL_FAILED({ tool, detail: stderr.trim() || `exit code ${code}` }))));
  });
  return { done, stdout: child.stdout };
}

/** pg_dump --format=custom of `url`; the dump's bytes as a stream (the snapshot is taken when it starts). */
export async function* pgDump(url: string): AsyncGenerator<Buffer> {
  const { done, stdout } = run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${url}`]);
  const failed = done.then(() => null, (e: unknown) => e);
  for await (const c of stdout) yield c as Buffer;
  const err = await failed;
  if (err) throw err;
}

/**
 * A physical base backup of the whole PostgreSQL cluster as one tar stream (pg_basebackup -Ft -D -), with the
 * WAL needed to make it consistent inside (-X fetch), after an immediate checkpoint. With WAL archiving on the
 * server it is the start of a point-in-time recovery.
 */
export async function* pgBaseBackup(url: string): AsyncGenerator<Buffer> {
  const { done, stdout } = run('pg_basebackup', [`--dbname=${url}`, '--pgdata=-', '--format=tar', '--wal-method=fetch', '--checkpoint=fast', '--no-password']);
  const failed = done.then(() => null, (e: unknown) => e);
  for await (const c of stdout) yield c as Buffer;
  const err = await failed;
  if (err) throw err;
}

/** Unpacks a tar stream into `dir` (tar from the system: the base backup's own format). */
export async function untar(source: AsyncIterable<Buffer>, dir: string): Promise<void> {
  const child = spawn('tar', ['-x', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => { if (stderr.length < 4000) stderr += c.toString(); });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (e) => reject(backupErrors.BACKUP_TOOL_FAILED({ tool: 'tar', detail: e.message })));
    child.on('close', (code) => (code === 0 ? resolve() : reject(backupErrors.BACKUP_TOOL_FAILED({ tool: 'tar', detail: stderr.trim() || `exit code ${code}` }))));
  });
  try {
    for await (const c of source) if (!child.stdin.write(c)) await new Promise((r) => child.stdin.once('drain', r));
  } finally {
    child.stdin.end();
  }
  await done;
}

/** Restores a custom-format dump file into `url` in one transaction (all or nothing). */
export async function pgRestore(file: string, url: string): Promise<void> {
  await run('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file]).done;
}

/** The plain SQL script of a custom-format dump (no server needed). */
export async function pgRestoreToSql(file: string): Promise<string> {
  const parts: Buffer[] = [];
  await run('pg_restore', ['--no-owner', '--no-privileges', '--file=-', file], (c) => parts.push(c)).done;
  return Buffer.concat(parts).toString('utf8');
}
