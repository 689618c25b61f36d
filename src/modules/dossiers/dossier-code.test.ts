import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CENTRALISED_PATTERN,
  DEFAULT_DOSSIER_CODE_PATTERN,
  DossierCodeError,
  NATIONAL_PORTAL_PATTERN,
  formatDossierCode,
  looksLikeDossierCode,
  validatePattern,
} from './dossier-code.js';

const codes = (p: string) => validatePattern(p).map((i) => i.code);

describe('formatDossierCode', () => {
  it('default pattern: TT 01/2018 style', () => {
    expect(DEFAULT_DOSSIER_CODE_PATTERN).toBe('{agency}-{YYMMDD}-{seq:4}');
    expect(formatDossierCode(undefined, { agencyCode: '000.00.01.H22', date: '2025-12-31', sequence: 1 })).toBe(
      '000.00.01.H22-251231-0001',
    );
  });

  it('national portal style: YYYYMMDD and 7 digits', () => {
    expect(formatDossierCode(NATIONAL_PORTAL_PATTERN, { agencyCode: 'G09.20', date: '2026-06-09', sequence: 92637 })).toBe(
      'G09.20-20260609-0092637',
    );
  });

  it('centralised services: owner digits before the sequence', () => {
    expect(
      formatDossierCode(CENTRALISED_PATTERN, { agencyCode: 'H22.01', date: '2026-01-25', sequence: 12, ownerCode: '07' }),
    ).toBe('H22.01-260125-070012');
    expect(() => formatDossierCode(CENTRALISED_PATTERN, { agencyCode: 'H22', date: '2026-01-25', sequence: 1 })).toThrow(
      DossierCodeError,
    );
  });

  it('the sequence grows past its width, never truncates', () => {
    const f = (sequence: number) => formatDossierCode(undefined, { agencyCode: 'H22', date: '2026-01-02', sequence });
    expect(f(9999)).toBe('H22-260102-9999');
    expect(f(10000)).toBe('H22-260102-10000');
    expect(f(1234567)).toBe('H22-260102-1234567');
  });

  it('literal text and separate date parts', () => {
    expect(formatDossierCode('HS.{YYYY}.{MM}.{DD}.{agency}.{seq:3}', { agencyCode: 'X1', date: '2026-02-03', sequence: 5 })).toBe(
      'HS.2026.02.03.X1.005',
    );
    expect(formatDossierCode('{agency}-{YY}{MM}{DD}-{seq}', { agencyCode: 'X1', date: '2026-02-03', sequence: 5 })).toBe('X1-260203-0005');
    expect(formatDossierCode('H22-{YYYYMMDD}-{seq:1}', { agencyCode: 'unused', date: '2026-02-03', sequence: 5 })).toBe('H22-20260203-5');
  });

  it('rejects bad input', () => {
    const ok = { agencyCode: 'H22', date: '2026-01-02', sequence: 1 };
    const bad = (over: object, pattern?: string) => () => formatDossierCode(pattern as string, { ...ok, ...over });
    expect(bad({ date: '2026-02-30' })).toThrow(/date/);
    expect(bad({ date: '26-01-02' })).toThrow(DossierCodeError);
    expect(bad({ sequence: 0 })).toThrow(/sequence/);
    expect(bad({ sequence: 1.5 })).toThrow(/sequence/);
    expect(bad({ agencyCode: '' })).toThrow(/agencyCode/);
    expect(bad({ agencyCode: 'H 22' })).toThrow(/agencyCode/);
    expect(bad({}, '{agency}-{seq:4}')).toThrow(/Invalid pattern/);
    try {
      bad({}, '{nope}')();
    } catch (e) {
      expect(e).toBeInstanceOf(DossierCodeError);
      expect((e as DossierCodeError).code).toBe('INVALID_PATTERN');
      expect((e as DossierCodeError).messageVi.length).toBeGreaterThan(0);
    }
  });

  it('codes from valid input look like dossier codes and are unique per sequence (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(DEFAULT_DOSSIER_CODE_PATTERN, NATIONAL_PORTAL_PATTERN, '{agency}.{YYYYMMDD}.{seq:6}'),
        fc.stringMatching(/^[A-Z0-9]{1,3}(\.[A-Z0-9]{1,3}){0,3}$/),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (pattern, agencyCode, date, sequence) => {
          const ymd = date.toISOString().slice(0, 10);
          const code = formatDossierCode(pattern, { agencyCode, date: ymd, sequence });
          expect(looksLikeDossierCode(code)).toBe(true);
          expect(code.endsWith(String(sequence))).toBe(true);
          expect(formatDossierCode(pattern, { agencyCode, date: ymd, sequence: sequence + 1 })).not.toBe(code);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('validatePattern', () => {
  it('accepts the shipped patterns', () => {
    for (const p of [DEFAULT_DOSSIER_CODE_PATTERN, NATIONAL_PORTAL_PATTERN, CENTRALISED_PATTERN, 'H22-{YY}{MM}{DD}-{seq}']) {
      expect(validatePattern(p)).toEqual([]);
    }
  });

  it.each([
    ['', 'EMPTY_PATTERN'],
    ['{agency}-{YYMMDD}-{seq:4}' + 'x'.repeat(100), 'PATTERN_TOO_LONG'],
    ['{agency}-{YYMMDD}-{seq:4', 'UNCLOSED_BRACE'],
    ['{agency}}-{YYMMDD}-{seq:4}', 'STRAY_BRACE'],
    ['{agency}-{YYMMDD}-{sequence}', 'UNKNOWN_TOKEN'],
    ['{agency}-{YYMMDD}-{seq:0}', 'INVALID_WIDTH'],
    ['{agency}-{YYMMDD}-{seq:13}', 'INVALID_WIDTH'],
    ['{agency}-{YYMMDD}', 'MISSING_SEQUENCE'],
    ['{agency}-{YYMMDD}-{seq:4}-{seq:2}', 'DUPLICATE_SEQUENCE'],
    ['{agency}-{seq:4}', 'MISSING_DATE'],
    ['{agency}-{YYYY}{MM}-{seq:4}', 'MISSING_DATE'],
    ['{agency} {YYMMDD}/{seq:4}', 'INVALID_LITERAL'],
  ])('%j → %s', (pattern, code) => {
    const issues = validatePattern(pattern);
    expect(issues.map((i) => i.code)).toContain(code);
    for (const i of issues) {
      expect(i.messageVi.length).toBeGreaterThan(0);
      expect(i.messageEn.length).toBeGreaterThan(0);
      expect(i.index).toBeGreaterThanOrEqual(0);
    }
  });

  it('reports positions', () => {
    expect(validatePattern('{agency}-{YYMMDD}-{bad}').map((i) => [i.code, i.index])).toEqual([
      ['MISSING_SEQUENCE', 0],
      ['UNKNOWN_TOKEN', 18],
    ]);
    expect(codes('{agency}-{YYMMDD}-{seq:4}')).toEqual([]);
  });
});

describe('looksLikeDossierCode (loose)', () => {
  it.each([
    ['000.00.01.H22-251231-0001', true],
    ['G09.20-20260609-0092637', true],
    ['H22.01-260125-070012', true],
    ['HS2026000123', true],
    ['abc', false],
    ['ABCDEFGH', false], // no digit
    ['', false],
    [' 000.00.01.H22-251231-0001', false],
    ['000.00.01.H22-251231-0001-', false],
    ['000 00 01', false],
    ['x'.repeat(60) + '12345', false],
  ])('%j → %s', (s, expected) => {
    expect(looksLikeDossierCode(s)).toBe(expected);
  });
  it('non-strings are not codes', () => {
    expect(looksLikeDossierCode(123456)).toBe(false);
    expect(looksLikeDossierCode(null)).toBe(false);
  });
});
