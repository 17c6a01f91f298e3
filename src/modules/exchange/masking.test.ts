import { describe, expect, it } from "vitest";
import { maskValue, needsMask } from "./masking.js";

describe("masking by sensitivity", () => {
  it("masks each kind of value so a person is not identified", () => {
    expect(maskValue("name", "林晓雨")).toBe("林**");
    expect(maskValue("name", "欧阳娜娜")).toBe("欧***");
    expect(maskValue("idNumber", "330106199205171243")).toBe("330106********1243");
    expect(maskValue("creditCode", "91330106MA27XL2K3B")).toBe("913301********2K3B");
    expect(maskValue("mobile", "13857160218")).toBe("138****0218");
    expect(maskValue("address", "浙江省杭州市西湖区北山街道保俶路12号3幢201室")).toBe(
      "浙江省杭州市西湖区北山街道****",
    );
    expect(maskValue("address", "某地某路1号")).toBe("某地****");
    expect(maskValue("date", "1992-05-17")).toBe("1992-05");
    expect(maskValue("date", "2026-11-20T08:31:00+08:00")).toBe("2026-11");
  });

  it("withholds what cannot be partly shown", () => {
    expect(maskValue("redact", "A")).toBeNull();
    expect(maskValue("name", 42)).toBeNull();
    expect(maskValue("address", ["a", "b"])).toBeNull();
    expect(maskValue("date", "unknown")).toBeNull();
    expect(maskValue("idNumber", null)).toBeNull();
  });

  it("shows a field in full only within the agreement's clearance", () => {
    const field = {
      name: "x",
      label: "x",
      labelEn: "x",
      type: "string" as const,
      sensitivity: 3 as const,
      mask: "name" as const,
    };
    expect(needsMask(field, 2)).toBe(true);
    expect(needsMask(field, 3)).toBe(false);
    expect(needsMask(field, 4)).toBe(false);
  });
});
