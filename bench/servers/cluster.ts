import cluster from "node:cluster";
import fs from "node:fs";
import net from "node:net";
import { createHttpApp, openPlatform, type Platform } from "../../src/platform/bootstrap.js";
import { loadConfig } from "../../src/platform/config.js";

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

/** In a worker: serve on the port the set-up process chose, and never return. */
export async function serveIfWorker(extra: Record<string, string> = {}): Promise<void> {
  if (!cluster.isWorker) {
    return;
  }
  const platform = await openPlatform(benchConfig(extra));
  const { app } = await createHttpApp(platform, { logStream: fs.createWriteStream("/dev/null") });
  await app.listen({ port: Number(process.env.BENCH_PORT), host: "127.0.0.1" });
  process.send?.("ready");
  await new Promise(() => {});
}

/**
 * In the set-up process, once the database is ready: serve (itself, or through BENCH_WORKERS
 * workers) and print SETUP {…} and LISTENING url for the benchmark.
 */
export async function serve(platform: Platform, setup: Record<string, unknown>): Promise<void> {
  let port: number;
  if (workers <= 1) {
    const { app } = await createHttpApp(platform, { logStream: fs.createWriteStream("/dev/null") });
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as net.AddressInfo).port;
  } else {
    const probe = net.createServer();
    port = await new Promise<number>((resolve) =>
      probe.listen(0, "127.0.0.1", () => resolve((probe.address() as net.AddressInfo).port)),
    );
    probe.close();
    await platform.close();
    await Promise.all(
      Array.from(
        { length: workers },
        () =>
          new Promise<void>((resolve) => {
            cluster.fork({ BENCH_PORT: String(port) }).once("message", () => resolve());
          }),
      ),
    );
  }
  console.log(`SETUP ${JSON.stringify({ ...setup, workers })}`);
  console.log(`LISTENING http://127.0.0.1:${port}`);
  process.on("SIGTERM", () => {
    for (const w of Object.values(cluster.workers ?? {})) {
      w?.kill();
    }
    process.exit(0);
  });
}
