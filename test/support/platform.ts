import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { createHttpApp, openPlatform, type Platform } from "../../src/platform/bootstrap.js";
import { type Config, loadConfig } from "../../src/platform/config.js";
import type { RegisteredRoute } from "../../src/platform/http/app.js";
import { seedDemo } from "../../src/seed/seed.js";

export type DatabaseKind = "pglite" | "postgres";

/** The databases the integration tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDatabases(): DatabaseKind[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI === "true") {
    throw new Error(
      "CI must run the integration tests on PostgreSQL too: set TEST_DATABASE_URL (.ci/run does)",
    );
  }
  if (!url) {
    console.warn(
      "TEST_DATABASE_URL is not set: integration tests run on PGlite only (.ci/run starts a private PostgreSQL)",
    );
  }
  return url ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestPlatform {
  platform: Platform;
  app: FastifyInstance;
  routes: RegisteredRoute[];
  /** Every JSON log line the app wrote so far. */
  logs(): string;
  close(): Promise<void>;
}

/** Creates a fresh database of the given kind (a new PostgreSQL database each time). */
async function freshDatabaseUrl(
  kind: DatabaseKind,
): Promise<{ url: string | null; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    return { url: null, drop: async () => {} };
  }
  const admin = process.env.TEST_DATABASE_URL as string;
  const name = `yimen_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A migrated platform with the demo seeded (Zhejiang's divisions only, for speed) and its HTTP app,
 * on a database of its own.
 */
export async function startTestPlatform(
  kind: DatabaseKind,
  overrides: Partial<Config> = {},
): Promise<TestPlatform> {
  const { url, drop } = await freshDatabaseUrl(kind);
  const config = loadConfig(
    { YIMEN_DEMO_PASSWORD: TEST_PASSWORD },
    {
      databaseUrl: url,
      dataDir: "memory://",
      webDir: "/nonexistent",
      logLevel: "info",
      loginRateLimit: 1000,
      ...overrides,
    },
  );
  const platform = await openPlatform(config);
  await seedDemo(platform.ctx, { provinces: ["33"] });
  const stream = new PassThrough();
  let logs = "";
  stream.on("data", (chunk: Buffer) => {
    logs += chunk.toString("utf8");
  });
  const { app, routes } = await createHttpApp(platform, { logStream: stream });
  await app.ready();
  return {
    platform,
    app,
    routes,
    logs: () => logs,
    close: async () => {
      await app.close();
      await platform.close();
      await drop();
    },
  };
}

export const TEST_PASSWORD = "Test-password-2026";
