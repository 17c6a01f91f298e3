import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from "./config.js";

describe("configuration", () => {
  it("has working defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      demoPassword: DEFAULT_DEMO_PASSWORD,
      trustProxy: false,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it("reads every variable", () => {
    const config = loadConfig({
      PORT: "8080",
      YIMEN_DATA_DIR: "/srv/yimen",
      DATABASE_URL: "postgres://u@db/yimen",
      YIMEN_DEMO_PASSWORD: "Another-demo-pass",
      YIMEN_TRUST_PROXY: "2",
      NODE_ENV: "production",
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: "/srv/yimen",
      databaseUrl: "postgres://u@db/yimen",
      demoPassword: "Another-demo-pass",
      trustProxy: 2,
      secureCookies: true,
    });
  });

  it("reads the notification worker's settings, within bounds", () => {
    expect(loadConfig({})).toMatchObject({
      notificationPollMs: 5_000,
      notificationTimeoutMs: 10_000,
      notificationMaxAttempts: 8,
      notificationBatchSize: 10,
    });
    expect(
      loadConfig({
        YIMEN_NOTIFY_POLL_MS: "1000",
        YIMEN_NOTIFY_TIMEOUT_MS: "2500",
        YIMEN_NOTIFY_MAX_ATTEMPTS: "3",
        YIMEN_NOTIFY_BATCH: "50",
      }),
    ).toMatchObject({
      notificationPollMs: 1000,
      notificationTimeoutMs: 2500,
      notificationMaxAttempts: 3,
      notificationBatchSize: 50,
    });
    expect(() => loadConfig({ YIMEN_NOTIFY_MAX_ATTEMPTS: "0" })).toThrow(/YIMEN_NOTIFY_MAX_ATTEMPTS/);
  });

  it("lists every problem at once", () => {
    try {
      loadConfig({
        PORT: "http",
        DATABASE_URL: "mysql://x",
        YIMEN_DEMO_PASSWORD: "short",
        LOG_LEVEL: "loud",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(4);
      for (const name of ["PORT", "DATABASE_URL", "YIMEN_DEMO_PASSWORD", "LOG_LEVEL"]) {
        expect(problems.some((p) => p.startsWith(name))).toBe(true);
      }
      expect((error as ConfigError).message).not.toContain("short");
    }
  });
});
