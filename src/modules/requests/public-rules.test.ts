import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORY_TREE } from "./categories.data.js";
import { classOf, GRID, generalisePoint, mentionsHome } from "./public-rules.js";

const parents = new Map<string, string | null>();
for (const root of CATEGORY_TREE) {
  parents.set(root.code, null);
  for (const child of root.children ?? []) {
    parents.set(child.code, root.code);
  }
}
const parentOf = (code: string) => parents.get(code);

describe("which categories are shown, and how", () => {
  it("hides matters of one person's health, money or child, and keeps public places at the fine grid", () => {
    expect(classOf("labour-wages", parentOf)).toBe("hidden");
    expect(classOf("health-maternal", parentOf)).toBe("hidden");
    expect(classOf("transport-roads", parentOf)).toBe("public");
    expect(classOf("construction-utilities", parentOf)).toBe("public");
    expect(classOf("environment-noise", parentOf)).toBe("private");
    expect(classOf("construction-property", parentOf)).toBe("private");
  });

  it("lets an imported third level inherit, and treats unknown categories as private and none as unshown", () => {
    const imported = (code: string) => (code === "roads-potholes" ? "transport-roads" : parentOf(code));
    expect(classOf("roads-potholes", imported)).toBe("public");
    expect(classOf("something-new", () => null)).toBe("private");
    expect(classOf(null, parentOf)).toBeNull();
  });

  it("gives every built-in second-level category a class", () => {
    for (const [code, parent] of parents) {
      if (parent) {
        expect(classOf(code, parentOf)).not.toBeNull();
      }
    }
  });

  it("recognises a home in the text or the address", () => {
    expect(mentionsHome("楼下饭店的油烟直接排到居民楼，家里窗户都不敢开")).toBe(true);
    expect(mentionsHome(null, "翠苑一区12幢3单元501室")).toBe(true);
    expect(mentionsHome("路灯不亮", "文二西路")).toBe(false);
    expect(mentionsHome("同一品牌在全市有二十多家门店")).toBe(false);
  });
});

describe("generalised points", () => {
  const lat = fc.double({ min: 18, max: 53, noNaN: true });
  const lng = fc.double({ min: 73, max: 135, noNaN: true });

  it("never places a private point more precisely than its grid cell", () => {
    fc.assert(
      fc.property(
        lat,
        lng,
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (a, b, u, v) => {
          const out = generalisePoint({ lat: a, lng: b }, "private");
          // Another point anywhere in the same cell gives exactly the same answer …
          const cellLat = Math.floor(a / GRID.private) * GRID.private;
          const cellLng = Math.floor(b / GRID.private) * GRID.private;
          const other = { lat: cellLat + u * GRID.private, lng: cellLng + v * GRID.private };
          if (
            Math.floor(other.lat / GRID.private) === Math.floor(a / GRID.private) &&
            Math.floor(other.lng / GRID.private) === Math.floor(b / GRID.private)
          ) {
            expect(generalisePoint(other, "private")).toEqual(out);
          }
          // … which is the cell's centre, within half a cell of the real point.
          expect(Math.abs(out.lat - a)).toBeLessThanOrEqual(GRID.private / 2 + 1e-6);
          expect(Math.abs(out.lng - b)).toBeLessThanOrEqual(GRID.private / 2 + 1e-6);
        },
      ),
    );
  });

  it("keeps a public place within about 100 m", () => {
    const p = generalisePoint({ lat: 30.2861234, lng: 120.1047891 }, "public");
    expect(p).toEqual({ lat: 30.2865, lng: 120.1045, cellMetres: 111 });
    expect(generalisePoint({ lat: 30.2861234, lng: 120.1047891 }, "private")).toEqual({
      lat: 30.286,
      lng: 120.106,
      cellMetres: 445,
    });
  });
});
