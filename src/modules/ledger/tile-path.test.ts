import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeTileIndex, parseTilePath, tilePath } from "./tile-path.js";

describe("tlog-tiles paths", () => {
  it("encodes indices in 3-digit groups as the spec shows", () => {
    expect(encodeTileIndex(0)).toBe("000");
    expect(encodeTileIndex(67)).toBe("067");
    expect(encodeTileIndex(1234067)).toBe("x001/x234/067");
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe("0/x001/x234/067");
    expect(tilePath({ level: "entries", index: 5, width: 12 })).toBe("entries/005.p/12");
  });

  it("parses what it encodes (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant<"entries">("entries"), fc.integer({ min: 0, max: 63 })),
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          expect(parseTilePath(tilePath({ level, index, width }))).toEqual({ level, index, width });
        },
      ),
    );
  });

  it("refuses non-canonical paths", () => {
    for (const bad of [
      "0/1",
      "0/x000/001",
      "0/001.p/256",
      "0/001.p/0",
      "64/000",
      "x/000",
      "0/x001",
      "entries/",
      "0/001/002",
    ]) {
      expect(parseTilePath(bad), bad).toBeNull();
    }
  });
});
