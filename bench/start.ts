// Start-up of a fresh `motcua serve` on the embedded database (issue 19, item 7): the time until the server
// answers /ready and prints its banner, and until the demo data set is complete, on a new empty data
// directory each round. Baseline in the same run: a bare process that opens a new PGlite data directory and
// runs SELECT 1 (the floor any embedded start-up pays).
// The start-up template (src/cli/start-template.ts) is built first, as `npm start`'s prestart does, and its
// build time is printed apart; with --no-template every round runs initdb and the seeds (MOTCUA_TEMPLATE_DIR=off).
//
// Run: npx tsx bench/start.ts [rounds=3] [--no-template]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort } from './server-process.js';

const args = process.argv.slice(2);
const NO_TEMPLATE = args.includes('--no-template');
const ROUNDS = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const BIN = fileURLToPath(new URL('../bin/motcua.js', import.meta.url));

function baseline(dir: string): Promise<number> {
  const t0 = performance.now();
  const code = `import { PGlite } from '@electric-sql/pglite'; const db = await PGlite.create(${JSON.stringify(dir)}); await db.query('SELECT 1'); await db.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit', cwd: fileURLToPath(new URL('..', import.meta.url)) });
  return new Promise((resolve, reject) => child.once('exit', (c) => (c === 0 ? resolve(performance.now() - t0) : reject(new Error(`baseline exited ${c}`)))));
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(MOTCUA_|DATABASE_URL$|PORT$)/.test(k)) env[k] = v;
  if (NO_TEMPLATE) env.MOTCUA_TEMPLATE_DIR = 'off';
  return env;
}

/** `motcua template` as npm's prestart runs it (a no-op when the template for this code is there). */
function buildTemplate(dir: string): Promise<{ ms: number; out: string }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'template'], { env: { ...cleanEnv(), MOTCUA_DATA_DIR: dir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  return new Promise((resolve, reject) => child.once('exit', (c) => (c === 0 ? resolve({ ms: performance.now() - t0, out: out.trim() }) : reject(new Error(`motcua template exited ${c}`)))));
}

async function startOnce(dir: string): Promise<{ ready: number; complete: number }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...cleanEnv(), PORT: String(port), HOST: '127.0.0.1', MOTCUA_DATA_DIR: dir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let ready = 0;
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited:\n${out}`);
      if (!ready && /demo logins/.test(out) && (await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false))) ready = performance.now() - t0;
      if (/demo data set complete/.test(out)) return { ready, complete: performance.now() - t0 };
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

let template = '';
if (!NO_TEMPLATE) {
  const d = mkdtempSync(join(tmpdir(), 'motcua-start-'));
  try {
    const t = await buildTemplate(join(d, 'data'));
    template = `${t.out} — the command took ${(t.ms / 1000).toFixed(1)} s`;
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
}
const rows: { base: number; ready: number; complete: number }[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const a = mkdtempSync(join(tmpdir(), 'motcua-start-base-'));
  const b = mkdtempSync(join(tmpdir(), 'motcua-start-'));
  try {
    const base = await baseline(a);
    rows.push({ base, ...(await startOnce(b)) });
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
}
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(NO_TEMPLATE ? 'no start-up template (MOTCUA_TEMPLATE_DIR=off)' : template);
console.log(`fresh data directory each round; node ${process.version}; ${os.cpus().length} CPUs; load average ${os.loadavg()[0]!.toFixed(1)}`);
for (const r of rows) console.log(`  baseline (bare PGlite open + SELECT 1): ${s(r.base)}; motcua ready: ${s(r.ready)} (× ${(r.ready / r.base).toFixed(1)}); demo set complete: ${s(r.complete)}`);
