// MOTCUA_SMPP_URL and MOTCUA_SMS_BRANDNAME, and the Vietnamese mobile number forms (pure).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/errors.js';
import { brandnameProblem, parseSmsSettings, toInternationalVnMobile, toNationalVnMobile } from '../../src/platform/ports/sms-config.js';

describe('parseSmsSettings', () => {
  it('without MOTCUA_SMPP_URL: the recording adapter (nothing leaves the machine)', () => {
    expect(parseSmsSettings({})).toEqual({ adapter: 'recording' });
    expect(parseSmsSettings({ MOTCUA_SMPP_URL: '  ', MOTCUA_SMS_BRANDNAME: 'UBND' })).toEqual({ adapter: 'recording' });
  });

  it('reads system_id, password (URL-decoded), host, port, TLS and the brandname', () => {
    expect(parseSmsSettings({ MOTCUA_SMPP_URL: 'smpp://dvc_hn:p%40ss1@smsc.example.vn:2776', MOTCUA_SMS_BRANDNAME: 'UBND HN' })).toEqual({
      adapter: 'smpp', host: 'smsc.example.vn', port: 2776, tls: false, systemId: 'dvc_hn', password: 'p@ss1', brandname: 'UBND HN',
    });
    expect(parseSmsSettings({ MOTCUA_SMPP_URL: 'ssmpp://a:b@10.0.0.1', MOTCUA_SMS_BRANDNAME: 'DVC.HCM' })).toMatchObject({ tls: true, port: 3550 });
    expect(parseSmsSettings({ MOTCUA_SMPP_URL: 'smpp://a:b@10.0.0.1', MOTCUA_SMS_BRANDNAME: 'MOTCUA' })).toMatchObject({ port: 2775 });
  });

  it.each([
    [{ MOTCUA_SMPP_URL: 'http://a:b@h:1', MOTCUA_SMS_BRANDNAME: 'X1' }, 'MOTCUA_SMPP_URL'],
    [{ MOTCUA_SMPP_URL: 'not a url', MOTCUA_SMS_BRANDNAME: 'X1' }, 'MOTCUA_SMPP_URL'],
    [{ MOTCUA_SMPP_URL: 'smpp://h:2775', MOTCUA_SMS_BRANDNAME: 'X1' }, 'MOTCUA_SMPP_URL'],
    [{ MOTCUA_SMPP_URL: 'smpp://a:123456789@h:2775', MOTCUA_SMS_BRANDNAME: 'X1' }, 'MOTCUA_SMPP_URL'],
    [{ MOTCUA_SMPP_URL: 'smpp://a:b@h:2775' }, 'MOTCUA_SMS_BRANDNAME'],
    [{ MOTCUA_SMPP_URL: 'smpp://a:b@h:2775', MOTCUA_SMS_BRANDNAME: 'UBNDTINHHANAM' }, 'MOTCUA_SMS_BRANDNAME'],
    [{ MOTCUA_SMPP_URL: 'smpp://a:b@h:2775', MOTCUA_SMS_BRANDNAME: 'Hà Nam' }, 'MOTCUA_SMS_BRANDNAME'],
    [{ MOTCUA_SMPP_URL: 'smpp://a:b@h:2775', MOTCUA_SMS_BRANDNAME: '8088' }, 'MOTCUA_SMS_BRANDNAME'],
  ])('%j → SMS_CONFIG_INVALID naming %s', (env, setting) => {
    const e = (() => {
      try {
        parseSmsSettings(env);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'SMS_CONFIG_INVALID', params: { setting } });
  });

  it('brandnames: ≤ 11 characters, letters/digits/. - _ space, at least one letter', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (b) => {
        const ok = brandnameProblem(b) === null;
        expect(ok).toBe(b.length >= 1 && b.length <= 11 && /^[A-Za-z0-9._ -]+$/.test(b) && /[A-Za-z]/.test(b));
      }),
    );
  });
});

describe('Vietnamese mobile numbers', () => {
  it.each([
    ['0912345678', '84912345678'],
    ['0912 345 678', '84912345678'],
    ['+84 912 345 678', '84912345678'],
    ['84912345678', '84912345678'],
    ['(+84) 38-812-3456', '84388123456'],
    ['0701.234.567', '84701234567'],
    ['0243826123', null], // landline
    ['02438261234', null],
    ['0612345678', null],
    ['091234567', null],
    ['09123456789', null],
    ['+14155550100', null],
    ['', null],
  ])('%j → %s', (raw, intl) => {
    expect(toInternationalVnMobile(raw)).toBe(intl);
    expect(toNationalVnMobile(raw)).toBe(intl ? `0${intl.slice(2)}` : null);
  });

  it('every 0[35789]xxxxxxxx round-trips between the national and international forms', () => {
    fc.assert(
      fc.property(fc.constantFrom('3', '5', '7', '8', '9'), fc.stringMatching(/^\d{8}$/), (p, rest) => {
        const national = `0${p}${rest}`;
        const intl = toInternationalVnMobile(national)!;
        expect(intl).toBe(`84${p}${rest}`);
        expect(toNationalVnMobile(`+${intl}`)).toBe(national);
      }),
    );
  });
});
