// Whether one more code may be sent to an address (pure): not within the resend interval of the last one,
// and not more than the hourly allowance.
export interface CodeLimits {
  codeResendSeconds: number;
  codesPerAddressPerHour: number;
}

export type CodeRefusal = { kind: 'too_soon' | 'exhausted'; seconds: number };

/** `sentAt`: the codes sent to the address within the last hour, newest first. */
export function codeRequestRefusal(sentAt: Date[], now: Date, limits: CodeLimits): CodeRefusal | null {
  const last = sentAt[0];
  if (last) {
    const wait = last.getTime() + limits.codeResendSeconds * 1000 - now.getTime();
    if (wait > 0) return { kind: 'too_soon', seconds: Math.ceil(wait / 1000) };
  }
  if (sentAt.length >= limits.codesPerAddressPerHour) {
    // the oldest code that counts leaves the hour window first
    const oldest = sentAt[limits.codesPerAddressPerHour - 1]!;
    return { kind: 'exhausted', seconds: Math.max(1, Math.ceil((oldest.getTime() + 3_600_000 - now.getTime()) / 1000)) };
  }
  return null;
}
