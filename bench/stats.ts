import { sql } from "kysely";
import pg from "pg";
import { demoStory, insertHistory } from "../src/modules/applications/ratings.demo.js";
import { performance as publicFigures } from "../src/modules/applications/ratings.performance.js";
import { allServices } from "../src/modules/applications/services.js";
import { applicationStats } from "../src/modules/applications/stats.service.js";
import { openPlatform } from "../src/platform/bootstrap.js";
import { calendarFor, chinaDate, dayNumber, fromDayNumber } from "../src/platform/calendar/index.js";
import { loadConfig } from "../src/platform/config.js";
import { seedDemo } from "../src/seed/seed.js";

/**
 * The leaders' statistics and the public performance page over many applications on PostgreSQL:
 * `--applications N` (100,000) spread over the last `--days D` (365), then the median and worst of
 * seven runs for 30 days, 60 days, a year and a department filter.
 */
export async function statsBenchmark(args: string[]): Promise<Record<string, unknown>> {
  const arg = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const total = arg("--applications", 100_000);
  const days = arg("--days", 365);
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    throw new Error(
      "npm run bench -- stats runs on PostgreSQL: set DATABASE_URL (scripts/pg-private.sh start)",
    );
  }
  const name = `yimen_bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const platform = await openPlatform(
    loadConfig(
      { YIMEN_DEMO_PASSWORD: "Bench-password-2026" },
      { databaseUrl: url.toString(), dataDir: "memory://", webDir: "/nonexistent", logLevel: "warn" },
    ),
  );
  try {
    const ctx = platform.ctx;
    await seedDemo(ctx, { provinces: ["33"] });
    const calendar = await calendarFor(ctx);
    const services = await allServices(ctx);
    // The demo's applicants apply again and again.
    const seen = await ctx.db
      .selectFrom("applications")
      .select(["applicant_account", "subject_id", "subject_name", "subject_type"])
      .distinct()
      .execute();
    const applicants = (type: "person" | "organisation") =>
      seen
        .filter((a) => a.subject_type === type)
        .map((a) => ({
          accountId: a.applicant_account,
          subject: { type, id: a.subject_id, name: a.subject_name },
          names: [a.subject_name],
        }));
    const input = {
      services: {
        person: services.filter((s) => s.audience === "person"),
        organisation: services.filter((s) => s.audience === "organisation"),
      },
      persons: applicants("person"),
      organisations: applicants("organisation"),
      officers: new Map<string, { accountId: string; name: string }>(),
      reviewer: seen[0]?.applicant_account ?? "",
    };
    const started = performance.now();
    for (let done = 0; done < total; done += 10_000) {
      const story = demoStory(calendar, input, new Date(), Math.min(10_000, total - done), days);
      await ctx.db.transaction().execute((tx) => insertHistory({ ...ctx, db: tx }, calendar, story));
    }
    const insertSeconds = (performance.now() - started) / 1000;
    await sql`analyze`.execute(ctx.db);
    const time = async (f: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        await f();
        runs.push(performance.now() - t0);
      }
      runs.sort((a, b) => a - b);
      return { medianMs: Math.round(runs[3] ?? 0), maxMs: Math.round(runs[6] ?? 0) };
    };
    const today = dayNumber(chinaDate(new Date()));
    const back = (n: number) => fromDayNumber(today - n + 1);
    const to = fromDayNumber(today);
    return {
      bench: "stats",
      applications: total,
      days,
      insertSeconds: Math.round(insertSeconds),
      stats30Days: await time(() => applicationStats(ctx, {})),
      stats60Days: await time(() => applicationStats(ctx, { from: back(60), to })),
      stats365Days: await time(() => applicationStats(ctx, { from: back(365), to })),
      stats60DaysOneDepartment: await time(() =>
        applicationStats(ctx, { from: back(60), to, department: "HZ-GA" }),
      ),
      performancePage: await time(() => publicFigures(ctx)),
    };
  } finally {
    await platform.close();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  }
}
