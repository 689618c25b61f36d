// Signature verification of an uploaded PDF (nothing is stored).
import { readFile } from 'node:fs/promises';
import type { AppContext } from '../../platform/context.js';
import { sniffFamily } from './sniff.js';
import { verifyPdfSignatures, type VerifyReport } from './signature.js';
import { type UploadSource } from './uploads.js';
import { documentErrors } from './documents.errors.js';

export async function verifyUploadedSignature(ctx: AppContext, src: UploadSource): Promise<VerifyReport & { sha256: string; size: number }> {
  const { createHash } = await import('node:crypto');
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of src.stream) {
    size += (c as Buffer).length;
    if (size > ctx.config.maxFileBytes) {
      src.stream.resume();
      throw documentErrors.FILE_TOO_LARGE({ limit: ctx.config.maxFileBytes });
    }
    parts.push(c as Buffer);
  }
  if ((src.stream as { truncated?: boolean }).truncated) throw documentErrors.FILE_TOO_LARGE({ limit: ctx.config.maxFileBytes });
  const pdf = Buffer.concat(parts);
  if (sniffFamily(pdf) !== 'pdf') throw documentErrors.PDF_REQUIRED();
  let trustedCaPem: string | null = null;
  if (ctx.config.trustedCa) trustedCaPem = await readFile(ctx.config.trustedCa, 'utf8');
  return { ...verifyPdfSignatures(pdf, { trustedCaPem, now: ctx.clock.now() }), sha256: createHash('sha256').update(pdf).digest('hex'), size };
}
