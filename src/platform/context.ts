import type { Config } from "./config.js";
import type { Db } from "./db/database.js";

/** What a service function needs from the platform. */
export interface ServiceContext {
  db: Db;
  config: Config;
}
