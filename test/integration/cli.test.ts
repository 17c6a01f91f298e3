import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "yimen-cli-"));

function yimen(...args: string[]) {
  return run(
    process.execPath,
    [
      path.join(root, "bin/yimen.mjs"),
      ...args,
      ...(args[0] === "--help" || args[1] === "roles" ? [] : ["--data-dir", dataDir]),
    ],
    {
      cwd: root,
      env: { ...process.env, YIMEN_FROM_SOURCE: "1", DATABASE_URL: "" },
    },
  );
}

describe("the yimen command line", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("lists its commands", async () => {
    const { stdout } = await yimen("--help");
    for (const command of ["serve", "migrate", "seed", "accounts", "requests", "open311"]) {
      expect(stdout).toContain(command);
    }
  });

  it("lists roles", async () => {
    const { stdout } = await yimen("accounts", "roles");
    expect(stdout).toContain("platform_admin");
    expect(stdout).toContain("审计监督");
  });

  it("migrates, creates an account, resets its password and lists it, on an embedded database", async () => {
    const migrated = await yimen("migrate");
    expect(migrated.stdout).toMatch(/applied: 2026/);
    expect((await yimen("migrate")).stdout).toContain("up to date");
    const created = await yimen("accounts", "create", "-u", "ops.zhang", "-n", "张运维", "-r", "auditor");
    expect(created.stdout).toContain("created ops.zhang (auditor)");
    expect(created.stdout).toMatch(/initial password \(shown once\): \S{12,}/);
    const reset = await yimen(
      "accounts",
      "reset-password",
      "-u",
      "ops.zhang",
      "--password",
      "Brand-new-pass-2026",
    );
    expect(reset.stdout).toContain("password of ops.zhang reset");
    const list = await yimen("accounts", "list");
    expect(list.stdout).toMatch(/ops\.zhang\s+active\s+auditor/);
  });

  it("fails with a clear message and a non-zero exit on bad input", async () => {
    await expect(yimen("accounts", "create", "-u", "x.y", "-n", "X", "-r", "emperor")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("unknown role emperor"),
    });
    await expect(yimen("accounts", "reset-password", "-u", "nobody")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("not found"),
    });
  });
});

describe("Open311 keys and request categories from the command line", () => {
  it("issues an Open311 API key on the embedded database (server stopped) and stores only its hash", async () => {
    const created = await yimen("open311", "keys", "create", "--name", "城市 App");
    expect(created.stdout).toContain('created Open311 API key "城市 App"');
    const key = /api_key \(shown once\): (o311_\S+)/.exec(created.stdout)?.[1];
    expect(key).toMatch(/^o311_[A-Za-z0-9_-]{40,}$/);
    const list = await yimen("open311", "keys", "list");
    expect(list.stdout).toContain("城市 App");
    expect(list.stdout).not.toContain(key);
  }, 180_000);

  it("imports a level1,level2,level3 CSV", async () => {
    const csv = path.join(dataDir, "taxonomy.csv");
    writeFileSync(csv, "level1,level2,level3\n城乡建设,安全生产,事故处理\n城乡建设,安全生产,安全隐患\n");
    expect((await yimen("requests", "categories", "import", "--csv", csv)).stdout).toContain(
      "rows: 2, categories created: 4",
    );
    expect((await yimen("requests", "categories", "import", "--csv", csv)).stdout).toContain(
      "categories created: 0",
    );
    expect((await yimen("requests", "categories", "list")).stdout).toMatch(/ {4}安全隐患 \[/);
    await expect(
      yimen("requests", "categories", "import", "--csv", path.join(dataDir, "missing.csv")),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("cannot read"),
    });
  }, 240_000);

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "issues an Open311 key on PostgreSQL while the platform runs, and the running server accepts it",
    async () => {
      const t = await startTestPlatform("postgres");
      try {
        const url = t.platform.config.databaseUrl as string;
        const { stdout } = await run(
          process.execPath,
          [
            path.join(root, "bin/yimen.mjs"),
            "open311",
            "keys",
            "create",
            "--name",
            "PG client",
            "--data-dir",
            dataDir,
          ],
          { cwd: root, env: { ...process.env, YIMEN_FROM_SOURCE: "1", DATABASE_URL: url } },
        );
        const key = /api_key \(shown once\): (o311_\S+)/.exec(stdout)?.[1] as string;
        const res = await t.app.inject({
          method: "POST",
          url: "/open311/v2/requests.json",
          payload: {
            api_key: key,
            service_code: "construction-utilities",
            lat: "30.25",
            long: "120.17",
            description: "路灯不亮",
          },
        });
        expect(res.statusCode).toBe(201);
      } finally {
        await t.close();
      }
    },
    180_000,
  );
});

describe("the embedded database is used by one process at a time", () => {
  it("refuses a second process with a clear message while the first holds it", async () => {
    const { openDatabase } = await import("../../src/platform/db/database.js");
    const dir = mkdtempSync(path.join(tmpdir(), "yimen-lock-"));
    const first = await openDatabase({ databaseUrl: null, dataDir: path.join(dir, "pg", "pglite") });
    try {
      await expect(
        run(
          process.execPath,
          [path.join(root, "bin/yimen.mjs"), "migrate", "--data-dir", path.join(dir, "pg")],
          {
            cwd: root,
            env: { ...process.env, YIMEN_FROM_SOURCE: "1", DATABASE_URL: "" },
          },
        ),
      ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("is in use by process") });
    } finally {
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
