import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bigramCodes,
  bigrams,
  boundingBox,
  distanceMetres,
  jaccard,
  jaccardAtLeast,
  jaccardSorted,
  maskPhone,
  mayReach,
  normalisePhone,
  redactText,
} from "./text.js";

describe("near-identical texts (character-bigram Jaccard)", () => {
  it("ignores spaces and punctuation and scores identical texts 1", () => {
    expect(jaccard(bigrams("小区电梯坏了，请修理！"), bigrams("小区 电梯坏了 请修理"))).toBe(1);
  });

  it("scores a one-character edit of a long text high and unrelated texts low", () => {
    const a = "文二西路地铁站旁边的工地连续一周晚上十一点以后还在施工，噪音很大";
    const b = "文二西路地铁站旁边的工地连续一周晚上十二点以后还在施工，噪音很大";
    expect(jaccard(bigrams(a), bigrams(b))).toBeGreaterThan(0.85);
    expect(jaccard(bigrams(a), bigrams("医保卡异地就医备案怎么办理"))).toBeLessThan(0.05);
  });

  it("is symmetric and between 0 and 1", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ab = jaccard(bigrams(a), bigrams(b));
        expect(ab).toBe(jaccard(bigrams(b), bigrams(a)));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("bigram codes (the fast form used at intake)", () => {
  const text = fc.oneof(
    fc.string({ unit: "binary" }),
    fc.string({ unit: fc.constantFrom(..."小区电梯坏了请修理噪音扰民ＡＢ１２ab，。！ 𠀀𠀁İ") }),
  );

  it("holds exactly the bigrams and scores exactly as jaccard", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(bigramCodes(a).length).toBe(bigrams(a).size);
        expect(jaccardSorted(bigramCodes(a), bigramCodes(b))).toBe(jaccard(bigrams(a), bigrams(b)));
      }),
      { numRuns: 500 },
    );
  });

  it("never rules out a pair that reaches the threshold", () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom(0.5, 0.8, 0.9), (a, b, t) => {
        const x = bigramCodes(a);
        const y = bigramCodes(b);
        if (jaccardSorted(x, y) >= t) {
          expect(mayReach(x.length, y.length, t)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    expect(mayReach(79, 100, 0.8)).toBe(false);
    expect(mayReach(80, 100, 0.8)).toBe(true);
  });

  it("stops early only for pairs below the threshold, and otherwise scores exactly", () => {
    // A text and an edit of it (characters cut, replaced or inserted), so that scores near the threshold occur.
    const edited = text.chain((a) =>
      fc
        .tuple(fc.nat(a.length), fc.nat(a.length), text)
        .map(([from, to, middle]) => [
          a,
          a.slice(0, Math.min(from, to)) + middle.slice(0, 3) + a.slice(Math.max(from, to)),
        ]),
    );
    fc.assert(
      fc.property(fc.oneof(edited, fc.tuple(text, text)), fc.constantFrom(0.5, 0.8, 0.9), ([a, b], t) => {
        const x = bigramCodes(a as string);
        const y = bigramCodes(b as string);
        const exact = jaccardSorted(x, y);
        expect(jaccardAtLeast(x, y, t)).toBe(exact >= t ? exact : null);
        expect(jaccardAtLeast(y, x, t)).toBe(exact >= t ? exact : null);
      }),
      { numRuns: 2000 },
    );
    const long = bigramCodes("文二西路地铁站旁边的工地连续一周晚上十一点以后还在施工，噪音很大");
    const edit = bigramCodes("文二西路地铁站旁边的工地连续一周晚上十二点以后还在施工，噪音很大");
    expect(jaccardAtLeast(long, edit, 0.8)).toBe(jaccardSorted(long, edit));
    expect(jaccardAtLeast(long, bigramCodes("医保卡异地就医备案怎么办理"), 0.8)).toBeNull();
  });
});

describe("distances", () => {
  it("measures about 111 km per degree of latitude and 0 for the same point", () => {
    expect(distanceMetres({ lat: 30, lng: 120 }, { lat: 31, lng: 120 })).toBeCloseTo(111_195, -2);
    expect(distanceMetres({ lat: 30.25, lng: 120.13 }, { lat: 30.25, lng: 120.13 })).toBe(0);
  });

  it("puts every point within the radius inside the bounding box", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -60, max: 60, noNaN: true }),
        fc.double({ min: -170, max: 170, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (lat, lng, angle, metres) => {
          const dLat = ((metres / 6_371_008.8) * 180) / Math.PI;
          const p = {
            lat: lat + dLat * Math.sin(angle) * 0.999,
            lng: lng + ((dLat * Math.cos(angle)) / Math.cos((lat * Math.PI) / 180)) * 0.999,
          };
          const box = boundingBox({ lat, lng }, 500);
          expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
          expect(p.lat).toBeLessThanOrEqual(box.maxLat);
          expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
          expect(p.lng).toBeLessThanOrEqual(box.maxLng);
        },
      ),
    );
  });
});

describe("personal numbers in public text", () => {
  it("masks mobile, landline, ID numbers and e-mail addresses", () => {
    expect(
      redactText("电话13857160218，座机0571-87654321，身份证330106199205171243，邮箱a.b@example.cn"),
    ).toBe("电话138****0218，座机0571-****4321，身份证330106********1243，邮箱[email]");
  });

  it("never leaves a full mobile number in the output", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 3, max: 9 }),
        fc.nat(999_999_999),
        fc.string(),
        (pre, second, rest, post) => {
          const mobile = `1${second}${String(rest).padStart(9, "0")}`;
          expect(redactText(`${pre} ${mobile} ${post}`)).not.toContain(mobile);
        },
      ),
    );
  });

  it("shows a stored phone number only masked", () => {
    expect(maskPhone("13857160218")).toBe("138****0218");
    expect(maskPhone("057187654321")).toBe("057****4321");
    expect(normalisePhone("+86 138-5716-0218")).toBe("13857160218");
    expect(normalisePhone("call me")).toBeNull();
  });
});
