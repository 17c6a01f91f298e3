import { createHttpApp, openPlatform } from "../../src/platform/bootstrap.js";
import { loadConfig } from "../../src/platform/config.js";
import { logDestination } from "../../src/platform/logging.js";
import { seedDemo } from "../../src/seed/seed.js";

// The platform as `npm start` runs it (PGlite, request logging at info), with the demo of one province.
const config = loadConfig(
  { ...process.env, YIMEN_DEMO_PASSWORD: "Bench-password-2026", LOG_LEVEL: "info" },
  { port: 0, host: "127.0.0.1" },
);
const platform = await openPlatform(config);
await seedDemo(platform.ctx, { provinces: ["33"] });
const { app } = await createHttpApp(platform, { logStream: logDestination("/dev/null") });
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
if (address && typeof address === "object") {
  console.log(`LISTENING http://127.0.0.1:${address.port}`);
}
