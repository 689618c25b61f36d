// A motcua server as its own OS process (`node bin/motcua.js serve`), so that a benchmark's load generator
// (the bench process) does not share the server's event loop. The database must already be migrated and
// seeded (seedDemoOrg); the server starts with MOTCUA_DEMO off, so no demo dossiers are generated meanwhile.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/motcua.js', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  /** The server's OS process id (e.g. to sample its memory). */
  pid: number;
  stop: () => Promise<void>;
}

export async function startServerProcess(databaseUrl: string, opts: { workers?: number; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const port = await freePort();
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server (one process)
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve'], {
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', MOTCUA_DEMO: 'false',
      MOTCUA_WORKERS: String(opts.workers ?? 1), LOG_LEVEL: 'silent', ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  const end = Date.now() + 120_000;
  while (!/ready in/.test(out)) {
    if (child.exitCode !== null || Date.now() > end) throw new Error(`motcua serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
