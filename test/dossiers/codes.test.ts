// 1,000 parallel receptions at one agency → 1,000 distinct, gapless codes (daily counter row incremented in
// the reception transaction); a rolled-back reception releases its number.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, TestApp } from '../helpers.js';
import { ManualClock } from '../helpers.js';
import { receptionBody, startDossierApp } from './fixtures.js';
import { nextSequence } from '../../src/modules/dossiers/dossiers.repo.js';

let t: TestApp & { clock: ManualClock };
let desk: HttpClient;

beforeAll(async () => {
  t = await startDossierApp();
  desk = await t.login('demo.tiepnhan');
});
afterAll(async () => t?.close());

describe('dossier codes', () => {
  it('1,000 parallel receptions at one agency get 1,000 distinct gapless codes', async () => {
    const N = 1000;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        desk.post('/api/v1/dossiers', receptionBody({ note: `#${i}` }), { 'idempotency-key': randomUUID() }),
      ),
    );
    const bad = results.filter((r) => r.status !== 201);
    expect(bad.map((r) => r.body).slice(0, 3)).toEqual([]);
    const codes = results.map((r) => r.body.dossier.code as string);
    expect(new Set(codes).size).toBe(N);
    const seqs = codes.map((c) => Number(c.split('-').pop())).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(codes.every((c) => c.startsWith('000.00.01.H56-261123-'))).toBe(true);
  }, 600_000);

  it('a failed reception releases its number; the next day starts again at 1', async () => {
    const bad = await desk.post('/api/v1/dossiers', receptionBody({ outcome: 'accept', components: [{ name: 'x'.repeat(10_001) }] })); // above COMPONENT_NAME_MAX
    expect(bad.status).toBe(400);
    // a number taken in a transaction that rolls back is given again
    const centre = (await t.ctx.database.pool.query(`SELECT id FROM agencies WHERE code = '000.00.01.H56'`)).rows[0].id;
    let taken = 0;
    await t.ctx.db.transaction().execute(async (trx) => {
      taken = await nextSequence(trx, centre, '2026-11-23');
      throw new Error('rollback');
    }).catch(() => {});
    expect(taken).toBeGreaterThan(0);
    const ok = await desk.post('/api/v1/dossiers', receptionBody());
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.dossier.code).toBe(`000.00.01.H56-261123-${String(taken).padStart(4, '0')}`);
    t.clock.advance(23 * 3_600_000);
    await desk.get('/api/v1/auth/me');
    const next = await desk.post('/api/v1/dossiers', receptionBody());
    expect(next.body.dossier.code).toBe('000.00.01.H56-261124-0001');
  });

  it('the code pattern comes from MOTCUA_DOSSIER_CODE_PATTERN', async () => {
    const t2 = await startDossierApp({ MOTCUA_DOSSIER_CODE_PATTERN: '{agency}-{YYYYMMDD}-{seq:7}' });
    try {
      const c = await t2.login('demo.tiepnhan');
      const r = await c.post('/api/v1/dossiers', receptionBody());
      expect(r.body.dossier.code).toBe('000.00.01.H56-20261123-0000001');
    } finally {
      await t2.close();
    }
  });
});
