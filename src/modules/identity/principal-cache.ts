import type { Database, Db } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/auth.js";

/** The channel the database's triggers notify when a credential may have ended or changed. */
export const PRINCIPALS_CHANNEL = "yimen_principals";

export interface CachedPrincipal {
  principal: Principal;
  /** When the session or token expires (ms since the epoch): a hit after that is a miss. */
  expiresAt: number;
  /** When last_seen_at / last_used_at was last written (ms since the epoch). */
  touchedAt: number;
}

interface Entry extends CachedPrincipal {
  storedAt: number;
}

export interface PrincipalCacheOptions {
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
  /**
   * How long an entry is trusted at most, as a bound should a notification be lost without the
   * connection being seen to drop.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Sessions and API tokens this process resolved, so that a signed-in request does not cost a
 * database round trip. It is trusted only while this process listens for the database's notices
 * (PRINCIPALS_CHANNEL, sent at commit by triggers on sessions, tokens, accounts, roles and
 * departments): a notice, a lost connection or stopping empties it and it answers nothing until
 * listening again. Only credentials found live are kept; an unknown one is always looked up.
 */
export class PrincipalCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #listening = false;
  #generation = 0;

  constructor(options: PrincipalCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 20_000;
    this.#maxAgeMs = options.maxAgeMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  /** Changes whenever the cache is emptied; take it before a look-up and hand it to set(). */
  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Trusts entries from now on (the process listens), or stops trusting them. Empties it either way. */
  setListening(listening: boolean): void {
    this.#listening = listening;
    this.clear();
  }

  /** Drops every entry: something about some credential changed. */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  get(key: string): CachedPrincipal | undefined {
    if (!this.#listening) {
      return undefined;
    }
    const entry = this.#entries.get(key);
    if (!entry) {
      return undefined;
    }
    const now = this.#now();
    if (now >= entry.expiresAt || now - entry.storedAt >= this.#maxAgeMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /**
   * Keeps what a look-up found, unless the cache was emptied since the look-up began (generation):
   * the row read may predate the change that emptied it.
   */
  set(key: string, value: CachedPrincipal, generation: number): void {
    if (!this.#listening || generation !== this.#generation) {
      return;
    }
    if (this.#entries.size >= this.#maxEntries && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) {
        this.#entries.delete(oldest);
      }
    }
    this.#entries.set(key, { ...value, storedAt: this.#now() });
  }

  /** Records that last_seen_at / last_used_at was written now. */
  touched(key: string): void {
    const entry = this.#entries.get(key);
    if (entry) {
      entry.touchedAt = this.#now();
    }
  }
}

const cachesByDb = new WeakMap<Db, Set<PrincipalCache>>();

/**
 * Empties this process's caches of the database at once. Services that end or change a credential
 * call it after their commit, so the next request of this process sees the change without waiting for
 * the notification (which still reaches every other process).
 */
export function forgetPrincipals(db: Db): void {
  for (const cache of cachesByDb.get(db) ?? []) {
    cache.clear();
  }
}

/**
 * Starts a cache that listens for the database's notices. When LISTEN cannot be set up the cache
 * stays off and every request is looked up, as before.
 */
export async function startPrincipalCache(
  database: Pick<Database, "db" | "listen">,
  options: PrincipalCacheOptions & { onError?: (error: unknown) => void } = {},
): Promise<{ cache: PrincipalCache; stop: () => Promise<void> }> {
  const cache = new PrincipalCache(options);
  let set = cachesByDb.get(database.db);
  if (!set) {
    set = new Set();
    cachesByDb.set(database.db, set);
  }
  set.add(cache);
  let unlisten: (() => Promise<void>) | null = null;
  let stopped = false;
  try {
    unlisten = await database.listen(
      PRINCIPALS_CHANNEL,
      // A notice, or the connection restored after a loss (notices in between are lost): start afresh.
      () => cache.setListening(!stopped),
      () => cache.setListening(false),
    );
    cache.setListening(!stopped);
  } catch (error) {
    options.onError?.(error);
  }
  return {
    cache,
    stop: async () => {
      stopped = true;
      cache.setListening(false);
      cachesByDb.get(database.db)?.delete(cache);
      await unlisten?.().catch(() => {});
    },
  };
}
