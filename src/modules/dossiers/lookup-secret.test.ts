import { describe, expect, it } from 'vitest';
import { sha256 } from '../../platform/auth/secrets.js';
import { SECRET_ALPHABET, SECRET_LENGTH, canonicalSecret, newLookupSecret, secretHash, secretMatches } from './lookup-secret.js';

describe('lookup secret typed from paper', () => {
  it('15 symbols of a 32-symbol alphabet without look-alikes, grouped by five: at least the 72 bits of the old secret', () => {
    expect(SECRET_ALPHABET).toHaveLength(32);
    for (const c of 'O0I1-_') expect(SECRET_ALPHABET).not.toContain(c);
    expect(SECRET_LENGTH * Math.log2(SECRET_ALPHABET.length)).toBeGreaterThanOrEqual(72);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const s = newLookupSecret();
      expect(s).toMatch(/^[2-9A-HJ-NP-Z]{5} [2-9A-HJ-NP-Z]{5} [2-9A-HJ-NP-Z]{5}$/);
      seen.add(s);
    }
    expect(seen.size).toBe(2000);
  });

  it('every symbol is used (no bias to a subset)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) for (const c of canonicalSecret(newLookupSecret())) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
  });

  it('matches case-insensitively, with or without spaces or dashes; older secrets match as typed only', () => {
    const s = 'K7QM2 XW9RT 4HPZC';
    const stored = secretHash(s);
    for (const typed of ['K7QM2 XW9RT 4HPZC', 'k7qm2xw9rt4hpzc', ' k7qm2-xw9rt-4hpzc ', 'K7QM2  XW9RT4HPZC']) expect(secretMatches(typed, stored), typed).toBe(true);
    expect(secretMatches('K7QM2 XW9RT 4HPZD', stored)).toBe(false);
    const old = 'aB3_x-Yz9QwE';
    expect(secretMatches(old, sha256(old))).toBe(true);
    expect(secretMatches(old.toLowerCase(), sha256(old))).toBe(false);
    expect(secretMatches(old, null)).toBe(false);
  });
});
