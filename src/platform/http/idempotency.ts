// Idempotency-Key support for mutating endpoints: the key row is written in the same transaction as
// the change, so a retry (even a concurrent one) returns the first answer and changes nothing.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) throw new AppError(400, 'IDEMPOTENCY_KEY_INVALID');
  return key;
}

/**
 * Runs `work` in a transaction. With a key, the first completed answer is stored and replayed for
 * retries with the same key and the same request; a different request with the same key is refused.
 */
export async function runIdempotent<T>(
  db: Db,
  opts: { principal: string; key?: string; method: string; path: string; request: unknown },
  work: (trx: Transaction<any>) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const requestHash = createHash('sha256').update(JSON.stringify(opts.request ?? null)).digest('hex');
  return db.transaction().execute(async (trx) => {
    if (opts.key) {
      // Claim the key; a concurrent holder makes this insert wait until it commits or rolls back.
      const claimed = await sql<{ key: string }>`
        INSERT INTO idempotency_keys (principal, key, method, path, request_hash, status)
        VALUES (${opts.principal}, ${opts.key}, ${opts.method}, ${opts.path}, ${requestHash}, 0)
        ON CONFLICT (principal, key) DO NOTHING RETURNING key`.execute(trx);
      if (claimed.rows.length === 0) {
        const prior = await trx
          .selectFrom('idempotency_keys')
          .select(['request_hash', 'status', 'response', 'method', 'path'])
          .where('principal', '=', opts.principal)
          .where('key', '=', opts.key)
          .executeTakeFirstOrThrow();
        if (prior.request_hash !== requestHash || prior.method !== opts.method || prior.path !== opts.path) {
          throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED');
        }
        return { status: prior.status, body: prior.response as T, replayed: true };
      }
    }
    const result = await work(trx);
    if (opts.key) {
      await trx
        .updateTable('idempotency_keys')
        .set({ status: result.status, response: JSON.stringify(result.body) })
        .where('principal', '=', opts.principal)
        .where('key', '=', opts.key)
        .execute();
    }
    return { ...result, replayed: false };
  });
}
