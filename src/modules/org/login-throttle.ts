// Sign-in throttling (pure): which counters a login attempt touches and how long each failure blocks.
// Counted per (account name, address) — an attacker is slowed on the accounts they try, while the official
// signing in from their own address is not — and per address over all names (password spraying). Names
// that do not exist are counted exactly like names that do.
import { sha256 } from '../../platform/auth/secrets.js';

/** Failures older than this start the count again. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** An address may fail this many times the per-account threshold over all names. */
export const ADDRESS_FACTOR = 10;

export interface ThrottleKey {
  key: string;
  threshold: number;
}

export function throttleKeys(username: string, ip: string | undefined, threshold: number): ThrottleKey[] {
  const addr = ip ?? 'unknown';
  return [
    { key: `acct:${sha256(username)}|${addr}`, threshold },
    { key: `addr:${addr}`, threshold: threshold * ADDRESS_FACTOR },
  ];
}

/** Failures counted after one more: the count restarts when the last failure is older than the window. */
export function nextFailures(prev: { failures: number; last_failure_at: Date } | undefined, now: Date): number {
  if (!prev || now.getTime() - prev.last_failure_at.getTime() > THROTTLE_WINDOW_MS) return 1;
  return prev.failures + 1;
}

/** From the threshold on, each failure blocks for base × 2^(failures − threshold) seconds (capped at 2^10). */
export function blockedUntil(failures: number, threshold: number, baseSeconds: number, now: Date): Date | null {
  if (failures < threshold) return null;
  const seconds = baseSeconds * 2 ** Math.min(failures - threshold, 10);
  return new Date(now.getTime() + seconds * 1000);
}
