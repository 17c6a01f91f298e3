import { describe, expect, it } from "vitest";
import { StatementNames } from "./prepared.js";

describe("statement names", () => {
  it("names a text from its third use, always with the same name", () => {
    const names = new StatementNames();
    expect(names.nameFor("select 1")).toBeUndefined();
    expect(names.nameFor("select 1")).toBeUndefined();
    const name = names.nameFor("select 1");
    expect(name).toMatch(/^yimen_\d+$/);
    expect(names.nameFor("select 1")).toBe(name);
    expect(names.nameFor("select 2")).toBeUndefined();
  });

  it("names a bounded number of texts, leaving one-off texts unnamed", () => {
    const names = new StatementNames();
    const given = new Set<string>();
    for (let i = 0; i < 600; i++) {
      for (let k = 0; k < 3; k++) {
        const n = names.nameFor(`select ${i}`);
        if (n) {
          given.add(n);
        }
      }
    }
    expect(given.size).toBe(500);
    expect(names.nameFor("select 599")).toBeUndefined();
    expect(names.nameFor("select 0")).toBe("yimen_0");
  });
});
