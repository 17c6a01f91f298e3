import { describe, expect, it } from "vitest";
import { startOfChinaDay } from "./policy.service.js";

describe("the day the daily read cap counts", () => {
  it("starts at midnight in China (UTC+8), not UTC", () => {
    expect(startOfChinaDay(new Date("2026-11-27T15:59:59Z")).toISOString()).toBe("2026-11-26T16:00:00.000Z");
    expect(startOfChinaDay(new Date("2026-11-27T16:00:00Z")).toISOString()).toBe("2026-11-27T16:00:00.000Z");
    expect(startOfChinaDay(new Date("2026-11-27T03:00:00Z")).toISOString()).toBe("2026-11-26T16:00:00.000Z");
  });
});

describe("chinaDay", () => {
  it("names the calendar day in UTC+8", async () => {
    const { chinaDay } = await import("./policy.service.js");
    expect(chinaDay(new Date("2026-11-27T15:59:59Z"))).toBe("2026-11-27");
    expect(chinaDay(new Date("2026-11-27T16:00:00Z"))).toBe("2026-11-28");
    expect(chinaDay(new Date("2026-12-31T16:30:00Z"))).toBe("2027-01-01");
  });
});
