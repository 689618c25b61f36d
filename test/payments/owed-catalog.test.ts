// "What is owed" over the real catalogue: every record of the bundled national and defence catalogues and the 18
// common procedures, every channel — parsed by the catalogue's own parser, then the payments module's rules.
// No database: an in-process loop. Checks that no record breaks the rules, that amounts are whole đồng, that
// "miễn" is an exemption with its reason, "do HĐND tỉnh quyết định" waits for the province's own amount.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseDefenceRecord, parseNationalRecord } from '../../src/modules/catalog/catalog.parse.js';
import { owedFor } from '../../src/modules/payments/fee-items.js';
import { suggestedLines } from '../../src/modules/payments/fee-suggestion.js';
import { feeRequestLines, feeRequestTotal } from '../../src/modules/workflow/fee-request.js';

const DIR = new URL('../../reference-data/tthc/', import.meta.url);
const lines = (name: string) => {
  const raw = readFileSync(new URL(name, DIR));
  return (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').split('\n').filter((l) => l.trim());
};

function check(parsed: ReturnType<typeof parseNationalRecord>, tally: Record<string, number>) {
  for (const c of parsed.channels) {
    const owed = owedFor(c.fees, null);
    tally.channels = (tally.channels ?? 0) + 1;
    tally[owed.blocked ?? 'chargeable'] = (tally[owed.blocked ?? 'chargeable'] ?? 0) + 1;
    expect(Number.isInteger(owed.total) && owed.total >= 0, parsed.code).toBe(true);
    expect(owed.items.reduce((s, i) => s + i.amount, 0), parsed.code).toBe(owed.total);
    for (const l of owed.lines) {
      tally[l.state] = (tally[l.state] ?? 0) + 1;
      if (l.state === 'charged') expect(l.amount, parsed.code).toBeGreaterThan(0);
      else expect(l.amount).toBe(0);
      if (l.state !== 'charged') expect(l.reason, parsed.code).toBeTruthy();
    }
    // the official's notice always gives a chargeable total
    expect(owedFor(c.fees, 12_345)).toMatchObject({ total: 12_345, blocked: null });
    // the lines the request dialog starts from are a valid request as they stand: the catalogue's charged
    // amounts, unit prices once, exemptions with their reason
    if (c.fees.length > 0) {
      const suggested = suggestedLines(c.fees);
      const asRequest = feeRequestLines({ lines: suggested.map(({ hint: _h, exemptReason, ...l }) => ({ ...l, ...(exemptReason ? { exemptReason } : {}) })) })!;
      expect(feeRequestTotal(asRequest), parsed.code).toBe(owed.total + suggested.filter((l, i) => owed.lines[i]!.state === 'per_unit' && l.amount > 0).reduce((s, l) => s + l.amount, 0));
      tally.suggested = (tally.suggested ?? 0) + 1;
    }
  }
}

describe('what is owed, over the bundled catalogue', () => {
  it('every national and defence record, every channel', () => {
    const tally: Record<string, number> = {};
    let records = 0;
    for (const l of lines('tthc_bo_nganh_2026-07.jsonl.gz')) { check(parseNationalRecord(JSON.parse(l)), tally); records++; }
    for (const l of lines('tthc_bqp_structured_207.jsonl')) { check(parseDefenceRecord(JSON.parse(l)), tally); records++; }
    console.log(`owed over ${records} records:`, JSON.stringify(tally));
    expect(records).toBeGreaterThan(1000);
    expect(tally.chargeable).toBeGreaterThan(100);
    expect(tally.exempt).toBeGreaterThan(100);
    expect(tally.set_locally).toBeGreaterThan(10);
  });

  it('the 18 common procedures: the amounts and the cases a desk knows', () => {
    const all = JSON.parse(readFileSync(new URL('tthc_sample_18_common.json', DIR), 'utf8')) as unknown[];
    const by = new Map(all.map((r) => { const p = parseNationalRecord(r); return [p.code, p] as const; }));
    const owed = (code: string, kind: string) => owedFor(by.get(code)!.channels.find((c) => c.kind === kind)!.fees, null);
    // birth registration: free
    expect(owed('1.001193', 'in_person')).toMatchObject({ total: 0, blocked: 'free' });
    // marriage: "Miễn lệ phí" is an exemption with its reason
    expect(owed('1.000894', 'online').lines[0]).toMatchObject({ state: 'exempt', reason: expect.stringMatching(/Miễn lệ phí/) });
    // death registration: the provincial People's Council sets it — not chargeable until the province enters it
    expect(owed('1.000656', 'in_person')).toMatchObject({ total: 0, blocked: 'amount_unknown', lines: [{ state: 'set_locally' }] });
    // permanent residence: 10.000 online, 20.000 at the desk
    expect(owed('1.004222', 'online')).toMatchObject({ total: 10_000, blocked: null, items: [{ amount: 10_000, kind: 'le_phi' }] });
    expect(owed('1.004222', 'in_person').total).toBe(20_000);
    // household business: 150.000 / 50.000
    expect(owed('1.001612', 'online').total).toBe(150_000);
    // adoption: 400.000 per case
    expect(owed('2.001263', 'in_person').total).toBe(400_000);
    // certified copies: a price per page — the desk counts the pages, the notice gives the amount
    expect(owed('2.000815', 'in_person')).toMatchObject({ total: 0, blocked: 'amount_unknown', lines: [{ state: 'per_unit' }] });
    // visa fees in USD: not chargeable in đồng from the catalogue
    expect(owed('1.001194', 'online').lines[0]!.state).toBe('unpriced');
    // ID card: the catalogue lists no fee for the channel
    expect(owed('2.000200', 'online')).toMatchObject({ total: 0, blocked: 'amount_unknown' });
    for (const p of by.values()) check(p, {});
  });
});
