import type { Db } from "./db/database.js";

/** Small platform-wide facts (e.g. "the demo was seeded"), kept in platform_state. */
export async function getState<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom("platform_state").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value as T | undefined;
}

export async function setState(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insertInto("platform_state")
    .values({ key, value: JSON.stringify(value), updated_at: new Date() })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }),
    )
    .execute();
}
