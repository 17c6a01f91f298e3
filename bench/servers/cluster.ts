import cluster from "node:cluster";
import net from "node:net";
import { createHttpApp, openPlatform, type Platform } from "../../src/platform/bootstrap.js";
import { loadConfig } from "../../src/platform/config.js";
import { logDestination } from "../../src/platform/logging.js";

/**
 * Stateless server processes share PostgreSQL (ARCHITECTURE.md): with BENCH_WORKERS above 1 the
 * set-up process prepares the database, then that many worker processes serve it on one port.
 */
export const workers = Number(process.env.BENCH_WORKERS ?? 1);

export function benchConfig(extra: Record<string, string> = {}) {
  return loadConfig(
    { ...process.env, LOG_LEVEL: "info", YIMEN_LOGIN_RATE_LIMIT: "10000", ...extra },
    { port: 0, host: "127.0.0.1" },
  );
}

/**
 * In a worker, once it listens: tells the set-up process it is ready, and exits normally when stopped
 * (so that --cpu-prof, BENCH_CPU_PROF, writes the worker's profile).
 */
export function workerReady(): void {
  process.on("SIGTERM", () => process.exit(0));
  process.send?.("ready");
}

/** In a worker: serve on the port the set-up process chose, and never return. */
export async function serveIfWorker(extra: Record<string, string> = {}): Promise<void> {
  if (!cluster.isWorker) {
    return;
  }
  const platform = await openPlatform(benchConfig(extra));
  const { app } = await createHttpApp(platform, { logStream: logDestination("/dev/null") });
  await app.listen({ port: Number(process.env.BENCH_PORT), host: "127.0.0.1" });
  workerReady();
  await new Promise(() => {});
}

/**
 * In the set-up process: forks `count` workers serving one free port (each calls workerReady once it
 * listens) and resolves to that port when all are ready. When stopped, it stops them and waits for
 * them to exit (at most 5 s), then exits.
 */
export async function forkWorkers(count: number): Promise<number> {
  const probe = net.createServer();
  const port = await new Promise<number>((resolve) =>
    probe.listen(0, "127.0.0.1", () => resolve((probe.address() as net.AddressInfo).port)),
  );
  probe.close();
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          cluster.fork({ BENCH_PORT: String(port) }).once("message", () => resolve());
        }),
    ),
  );
  process.removeAllListeners("SIGTERM");
  process.on("SIGTERM", () => {
    const running = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    let left = running.length;
    if (left === 0) {
      process.exit(0);
    }
    for (const w of running) {
      w.once("exit", () => {
        left -= 1;
        if (left === 0) {
          process.exit(0);
        }
      });
      w.process.kill("SIGTERM");
    }
    setTimeout(() => process.exit(0), 5_000).unref();
  });
  return port;
}

/**
 * In the set-up process, once the database is ready: serve (itself, or through BENCH_WORKERS
 * workers) and print SETUP {…} and LISTENING url for the benchmark.
 */
export async function serve(platform: Platform, setup: Record<string, unknown>): Promise<void> {
  let port: number;
  if (workers <= 1) {
    const { app } = await createHttpApp(platform, { logStream: logDestination("/dev/null") });
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as net.AddressInfo).port;
    process.on("SIGTERM", () => process.exit(0));
  } else {
    await platform.close();
    port = await forkWorkers(workers);
  }
  console.log(`SETUP ${JSON.stringify({ ...setup, workers })}`);
  console.log(`LISTENING http://127.0.0.1:${port}`);
}
