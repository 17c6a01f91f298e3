import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  creditCodeCheckChar,
  makeCreditCode,
  organisationCodeCheckChar,
  parseCreditCode,
} from "./credit-code.js";
import { idNumberCheckChar, makeIdNumber, maskIdNumber, maskMobile, parseIdNumber } from "./id-number.js";

const today = new Date("2026-11-27T00:00:00Z");

describe("居民身份证号码 (GB 11643)", () => {
  it("accepts the standard's own examples", () => {
    // GB 11643-1999 Appendix examples.
    expect(parseIdNumber("11010519491231002X", today)).toEqual({
      ok: true,
      value: {
        idNumber: "11010519491231002X",
        regionCode: "110105",
        birthDate: "1949-12-31",
        gender: "female",
      },
    });
    expect(parseIdNumber("440524188001010014", today)).toMatchObject({
      ok: true,
      value: { birthDate: "1880-01-01", gender: "male" },
    });
  });

  it("accepts a lower-case x and normalises it", () => {
    expect(parseIdNumber("11010519491231002x", today)).toMatchObject({
      ok: true,
      value: { idNumber: "11010519491231002X" },
    });
  });

  it("names the problem", () => {
    expect(parseIdNumber("11010519491231002", today)).toEqual({ ok: false, problem: "format" });
    expect(parseIdNumber("1101051949123100XX", today)).toEqual({ ok: false, problem: "format" });
    expect(parseIdNumber("991051194912310021", today)).toEqual({ ok: false, problem: "region" });
    expect(parseIdNumber(makeIdNumber("110105", "2023-02-29", 2), today)).toEqual({
      ok: false,
      problem: "birthDate",
    });
    expect(parseIdNumber(makeIdNumber("110105", "2027-01-01", 2), today)).toEqual({
      ok: false,
      problem: "birthDate",
    });
    expect(parseIdNumber(makeIdNumber("110105", "1799-12-31", 2), today)).toEqual({
      ok: false,
      problem: "birthDate",
    });
    expect(parseIdNumber("110105194912310021", today)).toEqual({ ok: false, problem: "checkDigit" });
  });

  it("accepts 29 February in a leap year", () => {
    expect(parseIdNumber(makeIdNumber("330106", "2024-02-29", 11), today)).toMatchObject({ ok: true });
  });

  it("detects every single-digit substitution (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01"), max: new Date("2026-01-01"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (birth, seq, pos, delta) => {
          const id = makeIdNumber("330106", birth.toISOString().slice(0, 10), seq);
          expect(parseIdNumber(id, today).ok).toBe(true);
          const digit = (Number(id[pos]) + delta) % 10;
          const altered = id.slice(0, pos) + digit + id.slice(pos + 1);
          // A changed digit either breaks the date/region or the check digit: never passes unnoticed.
          const first17 = altered.slice(0, 17);
          expect(idNumberCheckChar(first17)).not.toBe(altered[17]);
        },
      ),
    );
  });

  it("masks for display", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110105********002X");
    expect(maskMobile("13812345678")).toBe("138****5678");
  });
});

describe("统一社会信用代码 (GB 32100)", () => {
  it("accepts real published codes", () => {
    // 国家市场监督管理总局's own code, and widely published enterprise codes.
    for (const code of ["91350100M000100Y43", "91110000100017643K", "11100000000013127D"]) {
      expect(parseCreditCode(code), code).toMatchObject({ ok: true });
    }
  });

  it("splits the code into its parts", () => {
    expect(parseCreditCode("91350100m000100y43")).toEqual({
      ok: true,
      value: {
        creditCode: "91350100M000100Y43",
        authority: "9",
        category: "1",
        regionCode: "350100",
        organisationCode: "M000100Y4",
      },
    });
  });

  it("names the problem", () => {
    expect(parseCreditCode("91350100M000100Y4")).toEqual({ ok: false, problem: "format" });
    expect(parseCreditCode("91350100M000100I43")).toEqual({ ok: false, problem: "format" });
    expect(parseCreditCode("94350100M000100Y43")).toEqual({ ok: false, problem: "authority" });
    expect(parseCreditCode("91350100M000100Y44")).toEqual({ ok: false, problem: "checkChar" });
  });

  it("builds codes that validate, with a valid GB 11714 organisation code inside", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{8}$/), (body) => {
        const code = makeCreditCode("91", "330106", body);
        const parsed = parseCreditCode(code);
        expect(parsed.ok).toBe(true);
        expect(code[16]).toBe(organisationCodeCheckChar(body));
        expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
      }),
    );
  });

  it("computes GB 11714 check characters", () => {
    // Published examples of 组织机构代码.
    expect(organisationCodeCheckChar("D2143569")).toBe("X");
    expect(organisationCodeCheckChar("10001764")).toBe("3");
  });
});
