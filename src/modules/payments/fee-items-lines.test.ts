import { describe, expect, it } from 'vitest';
import { owedFor } from './fee-items.js';
import { suggestedLines } from './fee-suggestion.js';

const line = (name: string, amount: number, extra: Partial<{ kind: 'phi' | 'le_phi'; quantity: number; exemptReason: string; legalBasis: string }> = {}) => {
  const quantity = extra.quantity ?? 1;
  return { name, kind: extra.kind ?? 'le_phi', amount, quantity, total: extra.exemptReason ? 0 : amount * quantity, exemptReason: extra.exemptReason ?? null, legalBasis: extra.legalBasis ?? null } as const;
};

describe("the official's lines win over the catalogue", () => {
  it('charged and exempt lines, the total of the charged ones; the gateway gets only the charged ones', () => {
    const o = owedFor([{ name: 'Lệ phí', amountVnd: 30_000 }], { amount: 70_000, lines: [
      line('Lệ phí cấp phép', 50_000), line('Phí sao y', 10_000, { kind: 'phi', quantity: 2 }), line('Phí thẩm định', 100_000, { kind: 'phi', exemptReason: 'Hộ nghèo', legalBasis: 'NQ 12/2020' }),
    ] });
    expect(o.total).toBe(70_000);
    expect(o.blocked).toBeNull();
    expect(o.items).toEqual([
      { kind: 'le_phi', code: 'CB01', name: 'Lệ phí cấp phép', amount: 50_000 },
      { kind: 'phi', code: 'CB02', name: 'Phí sao y', amount: 20_000 },
    ]);
    expect(o.receiptItems[2]).toEqual({ kind: 'phi', code: 'CB03', name: 'Phí thẩm định', amount: 0, unitAmount: 100_000, quantity: 1, exemptReason: 'Hộ nghèo', legalBasis: 'NQ 12/2020' });
    expect(o.lines.map((l) => l.state)).toEqual(['charged', 'charged', 'exempt']);
  });

  it('every line exempt: nothing to pay', () => {
    expect(owedFor([], { amount: 0, lines: [line('Lệ phí', 50_000, { exemptReason: 'Người có công' })] }).blocked).toBe('free');
  });

  it('a single amount still works as before', () => {
    expect(owedFor([{ name: 'Lệ phí', amountVnd: 30_000 }], 30_000).items).toEqual([{ kind: 'le_phi', code: 'PLP01', name: 'Lệ phí', amount: 30_000 }]);
    expect(owedFor([{ name: 'Lệ phí', amountVnd: 30_000 }], { amount: 45_000, lines: null }).items[0]).toMatchObject({ code: 'TB01', amount: 45_000 });
  });
});

describe('suggested lines from the catalogue', () => {
  it('a price as it is, an exemption with its reason, a unit price, an amount the province sets', () => {
    expect(suggestedLines([
      { name: 'Lệ phí cấp giấy', amountVnd: 50_000 },
      { name: 'Lệ phí', amountVnd: 0, note: 'Miễn lệ phí' },
      { name: 'Phí chứng thực', amountVnd: 2_000, note: '/trang' },
      { name: 'Lệ phí đăng ký', amountVnd: 0, note: 'Do HĐND tỉnh quyết định' },
    ])).toEqual([
      { name: 'Lệ phí cấp giấy', kind: 'le_phi', amount: 50_000, quantity: 1, exemptReason: null, hint: null },
      { name: 'Lệ phí', kind: 'le_phi', amount: 0, quantity: 1, exemptReason: 'Miễn lệ phí', hint: null },
      { name: 'Phí chứng thực', kind: 'phi', amount: 2_000, quantity: 1, exemptReason: null, hint: expect.stringContaining('/trang') },
      { name: 'Lệ phí đăng ký', kind: 'le_phi', amount: 0, quantity: 1, exemptReason: null, hint: 'Do HĐND tỉnh quyết định' },
    ]);
  });
});
