// Pure parts of notifications: template checks and rendering, quiet hours, addresses.
import { describe, expect, it } from 'vitest';
import { normaliseAddress } from './addresses.js';
import { smsAllowedAt } from './quiet-hours.js';
import { checkTemplate, DEFAULT_TEMPLATES, EVENT_KINDS, renderEmailHtml, renderText, variablesIn } from './templates.js';

const QUIET = { startMinute: 21 * 60, endMinute: 7 * 60 };

describe('templates', () => {
  it('every built-in template uses only its event’s variables', () => {
    for (const e of EVENT_KINDS) for (const c of ['sms', 'email'] as const) expect(checkTemplate(e, c, DEFAULT_TEMPLATES[e][c]), `${e}/${c}`).toEqual([]);
  });
  it('names unknown variables and unbalanced braces on their field', () => {
    const errs = checkTemplate('accepted', 'email', { subject: 'Hồ sơ {{maHoSo}}', body: 'Xin chào {{applicantName}} {{' });
    expect(errs.map((e) => `${e.path}:${e.code}`)).toEqual(['body.subject:TEMPLATE_UNKNOWN_VARIABLE', 'body.body:TEMPLATE_UNBALANCED_BRACES']);
    expect(errs[0]!.messageVi).toContain('{{maHoSo}}');
  });
  it('renders values, never a raw placeholder; escapes HTML', () => {
    expect(variablesIn('{{ a }} và {{b}}')).toEqual(['a', 'b']);
    expect(renderText('Hồ sơ {{dossierCode}}: {{reason}}', { dossierCode: 'H1' })).toBe('Hồ sơ H1: —');
    const html = renderEmailHtml('Lý do: {{reason}}\n\nXem https://x.vn/a', { reason: '<script>' }, { agencyName: 'UBND & xã' });
    expect(html).toContain('Lý do: &lt;script&gt;');
    expect(html).toContain('<a href="https://x.vn/a">');
    expect(html).toContain('UBND &amp; xã');
  });
});

describe('quiet hours (Asia/Ho_Chi_Minh)', () => {
  it('defers an SMS between 21:00 and 07:00 to 07:00, across midnight', () => {
    expect(smsAllowedAt(new Date('2026-11-23T13:59:00Z'), QUIET).toISOString()).toBe('2026-11-23T13:59:00.000Z'); // 20:59
    expect(smsAllowedAt(new Date('2026-11-23T14:00:00Z'), QUIET).toISOString()).toBe('2026-11-24T00:00:00.000Z'); // 21:00 → 07:00
    expect(smsAllowedAt(new Date('2026-11-23T18:30:00Z'), QUIET).toISOString()).toBe('2026-11-24T00:00:00.000Z'); // 01:30 → 07:00
    expect(smsAllowedAt(new Date('2026-11-24T00:00:00Z'), QUIET).toISOString()).toBe('2026-11-24T00:00:00.000Z'); // 07:00
    expect(smsAllowedAt(new Date('2026-11-23T15:00:00Z'), null).toISOString()).toBe('2026-11-23T15:00:00.000Z');
    expect(smsAllowedAt(new Date('2026-11-23T05:00:00Z'), { startMinute: 12 * 60, endMinute: 13 * 60 }).toISOString()).toBe('2026-11-23T06:00:00.000Z');
  });
});

describe('addresses', () => {
  it('keeps Vietnamese mobiles in national form; refuses landlines and bad e-mails with a reason', () => {
    expect(normaliseAddress('sms', '+84 912 345 678')).toEqual({ address: '0912345678', ok: true });
    expect(normaliseAddress('sms', '0237 385 2222').ok).toBe(false);
    expect(normaliseAddress('email', 'Ngoc@Example.VN')).toEqual({ address: 'ngoc@example.vn', ok: true });
    expect(normaliseAddress('email', 'không phải thư').problem).toContain('không hợp lệ');
  });
});
