// MUST SHOW (issue 11): catalogue procedures received over HTTP at a demo desk with the catalogue's components of
// their first case and forwarded to a competent handler. The suite runs the 8 common procedures and a
// deterministic sample (every 25th province/commune procedure); bench/every-procedure.ts runs all of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCatalog } from '../../src/modules/catalog/catalog.import.js';
import { startDossierApp } from './fixtures.js';
import type { TestApp } from '../helpers.js';
import { clientPool, receiveAndForward, summarise, targetsOf, type Outcome } from './every-procedure.js';

const COMMON = ['1.001193', '1.000894', '1.000656', '1.004222', '1.004194', '1.001612', '2.000815', '2.000884'];

let t: TestApp;
beforeAll(async () => {
  t = await startDossierApp();
});
afterAll(async () => t?.close());

describe('every real procedure at the desk', () => {
  it('the 8 common procedures are received with their catalogue components and reach a handler who can act', async () => {
    const pool = clientPool((u) => t.login(u));
    const outcomes: Outcome[] = [];
    for (const code of COMMON) outcomes.push(await receiveAndForward(pool, code, 'commune'));
    expect(outcomes.filter((o) => !o.ok), summarise(outcomes)).toEqual([]);
    // residence goes to the commune police, civil status to the commune People's Committee
    expect(outcomes.find((o) => o.code === '1.004222')!.competent).toBe('000.11.02.H56');
    expect(outcomes.find((o) => o.code === '1.001193')!.competent).toBe('000.11.00.H56');
    expect(outcomes.every((o) => (o.components ?? 0) > 0)).toBe(true);
  }, 300_000);

  it('a deterministic sample of every 25th province and commune procedure: all reach a competent handler, or the reason is a time limit the catalogue lacks', async () => {
    const pool = clientPool((u) => t.login(u));
    const targets = targetsOf(referenceCatalog().parsed).filter((_, i) => i % 25 === 0);
    const outcomes: Outcome[] = [];
    for (const x of targets) outcomes.push(await receiveAndForward(pool, x.code, x.level));
    console.log(summarise(outcomes));
    expect(targets.length).toBeGreaterThan(60);
    const unexpected = outcomes.filter((o) => !o.ok && !/PROCEDURE_NO_TIME_LIMIT/.test(o.reason ?? ''));
    expect(unexpected, summarise(outcomes)).toEqual([]);
    expect(outcomes.filter((o) => o.ok).length / outcomes.length).toBeGreaterThan(0.75);
  }, 600_000);
});
