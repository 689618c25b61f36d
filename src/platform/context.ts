// What every service receives: configuration, the database, the clock and the ports (blob store, signer,
// notifier, payment gateway, national portal, postal service). No globals: the composition root
// (src/app.ts composeContext) builds it, tests build it the same way with fakes for some ports.
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { Database, Db } from './db/database.js';
import type { Ports } from './ports/index.js';
import type { EventFiles } from './event-files.js';
import type { ImmutableCache } from './immutable-cache.js';

export interface AppContext extends Ports {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  /** Files linked to dossier events in the dossier transaction (the documents module's, see event-files.ts). */
  eventFiles: EventFiles;
  /** Values that never change once written (a procedure version's channels and components), bounded. */
  immutable: ImmutableCache;
}
