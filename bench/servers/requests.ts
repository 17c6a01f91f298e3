import cluster from "node:cluster";
import fs from "node:fs";
import type net from "node:net";
import { sql } from "kysely";
import { accounts } from "../../src/modules/identity/index.js";
import {
  defaultModelPath,
  loadClassifierOrThrow,
  RequestClassifier,
  saveClassifier,
} from "../../src/modules/insight/index.js";
import { SYSTEM } from "../../src/modules/ledger/index.js";
import { categories, fromLabelClassifier, plugClassifier } from "../../src/modules/requests/index.js";
import { createHttpApp, openPlatform, type Platform } from "../../src/platform/bootstrap.js";
import { loadConfig } from "../../src/platform/config.js";
import { logDestination } from "../../src/platform/logging.js";
import { seedDemo } from "../../src/seed/seed.js";
import { forkWorkers, workerReady } from "./cluster.js";

/**
 * Yimen on PostgreSQL (DATABASE_URL) with the demo, CITIZENS citizens with accounts, HISTORY earlier
 * requests of the last 30 days (so that the duplicate and repeat-caller look-ups search a realistic
 * table), and the trained classifier at `<YIMEN_DATA_DIR>/models/requests-classifier.json`, loaded
 * and plugged in as `yimen serve` does. Without a model file, one is trained from the demo's own
 * requests. BENCH_WORKERS server processes share the port. Prints SETUP {…} and LISTENING url.
 */
const citizens = Number(process.env.BENCH_CITIZENS ?? 20);
const history = Number(process.env.BENCH_HISTORY ?? 100_000);
const workers = Number(process.env.BENCH_WORKERS ?? 1);
const password = "Bench-password-2026";
const config = loadConfig(
  { ...process.env, YIMEN_DEMO_PASSWORD: password, LOG_LEVEL: "info", YIMEN_LOGIN_RATE_LIMIT: "10000" },
  { port: 0, host: "127.0.0.1" },
);

/** As `yimen serve` does (src/cli/serve.ts): the model in the data dir, adapted to the category tree. */
async function plugModel(platform: Platform): Promise<void> {
  const classifier = loadClassifierOrThrow(defaultModelPath(config.dataDir));
  plugClassifier(
    fromLabelClassifier(
      (text) => classifier.classify(text),
      (await categories.categoryTree(platform.ctx)).list,
    ),
  );
}

async function listen(platform: Platform, port: number) {
  const { app } = await createHttpApp(platform, { logStream: logDestination("/dev/null") });
  await app.listen({ port, host: "127.0.0.1" });
  return app;
}

if (cluster.isWorker) {
  const platform = await openPlatform(config);
  await plugModel(platform);
  await listen(platform, Number(process.env.BENCH_PORT));
  workerReady();
  await new Promise(() => {});
}

const platform = await openPlatform(config);
await seedDemo(platform.ctx, { provinces: ["33"] });
const db = platform.database.db;
const seed = { actor: SYSTEM, requestId: null };

const usernames: string[] = [];
for (let i = 0; i < citizens; i++) {
  const username = `bench-citizen-${i}`;
  await accounts.createAccount(platform.ctx, seed, {
    username,
    displayName: `市民${i}`,
    password,
    roles: ["citizen"],
    departmentIds: [],
  });
  usernames.push(username);
}

const model = defaultModelPath(config.dataDir);
let trainedFrom = "model file";
if (!fs.existsSync(model)) {
  // No labelled CSV: the demo's own requests, labelled with their first-level category.
  const tree = await categories.categoryTree(platform.ctx);
  const rows = await db
    .selectFrom("requests")
    .select(["title", "description", "category_code", "proposed_category_code"])
    .execute();
  const examples = rows.flatMap((r) => {
    const code = r.category_code ?? r.proposed_category_code;
    const root = code ? tree.byCode.get(tree.byCode.get(code)?.root ?? "") : undefined;
    return root ? [{ text: r.title ? `${r.title}\n${r.description}` : r.description, label: root.name }] : [];
  });
  saveClassifier(RequestClassifier.train(examples, { minDf: 1 }), model);
  trainedFrom = `${examples.length} demo requests`;
}

// Earlier requests: texts of the demo's requests, second-level categories, points around 杭州, the
// last 30 days, from the bench citizens and phone callers.
if (history > 0) {
  const texts = (await db.selectFrom("requests").select("description").execute()).map((r) => r.description);
  const codes = (await categories.categoryTree(platform.ctx)).list
    .filter((c) => c.level === 2 && c.active)
    .map((c) => c.code);
  const ids = (
    await db.selectFrom("accounts").select("id").where("username", "like", "bench-citizen-%").execute()
  ).map((a) => a.id);
  for (let from = 0; from < history; from += 20_000) {
    const to = Math.min(history, from + 20_000) - 1;
    await sql`
      insert into requests (number, token, channel, status, description, category_code, department_code,
        proposed_category_code, proposed_confidence, proposed_by, requester_account_id, contact_phone,
        lat, lng, created_at, updated_at)
      select 'YMH' || lpad(g::text, 9, '0'), md5('bench' || g), 'web',
        (array['pending','dispatched','in_progress','replied','closed'])[1 + g % 5],
        (${texts}::text[])[1 + g % ${texts.length}] || ' 编号' || g,
        (${codes}::text[])[1 + g % ${codes.length}], null,
        (${codes}::text[])[1 + g % ${codes.length}], 0.9, 'classifier',
        (${ids}::uuid[])[1 + g % ${ids.length}], '1390000' || lpad((g % 10000)::text, 4, '0'),
        30.15 + (g::bigint * 7919 % 10007) / 10007.0 * 0.25, 120.0 + (g::bigint * 104729 % 10009) / 10009.0 * 0.35,
        now() - (g % 43200) * interval '1 minute', now()
      from generate_series(${from}::int, ${to}::int) g`.execute(db);
  }
}
await sql`analyze`.execute(db);

const setup = (processes: number) =>
  `SETUP ${JSON.stringify({ usernames, password, history, trainedFrom, processes })}`;
if (workers <= 1) {
  await plugModel(platform);
  const app = await listen(platform, 0);
  const address = app.server.address() as net.AddressInfo;
  console.log(setup(1));
  console.log(`LISTENING http://127.0.0.1:${address.port}`);
  process.on("SIGTERM", () => process.exit(0));
} else {
  await platform.close();
  const port = await forkWorkers(workers);
  console.log(setup(workers));
  console.log(`LISTENING http://127.0.0.1:${port}`);
}
