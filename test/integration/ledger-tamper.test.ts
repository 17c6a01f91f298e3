import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromBase64, verifyConsistency } from "../../shared/ledger/merkle.js";
import { verifyCheckpoint } from "../../shared/ledger/note.js";
import { verifyLog } from "../../shared/ledger/verify.js";
import { integrate, integrateAll, SYSTEM } from "../../src/modules/ledger/index.js";
import { openPlatform } from "../../src/platform/bootstrap.js";
import { loadConfig } from "../../src/platform/config.js";
import { signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

describe.each(testDatabases())(
  "tampering with stored entries is caught, naming the first bad index (%s)",
  (kind) => {
    let t: TestPlatform;
    let url: string;
    let vkey: string;
    beforeAll(async () => {
      t = await startTestPlatform(kind);
      for (const user of ["citizen", "officer", "leader"]) {
        await signIn(t.app, user);
      }
      await integrateAll(t.platform.database.db, t.platform.ctx.ledger.keys);
      url = await t.app.listen({ port: 0, host: "127.0.0.1" });
      vkey = (await t.app.inject({ url: "/ledger/verifier-key" })).body.trim();
      // A database owner can switch the append-only triggers off: the signed checkpoints still tell.
      await sql`alter table ledger_entries disable trigger user`.execute(t.platform.database.db);
    });
    afterAll(() => t?.close());

    const db = () => t.platform.database.db;
    const verify = () => verifyLog({ url, vkey });

    it("is intact to begin with", async () => {
      const result = await verify();
      expect(result).toMatchObject({ ok: true, firstBadIndex: null });
      expect(result.entries).toBeGreaterThan(20);
    });

    it("catches an altered entry", async () => {
      const { body } = await db()
        .selectFrom("ledger_entries")
        .select("body")
        .where("idx", "=", 7)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable("ledger_entries")
        .set({ body: body.replace('"outcome":"success"', '"outcome":"failure"') })
        .where("idx", "=", 7)
        .execute();
      const result = await verify();
      await db().updateTable("ledger_entries").set({ body }).where("idx", "=", 7).execute();
      expect(result.ok).toBe(false);
      expect(result.firstBadIndex).toBe(7);
      expect((await verify()).ok).toBe(true);
    });

    it("catches a deleted entry", async () => {
      const row = await db()
        .selectFrom("ledger_entries")
        .selectAll()
        .where("idx", "=", 11)
        .executeTakeFirstOrThrow();
      const identities = await db()
        .selectFrom("ledger_identities")
        .selectAll()
        .where("seq", "=", row.seq)
        .execute();
      await db().deleteFrom("ledger_identities").where("seq", "=", row.seq).execute();
      await db().deleteFrom("ledger_entries").where("seq", "=", row.seq).execute();
      const result = await verify();
      await db().insertInto("ledger_entries").values(row).execute();
      if (identities.length > 0) {
        await db().insertInto("ledger_identities").values(identities).execute();
      }
      expect(result.ok).toBe(false);
      expect(result.firstBadIndex).toBe(11);
      expect((await verify()).ok).toBe(true);
    });

    it("catches an inserted entry", async () => {
      const shift = async (from: number, by: number) => {
        await sql`update ledger_entries set idx = idx + 1000000 where idx >= ${from}`.execute(db());
        await sql`update ledger_entries set idx = idx - 1000000 + ${by} where idx >= 1000000`.execute(db());
      };
      await shift(5, 1);
      const forged = '{"action":"identity.sign_in","v":1}';
      await db()
        .insertInto("ledger_entries")
        .values({ idx: 5, body: forged, action: "forged", time: new Date(), department_ids: [] })
        .execute();
      const result = await verify();
      await db().deleteFrom("ledger_entries").where("action", "=", "forged").execute();
      await shift(6, -1);
      expect(result.ok).toBe(false);
      expect(result.firstBadIndex).toBe(5);
      expect((await verify()).ok).toBe(true);
    });

    it("catches reordered entries", async () => {
      const a = await db()
        .selectFrom("ledger_entries")
        .select(["seq", "body"])
        .where("idx", "=", 3)
        .executeTakeFirstOrThrow();
      const b = await db()
        .selectFrom("ledger_entries")
        .select(["seq", "body"])
        .where("idx", "=", 9)
        .executeTakeFirstOrThrow();
      const swap = async () => {
        await sql`update ledger_entries set idx = case idx when 3 then -9 when 9 then -3 end where idx in (3, 9)`.execute(
          db(),
        );
        await sql`update ledger_entries set idx = -idx where idx < 0`.execute(db());
      };
      await swap();
      const result = await verify();
      await swap();
      expect(a.body).not.toBe(b.body);
      expect(result.ok).toBe(false);
      expect(result.firstBadIndex).toBe(3);
      expect((await verify()).ok).toBe(true);
    });

    it("says so on the command line: yimen ledger verify --url", async () => {
      const state = path.join(mkdtempSync(path.join(tmpdir(), "yimen-verify-")), "state.json");
      const cli = (...args: string[]) =>
        run(
          process.execPath,
          [path.join(root, "bin/yimen.mjs"), "ledger", "verify", "--url", url, "--state", state, ...args],
          {
            cwd: root,
            env: { ...process.env, YIMEN_FROM_SOURCE: "1" },
          },
        );
      const ok = await cli();
      expect(ok.stdout).toContain("OK: signature, consistency and every entry's inclusion verified");
      const { body } = await db()
        .selectFrom("ledger_entries")
        .select("body")
        .where("idx", "=", 2)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable("ledger_entries")
        .set({ body: `${body} ` })
        .where("idx", "=", 2)
        .execute();
      try {
        await expect(cli()).rejects.toMatchObject({
          code: 1,
          stdout: expect.stringContaining("first bad index: 2"),
        });
      } finally {
        await db().updateTable("ledger_entries").set({ body }).where("idx", "=", 2).execute();
        rmSync(path.dirname(state), { recursive: true, force: true });
      }
    });
  },
);

describe("appends survive a crash before integration, and a failed integration signs nothing", () => {
  it("integrates what was appended before the process died", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "yimen-crash-"));
    const config = loadConfig({}, { dataDir: dir });
    try {
      const first = await openPlatform(config);
      for (let i = 0; i < 5; i++) {
        await first.ctx.ledger.record(first.database.db, {
          action: "test.before",
          actor: SYSTEM,
          outcome: "success",
        });
      }
      await integrateAll(first.database.db, first.ctx.ledger.keys);
      const before = verifyCheckpoint(
        (
          await first.database.db
            .selectFrom("ledger_checkpoints")
            .select("note")
            .orderBy("size", "desc")
            .executeTakeFirstOrThrow()
        ).note,
        first.ctx.ledger.keys.vkey,
      );
      for (let i = 0; i < 3; i++) {
        await first.ctx.ledger.record(first.database.db, {
          action: "test.pending",
          actor: SYSTEM,
          outcome: "success",
        });
      }
      // An integration that fails half-way (here: at signing) leaves everything as it was.
      const broken = {
        ...first.ctx.ledger.keys,
        signNote: () => {
          throw new Error("power cut");
        },
      };
      await expect(integrate(first.database.db, broken)).rejects.toThrow("power cut");
      expect(
        await first.database.db.selectFrom("ledger_entries").select("seq").where("idx", "is", null).execute(),
      ).toHaveLength(3);
      await first.close(); // the process stops before the pending entries are integrated

      const second = await openPlatform(config);
      expect(second.ctx.ledger.keys.vkey).toBe(first.ctx.ledger.keys.vkey);
      const size = await integrateAll(second.database.db, second.ctx.ledger.keys);
      expect(size).toBe(before.size + 3);
      const checkpoints = await second.database.db
        .selectFrom("ledger_checkpoints")
        .select(["size", "note"])
        .orderBy("size")
        .execute();
      const after = verifyCheckpoint(
        checkpoints[checkpoints.length - 1]?.note as string,
        second.ctx.ledger.keys.vkey,
      );
      const { consistencyProof } = await import("../../src/modules/ledger/ledger.service.js");
      const { proof } = await consistencyProof(second.database.db, before.size, after.size);
      verifyConsistency(before.size, after.size, before.root, after.root, proof.map(fromBase64));
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(testDatabases().includes("postgres"))(
  "several server processes appending at once (postgres)",
  () => {
    it("keeps one sequence and signs only checkpoints that extend each other", async () => {
      const t = await startTestPlatform("postgres");
      const dbUrl = new URL(process.env.TEST_DATABASE_URL as string);
      const name = `yimen_ledger_${randomBytes(4).toString("hex")}`;
      await sql.raw(`create database ${name}`).execute(t.platform.database.db);
      dbUrl.pathname = `/${name}`;
      const env = {
        YIMEN_LEDGER_SIGNING_SEED: randomBytes(32).toString("base64"),
        YIMEN_LEDGER_HMAC_KEY: randomBytes(32).toString("base64"),
      };
      const config = loadConfig(env, { databaseUrl: dbUrl.toString() });
      const processes = await Promise.all([openPlatform(config), openPlatform(config), openPlatform(config)]);
      try {
        await Promise.all(
          processes.map(async (p, n) => {
            for (let i = 0; i < 60; i++) {
              await p.database.db.transaction().execute((tx) =>
                p.ctx.ledger.record(tx, {
                  action: `test.process${n}`,
                  actor: SYSTEM,
                  outcome: "success",
                  details: { i },
                }),
              );
              if (i % 7 === 0) {
                await integrate(p.database.db, p.ctx.ledger.keys);
              }
            }
            await integrateAll(p.database.db, p.ctx.ledger.keys);
          }),
        );
        const db = processes[0]?.database.db as typeof t.platform.database.db;
        const indices = (await db.selectFrom("ledger_entries").select("idx").orderBy("idx").execute()).map(
          (r) => r.idx,
        );
        expect(indices).toEqual(Array.from({ length: 180 }, (_, i) => i));
        const keys = processes[0]?.ctx.ledger.keys;
        const checkpoints = (
          await db.selectFrom("ledger_checkpoints").select("note").orderBy("size").execute()
        ).map((c) => verifyCheckpoint(c.note, keys?.vkey as string));
        expect(checkpoints[checkpoints.length - 1]?.size).toBe(180);
        const { consistencyProof } = await import("../../src/modules/ledger/ledger.service.js");
        for (let i = 1; i < checkpoints.length; i++) {
          const a = checkpoints[i - 1] as { size: number; root: Uint8Array };
          const b = checkpoints[i] as { size: number; root: Uint8Array };
          const { proof } = await consistencyProof(db, a.size, b.size);
          verifyConsistency(a.size, b.size, a.root, b.root, proof.map(fromBase64));
        }
      } finally {
        await Promise.all(processes.map((p) => p.close()));
        await sql.raw(`drop database ${name} with (force)`).execute(t.platform.database.db);
        await t.close();
      }
    });
  },
);
