// The lookup secret printed on the receipt (form 01), typed by a citizen from paper: upper-case letters and
// digits without look-alikes (no O/0, no I/1) and without '-' or '_', printed in groups of five, read
// case-insensitively and with or without the spaces. 15 characters of a 32-symbol alphabet = 75 bits, above
// the 72 bits of the earlier 12-character base64url secrets, which keep working (compared as typed).
import { randomBytes } from 'node:crypto';
import { safeEqual, sha256 } from '../../platform/auth/secrets.js';

export const SECRET_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const SECRET_LENGTH = 15;

/** "K7QM2 XW9RT 4HPZC": 32 symbols, so one random byte's low 5 bits pick one without bias. */
export function newLookupSecret(): string {
  const bytes = randomBytes(SECRET_LENGTH);
  const chars = [...bytes].map((b) => SECRET_ALPHABET[b & 31]!);
  return [0, 5, 10].map((i) => chars.slice(i, i + 5).join('')).join(' ');
}

/** What is hashed: upper case, separators a citizen may type (spaces, '-', '.', '_') removed. */
export function canonicalSecret(typed: string): string {
  return typed.toUpperCase().replace(/[\s\-_.]+/gu, '');
}

export const secretHash = (secret: string): string => sha256(canonicalSecret(secret));

/** A stored hash matches what was typed: the canonical form (current secrets) or the exact text (older ones). */
export function secretMatches(typed: string, stored: string | null | undefined): boolean {
  const target = stored ?? sha256('\u0000no-dossier');
  const canonical = safeEqual(sha256(canonicalSecret(typed)), target);
  const exact = safeEqual(sha256(typed), target);
  return !!stored && (canonical || exact);
}
