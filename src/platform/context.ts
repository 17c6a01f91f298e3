import type { Actor, Ledger } from "../modules/ledger/index.js";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";

/** What a service function needs from the platform. */
export interface ServiceContext {
  db: Db;
  config: Config;
  /** The transparency ledger: record sensitive actions in the same transaction as the action. */
  ledger: Ledger;
}

/** Who is calling a service and under which request: what the ledger records as actor. */
export interface Caller {
  actor: Actor;
  requestId: string | null;
}
