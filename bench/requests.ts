import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { parse } from "csv-parse/sync";
import pg from "pg";
import {
  defaultModelPath,
  parseRequestsCsv,
  RequestClassifier,
  saveClassifier,
} from "../src/modules/insight/index.js";
import { startChild } from "./exchange.js";

const DEFAULT_CSV = path.resolve(import.meta.dirname, "../../shared/data/teddy2020/train.csv");
/** Messages the classifier was not trained on (same columns, no label), beside the training file. */
const DEFAULT_TEXTS = path.resolve(import.meta.dirname, "../../shared/data/teddy2020/unlabeled.csv");

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) {
    throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/**
 * CPU time (user + system, ms) of processes by pid, from /proc (the bench runs on loopback); with
 * `reaped`, that of their children that have exited.
 */
function cpuMs(pids: readonly number[], reaped = false): number {
  const tick = 10; // USER_HZ = 100 on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total +=
        (reaped ? Number(fields[13]) + Number(fields[14]) : Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // gone
    }
  }
  return total;
}

/** A process and its children (the cluster workers). */
function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    try {
      const children = readFileSync(`/proc/${all[i]}/task/${all[i]}/children`, "utf8").trim();
      all.push(...children.split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // gone
    }
  }
  return all;
}

interface Body {
  title?: string;
  description: string;
  lat?: number;
  lng?: number;
  contactPhone?: string;
}

/** Requests as citizens write them: the CSV's subjects and messages, some at the same spot or repeated. */
export function bodies(csv: string | null): Body[] {
  let messages: { subject: string; detail: string }[];
  if (csv) {
    const rows = parse(readFileSync(csv), { bom: true, columns: true, skip_empty_lines: true }) as {
      subject?: string;
      detail?: string;
    }[];
    messages = rows
      .map((r) => ({ subject: (r.subject ?? "").trim(), detail: (r.detail ?? "").trim() }))
      .filter((m) => m.detail.length > 0);
  } else {
    messages = [
      { subject: "小区电梯坏了", detail: "小区3号楼电梯坏了一个月没人修，老人上下楼很困难，请尽快处理。" },
      { subject: "拖欠工资", detail: "我在某建筑工地干活，老板拖欠三个月工资不给，请劳动监察部门帮忙。" },
      { subject: "噪音扰民", detail: "楼下餐馆每天夜里十二点后还在营业，油烟和噪音很大，影响休息。" },
    ];
  }
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const out: Body[] = [];
  for (let i = 0; i < 5000; i++) {
    const m = messages[i % messages.length] as { subject: string; detail: string };
    const body: Body = { description: [...m.detail].slice(0, 4000).join("") };
    if (m.subject && !m.detail.startsWith(m.subject)) {
      body.title = [...m.subject].slice(0, 100).join("");
    }
    if (i % 5 !== 4) {
      // Most give a place in 杭州; one in ten at the spot of an earlier one (a likely duplicate).
      const earlier = i % 10 === 3 ? out[Math.floor(random() * out.length)] : undefined;
      body.lat = earlier?.lat ?? 30.15 + random() * 0.25;
      body.lng = earlier?.lng ?? 120.0 + random() * 0.35;
    }
    if (i % 3 === 0) {
      body.contactPhone = `1390000${String(i % 10_000).padStart(4, "0")}`;
    }
    out.push(body);
  }
  return out;
}

/**
 * Citizens file requests on the web (`POST /api/requests`, signed in, with the CSRF token): the whole
 * intake path — validation, the trained classifier, duplicate and repeat-caller links, automatic
 * dispatch or the dispatcher's queue, the ledger entry — and the detail the page shows. Beside it, in
 * the same run, a plain Fastify route doing one INSERT on the same PostgreSQL database.
 */
export async function requestsBenchmark(args: string[]): Promise<Record<string, unknown>> {
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const seconds = Number(arg("--seconds") ?? 15);
  const connections = Number(arg("--connections") ?? 20);
  const history = Number(arg("--history") ?? 100_000);
  const csvArg = arg("--csv") ?? DEFAULT_CSV;
  const csv = existsSync(csvArg) ? csvArg : null;
  const textsArg = arg("--texts") ?? (existsSync(DEFAULT_TEXTS) ? DEFAULT_TEXTS : csvArg);
  const textsFile = existsSync(textsArg) ? textsArg : null;
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    throw new Error(
      "npm run bench -- requests runs on PostgreSQL: set DATABASE_URL (scripts/pg-private.sh start)",
    );
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "yimen-bench-requests-"));
  let trainedOn = "the demo's requests";
  if (csv) {
    const examples = parseRequestsCsv(readFileSync(csv), path.basename(csv));
    saveClassifier(RequestClassifier.train(examples), defaultModelPath(dataDir));
    trainedOn = `${path.basename(csv)} (${examples.length} messages)`;
  }
  const name = `yimen_bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let server: Awaited<ReturnType<typeof startChild>> | undefined;
  let plain: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    server = await startChild("bench/servers/requests.ts", {
      DATABASE_URL: url.toString(),
      YIMEN_DATA_DIR: dataDir,
      BENCH_CITIZENS: String(connections),
      BENCH_HISTORY: String(history),
    });
    plain = await startChild("bench/servers/plain-insert.ts", { DATABASE_URL: url.toString() });
    const setup = JSON.parse(server.setup) as { usernames: string[]; password: string; processes: number };
    const sessions = await Promise.all(
      setup.usernames.map((u) => signIn(server?.url ?? "", u, setup.password)),
    );
    const texts = bodies(textsFile);
    let next = 0;
    let nextSession = 0;
    const run = (target: "intake" | "baseline", duration: number) =>
      autocannon({
        url: target === "intake" ? (server?.url ?? "") : (plain?.url ?? ""),
        connections,
        pipelining: 1,
        duration,
        requests: [
          {
            method: "POST",
            setupRequest: (req, context: { session?: Session }) => {
              const body = JSON.stringify(texts[next++ % texts.length]);
              if (target === "baseline") {
                return {
                  ...req,
                  path: "/plain/requests",
                  headers: { "content-type": "application/json" },
                  body,
                };
              }
              context.session ??= sessions[nextSession++ % sessions.length] as Session;
              return {
                ...req,
                path: "/api/requests",
                headers: {
                  cookie: context.session.cookie,
                  "x-csrf-token": context.session.csrf,
                  "content-type": "application/json",
                },
                body,
              };
            },
          },
        ],
      });
    const check = (r: autocannon.Result, what: string) => {
      if (r.non2xx > 0 || r.errors > 0) {
        throw new Error(`${what}: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
      }
      return r;
    };
    // PostgreSQL's CPU: the postmaster's children now, plus those it has reaped (cutime, cstime).
    const dataDirectory =
      (await client.query<{ d: string }>("select current_setting('data_directory') as d")).rows[0]?.d ?? "";
    const postmaster = Number(
      readFileSync(path.join(dataDirectory, "postmaster.pid"), "utf8").split("\n")[0],
    );
    const postgresCpuMs = () => cpuMs(processTree(postmaster).slice(1)) + cpuMs([postmaster], true);
    check(await run("baseline", 3), "baseline warm-up");
    check(await run("intake", 3), "intake warm-up");
    // Statistics as autovacuum keeps them in a running system: plans made while tables were as the
    // set-up left them can stay on scans that the warm-up's rows make slow (see docs/benchmarks.md,
    // exchange).
    {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      await c.query("analyze");
      await c.end();
    }
    const base = check(await run("baseline", seconds), "baseline");
    const serverPids = processTree(server.child.pid as number);
    const nodeBefore = cpuMs(serverPids);
    const pgBefore = postgresCpuMs();
    const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
    const intake = check(await run("intake", seconds), "intake");
    const filed = intake.requests.total;
    const nodeMs = cpuMs(serverPids) - nodeBefore;
    const pgMs = postgresCpuMs() - pgBefore;
    // What the filed requests became (warm-up included): dispatched or waiting, and their links.
    const counts = await (async () => {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      try {
        const r = await c.query<{ status: string; n: string }>(
          "select r.status, count(*) n from requests r join accounts a on a.id = r.requester_account_id where r.number like 'YM2%' and a.username like 'bench-citizen-%' group by r.status",
        );
        const links = await c.query<{ kind: string; n: string }>(
          "select l.kind, count(*) n from request_links l join requests r on r.id = l.request_id join accounts a on a.id = r.requester_account_id where r.number like 'YM2%' and a.username like 'bench-citizen-%' group by l.kind",
        );
        return {
          byStatus: Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)])),
          links: Object.fromEntries(links.rows.map((x) => [x.kind, Number(x.n)])),
        };
      } finally {
        await c.end();
      }
    })();
    const intakePerSec = Math.round(intake.requests.average);
    return {
      bench: "requests",
      channel: "web (POST /api/requests, citizen session)",
      processes: setup.processes,
      database: "postgres",
      seconds,
      connections,
      history,
      classifier: trainedOn,
      texts: textsFile ? path.basename(textsFile) : "three built-in messages",
      loadAverageBefore: load,
      intakePerSec,
      p50Ms: intake.latency.p50,
      p99Ms: intake.latency.p99,
      baselinePerSec: Math.round(base.requests.average),
      baselineP99Ms: base.latency.p99,
      ratio: Number((intake.requests.average / base.requests.average).toFixed(3)),
      nodeCpuMsPerIntake: Number((nodeMs / filed).toFixed(2)),
      postgresCpuMsPerIntake: Number((pgMs / filed).toFixed(2)),
      filed: counts,
    };
  } finally {
    server?.child.kill();
    plain?.child.kill();
    await new Promise((r) => setTimeout(r, 500));
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
