import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, type Json } from "./canonical.js";

// The examples of RFC 8785 (JSON Canonicalization Scheme), sections 3.2.2 and 3.2.3, and its
// number serialisation samples (appendix B), taken from the RFC's text.
describe("canonicalJson is RFC 8785 (JCS)", () => {
  it("serialises the RFC's example of section 3.2.2 byte for byte", () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    ) as Json;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units, as in section 3.2.3", () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
        '"1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",' +
        '"\\u00f6": "Latin Small Letter O With Diaeresis"}',
    ) as Record<string, Json>;
    const order: [string, string][] = [
      ["\r", "Carriage Return"],
      ["1", "One"],
      ["\u0080", "Control"],
      ["\u00f6", "Latin Small Letter O With Diaeresis"],
      ["\u20ac", "Euro Sign"],
      ["\ud83d\ude00", "Emoji: Grinning Face"],
      ["\ufb33", "Hebrew Letter Dalet With Dagesh"],
    ];
    // Compared as text: parsing it again would move the integer-like key "1" first.
    expect(canonicalJson(input)).toBe(
      `{${order.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`,
    );
  });

  it("serialises numbers as ECMAScript does (appendix B samples)", () => {
    const samples: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [9007199254740992, "9007199254740992"],
      [295147905179352830000, "295147905179352830000"],
      [1e21, "1e+21"],
      [1e-7, "1e-7"],
      [0.000001, "0.000001"],
      [333333333.3333333, "333333333.3333333"],
    ];
    for (const [value, text] of samples) {
      expect(canonicalJson(value)).toBe(text);
    }
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow();
  });

  it("does not depend on the order in which an object's keys were written", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const shuffled = JSON.parse(JSON.stringify(value, (_k, v: unknown) => reverseKeys(v))) as Json;
        expect(canonicalJson(shuffled)).toBe(canonicalJson(value as Json));
        // And it is JSON that reads back as the same value.
        expect(JSON.parse(canonicalJson(value as Json))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("gives the reference serialisation, whether the keys were written in order or not", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const sorted = JSON.parse(JSON.stringify(value, (_k, v: unknown) => sortKeys(v))) as Json;
        expect(canonicalJson(sorted)).toBe(reference(value as Json));
        expect(canonicalJson(value as Json)).toBe(reference(value as Json));
      }),
    );
    expect(() => canonicalJson({ a: 1, b: { c: Number.NaN } })).toThrow();
    expect(() => canonicalJson({ a: [1, Number.NEGATIVE_INFINITY] })).toThrow();
    expect(canonicalJson({ a: 1, b: undefined, c: [] } as unknown as Json)).toBe('{"a":1,"c":[]}');
    expect(canonicalJson({ "10": 1, "9": 2, a: 3 })).toBe('{"10":1,"9":2,"a":3}');
  });
});

function reverseKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return value;
  }
  return Object.fromEntries(Object.entries(value).reverse());
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return value;
  }
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** RFC 8785 written the plain way: the reference the fast paths are held to. */
function reference(value: Json): string {
  if (value === null || typeof value !== "object") {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(reference).join(",")}]`;
  }
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(value[k] as Json)}`).join(",")}}`;
}
