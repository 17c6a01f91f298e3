import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");

export function startChild(
  script: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; setup: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : []),
        "--import",
        "tsx",
        path.join(root, script),
      ],
      {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const match = /^LISTENING (\S+)$/m.exec(out);
      if (match?.[1]) {
        resolve({ child, url: match[1], setup: /^SETUP (.+)$/m.exec(out)?.[1] ?? "{}" });
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function load(
  seconds: number,
  connections: number,
  options: {
    url: string;
    method?: "GET" | "POST";
    headers?: Record<string, string>;
    next: () => { path: string; body?: string };
  },
) {
  const result = await autocannon({
    url: options.url,
    connections,
    pipelining: 1,
    duration: seconds,
    requests: [
      {
        method: options.method ?? "GET",
        ...(options.headers ? { headers: options.headers } : {}),
        setupRequest: (req) => {
          const n = options.next();
          return { ...req, path: n.path, ...(n.body !== undefined ? { body: n.body } : {}) };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${options.url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  }
  return { rps: Math.round(result.requests.average), p99Ms: result.latency.p99 };
}

/**
 * Gateway queries through the whole path (token, agreement, subject, policy with the negative list,
 * quota, registry, masking, ledger append and call log) beside a plain Fastify route doing one
 * indexed SELECT on the same PostgreSQL database, in one run, on a fresh database of its own.
 */
export async function exchangeBenchmark(args: string[]): Promise<Record<string, unknown>> {
  const arg = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const seconds = arg("--seconds", 15);
  const connections = arg("--connections", 20);
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    throw new Error(
      "npm run bench -- exchange runs on PostgreSQL: set DATABASE_URL (scripts/pg-private.sh start DIR)",
    );
  }
  const name = `yimen_bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(tmpdir(), "yimen-bench-"));
  const idsFile = path.join(dir, "ids.json");
  let yimen: Awaited<ReturnType<typeof startChild>> | undefined;
  let plain: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    yimen = await startChild("bench/servers/exchange.ts", {
      DATABASE_URL: url.toString(),
      BENCH_IDS_FILE: idsFile,
    });
    plain = await startChild("bench/servers/plain-select.ts", { DATABASE_URL: url.toString() });
    const { agreement, token } = JSON.parse(yimen.setup) as { agreement: string; token: string };
    const ids = JSON.parse(readFileSync(idsFile, "utf8")) as string[];
    let i = 0;
    const pick = () => ids[i++ % ids.length] as string;
    const gateway = {
      url: yimen.url,
      method: "POST" as const,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      next: () => ({
        path: "/api/exchange/query",
        body: JSON.stringify({
          resource: "real-estate-register",
          agreement,
          subject: { idNumber: pick() },
          purpose: "户口迁移（购房落户）",
          reference: `HJ-${i}`,
        }),
      }),
    };
    const baseline = { url: plain.url, next: () => ({ path: `/plain/${pick()}` }) };
    await load(3, connections, baseline);
    await load(3, connections, gateway);
    const base = await load(seconds, connections, baseline);
    const gw = await load(seconds, connections, gateway);
    return {
      bench: "exchange",
      processes: Number(process.env.BENCH_WORKERS ?? 1),
      database: "postgres",
      seconds,
      connections,
      subjects: ids.length,
      rps: gw.rps,
      p99Ms: gw.p99Ms,
      baselineRps: base.rps,
      baselineP99Ms: base.p99Ms,
      ratio: Number((gw.rps / base.rps).toFixed(3)),
    };
  } finally {
    yimen?.child.kill();
    plain?.child.kill();
    await new Promise((r) => setTimeout(r, 500));
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
