import fs from "node:fs";
import { openPlatform } from "../../src/platform/bootstrap.js";
import { seedDemo } from "../../src/seed/seed.js";
import { benchConfig, serve, serveIfWorker } from "./cluster.js";
import { seedExchangeBench } from "./exchange-setup.js";

/**
 * Yimen on PostgreSQL (DATABASE_URL) with the demo, plus PERSONS persons who own a flat each, an
 * agreement for the public-security system to read the real-estate register, and an API token.
 * Prints SETUP {…} and LISTENING url; BENCH_WORKERS processes share the port (see cluster.ts).
 */
const persons = Number(process.env.BENCH_PERSONS ?? 5000);
const extra = { YIMEN_DEMO_PASSWORD: "Bench-password-2026" };
await serveIfWorker(extra);
const platform = await openPlatform(benchConfig(extra));
await seedDemo(platform.ctx, { provinces: ["33"] });
const { ids, agreement, token } = await seedExchangeBench(platform, persons);
fs.writeFileSync(process.env.BENCH_IDS_FILE as string, JSON.stringify(ids));
await serve(platform, { agreement: agreement.id, token: token.token });
