import { sql, type Transaction } from "kysely";
import type { Db } from "../db/database.js";
import type { DB } from "../db/schema.js";

type Executor = Db | Transaction<DB>;

export interface OverrideRow {
  day: string;
  working: boolean;
  reason: string;
  set_by: string | null;
  set_at: Date;
}

export function listOverrides(db: Executor): Promise<OverrideRow[]> {
  return db.selectFrom("calendar_overrides").selectAll().orderBy("day").execute();
}

export function upsertOverride(
  db: Executor,
  row: { day: string; working: boolean; reason: string; set_by: string | null },
): Promise<OverrideRow> {
  return db
    .insertInto("calendar_overrides")
    .values(row)
    .onConflict((oc) =>
      oc.column("day").doUpdateSet({
        working: row.working,
        reason: row.reason,
        set_by: row.set_by,
        set_at: sql<Date>`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes a day's override; the deleted row, or undefined when there was none. */
export function deleteOverride(db: Executor, day: string): Promise<OverrideRow | undefined> {
  return db.deleteFrom("calendar_overrides").where("day", "=", day).returningAll().executeTakeFirst();
}
