import type { Kysely, Transaction } from "kysely";
import type { DB } from "./schema.js";

/** Runs fn in a transaction, joining the caller's transaction when there already is one. */
export function inTransaction<T>(db: Kysely<DB>, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    return fn(db as Transaction<DB>);
  }
  return db.transaction().execute(fn);
}
