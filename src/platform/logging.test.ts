import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scrub, scrubDeep } from "./logging.js";

describe("log scrubbing", () => {
  it("removes 身份证号, mobile numbers and API tokens from text", () => {
    expect(scrub("/api/x?id=11010519491231002X&m=13812345678&t=ymn_abcDEF-123_x")).toBe(
      "/api/x?id=[id-number]&m=[mobile]&t=ymn_[redacted]",
    );
    expect(scrub("电话+86 13812345678，证件11010519491231002x")).toBe("电话[mobile]，证件[id-number]");
    expect(scrub("/open311/v2/requests.json?api_key=o311_Ab-9_zz")).toBe(
      "/open311/v2/requests.json?api_key=o311_[redacted]",
    );
  });

  it("leaves ordinary numbers alone", () => {
    expect(scrub("order 20261127093000 took 12ms, division 330106002")).toBe(
      "order 20261127093000 took 12ms, division 330106002",
    );
  });

  it("drops values of secret-named keys and scrubs nested plain objects", () => {
    expect(
      scrubDeep({
        password: "x",
        nested: { idNumber: "1", note: "call 13812345678" },
        list: ["13812345678"],
      }),
    ).toEqual({
      password: "[redacted]",
      nested: { idNumber: "[redacted]", note: "call [mobile]" },
      list: ["[mobile]"],
    });
  });
});

describe("the batching log destination", () => {
  /** Runs a process that logs through logDestination into a file, then ends as `end` says. */
  const run = (end: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), "yimen-log-"));
    const file = path.join(dir, "out.log");
    const code = `
      import pino from "pino";
      import { logDestination, loggerOptions } from ${JSON.stringify(path.resolve(import.meta.dirname, "logging.ts"))};
      const log = pino(loggerOptions("info"), logDestination(${JSON.stringify(file)}));
      log.info({ idNumber: "11010519491231002X" }, "first");
      log.warn("second");
      ${end}`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      encoding: "utf8",
    });
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { msg: string; idNumber?: string });
    rmSync(dir, { recursive: true, force: true });
    return { status: child.status, lines };
  };

  it("writes what it holds when the process exits at once", () => {
    const { status, lines } = run("process.exit(0);");
    expect(status).toBe(0);
    expect(lines.map((l) => l.msg)).toEqual(["first", "second"]);
    expect(lines[0]?.idNumber).toBe("[redacted]");
  });

  it("writes what it holds when the process dies of an uncaught exception", () => {
    const { status, lines } = run('setTimeout(() => { throw new Error("boom"); }, 5);');
    expect(status).not.toBe(0);
    expect(lines.map((l) => l.msg)).toEqual(["first", "second"]);
  });
});
