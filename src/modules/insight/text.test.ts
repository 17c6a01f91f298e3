import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHAR_TERMS, charKeys, normalizeText, words } from "./text.js";
import { integerIndex, STRING_TERMS, Tfidf } from "./tfidf.js";

describe("text preparation", () => {
  it("normalises width, case, whitespace and Excel's carriage-return escape", () => {
    expect(normalizeText("Ａ３区 小区\n停车_x000D_\r\n难 ABC")).toBe("a3区小区停车难abc");
  });

  it("segments with jieba in search mode, keeping the words inside long words, without punctuation", () => {
    const w = words(normalizeText("公共交通问题，亟待解决！"));
    expect(w).toEqual(expect.arrayContaining(["公共", "交通", "公共交通", "问题", "解决"]));
    expect(w.some((t) => /[，！]/.test(t))).toBe(false);
  });

  it("gives character unigrams and bigrams as numbers that read back as the n-grams", () => {
    const keys = charKeys("路灯，坏了");
    expect(keys.map(CHAR_TERMS.decode)).toEqual(["路", "灯", "路灯", "坏", "灯坏", "了", "坏了"]);
    // Characters outside the Basic Multilingual Plane are one character, not two halves.
    expect(charKeys("𠀀区").map(CHAR_TERMS.decode)).toEqual(["𠀀", "区", "𠀀区"]);
  });

  it("encodes every unigram and bigram to a distinct safe integer and back", () => {
    const char = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 1 })
      .filter((c) => [...c].length === 1);
    fc.assert(
      fc.property(char, char, (a, b) => {
        for (const term of [a, `${a}${b}`]) {
          const key = CHAR_TERMS.encode(term);
          expect(Number.isSafeInteger(key)).toBe(true);
          expect(CHAR_TERMS.decode(key)).toBe(term);
        }
        expect(CHAR_TERMS.encode(a)).not.toBe(CHAR_TERMS.encode(`${a}${b}`));
      }),
    );
    expect(() => CHAR_TERMS.encode("三个字")).toThrow(/not a character unigram or bigram/);
  });
});

describe("integerIndex", () => {
  it("finds every term it holds and no other", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.maxSafeNat(), { minLength: 1, maxLength: 300 }),
        fc.maxSafeNat(),
        (terms, probe) => {
          const index = integerIndex(terms);
          terms.forEach((t, i) => {
            expect(index.get(t)).toBe(i);
          });
          expect(index.get(probe)).toBe(terms.indexOf(probe));
        },
      ),
    );
  });
});

describe("Tfidf", () => {
  const docs = [
    ["路灯", "坏", "路灯"],
    ["路灯", "学校"],
    ["学校", "老师"],
  ];
  const tfidf = Tfidf.fit(docs, { minDf: 1 }, STRING_TERMS);

  it("computes smoothed idf, sublinear tf and the L2 norm as by hand", () => {
    // n = 3; df(路灯) = 2, df(坏) = 1: idf = ln(4/3) + 1 and ln(4/2) + 1.
    const idfLamp = Math.log(4 / 3) + 1;
    const idfBroken = Math.log(2) + 1;
    const v = tfidf.transform(["路灯", "坏", "路灯", "没见过"]);
    const lamp = (1 + Math.log(2)) * idfLamp; // tf 2 → 1 + ln 2
    const norm = Math.hypot(lamp, idfBroken);
    const byTerm = new Map([...v.indices].map((i, k) => [tfidf.terms[i], v.values[k]]));
    expect(byTerm.size).toBe(2);
    expect(byTerm.get("路灯")).toBeCloseTo(lamp / norm, 5);
    expect(byTerm.get("坏")).toBeCloseTo(idfBroken / norm, 5);
  });

  it("orders features by document frequency, drops rare terms, and round-trips through JSON", () => {
    expect(tfidf.terms.slice(0, 2).sort()).toEqual(["学校", "路灯"]);
    expect(Tfidf.fit(docs, { minDf: 2 }, STRING_TERMS).terms.sort()).toEqual(["学校", "路灯"]);
    const again = Tfidf.fromJSON(JSON.parse(JSON.stringify(tfidf)), STRING_TERMS);
    expect(again.transform(["学校", "老师"])).toEqual(tfidf.transform(["学校", "老师"]));
    expect(() => Tfidf.fromJSON({ terms: ["a"], idf: [] }, STRING_TERMS)).toThrow(/differ in length/);
  });

  it("gives an empty vector for a text with no known term", () => {
    expect(tfidf.transform(["没见过"]).indices).toHaveLength(0);
  });
});
