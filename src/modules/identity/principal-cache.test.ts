import { describe, expect, it } from "vitest";
import type { Principal } from "../../platform/http/auth.js";
import { PrincipalCache } from "./principal-cache.js";

const principal = (accountId: string): Principal => ({
  via: "token",
  accountId,
  roles: ["system"],
  departmentIds: [],
  tokenId: accountId,
  scopes: [],
});

function cacheAt(options: { maxEntries?: number; maxAgeMs?: number } = {}) {
  const clock = { now: 1_000_000 };
  const cache = new PrincipalCache({ ...options, now: () => clock.now });
  cache.setListening(true);
  return { cache, clock };
}

describe("PrincipalCache", () => {
  it("answers what it was given until the credential expires", () => {
    const { cache, clock } = cacheAt();
    cache.set(
      "t:a",
      { principal: principal("a"), expiresAt: clock.now + 500, touchedAt: 0 },
      cache.generation,
    );
    expect(cache.get("t:a")?.principal.accountId).toBe("a");
    clock.now += 499;
    expect(cache.get("t:a")?.principal.accountId).toBe("a");
    clock.now += 1;
    expect(cache.get("t:a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("trusts an entry no longer than its maximum age", () => {
    const { cache, clock } = cacheAt({ maxAgeMs: 100 });
    cache.set(
      "t:a",
      { principal: principal("a"), expiresAt: clock.now + 10_000, touchedAt: 0 },
      cache.generation,
    );
    clock.now += 99;
    expect(cache.get("t:a")).toBeDefined();
    clock.now += 1;
    expect(cache.get("t:a")).toBeUndefined();
  });

  it("drops a look-up that began before the cache was emptied", () => {
    const { cache, clock } = cacheAt();
    const before = cache.generation;
    cache.clear();
    cache.set("t:a", { principal: principal("a"), expiresAt: clock.now + 500, touchedAt: 0 }, before);
    expect(cache.get("t:a")).toBeUndefined();
    cache.set(
      "t:a",
      { principal: principal("a"), expiresAt: clock.now + 500, touchedAt: 0 },
      cache.generation,
    );
    expect(cache.get("t:a")).toBeDefined();
  });

  it("answers nothing and keeps nothing while not listening", () => {
    const { cache, clock } = cacheAt();
    cache.set(
      "t:a",
      { principal: principal("a"), expiresAt: clock.now + 500, touchedAt: 0 },
      cache.generation,
    );
    cache.setListening(false);
    expect(cache.get("t:a")).toBeUndefined();
    cache.set(
      "t:b",
      { principal: principal("b"), expiresAt: clock.now + 500, touchedAt: 0 },
      cache.generation,
    );
    cache.setListening(true);
    expect(cache.get("t:a")).toBeUndefined();
    expect(cache.get("t:b")).toBeUndefined();
  });

  it("lets the oldest entry go when full", () => {
    const { cache, clock } = cacheAt({ maxEntries: 2 });
    for (const key of ["a", "b", "c"]) {
      cache.set(
        key,
        { principal: principal(key), expiresAt: clock.now + 500, touchedAt: 0 },
        cache.generation,
      );
    }
    expect(cache.size).toBe(2);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
  });

  it("remembers when the credential was last touched", () => {
    const { cache, clock } = cacheAt();
    cache.set(
      "t:a",
      { principal: principal("a"), expiresAt: clock.now + 500, touchedAt: 5 },
      cache.generation,
    );
    clock.now += 10;
    cache.touched("t:a");
    expect(cache.get("t:a")?.touchedAt).toBe(clock.now);
  });
});
