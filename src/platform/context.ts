// What every service receives: configuration, the database and the clock. No globals.
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { Database, Db } from './db/database.js';

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
}
