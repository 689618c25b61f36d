// SMS encoding and segments (pure): GSM 03.38 vs UCS-2, Vietnamese diacritics stripping only when it saves
// segments, concatenated parts that never split an escape or a surrogate pair. Table tests with real
// Vietnamese sentences and fast-check properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONCAT_SEGMENT, decodeGsm7, decodeUcs2, encodeGsm7, encodeUcs2, GSM7_BASIC, GSM7_EXTENSION, gsm7Length, isGsm7, SINGLE_SEGMENT, smsEncodingInfo, splitSegments,
  stripVietnameseDiacritics,
} from '../../src/platform/ports/sms-encoding.js';

const lengthIn = (s: string, enc: 'GSM7' | 'UCS2') => (enc === 'GSM7' ? gsm7Length(s) : s.length);

describe('smsEncodingInfo: table', () => {
  it.each([
    ['Ho so 000.00.01.H12-261201-0001 da co ket qua.', 'GSM7', 1, false],
    ['Hồ sơ của ông/bà đã có kết quả.', 'UCS2', 1, false], // fits 70: nothing saved by stripping
    ['', 'GSM7', 1, false],
    ['x'.repeat(160), 'GSM7', 1, false],
    ['x'.repeat(161), 'GSM7', 2, false],
    ['€'.repeat(80), 'GSM7', 1, false],
    ['€'.repeat(81), 'GSM7', 2, false],
    ['Đ'.repeat(70), 'UCS2', 1, false], // stripped "D"*70 is 1 GSM7 segment too: not fewer, diacritics kept
    ['Xin chào 😀', 'UCS2', 1, false], // the emoji is not GSM-7 even stripped
  ] as const)('%j → %s, %i segment(s), stripped %s', (text, encoding, segments, stripped) => {
    const info = smsEncodingInfo(text);
    expect(info.encoding).toBe(encoding);
    expect(info.segments).toBe(segments);
    expect(info.strippedDiacritics).toBe(stripped);
  });

  it('a 127-character Vietnamese notice: 2 UCS-2 segments as written, 1 GSM-7 segment stripped', () => {
    const text = 'Hồ sơ 000.00.12.H56-261202-0007 của ông/bà đã được tiếp nhận. Hẹn trả kết quả ngày 15/12/2026 tại Bộ phận Một cửa UBND xã.';
    expect(text.length).toBeGreaterThan(70);
    const info = smsEncodingInfo(text);
    expect(info).toMatchObject({ encoding: 'GSM7', segments: 1, strippedDiacritics: true, perSegment: 160 });
    expect(info.text).toBe('Ho so 000.00.12.H56-261202-0007 cua ong/ba da duoc tiep nhan. Hen tra ket qua ngay 15/12/2026 tai Bo phan Mot cua UBND xa.');
    expect(info.length).toBe(info.text.length);
  });

  it('strips đ/Đ, tones and hooks, keeps digits and punctuation', () => {
    expect(stripVietnameseDiacritics('Đơn đề nghị cấp Giấy chứng nhận quyền sử dụng đất (mẫu 04a/ĐK)')).toBe(
      'Don de nghi cap Giay chung nhan quyen su dung dat (mau 04a/DK)',
    );
    expect(stripVietnameseDiacritics('ỮỰỲỴỶỸ ữựỳỵỷỹ Ơ ơ Ư ư Ă ă Â â Ê ê Ô ô')).toBe('UUYYYY uuyyyy O o U u A a A a E e O o');
  });

  it('a short Vietnamese text that fits 70 stays in UCS-2 with its diacritics', () => {
    const info = smsEncodingInfo('Hồ sơ đã có kết quả, mời ông/bà đến nhận.');
    expect(info.length).toBeLessThanOrEqual(70);
    expect(info).toMatchObject({ encoding: 'UCS2', segments: 1, strippedDiacritics: false });
  });

  it('a long Vietnamese text that stays UCS-2 (a character outside GSM-7) is cut into 67-unit parts', () => {
    const text = `Thông báo “quan trọng”: ${'Hồ sơ của ông/bà cần bổ sung giấy tờ. '.repeat(5)}`;
    const info = smsEncodingInfo(text);
    expect(info.encoding).toBe('UCS2');
    expect(info.perSegment).toBe(67);
    const parts = splitSegments(info.text, 'UCS2');
    expect(parts.join('')).toBe(text);
    expect(parts.length).toBe(Math.ceil(text.length / 67));
  });

  it('never splits a GSM escape pair or a surrogate pair', () => {
    const g = splitSegments(`${'a'.repeat(152)}€b${'c'.repeat(10)}`, 'GSM7');
    expect(g[0]).toBe('a'.repeat(152));
    expect(g[1]!.startsWith('€')).toBe(true);
    const u = splitSegments(`${'ơ'.repeat(66)}😀${'ơ'.repeat(10)}`, 'UCS2');
    expect(u[0]).toBe('ơ'.repeat(66));
    expect(u[1]!.startsWith('😀')).toBe(true);
  });

  it('refuses to split a non-GSM text as GSM7', () => {
    expect(() => splitSegments('Hồ sơ', 'GSM7')).toThrow();
  });
});

// Arbitraries: Vietnamese-looking text, GSM-7 text with extension characters, any Unicode text.
const viChars = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯ 0123456789.,/-:()'];
const viText = fc.array(fc.constantFrom(...viChars), { maxLength: 500 }).map((a) => a.join(''));
const gsmText = fc.array(fc.constantFrom(...GSM7_BASIC, ...GSM7_EXTENSION), { maxLength: 500 }).map((a) => a.join(''));
const anyText = fc.oneof(viText, gsmText, fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));

describe('smsEncodingInfo: properties', () => {
  it('segments ≥ 1 and equal to the number of parts; parts concatenate to the text; each part within its limit', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const info = smsEncodingInfo(text);
        const parts = splitSegments(info.text, info.encoding);
        expect(info.segments).toBeGreaterThanOrEqual(1);
        expect(parts.length).toBe(info.segments);
        expect(parts.join('')).toBe(info.text);
        const limit = parts.length === 1 ? SINGLE_SEGMENT[info.encoding] : CONCAT_SEGMENT[info.encoding];
        expect(info.perSegment).toBe(limit);
        for (const p of parts) expect(lengthIn(p, info.encoding)).toBeLessThanOrEqual(limit);
        expect(info.length).toBe(lengthIn(info.text, info.encoding));
      }),
      { numRuns: 500 },
    );
  });

  it('no part ends inside a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 60, maxLength: 400 }), (text) => {
        for (const p of splitSegments(text, 'UCS2')) {
          const last = p.charCodeAt(p.length - 1);
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
        }
      }),
    );
  });

  it('stripping never increases segments, and is used only when GSM-7 and strictly fewer segments', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const info = smsEncodingInfo(text);
        if (isGsm7(text)) {
          expect(info).toMatchObject({ encoding: 'GSM7', strippedDiacritics: false, text });
          return;
        }
        const ucs2Segments = splitSegments(text, 'UCS2').length;
        expect(info.segments).toBeLessThanOrEqual(ucs2Segments);
        if (info.strippedDiacritics) {
          expect(info.encoding).toBe('GSM7');
          expect(info.segments).toBeLessThan(ucs2Segments);
          expect(info.text).toBe(stripVietnameseDiacritics(text));
        } else {
          expect(info).toMatchObject({ encoding: 'UCS2', text });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('Vietnamese text always strips to GSM-7, and stripping is idempotent', () => {
    fc.assert(
      fc.property(viText, (text) => {
        const s = stripVietnameseDiacritics(text);
        expect(isGsm7(s)).toBe(true);
        expect(stripVietnameseDiacritics(s)).toBe(s);
        expect(s.length).toBe(text.normalize('NFC').length);
      }),
    );
  });

  it('GSM-7 segments follow the formula when no escape straddles a boundary (basic characters only)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...GSM7_BASIC), { maxLength: 1000 }).map((a) => a.join('')), (text) => {
        const n = text.length;
        expect(smsEncodingInfo(text).segments).toBe(n <= 160 ? 1 : Math.ceil(n / 153));
      }),
    );
  });
});

describe('GSM-7 and UCS-2 octets', () => {
  it('GSM-7 round trip; extension characters take the escape; the octet count is the septet count', () => {
    fc.assert(
      fc.property(gsmText, (text) => {
        const b = encodeGsm7(text);
        expect(b.length).toBe(gsm7Length(text));
        expect(decodeGsm7(b)).toBe(text);
      }),
    );
    expect([...encodeGsm7('@€[a')]).toEqual([0x00, 0x1b, 0x65, 0x1b, 0x3c, 0x61]);
  });

  it('UCS-2 round trip (surrogate pairs as two code units)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(decodeUcs2(encodeUcs2(text))).toBe(text);
        expect(encodeUcs2(text).length).toBe(text.length * 2);
      }),
    );
  });

  it('refuses a non-GSM character', () => {
    expect(() => encodeGsm7('ơ')).toThrow();
  });
});
