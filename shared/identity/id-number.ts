/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";
/** Province-level prefixes of GB/T 2260, plus 71/81/82/83 used for 台湾/香港/澳门 residence permits. */
const PROVINCE_PREFIXES = new Set([
  "11",
  "12",
  "13",
  "14",
  "15",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "50",
  "51",
  "52",
  "53",
  "54",
  "61",
  "62",
  "63",
  "64",
  "65",
  "71",
  "81",
  "82",
  "83",
]);

export type IdNumberProblem = "format" | "region" | "birthDate" | "checkDigit";

export interface ParsedIdNumber {
  idNumber: string;
  regionCode: string;
  birthDate: string;
  gender: "male" | "female";
}

/** Computes the check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError("first17 must be 17 digits");
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * (WEIGHTS[i] as number);
  }
  return CHECK_CHARS[sum % 11] as string;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Validates an 18-character ID number; `today` bounds the birth date (no one is born in the future). */
export function parseIdNumber(
  input: string,
  today: Date = new Date(),
): { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem } {
  const idNumber = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) {
    return { ok: false, problem: "format" };
  }
  if (!PROVINCE_PREFIXES.has(idNumber.slice(0, 2))) {
    return { ok: false, problem: "region" };
  }
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  const birth = Date.UTC(y, m - 1, d);
  if (y < 1800 || !isRealDate(y, m, d) || birth > today.getTime()) {
    return { ok: false, problem: "birthDate" };
  }
  if (idNumberCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) {
    return { ok: false, problem: "checkDigit" };
  }
  return {
    ok: true,
    value: {
      idNumber,
      regionCode: idNumber.slice(0, 6),
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      gender: Number(idNumber[16]) % 2 === 1 ? "male" : "female",
    },
  };
}

/** Builds a valid ID number from its parts (used for fictitious demo persons and test factories). */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

/** 110101********1234 style: region and last four only, as Chinese government sites show it. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
}

/** Mainland mobile numbers (11 digits, 13x–19x). */
export function isMobileNumber(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(input);
}

/** 138****5678 */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
}
