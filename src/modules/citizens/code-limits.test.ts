// The pure rules of one-time codes: when another code may be sent, the identity taken from provider claims,
// and what the citizen sees of the address.
import { describe, expect, it } from 'vitest';
import { codeRequestRefusal } from './code-limits.js';
import { identityFromClaims } from './identity-claims.js';
import { maskAddress } from './sign-in-address.js';
import { codeHash, codeMatches, newCode } from './sign-in-code.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000);
const LIMITS = { codeResendSeconds: 60, codesPerAddressPerHour: 5 };

describe('codeRequestRefusal', () => {
  it('allows the first code and one after the resend interval', () => {
    expect(codeRequestRefusal([], NOW, LIMITS)).toBeNull();
    expect(codeRequestRefusal([ago(60)], NOW, LIMITS)).toBeNull();
  });
  it('refuses within the interval with the seconds left', () => {
    expect(codeRequestRefusal([ago(15)], NOW, LIMITS)).toEqual({ kind: 'too_soon', seconds: 45 });
  });
  it('refuses the sixth code of the hour until the oldest that counts leaves the window', () => {
    const sent = [ago(100), ago(600), ago(1200), ago(1800), ago(3000)];
    expect(codeRequestRefusal(sent, NOW, LIMITS)).toEqual({ kind: 'exhausted', seconds: 600 });
    expect(codeRequestRefusal(sent.slice(0, 4), NOW, LIMITS)).toBeNull();
  });
});

describe('identityFromClaims', () => {
  const now = NOW;
  it('keeps the acr, the name, a real birth date and a valid ID number from the configured claim', () => {
    expect(identityFromClaims({ sub: 's1', acr: 'loa2', name: ' Nguyễn Văn An ', birthdate: '1990-05-01', cccd: '038090012345' }, 'cccd', now))
      .toEqual({ subject: 's1', acr: 'loa2', name: 'Nguyễn Văn An', birthDate: '1990-05-01', idNumber: '038090012345' });
  });
  it('leaves out what is malformed, builds the name from its parts, and says when no acr came', () => {
    expect(identityFromClaims({ sub: 's2', family_name: 'Trần', given_name: 'Bình', birthdate: '1990-02-30', id_number: '12345' }, 'id_number', now))
      .toEqual({ subject: 's2', acr: 'oidc', name: 'Trần Bình', birthDate: null, idNumber: null });
  });
  it('refuses claims without a subject', () => {
    expect(() => identityFromClaims({ name: 'x' }, 'id_number', now)).toThrow('CITIZEN_OIDC_FAILED');
  });
});

describe('codes and masks', () => {
  it('makes six digits, and a hash that matches only its own challenge and code', () => {
    for (let i = 0; i < 50; i++) expect(newCode()).toMatch(/^\d{6}$/);
    const h = codeHash('c1', '123456');
    expect(codeMatches('c1', h, '123456')).toBe(true);
    expect(codeMatches('c1', h, '123457')).toBe(false);
    expect(codeMatches('c2', h, '123456')).toBe(false);
  });
  it('masks phones and e-mails', () => {
    expect(maskAddress({ channel: 'sms', address: '0912345678' })).toBe('0912***678');
    expect(maskAddress({ channel: 'email', address: 'an.nguyen@example.vn' })).toBe('an***@example.vn');
  });
});
