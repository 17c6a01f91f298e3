import path from "node:path";

/** The validated configuration of one Yimen process. Nothing else reads process.env. */
export interface Config {
  port: number;
  host: string;
  /** The data folder: PGlite's database in pglite/ (unless databaseUrl is set) and the ledger keys in keys/. */
  dataDir: string;
  /** PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl: string | null;
  /** Connections to PostgreSQL this process keeps (YIMEN_DB_POOL); PGlite has one. */
  databasePoolSize: number;
  demoPassword: string;
  /** Secure flag on cookies; on by default when NODE_ENV=production. */
  secureCookies: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Folder of the built web client. */
  webDir: string;
  /** Failed sign-ins before an account is locked, and for how long. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Sign-in attempts per client address per minute. */
  loginRateLimit: number;
  sessionHours: number;
  /** Fastify trustProxy: false, true, or the number of proxy hops to trust for the client address. */
  trustProxy: boolean | number;
  /** The transparency log's origin line (and key name) in checkpoints. */
  ledgerOrigin: string;
  /** Ed25519 seed of the ledger's signing key; generated into the data folder when not given. */
  ledgerSigningSeed: Buffer | null;
  /** Key of the keyed hashes that stand for personal identifiers in ledger entries. */
  ledgerHmacKey: Buffer | null;
  /** Ed25519 seed of the e-certificates' signing key; generated into the data folder when not given. */
  certificateSigningSeed: Buffer | null;
  /** How often this process integrates appended entries into the tree and signs a checkpoint. */
  ledgerIntegrateMs: number;
  /** 负面清单: the most persons' records one account may read a day. */
  dailyReadLimit: number;
  /** The daily cap for department systems (system clients), which serve many people. */
  systemDailyReadLimit: number;
  /** How often the notification worker looks for due webhook deliveries (NOTIFY wakes it sooner). */
  notificationPollMs: number;
  /** How long one webhook delivery may take before it counts as failed. */
  notificationTimeoutMs: number;
  /** Attempts of a webhook delivery before it is given up as dead. */
  notificationMaxAttempts: number;
  /** Deliveries one worker claims at a time. */
  notificationBatchSize: number;
}

export const DEFAULT_DEMO_PASSWORD = "Yimen-demo-2026";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type Env = Record<string, string | undefined>;

/** Builds the configuration from the environment (and CLI overrides), listing every problem at once. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") {
      return fallback;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push("DATABASE_URL must be a postgres:// or postgresql:// URL");
  }
  const demoPassword = env.YIMEN_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
  if (demoPassword.length < 10) {
    problems.push("YIMEN_DEMO_PASSWORD must be at least 10 characters");
  }
  const logLevel = (env.LOG_LEVEL ?? "info") as Config["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  }
  const secure = env.YIMEN_SECURE_COOKIES ?? (env.NODE_ENV === "production" ? "true" : "false");
  if (secure !== "true" && secure !== "false") {
    problems.push('YIMEN_SECURE_COOKIES must be "true" or "false"');
  }
  const trustRaw = env.YIMEN_TRUST_PROXY?.trim() || "false";
  let trustProxy: boolean | number = false;
  if (trustRaw === "true" || trustRaw === "false") {
    trustProxy = trustRaw === "true";
  } else if (/^\d+$/.test(trustRaw) && Number(trustRaw) <= 10) {
    trustProxy = Number(trustRaw);
  } else {
    problems.push('YIMEN_TRUST_PROXY must be "true", "false" or a number of proxy hops (0-10)');
  }
  const base64Key = (name: string, bytes: number, exact: boolean): Buffer | null => {
    const raw = env[name]?.trim();
    if (!raw) {
      return null;
    }
    const key = Buffer.from(raw, "base64");
    if (exact ? key.length !== bytes : key.length < bytes) {
      problems.push(`${name} must be base64 of ${exact ? "exactly" : "at least"} ${bytes} bytes`);
      return null;
    }
    return key;
  };
  const ledgerOrigin = env.YIMEN_LEDGER_ORIGIN?.trim() || "yimen.local/ledger";
  if (!/^[\x21-\x7e]+$/.test(ledgerOrigin) || ledgerOrigin.includes("+")) {
    problems.push(
      "YIMEN_LEDGER_ORIGIN must be printable ASCII without spaces or '+' (e.g. ledger.gov.example)",
    );
  }
  const config: Config = {
    port: int("PORT", 3000, 0, 65535),
    host: env.HOST?.trim() || "0.0.0.0",
    dataDir: path.resolve(env.YIMEN_DATA_DIR?.trim() || "data"),
    databaseUrl,
    databasePoolSize: int("YIMEN_DB_POOL", 10, 1, 200),
    demoPassword,
    secureCookies: secure === "true",
    logLevel: LOG_LEVELS.includes(logLevel) ? logLevel : "info",
    webDir: path.resolve(env.YIMEN_WEB_DIR?.trim() || "dist/web"),
    lockoutThreshold: int("YIMEN_LOCKOUT_THRESHOLD", 5, 1, 100),
    lockoutMinutes: int("YIMEN_LOCKOUT_MINUTES", 15, 1, 24 * 60),
    loginRateLimit: int("YIMEN_LOGIN_RATE_LIMIT", 20, 1, 10_000),
    sessionHours: int("YIMEN_SESSION_HOURS", 12, 1, 24 * 30),
    trustProxy,
    ledgerOrigin,
    ledgerSigningSeed: base64Key("YIMEN_LEDGER_SIGNING_SEED", 32, true),
    ledgerHmacKey: base64Key("YIMEN_LEDGER_HMAC_KEY", 32, false),
    certificateSigningSeed: base64Key("YIMEN_CERTIFICATE_SIGNING_SEED", 32, true),
    ledgerIntegrateMs: int("YIMEN_LEDGER_INTEGRATE_MS", 250, 10, 60_000),
    dailyReadLimit: int("YIMEN_DAILY_READ_LIMIT", 200, 1, 1_000_000),
    systemDailyReadLimit: int("YIMEN_SYSTEM_DAILY_READ_LIMIT", 1_000_000, 1, 100_000_000),
    notificationPollMs: int("YIMEN_NOTIFY_POLL_MS", 5_000, 100, 3_600_000),
    notificationTimeoutMs: int("YIMEN_NOTIFY_TIMEOUT_MS", 10_000, 100, 120_000),
    notificationMaxAttempts: int("YIMEN_NOTIFY_MAX_ATTEMPTS", 8, 1, 50),
    notificationBatchSize: int("YIMEN_NOTIFY_BATCH", 10, 1, 100),
    ...overrides,
  };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}
