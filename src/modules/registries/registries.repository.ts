import type { Insertable, Kysely, Transaction } from "kysely";
import type { DB } from "../../platform/db/schema.js";
import { runShaped } from "../../platform/db/shaped.js";
import type { RegistryTable } from "./registries.mapping.js";
import type { RegistryTables } from "./registries.tables.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** A registry row as read: the asked columns and when the row was last updated. */
export type RegistryRow = Record<string, unknown> & { updated_at: Date };

/**
 * Every row of `table` whose key columns (any of them) equal `key`, with only `columns`: one query on
 * the key indexes. Table and column names come from REGISTRY_SPECS, never from the caller's input.
 */
export async function findBySubject(
  db: Conn,
  table: RegistryTable,
  keys: readonly string[],
  key: string,
  columns: readonly string[],
): Promise<RegistryRow[]> {
  const { ref } = db.dynamic;
  // On the exchange's hot path: built once per table, keys and columns (see runShaped).
  const rows = await runShaped(db, `registry:${table}:${keys.join(",")}:${columns.join(",")}`, [key], ([k]) =>
    db
      .selectFrom(table)
      .select([...columns.map((c) => ref(c)), "updated_at"])
      .where((eb) => eb.or(keys.map((name) => eb(ref(name), "=", k as string))))
      .orderBy("updated_at", "desc"),
  );
  return rows as RegistryRow[];
}

/** Rows to load into each registry table (the demo's, or a test's). */
export type RegistryRows = { [T in RegistryTable]?: Insertable<RegistryTables[T]>[] };

/** Inserts the given rows, table by table; returns how many went into each. */
export async function insertRows(db: Conn, rows: RegistryRows): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const load = async <T extends RegistryTable>(table: T): Promise<void> => {
    const values = rows[table];
    if (values && values.length > 0) {
      await db
        .insertInto(table)
        .values(values as Insertable<DB[T]>[])
        .execute();
    }
    counts[table] = values?.length ?? 0;
  };
  await load("registry_household");
  await load("registry_enterprises");
  await load("registry_social_insurance");
  await load("registry_birth_certificates");
  await load("registry_real_estate");
  await load("registry_marriages");
  await load("registry_health_records");
  await load("registry_criminal_records");
  return counts;
}
