// Retry delay of a failing outbox message (pure). Exponential from 10 s, doubled per attempt, capped; a
// deterministic ±20 % spread from the message id keeps a burst of failures (provider down) from retrying in
// lock-step, while a test's ManualClock can still predict the next due time exactly.
const BASE_MS = 10_000;

export function backoffMs(attempts: number, maxMs: number, id = ''): number {
  const n = Math.max(1, Math.floor(attempts));
  const raw = BASE_MS * 2 ** Math.min(n - 1, 30);
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  const spread = id ? 0.8 + ((h % 401) / 1000) : 1; // 0.8 … 1.2
  return Math.min(maxMs, Math.round(raw * spread));
}
