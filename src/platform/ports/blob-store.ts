// The blob store port (ctx.blobStore, wired in src/app.ts): a folder by default (FsBlobStore, the real
// adapter), an in-memory fake for tests (MemoryBlobStore); an S3-compatible store can implement the same
// four methods. Blobs are content-addressed: the key is the SHA-256 of the bytes, so a name given by a
// user never reaches the file system and identical uploads are stored once.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable as ReadableStream, Transform, Writable } from 'node:stream';

export interface PutOptions {
  /** Abort with BlobTooLarge once more bytes than this arrive. */
  maxBytes: number;
  /** Called with the first bytes (≥ SNIFF bytes or the whole file if shorter); throw to abort early. */
  inspectHead?: (head: Buffer) => void;
}

export interface PutResult {
  sha256: string;
  size: number;
  /** First 64 KiB and last 64 KiB (type detection without reading the blob again). */
  head: Buffer;
  tail: Buffer;
  /** false when an identical blob was already stored. */
  created: boolean;
}

export interface BlobStore {
  put(source: Readable, opts: PutOptions): Promise<PutResult>;
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

export class BlobTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`blob larger than ${limit} bytes`);
  }
}

const EDGE = 64 * 1024;
const HEX64 = /^[0-9a-f]{64}$/;

/** Streams through a hash and a byte counter, keeping the head and a rolling tail. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private headParts: Buffer[] = [];
  private headLen = 0;
  private tailBuf = Buffer.alloc(0);
  private inspected = false;

  constructor(private readonly opts: PutOptions) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    if (this.size > this.opts.maxBytes) return cb(new BlobTooLarge(this.opts.maxBytes));
    this.hash.update(chunk);
    if (this.headLen < EDGE) {
      const part = chunk.subarray(0, EDGE - this.headLen);
      this.headParts.push(part);
      this.headLen += part.length;
    }
    this.tailBuf = Buffer.concat([this.tailBuf, chunk]);
    if (this.tailBuf.length > EDGE) this.tailBuf = this.tailBuf.subarray(this.tailBuf.length - EDGE);
    if (!this.inspected && this.headLen >= 16) {
      this.inspected = true;
      try {
        this.opts.inspectHead?.(this.head);
      } catch (e) {
        return cb(e as Error);
      }
    }
    cb(null, chunk);
  }

  override _flush(cb: (err?: Error | null) => void): void {
    if (!this.inspected) {
      this.inspected = true;
      try {
        this.opts.inspectHead?.(this.head);
      } catch (e) {
        return cb(e as Error);
      }
    }
    cb();
  }

  get head(): Buffer {
    return Buffer.concat(this.headParts);
  }
  get tail(): Buffer {
    return this.tailBuf;
  }
}

/** Folder layout: <root>/sha256/ab/cd/<hash>; uploads land in <root>/tmp and are renamed into place. */
export class FsBlobStore implements BlobStore {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  pathOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error('invalid blob key');
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable, opts: PutOptions): Promise<PutResult> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const meter = new Meter(opts);
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
    } catch (e) {
      await rm(tmp, { force: true });
      // drain what is left so the client gets the answer instead of a reset connection
      source.resume();
      throw e;
    }
    const sha256 = meter.hash.digest('hex');
    const dest = this.pathOf(sha256);
    let created = true;
    if (await this.has(sha256)) {
      created = false;
      await rm(tmp, { force: true });
    } else {
      await mkdir(join(dest, '..'), { recursive: true });
      await rename(tmp, dest);
    }
    return { sha256, size: meter.size, head: meter.head, tail: meter.tail, created };
  }

  async get(sha256: string): Promise<Readable> {
    const p = this.pathOf(sha256);
    await stat(p); // throws ENOENT before the stream starts
    return createReadStream(p);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}

/**
 * The in-process fake: same contract as FsBlobStore (content addressing, size limit while streaming, head
 * inspection, `created`), nothing written to disk. `get` of a missing key rejects like ENOENT does.
 */
export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Buffer>();

  async put(source: Readable, opts: PutOptions): Promise<PutResult> {
    const meter = new Meter(opts);
    const parts: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        parts.push(chunk);
        cb();
      },
    });
    try {
      await pipeline(source, meter, sink);
    } catch (e) {
      source.resume();
      throw e;
    }
    const sha256 = meter.hash.digest('hex');
    const created = !this.blobs.has(sha256);
    if (created) this.blobs.set(sha256, Buffer.concat(parts));
    return { sha256, size: meter.size, head: meter.head, tail: meter.tail, created };
  }

  async get(sha256: string): Promise<Readable> {
    const b = this.blobs.get(sha256);
    if (!b) throw Object.assign(new Error(`blob ${sha256} not found`), { code: 'ENOENT' });
    return ReadableStream.from([b]);
  }

  async has(sha256: string): Promise<boolean> {
    return this.blobs.has(sha256);
  }

  async delete(sha256: string): Promise<void> {
    this.blobs.delete(sha256);
  }
}

/** Reads a whole blob into memory (PDF signing/verification of bounded files). */
export async function readBlob(store: BlobStore, sha256: string): Promise<Buffer> {
  const s = await store.get(sha256);
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}
