import { describe, expect, it } from "vitest";
import { groupCommit, groupCommitPerDb } from "./group-commit.js";

describe("group commit", () => {
  it("writes concurrent items together once the write slots are busy, each caller getting its own result", async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const add = groupCommit(
      async (items: number[]) => {
        writes.push(items);
        if (writes.length === 1) {
          await gate;
        }
        return items.map((n) => n * 10);
      },
      { maxBatch: 3, maxInFlight: 1 },
    );
    const first = add(1);
    await Promise.resolve();
    await Promise.resolve();
    const rest = [2, 3, 4, 5, 6].map(add);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(writes).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it("gathers the items of one turn into one write", async () => {
    const writes: string[][] = [];
    const add = groupCommit(
      async (items: string[]) => {
        writes.push(items);
        return items;
      },
      { maxBatch: 64, maxInFlight: 2 },
    );
    expect(await Promise.all(["a", "b", "c"].map(add))).toEqual(["a", "b", "c"]);
    expect(writes).toEqual([["a", "b", "c"]]);
  });

  it("fails only the caller whose item cannot be written: a failed batch is written again item by item", async () => {
    const writes: string[][] = [];
    const add = groupCommit(
      async (items: string[]) => {
        writes.push(items);
        if (items.includes("bad")) {
          throw Object.assign(new Error("violates a constraint"), { code: "23505" });
        }
        return items.map((s) => s.toUpperCase());
      },
      { maxBatch: 64, maxInFlight: 2 },
    );
    const results = await Promise.allSettled(["a", "bad", "c"].map(add));
    expect(results).toEqual([
      { status: "fulfilled", value: "A" },
      { status: "rejected", reason: expect.objectContaining({ code: "23505" }) },
      { status: "fulfilled", value: "C" },
    ]);
    expect(writes).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("fails every caller, writing nothing again, when the connection failed (the write may have happened)", async () => {
    let writes = 0;
    const add = groupCommit(
      async (): Promise<number[]> => {
        writes++;
        throw new Error("Connection terminated unexpectedly");
      },
      { maxBatch: 64, maxInFlight: 2 },
    );
    const results = await Promise.allSettled([1, 2].map(add));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(writes).toBe(1);
  });

  it("groups per database, and writes an item inside a transaction at once and alone", async () => {
    const writes: { db: string; items: number[] }[] = [];
    const add = groupCommitPerDb(
      async (ctx: { db: { name: string; isTransaction: boolean } }, items: number[]) => {
        writes.push({ db: ctx.db.name, items });
        return items.map((n) => n + 1);
      },
      { maxBatch: 8, maxInFlight: 1 },
    );
    const a = { db: { name: "a", isTransaction: false } };
    const b = { db: { name: "b", isTransaction: false } };
    const tx = { db: { name: "tx", isTransaction: true } };
    expect(await Promise.all([add(a, 1), add(b, 2), add(a, 3), add(tx, 4), add(tx, 5)])).toEqual([
      2, 3, 4, 5, 6,
    ]);
    expect(writes).toEqual([
      { db: "tx", items: [4] },
      { db: "tx", items: [5] },
      { db: "a", items: [1, 3] },
      { db: "b", items: [2] },
    ]);
  });
});
