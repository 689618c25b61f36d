// Idempotency-Key support for mutating endpoints: the key row is written in the same transaction as
// the change, so a retry (even a concurrent one) returns the first answer and changes nothing.
//
// At rest, the row holds neither the key nor the answer in clear text (the first answer of a reception
// carries the receipt secret the citizen uses for the public look-up, and personal data):
// - `key` holds SHA-256(Idempotency-Key), never the key itself;
// - `response` holds the answer encrypted with AES-256-GCM under a key derived (HKDF-SHA-256) from the
//   Idempotency-Key the client sent (input key material) and a random server secret (salt; table
//   app_secrets, migration 0008), bound to the principal/method/path (info, and GCM associated data).
// A retry presents the same Idempotency-Key, so the server can decrypt and replay the whole first answer
// (the desk reprints the receipt with its secret), while a copy of the database alone cannot: it lacks
// the Idempotency-Key (only its hash is stored), and without the server secret even a guessed key is
// useless. Clients must send unguessable keys (e.g. random UUIDs), as the web app does.
// Rows written before migration 0008 (clear key, clear answer with the secret stripped by the migration)
// are still read: a clear key is looked up as well, and a clear answer is replayed as it is.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.gen.js';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { JobDefinition } from '../jobs.js';
import { WriteBatch } from '../db/write-batch.js';

import { platformErrors } from '../platform.errors.js';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) throw platformErrors.IDEMPOTENCY_KEY_INVALID();
  return key;
}

const SECRET_NAME = 'idempotency';
const secretCache = new WeakMap<object, Promise<Buffer>>();

/** The server secret (32 random bytes, created by migration 0008), cached per database handle. */
function serverSecret(db: Db): Promise<Buffer> {
  let hit = secretCache.get(db);
  if (!hit) {
    hit = (async () => {
      const row = await db.selectFrom('app_secrets').select('value').where('name', '=', SECRET_NAME).executeTakeFirst();
      if (!row) throw new Error('app_secrets.idempotency is missing (migration 0008)');
      return Buffer.from(row.value as string, 'hex');
    })();
    hit.catch(() => secretCache.delete(db));
    secretCache.set(db, hit);
  }
  return hit;
}

/**
 * Draws a new server secret (a database started from a shared template image must not keep the template's).
 * Only before any answer is stored: answers encrypted under the old salt could no longer be replayed.
 */
export async function renewIdempotencySecret(db: Db): Promise<void> {
  await db.updateTable('app_secrets').set({ value: randomBytes(32).toString('hex') }).where('name', '=', SECRET_NAME).execute();
  secretCache.delete(db);
}

/** Deletes the keys older than `keepDays` (a client retries within minutes; the nightly job keeps a week). */
export async function pruneIdempotencyKeys(db: Db, now: Date, keepDays: number): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(now.getTime() - keepDays * 86_400_000)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

interface Sealed {
  enc: 'aes-256-gcm/hkdf-sha256/v1';
  iv: string;
  tag: string;
  data: string;
}

const isSealed = (x: unknown): x is Sealed =>
  !!x && typeof x === 'object' && (x as Sealed).enc === 'aes-256-gcm/hkdf-sha256/v1';

/** Stored form of an Idempotency-Key: its SHA-256 (hex). */
export const storedKeyOf = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

function contextOf(opts: { principal: string; method: string; path: string }): Buffer {
  return Buffer.from(`motcua idempotency v1\u0000${opts.principal}\u0000${opts.method}\u0000${opts.path}`, 'utf8');
}

function deriveKey(secret: Buffer, idemKey: string, info: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(idemKey, 'utf8'), secret, info, 32));
}

/** Encrypts an answer for the idempotency row (see the header comment). */
export function sealResponse(secret: Buffer, idemKey: string, ctx: { principal: string; method: string; path: string }, body: unknown): Sealed {
  const info = contextOf(ctx);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, idemKey, info), iv);
  cipher.setAAD(info);
  const data = Buffer.concat([cipher.update(JSON.stringify(body ?? null), 'utf8'), cipher.final()]);
  return { enc: 'aes-256-gcm/hkdf-sha256/v1', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function openResponse(secret: Buffer, idemKey: string, ctx: { principal: string; method: string; path: string }, sealed: Sealed): unknown {
  const info = contextOf(ctx);
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, idemKey, info), Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(info);
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8'));
}

/** One Idempotency-Key a write is claimed under: the principal's key for this method, path and request. */
export interface IdempotencyClaim {
  principal: string;
  key?: string;
  method: string;
  path: string;
  request: unknown;
}

type Prior = { status: number; body: unknown };

/**
 * Claims one key in the transaction: null when it is new (now held until commit), the first answer when it was
 * used for the same request; a different request under the same key is refused (IDEMPOTENCY_KEY_REUSED).
 */
async function claimKey(trx: Transaction<DB>, secret: Buffer, c: IdempotencyClaim & { key: string }): Promise<Prior | null> {
  const requestHash = createHash('sha256').update(JSON.stringify(c.request ?? null)).digest('hex');
  const stored = storedKeyOf(c.key);
  // Claim the key; a concurrent holder makes this insert wait until it commits or rolls back. One round trip:
  // the claim, and a row from before migration 0008 (key in clear) under the same key.
  const claim = await sql<{ claimed: string | null; request_hash: string | null; status: number | null; response: unknown; method: string | null; path: string | null }>`
    WITH claim AS (
      INSERT INTO idempotency_keys (principal, key, method, path, request_hash, status)
      VALUES (${c.principal}, ${stored}, ${c.method}, ${c.path}, ${requestHash}, 0)
      ON CONFLICT (principal, key) DO NOTHING RETURNING key)
    SELECT (SELECT key FROM claim) AS claimed, l.request_hash, l.status, l.response, l.method, l.path
    FROM (SELECT 1) AS one
    LEFT JOIN idempotency_keys l ON l.principal = ${c.principal} AND l.key = ${c.key}`.execute(trx);
  const row = claim.rows[0]!;
  const legacy = row.claimed && row.request_hash !== null
    ? { request_hash: row.request_hash, status: row.status!, response: row.response, method: row.method!, path: row.path! }
    : undefined;
  if (row.claimed && !legacy) return null;
  if (legacy) await trx.deleteFrom('idempotency_keys').where('principal', '=', c.principal).where('key', '=', stored).execute();
  const prior = legacy ?? await trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response', 'method', 'path'])
    .where('principal', '=', c.principal)
    .where('key', '=', stored)
    .executeTakeFirstOrThrow();
  if (prior.request_hash !== requestHash || prior.method !== c.method || prior.path !== c.path) {
    throw platformErrors.IDEMPOTENCY_KEY_REUSED();
  }
  return { status: prior.status, body: isSealed(prior.response) ? openResponse(secret, c.key, c, prior.response) : prior.response };
}

function answerUpdate(trx: Transaction<DB>, secret: Buffer, c: IdempotencyClaim & { key: string }, result: Prior) {
  return trx
    .updateTable('idempotency_keys')
    .set({ status: result.status, response: JSON.stringify(sealResponse(secret, c.key, c, result.body)) })
    .where('principal', '=', c.principal)
    .where('key', '=', storedKeyOf(c.key));
}

async function storeAnswer(trx: Transaction<DB>, secret: Buffer, c: IdempotencyClaim & { key: string }, result: Prior): Promise<void> {
  await answerUpdate(trx, secret, c, result).execute();
}

/**
 * Runs `work` in a transaction. With a key, the first completed answer is stored (encrypted) and replayed
 * for retries with the same key and the same request; a different request with the same key is refused.
 * `also`: further keys the same write is known by (e.g. the client's Idempotency-Key beside the server's own
 * key of an online submission); a retry under any of them replays the first answer, which every key keeps.
 * `work` may put its last writes in the batch it is given: they go with the stored answers in one statement.
 */
export async function runIdempotent<T>(
  db: Db,
  opts: IdempotencyClaim & { also?: IdempotencyClaim[] },
  work: (trx: Transaction<DB>, batch: WriteBatch) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const claims = [opts, ...(opts.also ?? [])].filter((c): c is IdempotencyClaim & { key: string } => !!c.key);
  const secret = claims.length > 0 ? await serverSecret(db) : null;
  return db.transaction().execute(async (trx) => {
    const fresh: Array<IdempotencyClaim & { key: string }> = [];
    for (const c of claims) {
      const prior = await claimKey(trx, secret!, c);
      if (!prior) { fresh.push(c); continue; }
      // a key new to this write keeps the answer it replays, so it replays it too
      for (const f of fresh) await storeAnswer(trx, secret!, f, prior);
      return { status: prior.status, body: prior.body as T, replayed: true };
    }
    const batch = new WriteBatch();
    const result = await work(trx, batch);
    for (const c of fresh) batch.add(answerUpdate(trx, secret!, c, result));
    await batch.flush(trx);
    return { ...result, replayed: false };
  });
}

/** Nightly: keys older than MOTCUA_IDEMPOTENCY_KEEP_DAYS go (the table would otherwise grow by every write). */
export const idempotencyPruneJob: JobDefinition = {
  name: 'idempotency-keys-prune', cron: '50 2 * * *',
  run: async (ctx) => ({ deleted: await pruneIdempotencyKeys(ctx.db, ctx.clock.now(), ctx.config.idempotencyKeepDays) }),
};
