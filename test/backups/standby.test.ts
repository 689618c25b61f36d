// A standby and a failover (issue 20, part 4), with real PostgreSQL clusters this test makes itself: a primary
// and a streaming standby (pg_createcluster, pg_basebackup -R) with synchronous replication; motcua runs on
// the multi-host URL (…host1,host2/db?target_session_attrs=read-write) under a load of receptions over HTTP;
// the primary is killed (immediate shutdown), the standby promoted, and motcua carries on by itself. Every
// acknowledged reception (201 with a code) is counted and found on the promoted server: none lost.
// Needs PostgreSQL's Debian cluster tools and root (to run pg_basebackup as postgres); runs in the PostgreSQL
// suite (TEST_DATABASE_URL), whose test template it copies, and is skipped elsewhere.
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { buildApp, composeContext } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import type { AppContext } from '../../src/platform/context.js';
import { HttpClient } from '../helpers.js';
import { RUN_ID, TEMPLATE_DB } from '../db-names.js';
import { receptionBody } from '../dossiers/fixtures.js';
import { CAN_MAKE_CLUSTERS, PG_VERSION, createCluster, dropClusters, emptyDataDir, freePort, psql, sh, startCluster, stopCluster, until } from './clusters.js';

const PRIMARY = `motcua_p_${RUN_ID}`;
const STANDBY = `motcua_s_${RUN_ID}`;

let ports: { primary: number; standby: number };
let ctx: AppContext;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;

describe.skipIf(!CAN_MAKE_CLUSTERS)('a synchronous standby and a failover under load', () => {
  beforeAll(async () => {
    ports = { primary: await freePort(), standby: await freePort() };
    createCluster(PRIMARY, ports.primary);
    startCluster(PRIMARY);
    psql(ports.primary, 'CREATE DATABASE motcua');
    // the suite's migrated template with the demo province, copied into the new primary
    execSync(`pg_dump -Fc -h 127.0.0.1 -p 5432 -U postgres ${TEMPLATE_DB} | pg_restore --no-owner -h 127.0.0.1 -p ${ports.primary} -U postgres -d motcua`, { stdio: 'pipe', timeout: 120_000 });

    createCluster(STANDBY, ports.standby);
    const dataDir = emptyDataDir(STANDBY);
    sh('runuser', ['-u', 'postgres', '--', 'pg_basebackup', '-h', '127.0.0.1', '-p', String(ports.primary), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--checkpoint=fast']);
    startCluster(STANDBY);
    // zero data loss: a commit is acknowledged only once the standby has it on disk
    psql(ports.primary, `ALTER SYSTEM SET synchronous_standby_names = '*'`);
    psql(ports.primary, 'SELECT pg_reload_conf()');
    await until('a synchronous standby', () => psql(ports.primary, 'SELECT sync_state FROM pg_stat_replication') === 'sync');

    const url = `postgres://postgres@127.0.0.1:${ports.primary},127.0.0.1:${ports.standby}/motcua?target_session_attrs=read-write`;
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', MOTCUA_DEMO_PASSWORD: 'motcua-demo', MOTCUA_SESSION_IDLE_MINUTES: '600' });
    ctx = composeContext(config, await openDatabase({ url, poolMax: 4 }));
    app = await buildApp(ctx, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    config.publicUrl = base;
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await ctx?.database.close();
    dropClusters([PRIMARY, STANDBY]);
  });

  it('kills the primary under load, promotes the standby, and loses no acknowledged reception', async () => {
    const desk = new HttpClient(base);
    expect((await desk.post('/api/v1/auth/login', { username: 'demo.tiepnhan', password: 'motcua-demo' })).status).toBe(200);
    const acked: string[] = [];
    let failed = 0;
    let ackedAfterPromotion = 0;
    let promoted = false;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const r = await desk.post('/api/v1/dossiers', receptionBody(), { 'idempotency-key': randomUUID() }).catch(() => null);
        if (r?.status === 201) {
          acked.push(r.body.dossier.code);
          if (promoted) ackedAfterPromotion++;
        } else {
          failed++;
          await new Promise((res) => setTimeout(res, 100));
        }
      }
    };
    const load = [worker(), worker(), worker()];
    await until('receptions on the primary', () => acked.length >= 15);

    stopCluster(PRIMARY, 'immediate'); // the primary dies
    const atKill = acked.length;
    await new Promise((r) => setTimeout(r, 1000));
    sh('pg_ctlcluster', [PG_VERSION!, STANDBY, 'promote']);
    promoted = true;
    await until('receptions after the promotion', () => ackedAfterPromotion >= 10, 90_000);
    stop = true;
    await Promise.all(load);

    // every acknowledged code is on the promoted server, once
    const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${ports.standby}/motcua` });
    await c.connect();
    try {
      expect((await c.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(false);
      const found = await c.query('SELECT code FROM dossiers WHERE code = ANY($1)', [acked]);
      expect(found.rowCount).toBe(acked.length);
      expect(new Set(acked).size).toBe(acked.length);
    } finally {
      await c.end();
    }
    expect(atKill).toBeGreaterThanOrEqual(15);
    expect(ackedAfterPromotion).toBeGreaterThanOrEqual(10);
    console.log(`failover: ${acked.length} receptions acknowledged (${atKill} before the kill, ${ackedAfterPromotion} after the promotion), ${failed} refused meanwhile, none lost`);
  }, 240_000);
});
