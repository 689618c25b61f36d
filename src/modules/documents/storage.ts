// The blob store is a port on the context (ctx.blobStore, wired in src/app.ts); its interface and adapters
// live in platform. Re-exported here so the documents module keeps one import path.
export * from '../../platform/ports/blob-store.js';
