/**
 * 统一社会信用代码 (GB 32100-2015): registration authority, organisation category, 6-digit region
 * code, the 9-character organisation code (GB 11714) and a MOD 31 check character.
 */

/** The 31 characters of the code: digits and capitals without I, O, Z, S, V. */
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** 登记管理部门代码 → the organisation categories it may issue, per GB 32100-2015 Table 1. */
const AUTHORITIES: Record<string, { name: string; categories: string }> = {
  "1": { name: "机构编制", categories: "1239" },
  "2": { name: "外交", categories: "19" },
  "3": { name: "司法行政", categories: "1234569" },
  "4": { name: "文化", categories: "19" },
  "5": { name: "民政", categories: "1239" },
  "6": { name: "旅游", categories: "129" },
  "7": { name: "宗教", categories: "129" },
  "8": { name: "工会", categories: "19" },
  "9": { name: "工商", categories: "123" },
  A: { name: "中央军委改革和编制办公室", categories: "19" },
  N: { name: "农业", categories: "1239" },
  Y: { name: "其他", categories: "1" },
};

export type CreditCodeProblem = "format" | "authority" | "checkChar";

export interface ParsedCreditCode {
  creditCode: string;
  authority: string;
  category: string;
  regionCode: string;
  organisationCode: string;
}

/** The check character of the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i] ?? "");
    if (v < 0) {
      throw new RangeError(`invalid character at ${i}`);
    }
    sum += v * (WEIGHTS[i] as number);
  }
  const c = (31 - (sum % 31)) % 31;
  return CHARSET[c] as string;
}

/** The check character of a GB 11714 organisation code's first 8 characters. */
export function organisationCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8[i] ?? "";
    const v = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * (ORG_WEIGHTS[i] as number);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/** Validates a credit code. Lower-case input is accepted and normalised. */
export function parseCreditCode(
  input: string,
): { ok: true; value: ParsedCreditCode } | { ok: false; problem: CreditCodeProblem } {
  const code = input.trim().toUpperCase();
  if (
    code.length !== 18 ||
    [...code].some((ch) => !CHARSET.includes(ch)) ||
    !/^\d{6}$/.test(code.slice(2, 8))
  ) {
    return { ok: false, problem: "format" };
  }
  const authority = AUTHORITIES[code[0] as string];
  if (!authority?.categories.includes(code[1] as string)) {
    return { ok: false, problem: "authority" };
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return { ok: false, problem: "checkChar" };
  }
  return {
    ok: true,
    value: {
      creditCode: code,
      authority: code[0] as string,
      category: code[1] as string,
      regionCode: code.slice(2, 8),
      organisationCode: code.slice(8, 17),
    },
  };
}

/** Builds a valid credit code (with a valid embedded organisation code) for fictitious demo organisations. */
export function makeCreditCode(prefix2: string, regionCode: string, orgBody8: string): string {
  const orgCode = orgBody8 + organisationCodeCheckChar(orgBody8);
  const first17 = `${prefix2}${regionCode}${orgCode}`;
  return first17 + creditCodeCheckChar(first17);
}
