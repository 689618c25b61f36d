import { describe, expect, it } from 'vitest';
import { AppError, defineErrors, statusOf } from './errors.js';
import { message } from './i18n/messages.js';

describe('defineErrors: a module error registry where the code owns its status', () => {
  it('builds AppErrors with the declared status, params and extra, and registers both messages', () => {
    const errors = defineErrors({
      TEST_REGISTRY_GONE: { status: 410, vi: 'Hồ sơ {code} đã bị xóa.', en: 'Dossier {code} was deleted.' },
    });
    const err = errors.TEST_REGISTRY_GONE({ code: 'X1' }, { hint: 'h' });
    expect(err).toBeInstanceOf(AppError);
    expect([err.status, err.code, err.params, err.extra]).toEqual([410, 'TEST_REGISTRY_GONE', { code: 'X1' }, { hint: 'h' }]);
    expect(message('TEST_REGISTRY_GONE', 'vi', err.params)).toBe('Hồ sơ X1 đã bị xóa.');
    expect(message('TEST_REGISTRY_GONE', 'en', err.params)).toBe('Dossier X1 was deleted.');
    expect(statusOf('TEST_REGISTRY_GONE')).toBe(410);
  });

  it('refuses one code with two statuses', () => {
    defineErrors({ TEST_REGISTRY_TWICE: { status: 422, vi: 'Sai dữ liệu.', en: 'Bad data.' } });
    expect(() => defineErrors({ TEST_REGISTRY_TWICE: { status: 415, vi: 'Sai dữ liệu.', en: 'Bad data.' } })).toThrow(/422 and 415/);
    // the same declaration again (a module loaded twice) is harmless
    expect(() => defineErrors({ TEST_REGISTRY_TWICE: { status: 422, vi: 'Sai dữ liệu.', en: 'Bad data.' } })).not.toThrow();
  });

  it('refuses messages that are only placeholders, and non-error statuses and odd codes', () => {
    expect(() => defineErrors({ TEST_REGISTRY_EMPTY: { status: 409, vi: '{vi}', en: 'Conflict: {en}' } })).toThrow(/vi message/);
    expect(() => defineErrors({ TEST_REGISTRY_EMPTY_EN: { status: 409, vi: 'Xung đột: {vi}', en: ' {en} ' } })).toThrow(/en message/);
    expect(() => defineErrors({ TEST_REGISTRY_OK: { status: 200, vi: 'Được.', en: 'Fine.' } })).toThrow(/not an error status/);
    expect(() => defineErrors({ 'test-lower': { status: 400, vi: 'Sai.', en: 'Wrong.' } })).toThrow(/UPPER_SNAKE_CASE/);
    expect(statusOf('TEST_REGISTRY_EMPTY')).toBeUndefined();
  });
});
