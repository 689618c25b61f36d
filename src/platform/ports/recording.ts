// What the recording adapters share: instead of talking to a provider they keep each call (port, operation,
// idempotency key, the validated message, the answer they gave) in memory and log it, so a deployment without
// a configured provider — the embedded default — shows what would have been sent and nothing leaves the
// machine. One key answers once: a redelivered outbox message (at-least-once) is not recorded twice.
import type { Clock } from '../clock.js';

export interface Recorded {
  port: string;
  op: string;
  idempotencyKey: string;
  at: Date;
  message: unknown;
  result: unknown;
}

/** Where recordings are logged (pino's `info` fits); tests pass nothing. */
export type PortLog = (entry: Omit<Recorded, 'result'>, msg: string) => void;

/** Most recent calls kept (a long-running embedded server must not grow without bound). */
const KEEP = 1000;

export class Recorder {
  private readonly byKey = new Map<string, Recorded>();

  constructor(readonly port: string, private readonly clock: Clock, private readonly log?: PortLog) {}

  /** Every recorded call, oldest first. */
  get entries(): Recorded[] {
    return [...this.byKey.values()];
  }

  of(op: string): Recorded[] {
    return this.entries.filter((e) => e.op === op);
  }

  /** Records once per (op, key) and returns the first answer on a repeat. */
  record<R>(op: string, idempotencyKey: string, message: unknown, answer: () => R): R {
    const k = `${op}\u0000${idempotencyKey}`;
    const seen = this.byKey.get(k);
    if (seen) return seen.result as R;
    const entry: Recorded = { port: this.port, op, idempotencyKey, at: this.clock.now(), message, result: answer() };
    this.byKey.set(k, entry);
    if (this.byKey.size > KEEP) this.byKey.delete(this.byKey.keys().next().value!);
    this.log?.({ port: entry.port, op, idempotencyKey, at: entry.at, message }, `${this.port}.${op} recorded, not sent (recording adapter)`);
    return entry.result as R;
  }
}

/** Calls carry the idempotency key the provider deduplicates by (the outbox passes the message id). */
export interface CallOptions {
  idempotencyKey: string;
}
