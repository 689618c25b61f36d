// Attaching stored files to dossier events (the EventFiles the context carries, src/platform/event-files.ts). The
// dossier use cases call ctx.eventFiles.attach() inside their transaction, after decide() and before storing the events: every file the action references (result
// documents' fileId, a supplement's fileIds, reception components' fileId) is checked (uploaded to this
// dossier, or staged by the same official before reception; not attached to another event), linked to the
// event (dossier, version, action), and its SHA-256 is written into the event's payload as `files`.
// Ids that are not UUIDs are external references (e.g. a document of the national portal) and left alone.
import type { Db } from '../../platform/db/database.js';
import { documentErrors } from './documents.errors.js';
import * as repo from './documents.repo.js';
import { isUuid } from '../../platform/values.js';
import type { AttachedFile, EventFiles, EventLike, ExtraFileRef } from '../../platform/event-files.js';

/** File ids an event payload refers to (result documents, transfer results, fileIds). */
export function fileIdsOf(payload: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const key of ['documents', 'result'] as const) {
    const list = payload[key];
    if (Array.isArray(list)) for (const d of list) if (d && typeof d === 'object' && typeof (d as { fileId?: unknown }).fileId === 'string') ids.push((d as { fileId: string }).fileId);
  }
  if (Array.isArray(payload.fileIds)) for (const x of payload.fileIds) if (typeof x === 'string') ids.push(x);
  return ids;
}

/**
 * Links the referenced files to the events and records their hashes in the payloads (mutates `events`).
 * `extra` are references from the request that the state machine does not keep (reception components,
 * a supplement's fileIds); they are attached to the first event.
 */
export async function attachFilesToEvents(trx: Db, opts: { userId: string; events: EventLike[]; extra?: ExtraFileRef[] }): Promise<void> {
  const seen = new Set<string>();
  for (const [i, e] of opts.events.entries()) {
    const refs: ExtraFileRef[] = fileIdsOf(e.payload).map((fileId) => ({ fileId }));
    if (i === 0) refs.push(...(opts.extra ?? []));
    const files: AttachedFile[] = [];
    for (const ref of refs) {
      if (!isUuid(ref.fileId) || seen.has(ref.fileId)) continue;
      seen.add(ref.fileId);
      const f = await repo.lockFile(trx, ref.fileId);
      const mine = f && (f.dossier_id === e.dossierId || (f.dossier_id === null && f.uploaded_by === opts.userId));
      if (!f || !mine || f.attached_version !== null) throw documentErrors.FILE_NOT_ATTACHABLE({ fileId: ref.fileId }, { errors: [{ path: 'body', code: 'FILE_NOT_ATTACHABLE', message: ref.fileId }] });
      await repo.markAttached(trx, f.id, { dossierId: e.dossierId, version: e.version, action: e.action, at: new Date(e.at), componentName: ref.componentName, reusedFrom: ref.reusedFrom });
      files.push({ id: f.id, sha256: f.sha256, size: Number(f.size), mediaType: f.media_type, name: f.name });
    }
    if (files.length > 0) e.payload.files = files;
  }
}

/** The documents module's EventFiles, put on the context by the composition root. */
export const documentEventFiles: EventFiles = { attach: attachFilesToEvents };
