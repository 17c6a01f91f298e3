import cluster from "node:cluster";
import fs from "node:fs";
import net from "node:net";
import { createHttpApp, openPlatform } from "../../src/platform/bootstrap.js";
import { loadConfig } from "../../src/platform/config.js";
import { seedDemo } from "../../src/seed/seed.js";
import { seedExchangeBench } from "./exchange-setup.js";

/**
 * Yimen on PostgreSQL (DATABASE_URL) with the demo, plus PERSONS persons who own a flat each, an
 * agreement for the public-security system to read the real-estate register, and an API token.
 * Prints SETUP {…} and LISTENING url.
 */
const persons = Number(process.env.BENCH_PERSONS ?? 5000);
// Stateless server processes share PostgreSQL (ARCHITECTURE.md): BENCH_WORKERS of them share the port.
const workers = Number(process.env.BENCH_WORKERS ?? 1);
if (cluster.isWorker) {
  const config = loadConfig(
    { ...process.env, YIMEN_DEMO_PASSWORD: "Bench-password-2026", LOG_LEVEL: "info" },
    { port: 0, host: "127.0.0.1" },
  );
  const platform = await openPlatform(config);
  const { app } = await createHttpApp(platform, { logStream: fs.createWriteStream("/dev/null") });
  await app.listen({ port: Number(process.env.BENCH_PORT), host: "127.0.0.1" });
  process.send?.("ready");
  await new Promise(() => {});
}
const config = loadConfig(
  { ...process.env, YIMEN_DEMO_PASSWORD: "Bench-password-2026", LOG_LEVEL: "info" },
  { port: 0, host: "127.0.0.1" },
);
const platform = await openPlatform(config);
await seedDemo(platform.ctx, { provinces: ["33"] });
const { ids, agreement, token } = await seedExchangeBench(platform, persons);
fs.writeFileSync(process.env.BENCH_IDS_FILE as string, JSON.stringify(ids));
const { app } = await createHttpApp(platform, { logStream: fs.createWriteStream("/dev/null") });
if (workers <= 1) {
  await app.listen({ port: 0, host: "127.0.0.1" });
} else {
  const probe = net.createServer();
  const port = await new Promise<number>((resolve) =>
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
  console.log(`SETUP ${JSON.stringify({ agreement: agreement.id, token: token.token, workers })}`);
  console.log(`LISTENING http://127.0.0.1:${port}`);
  process.on("SIGTERM", () => {
    for (const w of Object.values(cluster.workers ?? {})) {
      w?.kill();
    }
    process.exit(0);
  });
}
const address = workers <= 1 ? app.server.address() : null;
if (address && typeof address === "object") {
  console.log(`SETUP ${JSON.stringify({ agreement: agreement.id, token: token.token, workers: 1 })}`);
  console.log(`LISTENING http://127.0.0.1:${address.port}`);
}
process.on("SIGTERM", () => process.exit(0));
