import { describe, expect, it } from 'vitest';
import { likeEscape, modernTones, nfc, sameName, searchKey, toneKey, unaccent } from './text.js';

describe('toneKey / sameName', () => {
  it('ignores where the tone mark sits (old vs new placement)', () => {
    for (const [a, b] of [
      ['Thanh Hóa', 'Thanh Hoá'],
      ['Hòa', 'Hoà'],
      ['Khánh Hòa', 'Khánh Hoà'],
      ['Thủy', 'Thuỷ'],
      ['Thủy Nguyên', 'Thuỷ Nguyên'],
      ['khỏe', 'khoẻ'],
      ['Quý', 'Qúy'],
      ['Hợp Hòa', 'Hợp Hoà'],
      ['Thuở', 'Thủơ'],
    ]) {
      expect(sameName(a, b), `${a} = ${b}`).toBe(true);
      expect(toneKey(a)).toBe(toneKey(b));
    }
  });

  it('keeps which tone and which vowels', () => {
    for (const [a, b] of [
      ['Hòa', 'Hóa'],
      ['Hòa', 'Hoa'],
      ['Hòa', 'Hỏa'],
      ['Thủy', 'Thùy'],
      ['Hà Nội', 'Hà Nổi'],
      ['Đức', 'Dức'],
      ['Hưng', 'Hùng'],
      ['Thanh Hóa', 'Thanh Hoa'],
      ['Phú', 'Phù'],
    ]) {
      expect(sameName(a, b), `${a} ≠ ${b}`).toBe(false);
    }
  });

  it('ignores case, NFC vs NFD input and extra spaces', () => {
    const nfd = 'Thanh Hóa'.normalize('NFD');
    expect(sameName(nfd, 'Thanh Hóa')).toBe(true);
    expect(sameName('THANH HOÁ', 'thanh hóa')).toBe(true);
    expect(sameName('  Thanh   Hóa ', 'Thanh Hóa')).toBe(true);
    expect(toneKey('Hà Nội').split(' ')).toHaveLength(2);
  });

  it('is stable: applying it twice gives the same key', () => {
    for (const s of ['Thanh Hóa', 'Thuỷ Nguyên', 'Đắk Lắk', 'Hồ Chí Minh']) expect(toneKey(toneKey(s))).toBe(toneKey(s));
  });
});

describe('unaccent / searchKey / nfc', () => {
  it('strips every Vietnamese diacritic, đ included', () => {
    expect(unaccent('Đắk Lắk')).toBe('Dak Lak');
    expect(unaccent('Thừa Thiên Huế')).toBe('Thua Thien Hue');
    expect(unaccent('ỷ ỹ ỵ Ỷ Ỹ Ỵ')).toBe('y y y Y Y Y');
    expect(unaccent('Nguyễn Thị Hồng Nhung')).toBe('Nguyen Thi Hong Nhung');
    expect(unaccent('Hà Nội'.normalize('NFD'))).toBe('Ha Noi');
  });

  it('searchKey lower-cases, unaccents and collapses spaces', () => {
    expect(searchKey('  TRẦN   Minh Đức ')).toBe('tran minh duc');
  });

  it('nfc composes decomposed text', () => {
    const d = 'Hồng Hà'.normalize('NFD');
    expect(d).not.toBe('Hồng Hà');
    expect(nfc(d)).toBe('Hồng Hà');
  });
});

describe('likeEscape', () => {
  it('escapes %, _ and the backslash', () => {
    expect(likeEscape('50%_off\\x')).toBe('50\\%\\_off\\\\x');
    expect(likeEscape('Hạc Thành')).toBe('Hạc Thành');
  });
});

describe('modernTones', () => {
  it('one spelling: the mark on the first vowel of oa, oe, uy without a final consonant; qu is a consonant', () => {
    expect(modernTones('Tỉnh Thanh Hoá')).toBe('Tỉnh Thanh Hóa');
    expect(modernTones('Khánh Hoà, Phường Thuỷ Nguyên')).toBe('Khánh Hòa, Phường Thủy Nguyên');
    expect(modernTones('khoẻ')).toBe('khỏe');
    expect(modernTones('Xã Quý Lộc')).toBe('Xã Quý Lộc');
    expect(modernTones('Phường Hoàng Mai')).toBe('Phường Hoàng Mai');
    expect(modernTones('Xã Hoà (cũ)')).toBe('Xã Hòa (cũ)');
    expect(modernTones('Thanh Hóa')).toBe('Thanh Hóa');
  });
});
