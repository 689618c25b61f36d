// Reading look-up texts and wording the answers (pure): table tests of what people type, properties of the
// parser, the answers' dates and their length as SMS.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsEncodingInfo } from '../../src/platform/ports/sms-encoding.js';
import { parseLookupSms } from '../../src/modules/notifications/sms-lookup-parse.js';
import { NEUTRAL_ANSWER, RATE_LIMITED_ANSWER, STATUS_IN_PLAIN_WORDS, statusAnswer, vnDate } from '../../src/modules/notifications/sms-lookup-reply.js';

const CODE = '000.00.01.H56-261123-0001';

describe('parseLookupSms', () => {
  it.each([
    [`HS ${CODE}`, [CODE], null],
    [`hs ${CODE.toLowerCase()}`, [CODE], null],
    [`   Hs    ${CODE}   `, [CODE], null],
    [`HS${CODE}`, [CODE], null],
    [`HS:${CODE}`, [CODE], null],
    [`HS - ${CODE}.`, [CODE], null],
    [`H S ${CODE}`, [CODE], null],
    [`Hș ${CODE}`, [CODE], null], // a diacritic added by the keyboard
    [`ＨＳ ${CODE}`, [CODE], null], // full-width
    [`HS ${CODE} K7QM2 XW9RT 4HPZC`, [CODE], 'K7QM2XW9RT4HPZC'],
    [`hs ${CODE} k7qm2-xw9rt-4hpzc`, [CODE], 'K7QM2XW9RT4HPZC'],
    [`HS ${CODE}\nK7QM2XW9RT4HPZC`, [CODE], 'K7QM2XW9RT4HPZC'],
    ['HS G09.20-20260609-0092637', ['G09.20-20260609-0092637'], null],
    ['HSG09.20-20260609-0092637', ['G09.20-20260609-0092637', 'HSG09.20-20260609-0092637'], null],
  ])('%j', (text, codes, secret) => {
    expect(parseLookupSms(text)).toEqual({ codes, secret });
  });

  it.each(['', 'HS', 'HS ', 'Xin chao', 'TC 000.00.01', 'HS abc', 'HS ...', 'Hồ sơ của tôi'])('%j is not a look-up', (text) => {
    expect(parseLookupSms(text)).toBeNull();
  });

  const codeArb = fc
    .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 9999 }))
    .map(([a, b, c]) => `${String(a).padStart(3, '0')}.${String(b).padStart(2, '0')}.01.H56-261123-${String(c).padStart(4, '0')}`);
  const spaces = fc.stringMatching(/^ {1,4}$/);

  it('any casing and spacing of "HS <code> [secret]" gives the code and the canonical secret', () => {
    fc.assert(
      fc.property(codeArb, fc.option(fc.stringMatching(/^[2-9A-HJ-NP-Z]{15}$/), { nil: null }), spaces, spaces, fc.boolean(), (code, secret, s1, s2, lower) => {
        let text = `HS${s1}${code}${secret ? `${s2}${secret.slice(0, 5)} ${secret.slice(5, 10)} ${secret.slice(10)}` : ''}`;
        if (lower) text = text.toLowerCase();
        expect(parseLookupSms(text)).toEqual({ codes: [code], secret });
      }),
    );
  });

  it('never throws, and a result always has a code with a digit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseLookupSms(`HS ${text}`);
        if (r) {
          expect(r.codes.length).toBeGreaterThanOrEqual(1);
          for (const c of r.codes) expect(c).toMatch(/\d/);
        }
      }),
    );
  });
});

describe('answers', () => {
  it('status in plain words with the appointment as dd/mm/yyyy in Vietnam time', () => {
    // 2026-12-15T17:30Z is already 16/12 in Vietnam
    expect(statusAnswer({ code: CODE, nationalStatus: 4, appointmentAt: '2026-12-15T17:30:00.000Z', returnedAt: null }))
      .toBe(`Hồ sơ ${CODE}: Đang giải quyết. Hẹn trả kết quả ngày 16/12/2026.`);
    expect(statusAnswer({ code: CODE, nationalStatus: 10, appointmentAt: '2026-12-15T02:00:00Z', returnedAt: '2026-12-14T02:00:00Z' }))
      .toBe(`Hồ sơ ${CODE}: Đã trả kết quả. Ngày trả: 14/12/2026.`);
    expect(statusAnswer({ code: CODE, nationalStatus: 3, appointmentAt: '2026-12-15T02:00:00Z', returnedAt: null })).toBe(`Hồ sơ ${CODE}: Không được tiếp nhận.`);
    expect(vnDate('2026-12-31T16:59:59Z')).toBe('31/12/2026');
    expect(vnDate('2026-12-31T17:00:00Z')).toBe('01/01/2027');
  });

  it('every answer fits one SMS (without diacritics when that is what makes it fit)', () => {
    const texts = [NEUTRAL_ANSWER, RATE_LIMITED_ANSWER];
    for (const s of Object.keys(STATUS_IN_PLAIN_WORDS)) {
      texts.push(statusAnswer({ code: 'G09.20-20260609-0092637', nationalStatus: Number(s), appointmentAt: '2026-12-15T02:00:00Z', returnedAt: '2026-12-14T02:00:00Z' }));
    }
    for (const t of texts) expect(smsEncodingInfo(t).segments, t).toBe(1);
  });
});
