import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signerFromSeed } from "../../src/modules/certificates/certificates.keys.js";
import { signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform } from "../support/platform.js";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "yimen-certificates-cli-"));

function yimen(...args: string[]) {
  return run(process.execPath, [path.join(root, "bin/yimen.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, YIMEN_FROM_SOURCE: "1", DATABASE_URL: "" },
  });
}

describe("yimen certificates", () => {
  let t: TestPlatform;
  const file = path.join(dir, "certificate.json");
  const keys = path.join(dir, "keys.json");

  beforeAll(async () => {
    t = await startTestPlatform("pglite");
    const citizen = await signIn(t.app, "citizen");
    const [mine] = (await citizen.get("/api/certificates")).json().items;
    writeFileSync(file, (await citizen.get(`/api/certificates/${mine.document.id}/download`)).body);
    writeFileSync(
      keys,
      (await t.app.inject({ method: "GET", url: "/.well-known/yimen-certificate-keys.json" })).body,
    );
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("verifies a downloaded certificate offline with a saved key set", async () => {
    const { stdout } = await yimen("certificates", "verify", file, "--keys", keys);
    expect(stdout).toContain("结婚证 / Marriage certificate (marriage-certificate)");
    expect(stdout).toContain("holder: 林** 330106********");
    expect(stdout).toContain("OK: the signature verifies");
  });

  it("fails with a non-zero exit when the certificate was altered or the key is not in the set", async () => {
    const altered = path.join(dir, "altered.json");
    writeFileSync(altered, readFileSync(file, "utf8").replace("陈浩然", "陈浩燃"));
    await expect(yimen("certificates", "verify", altered, "--keys", keys)).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining("FAILED (bad-signature)"),
    });
    const otherKeys = path.join(dir, "other-keys.json");
    writeFileSync(
      otherKeys,
      JSON.stringify({
        keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }],
      }),
    );
    const { stdout } = await yimen("certificates", "verify", file, "--keys", otherKeys, "--json").catch(
      (error: { stdout: string }) => error,
    );
    expect(JSON.parse(stdout)).toMatchObject({ valid: false, reason: "unknown-key" });
  });

  it("rotates the signing key of a data folder", async () => {
    const dataDir = path.join(dir, "data");
    const first = await yimen("certificates", "rotate-key", "--data-dir", dataDir);
    const [, keyId, previous] = /signing key (\S+) is current; (\S+) is retired/.exec(first.stdout) ?? [];
    expect(keyId).toBeDefined();
    expect(keyId).not.toBe(previous);
    // The new key is the one kept in the data folder, for the next start.
    const seed = readFileSync(path.join(dataDir, "keys", "certificate-ed25519.seed"), "utf8");
    expect(signerFromSeed(Buffer.from(seed.trim(), "base64")).keyId).toBe(keyId);
  });
});
