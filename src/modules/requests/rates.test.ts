import { describe, expect, it } from "vitest";
import type { RateCounts } from "../../../shared/requests/rates.js";
import { DomainError } from "../../platform/errors.js";
import { addCounts, composite, figures, monthsEnding, periodOf, ranked, rate, ZERO_COUNTS } from "./rates.js";

const counts = (over: Partial<RateCounts>): RateCounts => ({ ...ZERO_COUNTS, ...over });

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) {
      return e.field;
    }
    throw e;
  }
  return undefined;
}

describe("the rates' formulas", () => {
  it("divides, rounded to four decimals", () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(3, 3)).toBe(1);
    expect(rate(0, 5)).toBe(0);
  });

  it("gives null, not 0 or NaN, when there is nothing to divide", () => {
    expect(rate(0, 0)).toBeNull();
    const f = figures(ZERO_COUNTS);
    expect(f.responseRate).toBeNull();
    expect(f.resolutionRate).toBeNull();
    expect(f.satisfactionRate).toBeNull();
    expect(f.composite).toBeNull();
  });

  it("keeps the response rate when no request has had a return visit yet, but no composite", () => {
    const f = figures(counts({ dispatched: 4, responseDue: 4, respondedOnTime: 3 }));
    expect(f.responseRate).toBe(0.75);
    expect(f.resolutionRate).toBeNull();
    expect(f.satisfactionRate).toBeNull();
    expect(f.composite).toBeNull();
  });

  it("weighs 响应率 10 %, 解决率 45 %, 满意率 45 % on a 100-point scale", () => {
    // 3/4 in time, 2 of 3 visited resolved, 1 of 3 satisfied: 100 × (0.075 + 0.3 + 0.15) = 52.5.
    const c = counts({
      dispatched: 5,
      responseDue: 4,
      respondedOnTime: 3,
      visited: 3,
      resolved: 2,
      satisfied: 1,
    });
    expect(composite(c)).toBe(52.5);
    expect(figures(c)).toMatchObject({
      responseRate: 0.75,
      resolutionRate: 0.6667,
      satisfactionRate: 0.3333,
      composite: 52.5,
    });
    expect(
      composite(counts({ responseDue: 1, respondedOnTime: 1, visited: 1, resolved: 1, satisfied: 1 })),
    ).toBe(100);
    expect(composite(counts({ responseDue: 2, visited: 2 }))).toBe(0);
  });

  it("computes the composite from the counts, not from rounded rates", () => {
    // 1/3 each: 100 × (0.1 + 0.45 + 0.45) / 3 = 33.33 (from rounded rates 0.3333 it would be 33.33 too,
    // but 2/3 and 1/7 show the difference: 100 × (0.1 × 2/3 + 0.9 × 1/7) = 19.52).
    expect(
      composite(counts({ responseDue: 3, respondedOnTime: 2, visited: 7, resolved: 1, satisfied: 1 })),
    ).toBe(19.52);
  });

  it("adds counts field by field", () => {
    const a = counts({
      dispatched: 1,
      responseDue: 1,
      respondedOnTime: 1,
      replied: 1,
      visited: 1,
      resolved: 1,
    });
    const b = counts({ dispatched: 2, responseDue: 1, satisfied: 0, visited: 1 });
    expect(addCounts(a, b)).toEqual({
      dispatched: 3,
      responseDue: 2,
      respondedOnTime: 1,
      replied: 1,
      visited: 2,
      resolved: 1,
      satisfied: 0,
    });
  });
});

describe("ranking", () => {
  const row = (key: string, c: number | null, dispatched = 1) => ({
    key,
    name: key,
    nameEn: key,
    ...figures(ZERO_COUNTS),
    dispatched,
    composite: c,
  });

  it("ranks by composite, equal composites share a rank, rows without one come last unranked", () => {
    const rows = ranked([row("a", 80), row("b", null, 9), row("c", 95), row("d", 80, 3), row("e", 60)]);
    expect(rows.map((r) => [r.key, r.rank])).toEqual([
      ["c", 1],
      ["d", 2],
      ["a", 2],
      ["e", 4],
      ["b", null],
    ]);
  });

  it("ranks nothing in an empty table", () => {
    expect(ranked([])).toEqual([]);
  });
});

describe("periods", () => {
  const today = "2026-11-27";

  it("reads a month, a quarter and a year as China dates", () => {
    expect(periodOf({ period: "2026-02" }, today)).toMatchObject({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodOf({ period: "2024-02" }, today)).toMatchObject({ from: "2024-02-01", to: "2024-02-29" });
    expect(periodOf({ period: "2026-Q4" }, today)).toMatchObject({ from: "2026-10-01", to: "2026-12-31" });
    expect(periodOf({ period: "2025" }, today)).toMatchObject({ from: "2025-01-01", to: "2025-12-31" });
    const nov = periodOf({ period: "2026-11" }, today);
    expect(nov.fromInstant.toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(nov.toInstant.toISOString()).toBe("2026-11-30T16:00:00.000Z");
  });

  it("defaults to the current month, and a range to the month of its end", () => {
    expect(periodOf({}, today)).toMatchObject({ from: "2026-11-01", to: "2026-11-30", label: "2026-11" });
    expect(periodOf({ to: "2026-10-15" }, today)).toMatchObject({ from: "2026-10-01", to: "2026-10-15" });
    expect(periodOf({ from: "2026-09-03" }, today)).toMatchObject({ from: "2026-09-03", to: today });
  });

  it("refuses what is not a period, naming the field", () => {
    expect(fieldOf(() => periodOf({ period: "2026-13" }, today))).toBe("querystring.period");
    expect(fieldOf(() => periodOf({ period: "2026-Q5" }, today))).toBe("querystring.period");
    expect(fieldOf(() => periodOf({ period: "2026-11", from: "2026-11-01" }, today))).toBe(
      "querystring.period",
    );
    expect(fieldOf(() => periodOf({ from: "2026-11-02", to: "2026-11-01" }, today))).toBe("querystring.from");
    expect(fieldOf(() => periodOf({ from: "2020-01-01", to: "2026-11-01" }, today))).toBe("querystring.from");
    expect(fieldOf(() => periodOf({ to: "2026-02-30" }, today))).toBe("querystring.to");
  });

  it("lists the months ending with a date, across a year's end", () => {
    expect(monthsEnding("2026-02-14", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsEnding("2026-11-30", 1)).toEqual(["2026-11"]);
  });
});
