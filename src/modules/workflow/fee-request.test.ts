import { describe, expect, it } from 'vitest';
import { PayloadError } from './payload.js';
import { feeRequestLines, feeRequestTotal } from './fee-request.js';

const fails = (p: Record<string, unknown>): PayloadError => {
  try {
    feeRequestLines(p);
  } catch (e) {
    if (e instanceof PayloadError) return e;
  }
  throw new Error('did not fail');
};

describe('the lines of a payment request', () => {
  it('sums the lines that are not exempt, quantity defaults to 1', () => {
    const lines = feeRequestLines({ lines: [
      { name: 'Lệ phí cấp giấy phép', kind: 'le_phi', amount: 50_000 },
      { name: 'Phí sao y', kind: 'phi', amount: 2_000, quantity: 3 },
      { name: 'Phí thẩm định', kind: 'phi', amount: 100_000, exemptReason: 'Người có công với cách mạng', legalBasis: 'Điều 5 Thông tư 85/2019/TT-BTC' },
    ] })!;
    expect(lines.map((l) => l.total)).toEqual([50_000, 6_000, 0]);
    expect(lines[2]).toMatchObject({ exemptReason: 'Người có công với cách mạng', legalBasis: 'Điều 5 Thông tư 85/2019/TT-BTC', quantity: 1 });
    expect(feeRequestTotal(lines)).toBe(56_000);
  });

  it('no lines: the older single-amount request', () => {
    expect(feeRequestLines({ amount: 10_000 })).toBeNull();
  });

  it('names the failing field', () => {
    expect(fails({ lines: [] }).path).toBe('lines');
    expect(fails({ lines: [{ name: 'A', amount: 1 }, { name: 'B', amount: 1 }, { name: 'C', amount: -5 }] }).path).toBe('lines.2.amount');
    expect(fails({ lines: [{ name: 'A', amount: 1.5 }] }).path).toBe('lines.0.amount');
    expect(fails({ lines: [{ amount: 1 }] }).path).toBe('lines.0.name');
    expect(fails({ lines: [{ name: 'A', amount: 1, kind: 'thue' }] }).path).toBe('lines.0.kind');
    expect(fails({ lines: [{ name: 'A', amount: 1, quantity: 0 }] }).path).toBe('lines.0.quantity');
    expect(fails({ lines: [{ name: 'A', amount: 1, legalBasis: 'NĐ 1' }] }).path).toBe('lines.0.exemptReason');
    expect(fails({ lines: ['x'] }).path).toBe('lines.0');
  });
});
