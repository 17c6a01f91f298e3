import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform.js";

describe("serving the built web client", () => {
  let t: TestPlatform;
  const webDir = mkdtempSync(path.join(tmpdir(), "yimen-web-"));
  const html = { accept: "text/html,application/xhtml+xml" };
  beforeAll(async () => {
    writeFileSync(
      path.join(webDir, "index.html"),
      '<!doctype html><html lang="zh-CN"><title>一门</title></html>',
    );
    mkdirSync(path.join(webDir, "assets"));
    const js = "console.log('yimen');".repeat(50);
    writeFileSync(path.join(webDir, "assets", "app-abc123.js"), js);
    writeFileSync(path.join(webDir, "assets", "app-abc123.js.br"), brotliCompressSync(js));
    t = await startTestPlatform("pglite", { webDir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it("serves index.html at / and for any page URL the client routes", async () => {
    for (const url of [
      "/",
      "/portal",
      "/portal/data-use",
      "/oversight/ledger?actor=x",
      "/somewhere/unknown",
    ]) {
      const res = await t.app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/text\/html/);
      expect(res.body, url).toContain("一门");
    }
  });

  it("serves hashed assets pre-compressed and cached for a year", async () => {
    const res = await t.app.inject({
      url: "/assets/app-abc123.js",
      headers: { "accept-encoding": "br, gzip" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["cache-control"]).toContain("immutable");
  });

  it("keeps problem+json 404s for API paths, missing assets and non-HTML clients", async () => {
    for (const [url, headers] of [
      ["/api/nothing", html],
      ["/ledger/nothing", html],
      ["/assets/missing.js", {}],
      ["/somewhere/unknown", { accept: "application/json" }],
    ] as const) {
      const res = await t.app.inject({ url, headers });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toMatch(/application\/problem\+json/);
    }
  });
});
