import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "./schema.js";
import { runShaped } from "./shaped.js";

function recordingDb() {
  const ran: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      ran.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  return { db, ran };
}

describe("queries built once per shape", () => {
  it("runs the compiled shape with each run's values, keeping the builder's own parameters", async () => {
    const { db, ran } = recordingDb();
    let builds = 0;
    const find = (hash: string) =>
      runShaped(db, "test:token", [hash], ([h]) => {
        builds++;
        return db
          .selectFrom("api_tokens")
          .select("id")
          .where("secret_hash", "=", h as string)
          .where("name", "=", "fixed");
      });
    await find("aaa");
    await find("bbb");
    expect(builds).toBe(1);
    expect(ran.map((r) => r.parameters)).toEqual([
      ["aaa", "fixed"],
      ["bbb", "fixed"],
    ]);
    expect(ran[0]?.sql).toBe(ran[1]?.sql);
  });

  it("refuses a shape that puts a value into the SQL text rather than a parameter", async () => {
    const { db } = recordingDb();
    await expect(
      runShaped(db, "test:inlined", ["x"], ([v]) =>
        db
          .selectFrom("api_tokens")
          .select("id")
          .where("name", "=", sql.lit(v as string)),
      ),
    ).rejects.toThrow(/every value must be a parameter/);
  });
});
