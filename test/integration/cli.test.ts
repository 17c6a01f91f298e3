import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

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
    for (const command of ["serve", "migrate", "seed", "accounts"]) {
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
