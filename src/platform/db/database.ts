import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect.js";
import type { DB } from "./schema.js";

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Checks that the database answers (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
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
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: "postgres",
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  }
  const memory = options.dataDir.startsWith("memory://");
  if (!memory) {
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  }
  const pglite = await PGlite.create(memory ? undefined : options.dataDir, {
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v, [NUMERIC]: (v: string) => v },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: "pglite",
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
