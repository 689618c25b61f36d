// Configuration from the environment (loadConfig) and the command-line entry point (bin/motcua.js).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '80.5' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/motcua' }],
    ['DATABASE_URL', { DATABASE_URL: 'localhost:5432' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['MOTCUA_AGENCY_CODE_PATTERN', { MOTCUA_AGENCY_CODE_PATTERN: '^(\\d{3}' }],
    ['MOTCUA_OIDC_CLIENT_ID', { MOTCUA_OIDC_ISSUER: 'https://sso.thanhhoa.gov.vn/realms/motcua' }],
    ['MOTCUA_OIDC_ISSUER', { MOTCUA_OIDC_ISSUER: 'not a url', MOTCUA_OIDC_CLIENT_ID: 'x' }],
    ['MOTCUA_DEMO', { MOTCUA_DEMO: 'maybe' }],
    ['MOTCUA_MAIL_BOUNCE', { MOTCUA_MAIL_BOUNCE_LISTEN: '127.0.0.1:2525' }],
    ['MOTCUA_MAIL_BOUNCE_LISTEN', { MOTCUA_MAIL_BOUNCE: 'b@x.vn', MOTCUA_MAIL_BOUNCE_LISTEN: '2525' }],
    ['MOTCUA_PUBLIC_URL', { MOTCUA_PUBLIC_URL: 'motcua.local' }],
    ['MOTCUA_BODY_LIMIT_BYTES', { MOTCUA_BODY_LIMIT_BYTES: '10' }],
    ['MOTCUA_SESSION_TTL_MINUTES', { MOTCUA_SESSION_TTL_MINUTES: '0' }],
    ['MOTCUA_DEMO_PASSWORD', { MOTCUA_DEMO_PASSWORD: 'short' }],
  ])('%s invalid (%j) → ConfigError naming the variable', (name, env) => {
    const err = configError(env);
    expect(err.problems.some((p) => p.startsWith(`${name}:`)), err.problems.join('\n')).toBe(true);
    expect(err.message).toContain(name);
  });

  it('lists every invalid variable at once, with the offending value', () => {
    const err = configError({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(err.problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect(err.message).toContain('"abc"');
    expect(err.message).toContain('"loud"');
  });

  it('defaults: embedded database with demo data, port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.dataDir).toBe('./data');
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.logLevel).toBe('info');
    expect(c.oidc).toBeUndefined();
    expect(c.trustProxy).toBe(false);
    expect(c.agencyCodePattern.test('000.00.01.H56')).toBe(true);
    expect(c.agencyCodePattern.test('000.00.1.H56')).toBe(false);
  });

  it('demo data is off with DATABASE_URL unless asked for, and MOTCUA_DEMO=0 turns it off', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/motcua' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db/motcua', MOTCUA_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ MOTCUA_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ MOTCUA_DEMO: 'false' }).demo).toBe(false);
    expect(loadConfig({ MOTCUA_DEMO: 'yes' }).demo).toBe(true);
  });

  it('treats VAR= like an unset variable', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', MOTCUA_DEMO: '' });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
  });

  it('reads OIDC, public URL (trailing slash dropped), trust-proxy settings', () => {
    const c = loadConfig({
      PORT: '8080',
      MOTCUA_PUBLIC_URL: 'https://motcua.thanhhoa.gov.vn/',
      MOTCUA_OIDC_ISSUER: 'https://sso.thanhhoa.gov.vn',
      MOTCUA_OIDC_CLIENT_ID: 'motcua',
      MOTCUA_OIDC_CLIENT_SECRET: 's3cret',
    });
    expect(c.port).toBe(8080);
    expect(c.publicUrl).toBe('https://motcua.thanhhoa.gov.vn');
    expect(c.oidc).toEqual({ issuer: 'https://sso.thanhhoa.gov.vn', clientId: 'motcua', clientSecret: 's3cret', allowHttp: false });
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ MOTCUA_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ MOTCUA_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ MOTCUA_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ MOTCUA_TRUST_PROXY: 'loopback,10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
  });
});

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------
const BIN = fileURLToPath(new URL('../../bin/motcua.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The environment of a fresh shell: nothing from the test run that configures motcua. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(MOTCUA_|DATABASE_URL$|TEST_DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$|VITEST|NODE_OPTIONS$)/.test(k)) env[k] = v;
  }
  return { ...env, MOTCUA_DATA_DIR: dataDir, ...extra };
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('motcua CLI', () => {
  it('--help prints the usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: motcua <command>/);
    for (const cmd of ['serve', 'migrate', 'seed', 'user add', 'token create']) expect(r.stdout).toContain(cmd);
  });

  it('no command prints the usage and exits 0', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: motcua <command>/);
  });

  it('user add --help prints that command\'s usage and exits 0', async () => {
    const r = await run(['user', 'add', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: motcua user add --username NAME/);
    expect(r.stdout).toContain('procedure_control');
  });

  it('an unknown command exits 2 with a hint', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command: frobnicate/);
    expect(r.stderr).toMatch(/motcua --help/);
    expect((await run(['user', 'delete'])).code).toBe(2);
  });

  it('serve with PORT=abc exits 78 (EX_CONFIG) naming the variable, before touching the data dir', async () => {
    const r = await run(['serve'], { PORT: 'abc' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/"abc"/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('serve with a bad MOTCUA_DOSSIER_CODE_PATTERN (a module setting) exits 78 naming it, before touching the data dir', async () => {
    const r = await run(['serve'], { MOTCUA_DOSSIER_CODE_PATTERN: '{agency}-{nope}' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/MOTCUA_DOSSIER_CODE_PATTERN/);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
