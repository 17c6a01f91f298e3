import { describe, expect, it } from "vitest";
import { parseCsv } from "./categories.service.js";
import { open311Date, parseOpen311Date } from "./open311.service.js";
import { sniffImage } from "./requests.service.js";

describe("GeoReport v2 dates", () => {
  it("writes ISO 8601 with the China offset", () => {
    expect(open311Date(new Date("2026-11-27T01:02:03.456Z"))).toBe("2026-11-27T09:02:03+08:00");
  });

  it("reads date-times with a zone, and plain dates as China dates", () => {
    expect(parseOpen311Date("2026-11-27T09:00:00+08:00", "start_date").toISOString()).toBe(
      "2026-11-27T01:00:00.000Z",
    );
    expect(parseOpen311Date("2026-11-27T01:00:00Z", "start_date").toISOString()).toBe(
      "2026-11-27T01:00:00.000Z",
    );
    expect(parseOpen311Date("2026-11-27", "start_date").toISOString()).toBe("2026-11-26T16:00:00.000Z");
  });

  it("refuses a date-time without a zone, or no date at all", () => {
    expect(() => parseOpen311Date("2026-11-27T09:00:00", "start_date")).toThrow(/time zone/);
    expect(() => parseOpen311Date("yesterday", "end_date")).toThrow(/end_date/);
  });
});

describe("category CSV", () => {
  it("reads quotes, doubled quotes, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFlevel1,level2,level3\r\n城乡建设,"物业, 管理","说""明"""\r\n\r\n')).toEqual([
      ["level1", "level2", "level3"],
      ["城乡建设", "物业, 管理", '说"明"'],
    ]);
  });
});

describe("photo types by magic bytes", () => {
  it("knows PNG and JPEG and nothing else", () => {
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImage(Buffer.from("GIF89a"))).toBeNull();
    expect(sniffImage(Buffer.from("<svg>"))).toBeNull();
  });
});
