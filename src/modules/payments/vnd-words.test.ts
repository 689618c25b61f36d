import { describe, expect, it } from 'vitest';
import { vndInWords } from './vnd-words.js';

describe('amounts in words', () => {
  it('reads the amounts receipts carry', () => {
    expect(vndInWords(50_000)).toBe('Năm mươi nghìn đồng');
    expect(vndInWords(10_000)).toBe('Mười nghìn đồng');
    expect(vndInWords(400_000)).toBe('Bốn trăm nghìn đồng');
    expect(vndInWords(1_005)).toBe('Một nghìn không trăm lẻ năm đồng');
    expect(vndInWords(21_000)).toBe('Hai mươi mốt nghìn đồng');
    expect(vndInWords(15_000)).toBe('Mười lăm nghìn đồng');
    expect(vndInWords(1_250_000)).toBe('Một triệu hai trăm năm mươi nghìn đồng');
    expect(vndInWords(0)).toBe('Không đồng');
    expect(() => vndInWords(1.5)).toThrow();
  });
});
