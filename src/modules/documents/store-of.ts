// The blob store of a context: the file system under config.filesDir unless a test or a deployment puts
// another one in (useStore).
import type { AppContext } from '../../platform/context.js';
import { FsBlobStore, type BlobStore } from './storage.js';

const stores = new WeakMap<AppContext, BlobStore>();
export function storeOf(ctx: AppContext): BlobStore {
  let s = stores.get(ctx);
  if (!s) {
    s = new FsBlobStore(ctx.config.filesDir);
    stores.set(ctx, s);
  }
  return s;
}
/** Replaces the blob store (e.g. an S3-compatible implementation). */
export function useStore(ctx: AppContext, store: BlobStore): void {
  stores.set(ctx, store);
}
