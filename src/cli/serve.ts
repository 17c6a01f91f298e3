import { existsSync } from "node:fs";
import closeWithGrace from "close-with-grace";
import { agreements, supervision } from "../modules/exchange/index.js";
import { auth } from "../modules/identity/index.js";
import { defaultModelPath, loadClassifierOrThrow } from "../modules/insight/index.js";
import { SYSTEM, startIntegrator } from "../modules/ledger/index.js";
import { startDeliveryWorker } from "../modules/notifications/index.js";
import { categories, fromLabelClassifier, plugClassifier } from "../modules/requests/index.js";
import { createHttpApp, openPlatform } from "../platform/bootstrap.js";
import type { Config } from "../platform/config.js";
import { DEFAULT_DEMO_PASSWORD } from "../platform/config.js";
import { DEMO_ACCOUNTS } from "../seed/demo-data.js";
import { seedDemo, seedReference } from "../seed/seed.js";

/** Starts the whole platform in this process. */
export async function serve(config: Config, options: { demo: boolean }): Promise<void> {
  const platform = await openPlatform(config);
  const seeded = options.demo
    ? await seedDemo(platform.ctx)
    : { seeded: false, divisions: await seedReference(platform.ctx) };
  const { app } = await createHttpApp(platform);
  // A trained request classifier (yimen requests train) proposes categories; else the keyword rule.
  const model = defaultModelPath(config.dataDir);
  if (existsSync(model)) {
    const classifier = loadClassifierOrThrow(model);
    plugClassifier(
      fromLabelClassifier(
        (text) => classifier.classify(text),
        (await categories.categoryTree(platform.ctx)).list,
      ),
    );
    app.log.info({ model }, "request classifier loaded");
  }
  const stopIntegrator = startIntegrator(
    platform.database.db,
    platform.ctx.ledger.keys,
    config.ledgerIntegrateMs,
    (err) => app.log.error({ err }, "ledger integration failed"),
  );
  // Expired sessions are refused on sight; this only keeps the table small.
  const sweep = setInterval(() => {
    auth
      .deleteExpiredSessions(platform.ctx)
      .catch((err: unknown) => app.log.warn({ err }, "session sweep failed"));
  }, 3_600_000);
  sweep.unref();
  // The exchange's supervision: anomaly scans of today's use, and expiry warnings to owners.
  const supervise = async () => {
    const caller = { actor: SYSTEM, requestId: null };
    await supervision.scanAlerts(platform.ctx, caller);
    await agreements.warnExpiring(platform.ctx, caller);
  };
  const watch = setInterval(() => {
    supervise().catch((err: unknown) => app.log.warn({ err }, "exchange supervision failed"));
  }, 600_000);
  watch.unref();
  // E-mail/SMS webhooks from the notifications' outbox (safe beside other processes: SKIP LOCKED).
  const stopDelivery = await startDeliveryWorker(platform.ctx, platform.database, app.log);
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) {
      app.log.error({ err }, "shutting down after an error");
    }
    await app.close();
    await stopDelivery();
    await stopIntegrator();
    await platform.close();
  });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${config.dataDir}`;
  const lines = [
    "",
    `  一门 Yimen is running at ${url}`,
    `  database: ${where}${platform.applied.length ? `; migrations applied: ${platform.applied.length}` : ""}`,
    `  divisions loaded: ${seeded.divisions}${seeded.seeded ? "; demo data seeded" : ""}`,
    `  API docs: ${url}/api/docs`,
  ];
  if (options.demo) {
    const password =
      config.demoPassword === DEFAULT_DEMO_PASSWORD ? config.demoPassword : "(YIMEN_DEMO_PASSWORD)";
    lines.push(`  demo sign-ins (password ${password}): ${DEMO_ACCOUNTS.map((a) => a.username).join(", ")}`);
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
}
