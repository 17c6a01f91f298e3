import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const root = path.resolve(import.meta.dirname, "..");

function startChild(
  script: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script)], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const match = /^LISTENING (\S+)$/m.exec(out);
      if (match?.[1]) {
        resolve({ child, url: match[1] });
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function load(url: string, seconds: number, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 10, pipelining: 1, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  }
  return { rps: Math.round(result.requests.average), p99Ms: result.latency.p99 };
}

/** GET /healthz and GET /api/me (with a session) on Yimen, beside a bare Node http server, in one run. */
export async function httpBenchmark(args: string[]): Promise<Record<string, unknown>> {
  const i = args.indexOf("--seconds");
  const seconds = i >= 0 ? Number(args[i + 1]) : 10;
  const dataDir = mkdtempSync(path.join(tmpdir(), "yimen-bench-"));
  const bare = await startChild("bench/servers/bare.ts", {});
  const yimen = await startChild("bench/servers/yimen.ts", { YIMEN_DATA_DIR: path.join(dataDir, "pg") });
  try {
    const signIn = await fetch(`${yimen.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "citizen", password: "Bench-password-2026" }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    // Warm up each target, then measure.
    await load(`${bare.url}/`, 2);
    await load(`${yimen.url}/healthz`, 2);
    await load(`${yimen.url}/api/me`, 2, { cookie });
    const baseline = await load(`${bare.url}/`, seconds);
    const healthz = await load(`${yimen.url}/healthz`, seconds);
    const me = await load(`${yimen.url}/api/me`, seconds, { cookie });
    return {
      bench: "http",
      database: process.env.DATABASE_URL ? "postgres" : "pglite",
      seconds,
      connections: 10,
      rps: healthz.rps,
      p99Ms: healthz.p99Ms,
      baselineRps: baseline.rps,
      baselineP99Ms: baseline.p99Ms,
      meRps: me.rps,
      meP99Ms: me.p99Ms,
      healthzToBaseline: Number((healthz.rps / baseline.rps).toFixed(3)),
      meToBaseline: Number((me.rps / baseline.rps).toFixed(3)),
    };
  } finally {
    bare.child.kill();
    yimen.child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
