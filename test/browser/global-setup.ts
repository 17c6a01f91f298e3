import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    e2eUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become ready:\n${output()}`);
}

/** Starts the real platform (built web client, PGlite in a temporary folder, demo data) for browser tests. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = path.resolve(import.meta.dirname, "../..");
  if (!existsSync(path.join(root, "dist/web/index.html"))) {
    throw new Error("the web client is not built: run npm run build:web first (npm test does)");
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "yimen-e2e-"));
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, [path.join(root, "bin/yimen.mjs"), "serve"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      YIMEN_DATA_DIR: path.join(dataDir, "pgdata"),
      YIMEN_FROM_SOURCE: "1",
      LOG_LEVEL: "warn",
      // Browser tests sign in many times from one address within a minute.
      YIMEN_LOGIN_RATE_LIMIT: "1000",
      DATABASE_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, () => output);
  process.env.YIMEN_E2E_URL = url;
  project.provide("e2eUrl", url);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
