// Reading the one file part of a multipart upload, with the body's own faults (a missing or wrong boundary,
// a truncated or garbled body) answered as the client's mistake: 400 MULTIPART_INVALID, never a 500.
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../../platform/errors.js';
import { documentErrors } from './documents.errors.js';

/** Errors the multipart parser raised (on the request or later on the file stream), remembered by identity. */
const faults = new WeakSet<object>();

export const malformedMultipart = () =>
  documentErrors.MULTIPART_INVALID({}, {
    errors: [{
      path: 'body',
      code: 'MULTIPART_INVALID',
      messageVi: 'Nội dung multipart/form-data không hợp lệ (thiếu hoặc sai boundary, hoặc bị cắt giữa chừng).',
      messageEn: 'The multipart/form-data body is malformed (missing or wrong boundary, or truncated).',
    }],
  });

/** A parser error keeps its own status when it has one (413 limits); anything else it throws is the body's fault. */
function asClientError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const status = (e as { statusCode?: number }).statusCode;
  return status === 413 ? e : malformedMultipart();
}

/** The first file part; the file stream's parser errors are marked so that `uploadFaults` can recognise them. */
export async function firstFile(req: FastifyRequest): Promise<MultipartFile | undefined> {
  let data: MultipartFile | undefined;
  try {
    data = await req.file();
  } catch (e) {
    throw asClientError(e);
  }
  // a short body may be parsed (and the stream destroyed with its error) before this listener is attached
  const early = data?.file.errored;
  if (early) faults.add(early);
  data?.file.on('error', (e: Error) => faults.add(e));
  return data;
}

/** Runs an upload; an error that came out of the multipart stream becomes 400 MULTIPART_INVALID. */
export async function uploadFaults<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (typeof e === 'object' && e !== null && faults.has(e)) throw asClientError(e);
    throw e;
  }
}
