import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlatform } from "../../src/platform/bootstrap.js";
import { loadConfig } from "../../src/platform/config.js";
import { migrate } from "../../src/platform/db/migrate.js";
import { SCHEMA_COLUMNS } from "../../src/platform/db/schema-columns.js";
import { runShapedMany } from "../../src/platform/db/shaped.js";
import { seedDemo } from "../../src/seed/seed.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

describe.each(testDatabases())("schema, migrations and demo seed (%s)", (kind) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(kind);
  });
  afterAll(() => t?.close());

  it("has exactly the tables and columns the code declares", async () => {
    const tables = await t.platform.database.db.introspection.getTables();
    const actual = Object.fromEntries(tables.map((tb) => [tb.name, tb.columns.map((c) => c.name).sort()]));
    const expected = Object.fromEntries(
      Object.entries(SCHEMA_COLUMNS).map(([name, cols]) => [name, Object.keys(cols).sort()]),
    );
    expect(actual).toEqual(expected);
  });

  it("applies each migration once, even when run again", async () => {
    expect(await migrate(t.platform.database.db)).toEqual([]);
    const applied = await t.platform.database.db.selectFrom("schema_migrations").select("name").execute();
    expect(applied.length).toBeGreaterThanOrEqual(1);
  });

  it("runs one shape for many items in one statement, one row per item in their order", async () => {
    const db = t.platform.database.db;
    const usernames = (await db.selectFrom("accounts").select("username").orderBy("username").execute()).map(
      (a) => a.username,
    );
    const run = (items: unknown[][]) =>
      runShapedMany<{ found: string | null; next_day: string; listed: boolean; n: number | null }>(
        db,
        "test:batched-accounts",
        ["text", "date", "text[]", "int"],
        items,
        ([name, day, list, n]) =>
          sql`select (select username from accounts where username = ${name}) as found,
                to_char(${day} + 1, 'YYYY-MM-DD') as next_day, ${name} = any(${list}) as listed,
                ${n} + ${sql.lit(1)} as n`,
      );
    const rows = await run([
      [usernames[1], "2026-02-28", [usernames[1]], 1],
      ["nobody", "2024-02-28", [], null],
      [usernames[0], "2026-12-31", ["x", "y"], 41],
    ]);
    expect(rows).toEqual([
      { found: usernames[1], next_day: "2026-03-01", listed: true, n: 2 },
      { found: null, next_day: "2024-02-29", listed: false, n: null },
      { found: usernames[0], next_day: "2027-01-01", listed: false, n: 42 },
    ]);
    expect(await run([["nobody", "2026-01-01", ["nobody"], 0]])).toEqual([
      { found: null, next_day: "2026-01-02", listed: true, n: 1 },
    ]);
  });

  it("seeds the demo only once", async () => {
    const before = await t.platform.database.db.selectFrom("accounts").select("username").execute();
    const again = await seedDemo(t.platform.ctx, { provinces: ["33"] });
    expect(again.seeded).toBe(false);
    const after = await t.platform.database.db.selectFrom("accounts").select("username").execute();
    expect(after.length).toBe(before.length);
    expect(before.map((a) => a.username)).toEqual(
      expect.arrayContaining(["citizen", "enterprise", "officer", "deptadmin", "leader", "auditor", "admin"]),
    );
  });
});

describe.runIf(testDatabases().includes("postgres"))(
  "migrations from several processes at once (postgres)",
  () => {
    it("serialises concurrent start-ups with an advisory lock", async () => {
      const t = await startTestPlatform("postgres");
      // A fresh database beside it, opened by three platforms at the same time.
      const admin = new URL(process.env.TEST_DATABASE_URL as string);
      const name = `yimen_conc_${Date.now()}`;
      await t.platform.database.db.executeQuery(CompiledQuery.raw(`create database ${name}`));
      admin.pathname = `/${name}`;
      const config = loadConfig({}, { databaseUrl: admin.toString() });
      const platforms = await Promise.all([openPlatform(config), openPlatform(config), openPlatform(config)]);
      const applied = platforms.map((p) => p.applied.length);
      expect(applied.filter((n) => n > 0)).toHaveLength(1);
      await Promise.all(platforms.map((p) => p.close()));
      await t.platform.database.db.executeQuery(CompiledQuery.raw(`drop database ${name} with (force)`));
      await t.close();
    });
  },
);

describe("an embedded data folder survives a restart", () => {
  it("keeps what was written, and does not seed the demo again", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const dir = mkdtempSync(path.join(tmpdir(), "yimen-restart-"));
    const config = loadConfig(
      { YIMEN_DEMO_PASSWORD: "Restart-pass-2026" },
      { dataDir: path.join(dir, "data") },
    );
    try {
      const first = await openPlatform(config);
      expect(first.applied.length).toBeGreaterThan(0);
      expect((await seedDemo(first.ctx, { provinces: ["33"] })).seeded).toBe(true);
      await first.database.db
        .updateTable("accounts")
        .set({ display_name: "改过的名字" })
        .where("username", "=", "citizen")
        .execute();
      await first.close();

      const second = await openPlatform(config);
      expect(second.applied).toEqual([]);
      expect((await seedDemo(second.ctx, { provinces: ["33"] })).seeded).toBe(false);
      const citizen = await second.database.db
        .selectFrom("accounts")
        .select("display_name")
        .where("username", "=", "citizen")
        .executeTakeFirstOrThrow();
      expect(citizen.display_name).toBe("改过的名字");
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
