// Numbered SQL migrations on the test database (PGlite or PostgreSQL): recorded, idempotent, checksummed,
// transactional; the audit log is append-only; /ready reports a pending migration.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationError, migrate, migrationsUpToDate, readMigrations, type Migration } from '../../src/platform/db/migrations.js';
import { startTestApp, type TestApp } from '../helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const fake = (version: string, name: string, sql: string): Migration => ({ version, name, sql, checksum: `fake-${version}-${sql.length}` });

describe('migrations', () => {
  it('schema_migrations lists every file in migrations/', async () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
    expect(files[0]).toBe('0001_foundation.sql');
    expect(readMigrations().map((m) => `${m.version}_${m.name}.sql`)).toEqual(files);
    const { rows } = await t.ctx.database.pool.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => `${r.version}_${r.name}.sql`)).toEqual(files);
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
  });

  it('running migrate again applies nothing', async () => {
    expect(await migrate(t.ctx.database.pool)).toEqual([]);
    expect(await migrationsUpToDate(t.ctx.database.pool)).toBe(true);
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: 'different' } : m));
    const err = await migrate(t.ctx.database.pool, changed).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toBe('migration 0001_foundation was changed after it was applied');
    // the advisory lock was released: a normal run still works
    expect(await migrate(t.ctx.database.pool)).toEqual([]);
  });

  it('applies a new migration once, in its own transaction; a failing one leaves no trace', async () => {
    const all = readMigrations();
    const ok = fake('9001', 'test_table', 'CREATE TABLE mig_test_ok (id int PRIMARY KEY); INSERT INTO mig_test_ok VALUES (1);');
    expect(await migrate(t.ctx.database.pool, [...all, ok])).toEqual(['9001']);
    expect(await migrate(t.ctx.database.pool, [...all, ok])).toEqual([]);

    const bad = fake('9002', 'broken', 'CREATE TABLE mig_test_bad (id int); SELECT no_such_function();');
    const err = await migrate(t.ctx.database.pool, [...all, ok, bad]).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toMatch(/^migration 9002_broken failed: .*no_such_function/);
    const { rows } = await t.ctx.database.pool.query(`SELECT to_regclass('mig_test_bad') AS bad, to_regclass('mig_test_ok') AS ok`);
    expect(rows[0].bad).toBeNull();
    expect(rows[0].ok).not.toBeNull();
    const versions = (await t.ctx.database.pool.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version);
    expect(versions).toContain('9001');
    expect(versions).not.toContain('9002');
  });
});

describe('audit_log is append-only', () => {
  it('refuses UPDATE and DELETE', async () => {
    const pool = t.ctx.database.pool;
    await pool.query(`INSERT INTO audit_log (actor_label, action) VALUES ('test', 'test.append_only')`);
    const upd = await pool.query(`UPDATE audit_log SET action = 'tampered' WHERE action = 'test.append_only'`).catch((e) => e);
    expect(upd).toBeInstanceOf(Error);
    expect(upd.message).toMatch(/append-only/);
    const del = await pool.query(`DELETE FROM audit_log WHERE action = 'test.append_only'`).catch((e) => e);
    expect(del).toBeInstanceOf(Error);
    expect(del.message).toMatch(/append-only/);
    const { rows } = await pool.query(`SELECT action FROM audit_log WHERE actor_label = 'test'`);
    expect(rows).toEqual([{ action: 'test.append_only' }]);
  });

  it('refuses TRUNCATE of the audit log and of the dossier event log', async () => {
    for (const table of ['audit_log', 'dossier_events']) {
      const err = await t.ctx.database.pool.query(`TRUNCATE ${table} CASCADE`).catch((e) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err.message).toMatch(/append-only/);
    }
    const { rows } = await t.ctx.database.pool.query(`SELECT count(*)::int n FROM audit_log WHERE actor_label = 'test'`);
    expect(rows[0].n).toBe(1);
  });
});

describe('/ready', () => {
  it('is 200 while up to date and 503 when a migration is pending', async () => {
    expect((await t.client().get('/ready')).status).toBe(200);
    const last = readMigrations().at(-1)!;
    await t.ctx.database.pool.query('DELETE FROM schema_migrations WHERE version = $1', [last.version]);
    const r = await t.client().get('/ready');
    expect(r.status).toBe(503);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body.code).toBe('SERVICE_UNAVAILABLE');
    // liveness does not depend on the database
    expect((await t.client().get('/health')).status).toBe(200);
  });
});
