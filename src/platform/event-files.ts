// Linking stored files to dossier events, as the dossier transaction needs it. The dossiers module records
// the events; the files belong to the documents module, which implements this and is handed to the dossiers
// through the context by the composition root (src/app.ts) — so neither module imports the other both ways.
import type { Db } from './db/database.js';

/** A stored file as an event's payload records it (`files`). */
export interface AttachedFile {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
}

/** A file the request refers to beside the event payload (a reception component, a supplement's file). */
export interface ExtraFileRef {
  fileId: string;
  componentName?: string | null;
  reusedFrom?: string | null;
}

/** What of an event the attaching reads and writes (`payload.files`). */
export interface EventLike {
  dossierId: string;
  version: number;
  action: string;
  at: string;
  payload: Record<string, unknown>;
}

export interface EventFiles {
  /**
   * Inside the caller's transaction: checks every file the events and `extra` refer to, links it to its event
   * and writes the files' hashes into the payloads (mutates `events`); refuses a file that is not attachable.
   */
  attach(trx: Db, opts: { userId: string; events: EventLike[]; extra?: ExtraFileRef[] }): Promise<void>;
}
