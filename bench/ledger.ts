import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { integrate, type RecordInput } from "../src/modules/ledger/index.js";
import { entryWithProof } from "../src/modules/ledger/ledger.service.js";
import { openPlatform, type Platform } from "../src/platform/bootstrap.js";
import { loadConfig } from "../src/platform/config.js";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

function sampleEntry(i: number): RecordInput {
  // A realistic entry: an officer reads a person's record through the exchange.
  return {
    action: "exchange.query",
    actor: {
      accountId: "5b7f9c2e-1d3a-4c8b-9e6f-0a1b2c3d4e5f",
      roles: ["officer"],
      departmentIds: ["9c1d2e3f-4a5b-4c6d-8e7f-a0b1c2d3e4f5"],
      via: "session",
    },
    subjects: [{ type: "person", id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` }],
    resource: "exchange/resources/household-register",
    purpose: "新生儿出生一件事: 户口登记",
    legalBasis: "《户口登记条例》第七条",
    reference: "agreement/HZ-GA-2026-0042",
    outcome: "success",
    policies: ["permit:HZ-GA/household-read", "forbid:no-unshared"],
    requestId: randomBytes(8).toString("hex"),
    details: { fields: 6 },
  };
}

async function freshPlatform(): Promise<{
  platform: Platform;
  cleanup: () => Promise<void>;
  database: string;
}> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dir = mkdtempSync(path.join(tmpdir(), "yimen-ledger-bench-"));
    const platform = await openPlatform(loadConfig({}, { dataDir: dir, databaseUrl: null }));
    return {
      platform,
      database: "pglite",
      cleanup: async () => {
        await platform.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // A database of its own on the given server, dropped at the end: the bench never touches yours.
  const admin = await openPlatform(loadConfig({}, { dataDir: "memory://", databaseUrl: base }));
  const name = `yimen_ledger_bench_${randomBytes(4).toString("hex")}`;
  await sql.raw(`create database ${name}`).execute(admin.database.db);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const platform = await openPlatform(loadConfig({}, { dataDir: "memory://", databaseUrl: url.toString() }));
  return {
    platform,
    database: "postgres",
    cleanup: async () => {
      await platform.close();
      await sql.raw(`drop database ${name} with (force)`).execute(admin.database.db);
      await admin.close();
    },
  };
}

/**
 * Ledger throughput: transactional single-entry appends (with the integrator running, as in
 * production), batched appends, append-to-signed-checkpoint latency, and proof latency at N entries.
 */
export async function ledgerBenchmark(args: string[]): Promise<Record<string, unknown>> {
  const arg = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const seconds = arg("--seconds", 10);
  const target = arg("--entries", 1_000_000);
  const { platform, cleanup, database } = await freshPlatform();
  const { db } = platform.database;
  const { ledger } = platform.ctx;
  const workers = database === "postgres" ? 16 : 1;
  try {
    // 1. Transactional single appends with a concurrent integrator; a sample of them is timed to the checkpoint.
    const committedAt = new Map<number, number>();
    const latencies: number[] = [];
    let appends = 0;
    let stop = false;
    const integrator = (async () => {
      while (!stop || committedAt.size > 0) {
        const result = await integrate(db, ledger.keys, 20_000);
        if (result && committedAt.size > 0) {
          const done = await db
            .selectFrom("ledger_entries")
            .select("seq")
            .where("seq", "in", [...committedAt.keys()])
            .where("idx", "is not", null)
            .execute();
          const now = performance.now();
          for (const { seq } of done) {
            latencies.push(now - (committedAt.get(seq) as number));
            committedAt.delete(seq);
          }
        }
        if (!result) {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    })();
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        let i = 0;
        while (performance.now() < deadline) {
          const seq = await db.transaction().execute(async (tx) => {
            await ledger.record(tx, sampleEntry(w * 1_000_000 + i));
            return i % 20 === 0
              ? (await sql<{ seq: number }>`select currval('ledger_entries_seq_seq')::int as seq`.execute(tx))
                  .rows[0]?.seq
              : undefined;
          });
          if (seq !== undefined) {
            committedAt.set(seq, performance.now());
          }
          appends++;
          i++;
        }
      }),
    );
    const appendsPerSec = Math.round(appends / seconds);
    stop = true;
    await integrator;

    // 2. Batched appends (1,000 entries per transaction) until the log holds the target size.
    let size =
      (
        await db
          .selectFrom("ledger_checkpoints")
          .select("size")
          .orderBy("size", "desc")
          .limit(1)
          .executeTakeFirst()
      )?.size ?? 0;
    const batchStart = performance.now();
    let batched = 0;
    const batchWorkers = database === "postgres" ? 4 : 1;
    const batchDeadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: batchWorkers }, async () => {
        while (performance.now() < batchDeadline) {
          await db.transaction().execute((tx) =>
            ledger.recordMany(
              tx,
              Array.from({ length: 1000 }, (_, i) => sampleEntry(i)),
            ),
          );
          batched += 1000;
        }
      }),
    );
    const batchAppendsPerSec = Math.round(batched / ((performance.now() - batchStart) / 1000));
    // Fill to the target size, integrating as we go (reported as integratedPerSec).
    const fillStart = performance.now();
    let integrated = 0;
    for (;;) {
      const pending = Number(
        (
          await db
            .selectFrom("ledger_entries")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("idx", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      );
      if (size + pending < target) {
        await db.transaction().execute((tx) =>
          ledger.recordMany(
            tx,
            Array.from({ length: Math.min(20_000, target - size - pending) }, (_, i) => sampleEntry(i)),
          ),
        );
      }
      const result = await integrate(db, ledger.keys, 20_000);
      if (!result) {
        break;
      }
      integrated += result.added;
      size = result.size;
      if (size >= target && pending === 0) {
        break;
      }
    }
    const integratedPerSec = Math.round(integrated / ((performance.now() - fillStart) / 1000));

    // 3. Inclusion proofs at that size.
    const proofTimes: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const index = Math.floor(Math.random() * size);
      const t0 = performance.now();
      await entryWithProof(db, ledger.keys, index);
      proofTimes.push(performance.now() - t0);
    }
    return {
      bench: "ledger",
      database,
      seconds,
      workers,
      appendsPerSec,
      batchAppendsPerSec,
      integratedPerSec,
      appendToCheckpointP99Ms: Math.round(percentile(latencies, 99)),
      appendToCheckpointP50Ms: Math.round(percentile(latencies, 50)),
      proofP99Ms: Number(percentile(proofTimes, 99).toFixed(2)),
      proofP50Ms: Number(percentile(proofTimes, 50).toFixed(2)),
      entries: size,
    };
  } finally {
    await cleanup();
  }
}
