import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeIdNumber } from "../identity/index.js";
import { anonymiseComment } from "./ratings.anonymise.js";

describe("anonymising a rating's comment for publication", () => {
  it("masks the names of the people involved, ID numbers, phones, e-mail addresses and plates", () => {
    const names = ["林晓雨", "黄敏", "王建国（杭州云栖数智科技有限公司）"];
    expect(anonymiseComment("黄敏态度很好，林晓雨表示感谢", names)).toBe("＊＊态度很好，＊＊表示感谢");
    expect(anonymiseComment("林女士的材料被退回三次，晓雨很无奈", names)).toBe(
      "＊＊女士的材料被退回三次，＊＊很无奈",
    );
    expect(anonymiseComment("请回电 138-5716-0218 或 0571-87654321", names)).toBe("请回电 ＊＊ 或 ＊＊");
    expect(anonymiseComment("身份证３３０１０６１９９２０５１７１２４３有误", names)).toBe("身份证＊＊有误");
    expect(anonymiseComment("发到 lin.xy@example.com", names)).toBe("发到 ＊＊");
    expect(anonymiseComment("车牌浙A·12345 被拖走", names)).toBe("车牌＊＊ 被拖走");
    expect(anonymiseComment("办得很快，3 天就好了", names)).toBe("办得很快，3 天就好了");
  });

  it("publishes nothing when nothing but personal data was written", () => {
    expect(anonymiseComment("13857160218", [])).toBeNull();
    expect(anonymiseComment("  ", [])).toBeNull();
    expect(anonymiseComment(null, [])).toBeNull();
  });

  it("never lets an ID number or a mobile number through, wherever it is written", () => {
    const idNumber = fc
      .record({
        region: fc.constantFrom("330106", "330102", "110101", "440305"),
        year: fc.integer({ min: 1940, max: 2020 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        seq: fc.integer({ min: 1, max: 999 }),
      })
      .map((r) =>
        makeIdNumber(
          r.region,
          `${r.year}-${String(r.month).padStart(2, "0")}-${String(r.day).padStart(2, "0")}`,
          r.seq,
        ),
      );
    const mobile = fc
      .tuple(fc.constantFrom("13", "15", "17", "18", "19"), fc.stringMatching(/^\d{9}$/))
      .map(([a, b]) => a + b);
    const text = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(text, idNumber, text, mobile, text, (a, id, b, phone, c) => {
        const out = anonymiseComment(`${a}${id}${b}${phone}${c}`, []) ?? "";
        expect(out).not.toContain(id);
        expect(out).not.toContain(id.slice(0, 14));
        expect(out).not.toContain(phone);
        expect(out).not.toContain(phone.slice(3));
      }),
    );
  });
});
