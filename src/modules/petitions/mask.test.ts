import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone } from './mask.js';
import { parseSettings } from './petition-settings.js';

describe('masking personal data', () => {
  it('masks names, phones and e-mails', () => {
    expect(maskName('Nguyễn Văn An')).toBe('Nguyễn V. A.');
    expect(maskName('Đức')).toBe('Đ***');
    expect(maskPhone('0912345678')).toBe('09******78');
    expect(maskPhone(null)).toBeNull();
    expect(maskEmail('an.nguyen@example.vn')).toBe('a***@example.vn');
  });
});

describe('petition settings', () => {
  it('defaults to the legal deadlines and survives a broken row', () => {
    expect(parseSettings({})).toEqual({ handleDays: 15, refuseDays: 2, moreInfoDays: 5, publishDays: 2, questionDays: 5, perCitizenPerDay: 5, perIpPerDay: 20 });
    expect(parseSettings({ handleDays: 'x', perCitizenPerDay: 3 }).handleDays).toBe(15);
    expect(parseSettings(null).perCitizenPerDay).toBe(5);
    expect(parseSettings({ perCitizenPerDay: 3 }).perCitizenPerDay).toBe(3);
  });
});
