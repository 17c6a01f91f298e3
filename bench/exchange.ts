import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
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

/** CPU seconds (user + system) a process has used, from /proc (Linux); 0 when it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** A process and all its descendants, by pid (Linux). */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) {
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** CPU used by the processes of each tree between start() and the function start() returns. */
export function cpuMeter(roots: Record<string, number>): () => () => Record<string, number> {
  return () => {
    const before = new Map<number, number>();
    for (const root of Object.values(roots)) {
      for (const pid of tree(root)) {
        before.set(pid, cpuSeconds(pid));
      }
    }
    return () =>
      Object.fromEntries(
        Object.entries(roots).map(([name, root]) => [
          name,
          tree(root).reduce((sum, pid) => sum + cpuSeconds(pid) - (before.get(pid) ?? 0), 0),
        ]),
      );
  };
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
  return {
    rps: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
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
    // The warm-up filled tables that were empty when the first plans were made (the day's reads for
    // the negative list, the call log): statistics as autovacuum keeps them in a running system, so
    // that the run measures the steady state, not plans made for empty tables (a sequential scan of
    // the day's reads that grows with every call).
    const bench = new pg.Client({ connectionString: url.toString() });
    await bench.connect();
    await bench.query("analyze");
    await bench.end();
    // CPU per request of the server processes and of PostgreSQL (the postmaster's children), as
    // wall-clock throughput on a shared machine is noisy while CPU per request is not.
    const backend = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    const postmaster = Number(
      readFileSync(`/proc/${backend.rows[0]?.pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1],
    );
    const meter = cpuMeter({
      yimen: yimen.child.pid ?? 0,
      plain: plain.child.pid ?? 0,
      postgres: postmaster,
    });
    let stop = meter();
    const base = await load(seconds, connections, baseline);
    const baseCpu = stop();
    stop = meter();
    const gw = await load(seconds, connections, gateway);
    const gwCpu = stop();
    const perCall = (cpu: number, n: number) => Number(((cpu * 1000) / n).toFixed(3));
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
      // CPU milliseconds per request: the gateway's Node process(es) and PostgreSQL, then the plain route's.
      cpuMsNode: perCall(gwCpu.yimen ?? 0, gw.requests),
      cpuMsPostgres: perCall(gwCpu.postgres ?? 0, gw.requests),
      baselineCpuMsNode: perCall(baseCpu.plain ?? 0, base.requests),
      baselineCpuMsPostgres: perCall(baseCpu.postgres ?? 0, base.requests),
      loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
    };
  } finally {
    yimen?.child.kill();
    plain?.child.kill();
    // Workers write their CPU profiles (BENCH_CPU_PROF) as they exit.
    await new Promise((r) => setTimeout(r, process.env.BENCH_CPU_PROF ? 3_000 : 500));
    // BENCH_KEEP_DB=1 keeps the database for inspection (explain analyze); it is named on stderr.
    if (process.env.BENCH_KEEP_DB) {
      console.error(`kept database ${name}`);
    } else {
      await client.query(`drop database if exists ${name} with (force)`);
    }
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
