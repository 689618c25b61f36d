// One-time codes (pure apart from the random source): six decimal digits from the CSPRNG, kept as a keyed
// hash bound to the challenge, compared in constant time.
import { createHmac, randomInt } from 'node:crypto';
import { safeEqual } from '../../platform/auth/secrets.js';

export const CODE_LENGTH = 6;

export const newCode = (): string => String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');

/** Bound to the challenge id, so one code's hash says nothing about another challenge with the same code. */
export const codeHash = (challengeId: string, code: string): string => createHmac('sha256', challengeId).update(code).digest('hex');

export const codeMatches = (challengeId: string, stored: string, typed: string): boolean => safeEqual(codeHash(challengeId, typed), stored);
