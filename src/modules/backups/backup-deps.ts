// What the backup use cases need from the application context: the clock, the configuration, the blob
// store and (for a backup) the open database. Restore and verify open their own target or scratch database.
import type { AppContext } from '../../platform/context.js';

export type BackupDeps = Pick<AppContext, 'clock' | 'config' | 'blobStore'>;
export type BackupSourceDeps = BackupDeps & Pick<AppContext, 'database'>;
