import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import pg from "pg";
import { cpuMeter, startChild } from "./exchange.js";

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
 * Statements PostgreSQL ran in the bench database between this call and the function it returns,
 * from pg_stat_statements when the server loads it (`shared_preload_libraries`); null otherwise.
 * With BENCH_STATEMENTS set, the most frequent ones go to stderr.
 */
async function statementCounter(client: pg.Client, database: string): Promise<() => Promise<number | null>> {
  try {
    await client.query("create extension if not exists pg_stat_statements");
    await client.query("select pg_stat_statements_reset()");
  } catch {
    return async () => null;
  }
  return async () => {
    const { rows } = await client.query<{ calls: string; query: string }>(
      `select s.calls::text as calls, s.query from pg_stat_statements s
       join pg_database d on d.oid = s.dbid where d.datname = $1 order by s.calls desc`,
      [database],
    );
    if (process.env.BENCH_STATEMENTS) {
      for (const r of rows.slice(0, Number(process.env.BENCH_STATEMENTS) || 60)) {
        console.error(`${r.calls.padStart(7)}  ${r.query.replace(/\s+/g, " ").slice(0, 220)}`);
      }
    }
    return rows.reduce((sum, r) => sum + Number(r.calls), 0);
  };
}

/** The form of 异地就医备案 as an applicant completes it (the rest is pre-filled). */
const FORM = {
  filingType: "异地长期居住",
  destinationCity: "上海市",
  startDate: "2026-12-01",
  applicantMobile: "13857160218",
};

/**
 * Submissions through the whole path — a draft with the applicant's entries, consent and pre-fill
 * through the exchange (consent request and grant, gateway read with policy, masking and ledger),
 * validation, workflow start and ledger — as complete submissions per second; then the officers'
 * queue page of a department with 100,000 open applications, its p99. PostgreSQL (DATABASE_URL).
 * `--steps 2` (the default): the draft comes with the consent to pre-fill; `--steps 3`: apart.
 */
export async function applicationsBenchmark(args: string[]): Promise<Record<string, unknown>> {
  const arg = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const seconds = arg("--seconds", 15);
  const connections = arg("--connections", 20);
  const open = arg("--open", 100_000);
  // Two requests (the draft sent with the form and the consent to pre-fill, then submission), or
  // three (the draft, the pre-fill, the submission), as a client that asks for consent apart does.
  const steps = arg("--steps", 2);
  if (steps !== 2 && steps !== 3) {
    throw new Error("--steps is 2 or 3");
  }
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    throw new Error(
      "npm run bench -- applications runs on PostgreSQL: set DATABASE_URL (scripts/pg-private.sh start DIR)",
    );
  }
  const name = `yimen_bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let server: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    server = await startChild("bench/servers/applications.ts", {
      DATABASE_URL: url.toString(),
      BENCH_APPLICANTS: String(connections),
      BENCH_OPEN: String(open),
    });
    const setup = JSON.parse(server.setup) as { usernames: string[]; password: string };
    const base = server.url;
    const sessions = await Promise.all(setup.usernames.map((u) => signIn(base, u, setup.password)));
    const officer = await signIn(base, "officer5", setup.password);

    let nextSession = 0;
    let submitted = 0;
    let failed = 0;
    let firstFailure = "";
    const fail = (status: number, body: string) => {
      failed++;
      firstFailure ||= `${status} ${body.slice(0, 300)}`;
    };
    interface Ctx {
      session?: Session;
      id?: string;
    }
    const headers = (s: Session) => ({
      cookie: s.cookie,
      "x-csrf-token": s.csrf,
      "content-type": "application/json",
    });
    const submissions = (duration: number) =>
      autocannon({
        url: base,
        connections,
        pipelining: 1,
        duration,
        requests: [
          {
            method: "POST",
            setupRequest: (req, context: Ctx) => {
              context.session ??= sessions[nextSession++ % sessions.length] as Session;
              return {
                ...req,
                path: "/api/applications",
                headers: headers(context.session),
                body: JSON.stringify({
                  service: "330100-YB-QT-001-01",
                  form: FORM,
                  ...(steps === 2 ? { prefill: { consent: true } } : {}),
                }),
              };
            },
            onResponse: (status, body, context: Ctx) => {
              context.id = status === 201 ? (JSON.parse(body) as { id: string }).id : undefined;
              if (status !== 201) {
                fail(status, body);
              }
            },
          },
          ...(steps === 3
            ? [
                {
                  method: "POST" as const,
                  setupRequest: (req: autocannon.Request, context: Ctx) => ({
                    ...req,
                    path: `/api/applications/${context.id}/prefill`,
                    headers: headers(context.session as Session),
                    body: JSON.stringify({ consent: true }),
                  }),
                },
              ]
            : []),
          {
            method: "POST",
            setupRequest: (req, context: Ctx) => ({
              ...req,
              path: `/api/applications/${context.id}/submit`,
              headers: {
                cookie: (context.session as Session).cookie,
                "x-csrf-token": (context.session as Session).csrf,
              },
            }),
            onResponse: (status, body) => {
              if (status === 200) {
                submitted++;
              } else {
                fail(status, body);
              }
            },
          },
        ],
      });
    await submissions(3);
    submitted = 0;
    failed = 0;
    // CPU per submission of the server processes and of PostgreSQL (the postmaster's children): on a
    // shared machine the throughput is noisy, the CPU a submission costs much less so.
    const backend = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    const postmaster = Number(
      readFileSync(`/proc/${backend.rows[0]?.pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1],
    );
    const statements = await statementCounter(client, name);
    const stop = cpuMeter({ yimen: server.child.pid ?? 0, postgres: postmaster })();
    const run = await submissions(seconds);
    const cpu = stop();
    const counted = await statements();
    const perSubmission = (s: number) => Math.round((s * 1000 * 100) / Math.max(1, submitted)) / 100;
    if (failed > 0 || run.errors > 0) {
      throw new Error(
        `submissions: ${failed} failed (first: ${firstFailure}), ${run.errors} errors, ${run.non2xx} non-2xx`,
      );
    }
    const queue = (duration: number) =>
      autocannon({
        url: `${base}/api/workbench/queue?limit=50`,
        connections: 10,
        pipelining: 1,
        duration,
        headers: { cookie: officer.cookie },
      });
    await queue(2);
    const page = await queue(seconds);
    if (page.non2xx > 0 || page.errors > 0) {
      throw new Error(`queue: ${page.non2xx} non-2xx, ${page.errors} errors`);
    }
    return {
      bench: "applications",
      database: "postgres",
      processes: Number(process.env.BENCH_WORKERS ?? 1),
      seconds,
      steps,
      connections,
      openApplications: open,
      submissionsPerSec: Math.round((submitted / seconds) * 10) / 10,
      submissionP99Ms: run.latency.p99,
      cpuMsPerSubmissionNode: perSubmission(cpu.yimen ?? 0),
      cpuMsPerSubmissionPostgres: perSubmission(cpu.postgres ?? 0),
      ...(counted === null
        ? {}
        : { statementsPerSubmission: Math.round((counted * 10) / Math.max(1, submitted)) / 10 }),
      queueP99Ms: page.latency.p99,
      queueRps: Math.round(page.requests.average),
    };
  } finally {
    server?.child.kill();
    await new Promise((r) => setTimeout(r, 500));
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  }
}
