import { sql } from "kysely";
import type { Db } from "./database.js";
import { migrations } from "./migrations/index.js";

export interface Migration {
  /** Timestamped and named for what it does, e.g. 20261127T0900_create_identity. */
  name: string;
  sql: string;
}

/**
 * Applies pending migrations in name order inside one transaction, under an advisory lock so that
 * several processes starting at once apply each migration exactly once.
 */
export async function migrate(db: Db, list: readonly Migration[] = migrations): Promise<string[]> {
  const sorted = [...list].sort((a, b) => a.name.localeCompare(b.name));
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(72646)`.execute(tx);
    await sql`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`.execute(tx);
    const applied = new Set(
      (await sql<{ name: string }>`select name from schema_migrations`.execute(tx)).rows.map((r) => r.name),
    );
    const done: string[] = [];
    for (const m of sorted) {
      if (applied.has(m.name)) {
        continue;
      }
      await sql.raw(m.sql).execute(tx);
      await sql`insert into schema_migrations (name) values (${m.name})`.execute(tx);
      done.push(m.name);
    }
    return done;
  });
}
