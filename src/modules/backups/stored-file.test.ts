// Stored backup files: plaintext and stored checksums, AES-256-GCM round trip, tampering and wrong keys;
// MOTCUA_BACKUP_KEY parsing.
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStored, readAll, readStored, writeStored } from './stored-file.js';
import { backupKey, ConfigError } from '../../platform/config.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('stored backup files', () => {
  it('in the clear: both checksums are the plaintext one; a changed byte is found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-stored-'));
    try {
      const data = randomBytes(200_000);
      const f = join(dir, 'a');
      const e = await writeStored([data.subarray(0, 1000), data.subarray(1000)], f);
      expect(e).toEqual({ sha256: sha(data), size: data.length, storedSha256: sha(data), storedSize: data.length });
      expect(await checkStored(f, e, false)).toBeNull();
      const b = readFileSync(f);
      b[5] ^= 1;
      writeFileSync(f, b);
      expect(await checkStored(f, e, false)).toMatch(/checksum of the stored bytes/);
      expect(await checkStored(join(dir, 'missing'), e, false)).toMatch(/missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('encrypted: round trip with the key; the stored bytes differ; a wrong key or a changed byte fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-stored-'));
    try {
      const key = randomBytes(32);
      for (const data of [Buffer.alloc(0), Buffer.from('hồ sơ một cửa'), randomBytes(300_000)]) {
        const f = join(dir, `f${data.length}`);
        const e = await writeStored([data], f, key);
        expect(e.sha256).toBe(sha(data));
        expect(e.storedSize).toBe(data.length + 4 + 12 + 16);
        expect(e.storedSha256).not.toBe(e.sha256);
        expect((await readAll(readStored(f, true, key))).equals(data)).toBe(true);
        expect(await checkStored(f, e, true, key)).toBeNull();
        expect(await checkStored(f, e, true, randomBytes(32))).toMatch(/.+/);
        await expect(readAll(readStored(f, true, randomBytes(32)))).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
        await expect(readAll(readStored(f, true))).rejects.toMatchObject({ code: 'BACKUP_KEY_REQUIRED' });
      }
      // two encryptions of the same bytes differ (a fresh nonce per file)
      const a = await writeStored([Buffer.from('x')], join(dir, 'n1'), key);
      const b = await writeStored([Buffer.from('x')], join(dir, 'n2'), key);
      expect(a.storedSha256).not.toBe(b.storedSha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('MOTCUA_BACKUP_KEY: 64 hex digits or base64 of 32 bytes, nothing else', () => {
    const key = randomBytes(32);
    expect(backupKey(key.toString('hex')).equals(key)).toBe(true);
    expect(backupKey(key.toString('base64')).equals(key)).toBe(true);
    for (const bad of ['short', key.toString('hex').slice(2), randomBytes(16).toString('base64')]) expect(() => backupKey(bad)).toThrow(ConfigError);
  });
});
