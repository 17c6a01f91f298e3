import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";

/** A statement text seen this many times is prepared (named) on each connection that runs it. */
const PREPARE_AFTER = 3;
/** At most this many statements are prepared per process; the rest stay unnamed (one-off texts). */
const MAX_PREPARED = 500;
const MAX_TRACKED = 5_000;

/**
 * Statement names for repeated query texts. PostgreSQL parses and plans an unnamed statement on
 * every call; a named one is parsed once per connection and its plan reused, which on the hot
 * paths (the exchange's gateway: a few long statements per call) halves the server's work. Only
 * texts that recur are named, and their number is bounded, since a connection keeps every
 * statement it prepared for its lifetime.
 */
export class StatementNames {
  private readonly named = new Map<string, string>();
  private readonly seen = new Map<string, number>();

  nameFor(text: string): string | undefined {
    const name = this.named.get(text);
    if (name !== undefined || this.named.size >= MAX_PREPARED) {
      return name;
    }
    const count = (this.seen.get(text) ?? 0) + 1;
    if (count < PREPARE_AFTER) {
      if (this.seen.size >= MAX_TRACKED) {
        this.seen.clear();
      }
      this.seen.set(text, count);
      return undefined;
    }
    this.seen.delete(text);
    const fresh = `yimen_${this.named.size}`;
    this.named.set(text, fresh);
    return fresh;
  }
}

/** Kysely's view of a pg pool whose clients run recurring statements as prepared ones. */
export function preparingPool(pool: pg.Pool, names = new StatementNames()): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = {
          // biome-ignore lint/suspicious/noExplicitAny: pg's overloads (text or cursor) are wider than Kysely's
          query: ((text: any, parameters?: ReadonlyArray<unknown>) => {
            if (typeof text !== "string") {
              return client.query(text);
            }
            const name = names.nameFor(text);
            const values = parameters ? [...parameters] : [];
            return name ? client.query({ name, text, values }) : client.query(text, values);
          }) as PostgresPoolClient["query"],
          release: (destroy?: boolean) => client.release(destroy),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
