import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocateBudgets,
  defaultProcess,
  forwardTargets,
  nearestFinalStep,
  reachableFrom,
  validateProcess,
  type ProcessDefinition,
  type ProcessStep,
} from './process.js';

const clone = (p: ProcessDefinition): ProcessDefinition => structuredClone(p);
const codes = (p: ProcessDefinition) => validateProcess(p).map((i) => i.code);
const budgets = (L: number) => defaultProcess(L).steps.map((s) => s.budgetHours);

describe('defaultProcess', () => {
  it('has the five usual steps in order', () => {
    const p = defaultProcess(40);
    expect(p.steps.map((s) => s.key)).toEqual(['reception', 'handling', 'approval', 'issue', 'return']);
    expect(p.steps.map((s) => s.role)).toEqual(['reception', 'handler', 'unit_leader', 'clerk', 'return_officer']);
    expect(p.steps[0]!.agency).toBe('receiving_centre');
    expect(p.steps[1]!.agency).toBe('competent_agency');
    expect(p.steps[4]!.agency).toBe('return_point');
    expect(p.legalLimitHours).toBe(40);
  });

  it('is valid for typical limits', () => {
    for (const L of [0, 1, 2, 4, 8, 16, 24, 40, 80, 120, 3.25, 7.5]) expect(validateProcess(defaultProcess(L))).toEqual([]);
  });

  it.each([
    [40, [4, 24, 6, 2, 4]],
    [8, [1, 5, 1, 0.5, 0.5]],
    [4, [0.5, 2, 0.5, 0.5, 0.5]],
    [16, [1.5, 9.5, 2.5, 1, 1.5]],
    [24, [2.5, 14.5, 3.5, 1, 2.5]],
    [0, [0, 0, 0, 0, 0]],
    [1, [0, 0.5, 0.5, 0, 0]],
  ])('limit %s h → %j', (L, expected) => {
    expect(budgets(L)).toEqual(expected);
  });

  it('gives a non-half remainder to handling', () => {
    expect(budgets(3.25)).toEqual([0.5, 1.25, 0.5, 0.5, 0.5]);
  });

  it('accepts custom weights and unit ids', () => {
    const p = defaultProcess(40, { weights: { handling: 40, approval: 35 }, handlerUnitId: 'u1', leaderUnitId: 'u2' });
    expect(p.steps.map((s) => s.budgetHours).reduce((a, b) => a + b)).toBe(40);
    expect(p.steps[2]!.budgetHours).toBeGreaterThan(10);
    expect(p.steps[1]!.unitId).toBe('u1');
    expect(p.steps[2]!.unitId).toBe('u2');
  });

  it('rejects a negative or non-finite limit', () => {
    expect(() => defaultProcess(-1)).toThrow(RangeError);
    expect(() => defaultProcess(Number.NaN)).toThrow(RangeError);
    expect(() => allocateBudgets(8, { handling: -1 })).toThrow(RangeError);
  });

  it('budgets sum exactly, in halves, handling largest, reception/return small (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), (halfHours) => {
        const L = halfHours / 2;
        const b = allocateBudgets(L);
        const values = Object.values(b);
        expect(values.reduce((x, y) => x + y, 0)).toBeCloseTo(L, 9);
        for (const v of values) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(v * 2)).toBe(true);
        }
        expect(b.handling).toBe(Math.max(...values));
        if (L >= 2.5) for (const v of values) expect(v).toBeGreaterThanOrEqual(0.5);
        if (L >= 8) {
          expect(b.reception).toBeLessThanOrEqual(L * 0.15 + 0.5);
          expect(b.return).toBeLessThanOrEqual(L * 0.15 + 0.5);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('graph helpers', () => {
  const p = defaultProcess(40);
  it('reachableFrom and nearestFinalStep', () => {
    expect([...reachableFrom(p, 'approval')]).toEqual(['approval', 'issue', 'return']);
    expect(nearestFinalStep(p, 'handling')?.key).toBe('return');
    expect(nearestFinalStep(p, 'return')?.key).toBe('return');
  });
  it('forwardTargets excludes a final step unless it records the result', () => {
    expect(forwardTargets(p, p.steps[3]!)).toEqual([]);
    const q = clone(p);
    q.steps[4]!.actions.push('record_result');
    expect(forwardTargets(q, q.steps[3]!).map((s) => s.key)).toEqual(['return']);
  });
});

describe('validateProcess', () => {
  const base = () => clone(defaultProcess(40));
  const step = (over: Partial<ProcessStep>): ProcessStep => ({
    key: 'x',
    nameVi: 'X',
    nameEn: 'X',
    role: 'handler',
    agency: 'competent_agency',
    budgetHours: 0,
    actions: ['forward'],
    next: [],
    ...over,
  });

  it('flags an empty process and a bad limit', () => {
    expect(codes({ steps: [], legalLimitHours: 8 })).toEqual(['EMPTY_PROCESS']);
    const p = base();
    p.legalLimitHours = -1;
    expect(codes(p)).toContain('INVALID_LEGAL_LIMIT');
  });

  it('budgets: ≥ 0 and summing to ≤ the limit', () => {
    const p = base();
    p.steps[1]!.budgetHours = -2;
    expect(codes(p)).toContain('INVALID_BUDGET');
    const q = base();
    q.steps[1]!.budgetHours += 1;
    const issues = validateProcess(q);
    expect(issues.map((i) => i.code)).toEqual(['BUDGET_EXCEEDS_LIMIT']);
    expect(issues[0]!.messageVi).toMatch(/vượt/);
    expect(issues[0]!.messageEn).toMatch(/exceed/);
    const r = base();
    r.steps[1]!.budgetHours -= 4; // under the limit is fine
    expect(codes(r)).toEqual([]);
  });

  it('unique non-empty keys and names', () => {
    const p = base();
    p.steps[2]!.key = 'handling';
    expect(codes(p)).toContain('DUPLICATE_KEY');
    const q = base();
    q.steps[2]!.key = ' ';
    expect(codes(q)).toContain('EMPTY_KEY');
    const r = base();
    r.steps[2]!.nameVi = '';
    expect(codes(r)).toContain('MISSING_NAME');
  });

  it('role and agency shape', () => {
    const p = base();
    (p.steps[1] as { role: string }).role = 'janitor';
    expect(codes(p)).toContain('UNKNOWN_ROLE');
    const q = base();
    (q.steps[1] as { agency: unknown }).agency = { agencyId: '' };
    expect(codes(q)).toContain('INVALID_AGENCY');
    const r = base();
    r.steps[1]!.agency = { agencyId: 'dept-9' };
    expect(codes(r)).toEqual([]);
  });

  it('first step is reception at the receiving centre and can accept', () => {
    const p = base();
    p.steps[0]!.agency = 'competent_agency';
    expect(codes(p)).toContain('FIRST_STEP_NOT_RECEPTION');
    const q = base();
    q.steps[0]!.actions = ['forward'];
    expect(codes(q)).toContain('FIRST_STEP_CANNOT_ACCEPT');
    const r = base();
    r.steps = [r.steps[1]!, r.steps[0]!, ...r.steps.slice(2)];
    expect(codes(r)).toContain('FIRST_STEP_NOT_RECEPTION');
  });

  it('actions must exist, be step actions, and suit the role', () => {
    const p = base();
    (p.steps[1]!.actions as string[]).push('fly');
    expect(codes(p)).toContain('UNKNOWN_ACTION');
    const q = base();
    q.steps[1]!.actions.push('claim');
    expect(codes(q)).toContain('NOT_A_STEP_ACTION');
    const r = base();
    r.steps[1]!.actions.push('approve'); // handlers do not approve
    expect(codes(r)).toContain('ACTION_NOT_FOR_ROLE');
    const s = base();
    s.steps[3]!.actions.push('accept'); // clerks do not accept
    expect(codes(s)).toContain('ACTION_NOT_FOR_ROLE');
  });

  it('next keys exist and are not the step itself', () => {
    const p = base();
    p.steps[1]!.next = ['nowhere'];
    expect(codes(p)).toContain('UNKNOWN_NEXT');
    const q = base();
    q.steps[1]!.next = ['handling', 'approval'];
    expect(codes(q)).toContain('NEXT_IS_SELF');
  });

  it('every step reachable from the first', () => {
    const p = base();
    p.steps.push(step({ key: 'orphan', next: ['return'] }));
    expect(codes(p)).toEqual(['UNREACHABLE_STEP']);
  });

  it('cycles need an exit', () => {
    const p = base();
    // handling ⇄ extra, no way out of the loop
    p.steps[1]!.next = ['extra'];
    p.steps.push(step({ key: 'extra', next: ['handling'] }));
    const c = codes(p);
    expect(c).toContain('NO_EXIT');
    expect(c).toContain('UNREACHABLE_STEP'); // approval… no longer reachable
    // a loop with an exit is fine
    const q = base();
    q.steps[1]!.next = ['extra', 'approval'];
    q.steps.push(step({ key: 'extra', next: ['handling'] }));
    expect(codes(q)).toEqual([]);
  });

  it('final steps return the result, after it was recorded', () => {
    const p = base();
    p.steps[4]!.actions = ['request_payment'];
    expect(codes(p)).toContain('FINAL_STEP_CANNOT_RETURN');
    const q = base();
    q.steps[3]!.actions = ['send_back', 'forward']; // nobody records the result
    expect(codes(q)).toContain('RESULT_NOT_RECORDED');
    const r = base();
    r.steps[3]!.next = ['return', 'approval'];
    expect(codes(r)).toContain('RESULT_STEP_NEXT_NOT_FINAL');
  });

  it('accepts a small commune process: reception records and returns', () => {
    const p: ProcessDefinition = {
      legalLimitHours: 4,
      steps: [
        step({ key: 'desk', role: 'reception', agency: 'receiving_centre', budgetHours: 1, actions: ['accept', 'forward', 'refuse'], next: ['sign'] }),
        step({ key: 'sign', role: 'unit_leader', budgetHours: 2, actions: ['approve', 'reject', 'send_back'], next: ['out'] }),
        step({ key: 'out', role: 'reception', agency: 'receiving_centre', budgetHours: 1, actions: ['record_result', 'return_result'], next: [] }),
      ],
    };
    expect(validateProcess(p)).toEqual([]);
  });

  it('every issue has a path and both messages', () => {
    const p = base();
    p.steps[0]!.agency = 'competent_agency';
    p.steps[1]!.budgetHours = Number.NaN;
    p.steps[2]!.next = ['nope'];
    for (const i of validateProcess(p)) {
      expect(i.path).toMatch(/^(steps|legalLimitHours)/);
      expect(i.messageVi.length).toBeGreaterThan(0);
      expect(i.messageEn.length).toBeGreaterThan(0);
    }
  });
});

describe('validation messages name steps, actions and roles as people know them', () => {
  // English labels may be the same words as some keys ("Handler"); what must not show is a snake_case key or a quoted step key
  const EN_INTERNAL = /\b(request_completion|return_result|record_result|unit_leader|return_officer)\b|“(reception|handling|approval|issue|return)”/;
  const INTERNAL = /\b(reception|handling|approval|issue|return|accept|request_completion|return_result|record_result|approve|clerk|handler|unit_leader)\b/;
  const broken = () => {
    const p = defaultProcess(40);
    p.steps[0]!.actions = p.steps[0]!.actions.filter((a) => a !== 'accept'); // FIRST_STEP_CANNOT_ACCEPT
    p.steps[1]!.actions.push('approve'); // ACTION_NOT_FOR_ROLE (handler)
    p.steps[4]!.actions = p.steps[4]!.actions.filter((a) => a !== 'return_result'); // FINAL_STEP_CANNOT_RETURN
    p.steps.push({ ...p.steps[2]!, key: 'orphan', nameVi: 'Bước lẻ', nameEn: 'Stray step', next: ['return'] }); // UNREACHABLE_STEP
    p.steps[1]!.budgetHours = 100; // BUDGET_EXCEEDS_LIMIT
    return p;
  };

  it('no internal key in Vietnamese or English; step names, action labels and role names instead', () => {
    const issues = validateProcess(broken());
    expect(issues.map((i) => i.code).sort()).toEqual(
      ['ACTION_NOT_FOR_ROLE', 'BUDGET_EXCEEDS_LIMIT', 'FINAL_STEP_CANNOT_RETURN', 'FIRST_STEP_CANNOT_ACCEPT', 'UNREACHABLE_STEP'].sort(),
    );
    for (const i of issues) {
      expect(i.messageVi, i.code).not.toMatch(INTERNAL);
      expect(i.messageEn, i.code).not.toMatch(EN_INTERNAL);
    }
    const by = Object.fromEntries(issues.map((i) => [i.code, i]));
    expect(by.ACTION_NOT_FOR_ROLE!.messageVi).toMatch(/^Vai trò .+ không được thực hiện thao tác “.+”$/);
    expect(by.FIRST_STEP_CANNOT_ACCEPT!.messageVi).toBe('Bước đầu tiên phải có thao tác “Tiếp nhận hồ sơ”');
    expect(by.UNREACHABLE_STEP!.messageVi).toBe('Không thể đến bước “Bước lẻ” từ bước đầu');
    expect(by.BUDGET_EXCEEDS_LIMIT!.messageVi).toMatch(/\(\d+(,\d+)? giờ\) vượt thời hạn giải quyết \(40 giờ\)$/);
  });

  it('a step without a name is named by its position; an unknown action or role is quoted as typed', () => {
    const p = defaultProcess(40);
    p.steps[2]!.nameVi = '';
    (p.steps[2]!.actions as string[]).push('fly');
    p.steps[1]!.next = ['handling', 'approval'];
    const issues = validateProcess(p);
    const handling = defaultProcess(40).steps[1]!;
    const self = issues.find((i) => i.code === 'NEXT_IS_SELF')!;
    expect(self.messageVi).toBe(`Bước “${handling.nameVi}” chuyển về chính nó`);
    expect(self.messageEn).toBe(`Step “${handling.nameEn}” forwards to itself`);
    expect(issues.find((i) => i.code === 'MISSING_NAME')!.messageVi).toBe('Bước số 3 chưa có tên');
    expect(issues.find((i) => i.code === 'UNKNOWN_ACTION')!.messageVi).toBe('Thao tác không tồn tại: “fly”');
  });
});
