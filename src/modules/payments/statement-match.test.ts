// Matching a gateway statement with motcua's payments and reading amounts as statements write them (pure).
import { describe, expect, it } from 'vitest';
import { matchStatement, type OurPayment } from './statement-match.js';
import { amountOf } from './statement-parse.js';

const ours: OurPayment[] = [
  { orderRef: 'A1', dossierCode: 'D-1', status: 'paid', amount: 50_000, txnId: 'T1', paidThatDay: true },
  { orderRef: 'A2', dossierCode: 'D-2', status: 'paid', amount: 30_000, txnId: 'T2', paidThatDay: true },
  { orderRef: 'A3', dossierCode: 'D-3', status: 'pending', amount: 20_000, txnId: null, paidThatDay: false },
  { orderRef: 'A4', dossierCode: 'D-4', status: 'paid', amount: 10_000, txnId: 'T4', paidThatDay: true },
];
const row = (line: number, orderRef: string | null, amount: number, txnId: string | null = null) => ({ line, orderRef, txnId, amount, at: null });

describe('matchStatement', () => {
  it('matches by reference and amount, else by transaction number; lists every difference', () => {
    const m = matchStatement([row(2, 'A1', 50_000), row(3, null, 30_000, 'T2'), row(4, 'A3', 20_000), row(5, 'ZZ', 5_000), row(6, 'A4', 1_000), row(7, 'A1', 50_000)], ours);
    expect(m.matched).toBe(2);
    expect(m.differences.map((d) => [d.kind, d.orderRef, d.line])).toEqual([
      ['only_in_statement', 'A3', 4], // the gateway says paid, motcua still waits
      ['only_in_statement', 'ZZ', 5], // unknown here
      ['amount_mismatch', 'A4', 6],
      ['duplicate_in_statement', 'A1', 7],
    ]);
    expect(m.differences[2]).toMatchObject({ ourAmount: 10_000, statementAmount: 1_000, dossierCode: 'D-4' });
    expect(matchStatement([row(2, 'A1', 50_000)], ours).differences.map((d) => [d.kind, d.orderRef])).toEqual([['only_in_motcua', 'A2'], ['only_in_motcua', 'A4']]);
  });
});

describe('amountOf', () => {
  it('reads đồng as statements write them, refuses the rest', () => {
    for (const [s, n] of [['50000', 50_000], ['50.000', 50_000], ['1,250,000', 1_250_000], ['50 000 đ', 50_000], ['VND 56.000', 56_000], ['50000.00', 50_000], ['1.250.000,00', 1_250_000]] as const) expect(amountOf(s), s).toBe(n);
    for (const s of ['', 'abc', '-5000', '50.5', '0', '12,34']) expect(amountOf(s), s).toBeNull();
  });
});
