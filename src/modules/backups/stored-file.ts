// Writing and reading the files of a backup, optionally encrypted at rest: AES-256-GCM per file, layout
// "MCB1" + 12-byte nonce + ciphertext + 16-byte tag. Checksums are kept of the plaintext and of the stored bytes.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { backupErrors } from './backups.errors.js';
import type { StoredFile } from './manifest.js';

const MAGIC = Buffer.from('MCB1');
const AAD = Buffer.from('motcua-backup-v1');
const HEADER = MAGIC.length + 12;
const TAG = 16;

/** A check value of the key (never the key): tells a wrong key from a corrupted file. */
export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('motcua-backup-key-check').digest('hex').slice(0, 32);
}

/** Streams `src` into `dest` (which must not exist), encrypting with `key` when given. */
export async function writeStored(src: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>, dest: string, key?: Buffer): Promise<StoredFile> {
  const plain = createHash('sha256');
  const stored = createHash('sha256');
  let size = 0;
  let storedSize = 0;
  async function* gen() {
    function* out(b: Buffer) {
      if (!b.length) return;
      stored.update(b);
      storedSize += b.length;
      yield b;
    }
    const nonce = randomBytes(12);
    const cipher = key ? createCipheriv('aes-256-gcm', key, nonce).setAAD(AAD) : undefined;
    if (cipher) yield* out(Buffer.concat([MAGIC, nonce]));
    for await (const chunk of src) {
      const c = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      plain.update(c);
      size += c.length;
      yield* out(cipher ? cipher.update(c) : c);
    }
    if (cipher) {
      yield* out(cipher.final());
      yield* out(cipher.getAuthTag());
    }
  }
  await mkdir(dirname(dest), { recursive: true });
  await pipeline(Readable.from(gen()), createWriteStream(dest, { flags: 'wx', mode: 0o600 }));
  return { sha256: plain.digest('hex'), size, storedSha256: stored.digest('hex'), storedSize };
}

/** The plaintext of a stored file. With a key, the GCM tag is checked at the end (the iteration throws). */
export async function* readStored(path: string, encrypted: boolean, key?: Buffer): AsyncGenerator<Buffer> {
  if (!encrypted) {
    for await (const c of createReadStream(path)) yield c as Buffer;
    return;
  }
  if (!key) throw backupErrors.BACKUP_KEY_REQUIRED();
  const { size } = await stat(path);
  if (size < HEADER + TAG) throw backupErrors.BACKUP_CORRUPT({ detail: `${path}: too short` });
  const fh = await open(path, 'r');
  const head = Buffer.alloc(HEADER);
  const tag = Buffer.alloc(TAG);
  try {
    await fh.read(head, 0, HEADER, 0);
    await fh.read(tag, 0, TAG, size - TAG);
  } finally {
    await fh.close();
  }
  if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw backupErrors.BACKUP_CORRUPT({ detail: `${path}: not an encrypted backup file` });
  const decipher = createDecipheriv('aes-256-gcm', key, head.subarray(MAGIC.length)).setAAD(AAD).setAuthTag(tag);
  if (size > HEADER + TAG) {
    for await (const c of createReadStream(path, { start: HEADER, end: size - TAG - 1 })) yield decipher.update(c as Buffer);
  }
  try {
    yield decipher.final();
  } catch {
    throw backupErrors.BACKUP_CORRUPT({ detail: `${path}: authentication failed` });
  }
}

/** Checks a stored file against its manifest entry: the stored bytes, then the plaintext (decrypting). */
export async function checkStored(path: string, entry: StoredFile, encrypted: boolean, key?: Buffer): Promise<string | null> {
  let st;
  try {
    st = await stat(path);
  } catch {
    return `${path}: missing`;
  }
  if (st.size !== entry.storedSize) return `${path}: ${st.size} bytes, the manifest says ${entry.storedSize}`;
  const stored = createHash('sha256');
  for await (const c of createReadStream(path)) stored.update(c as Buffer);
  if (stored.digest('hex') !== entry.storedSha256) return `${path}: checksum of the stored bytes differs from the manifest`;
  if (!encrypted) return entry.sha256 === entry.storedSha256 && entry.size === entry.storedSize ? null : `${path}: plaintext checksum differs from the manifest`;
  const plain = createHash('sha256');
  let size = 0;
  try {
    for await (const c of readStored(path, true, key)) {
      plain.update(c);
      size += c.length;
    }
  } catch (e) {
    return `${path}: ${(e as Error).message}`;
  }
  if (size !== entry.size || plain.digest('hex') !== entry.sha256) return `${path}: plaintext checksum differs from the manifest`;
  return null;
}

export async function readAll(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(c);
  return Buffer.concat(parts);
}
