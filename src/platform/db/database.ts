import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect.js";
import { preparingPool } from "./prepared.js";
import type { DB } from "./schema.js";

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Checks that the database answers (for /readyz). */
  ping(): Promise<void>;
  /**
   * Calls onNotify for every NOTIFY on the channel, from any process (PostgreSQL) or this one
   * (PGlite), and once more after a lost connection is restored (notifications in between are lost);
   * onLost is called when the connection is lost (never on PGlite). Resolves to a function that stops
   * listening.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onLost?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): void {
  if (!CHANNEL_NAME.test(channel)) {
    throw new Error(`invalid LISTEN channel name ${channel}`);
  }
}

/** How long a lost LISTEN connection waits before it reconnects. */
const RELISTEN_MS = 5_000;

/**
 * LISTEN on PostgreSQL needs a connection of its own (a pooled one would be handed to queries).
 * It is reopened after an error until the listener is stopped.
 */
async function listenOnPostgres(
  connectionString: string,
  channel: string,
  onNotify: (payload: string) => void,
  onLost: () => void,
): Promise<() => Promise<void>> {
  checkChannel(channel);
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const open = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on("notification", (message) => {
      if (message.channel === channel) {
        onNotify(message.payload ?? "");
      }
    });
    const lost = () => {
      if (client === c) {
        client = null;
        c.end().catch(() => {});
        onLost();
        schedule();
      }
    };
    c.on("error", lost);
    c.on("end", lost);
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
    } catch (error) {
      c.end().catch(() => {});
      throw error;
    }
    client = c;
  };
  const schedule = () => {
    if (stopped || retry) {
      return;
    }
    retry = setTimeout(() => {
      retry = null;
      open()
        .then(() => onNotify(""))
        .catch(() => schedule());
    }, RELISTEN_MS);
    retry.unref();
  };
  await open();
  return async () => {
    stopped = true;
    if (retry) {
      clearTimeout(retry);
    }
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}

const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

export interface DatabaseOptions {
  /** PostgreSQL URL; when null, PGlite is used. */
  databaseUrl: string | null;
  /** PGlite data folder; "memory://" for an in-memory database. */
  dataDir: string;
  poolSize?: number;
}

/** Opens PostgreSQL (DATABASE_URL) or embedded PGlite with the same type parsing on both. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") => {
          if (oid === INT8) {
            return (v: string) => Number(v);
          }
          if (oid === DATE || oid === NUMERIC) {
            return (v: string) => v;
          }
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection that the server ends (restart, failover) must not crash the process; the
    // pool replaces it, and queries in flight fail with their own errors.
    pool.on("error", () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return {
      db,
      kind: "postgres",
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      listen: (channel, onNotify, onLost) =>
        listenOnPostgres(options.databaseUrl as string, channel, onNotify, onLost ?? (() => {})),
      close: () => db.destroy(),
    };
  }
  const memory = options.dataDir.startsWith("memory://");
  const releaseLock = memory ? () => {} : lockDataDir(options.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(memory ? undefined : options.dataDir, {
      parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v, [NUMERIC]: (v: string) => v },
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: "pglite",
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    // PGlite is this process's own backend: a transaction's NOTIFY reaches it at commit. LISTEN goes
    // through Kysely so that it takes the connection's lease rather than landing inside a transaction.
    listen: async (channel, onNotify) => {
      checkChannel(channel);
      await sql.raw(`listen ${channel}`).execute(db);
      const off = pglite.onNotification((name, payload) => {
        if (name === channel) {
          onNotify(payload);
        }
      });
      return async () => {
        off();
        await sql.raw(`unlisten ${channel}`).execute(db);
      };
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process: a second process opening the same folder would corrupt it. A lock file
 * beside the folder names the holder; a stale one (its process gone) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw error;
      }
      const holder = Number(fs.readFileSync(lockPath, "utf8"));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DatabaseInUseError(dataDir, holder);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseInUseError(dataDir, 0);
}

export class DatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database ${dataDir} is in use by process ${pid}. Stop the server first (PGlite serves one process), or run Yimen on PostgreSQL with DATABASE_URL.`,
    );
    this.name = "DatabaseInUseError";
  }
}
