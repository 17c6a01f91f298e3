/** Pure text and geometry helpers of the requests module (duplicates, limits, redaction). */

export const MAX_TEXT = 4000;

/** Character bigrams of a text, ignoring whitespace and punctuation (Chinese has no word spaces). */
export function bigrams(text: string): Set<string> {
  const chars = [...text.normalize("NFKC").toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c));
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    grams.add(`${chars[i]}${chars[i + 1]}`);
  }
  if (chars.length === 1) {
    grams.add(chars[0] as string);
  }
  return grams;
}

/** Jaccard similarity of two bigram sets: |A ∩ B| / |A ∪ B|, 0 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) {
    return 0;
  }
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) {
    if (large.has(g)) {
      shared++;
    }
  }
  return shared / (a.size + b.size - shared);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
let bmpWordChars: Uint8Array | null = null;

/** Whether a code point is a letter or a digit, as `bigrams` decides it (a table for the BMP). */
function isWordChar(cp: number): boolean {
  if (cp > 0xffff) {
    return WORD_CHAR.test(String.fromCodePoint(cp));
  }
  if (!bmpWordChars) {
    bmpWordChars = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      bmpWordChars[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
    }
  }
  return bmpWordChars[cp] === 1;
}

/**
 * The same set as `bigrams`, as sorted distinct numbers (a pair of code points c1·0x110000 + c2,
 * a lone character its code point): many times faster to build, small to keep, and compared by
 * `jaccardSorted` with exactly `jaccard`'s result.
 */
export function bigramCodes(text: string): Float64Array {
  const s = text.normalize("NFKC").toLowerCase();
  const chars: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (isWordChar(cp)) {
      chars.push(cp);
    }
  }
  const codes = new Float64Array(chars.length === 1 ? 1 : Math.max(chars.length - 1, 0));
  if (chars.length === 1) {
    codes[0] = chars[0] as number;
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    codes[i] = (chars[i] as number) * 0x110000 + (chars[i + 1] as number);
  }
  codes.sort();
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    if (i === 0 || codes[i] !== codes[n - 1]) {
      codes[n++] = codes[i] as number;
    }
  }
  return codes.subarray(0, n);
}

/** `jaccard` over two `bigramCodes` sets (a merge of the sorted lists). */
export function jaccardSorted(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 && b.length === 0) {
    return 0;
  }
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
  }
  return shared / (a.length + b.length - shared);
}

/**
 * `jaccardSorted(a, b)` when it reaches `threshold`, else null; stops the merge as soon as the
 * elements found in one set only are too many for the threshold. With n = |a| + |b| and m such
 * elements, the similarity is (n − m) / (n + m), which reaches t only while m ≤ n (1 − t) / (1 + t);
 * unrelated texts (nearly every comparison) are told apart after a tenth of the merge at t = 0.8.
 */
export function jaccardAtLeast(a: Float64Array, b: Float64Array, threshold: number): number | null {
  const n = a.length + b.length;
  // One element of slack: a rounding error never makes a pair that reaches the threshold stop early.
  const allowed = (n * (1 - threshold)) / (1 + threshold) + 1;
  let missing = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      i++;
      j++;
      continue;
    }
    if (x < y) {
      i++;
    } else {
      j++;
    }
    if (++missing > allowed) {
      return null;
    }
  }
  if (missing + (a.length - i) + (b.length - j) > allowed) {
    return null;
  }
  const score = jaccardSorted(a, b);
  return score >= threshold ? score : null;
}

/**
 * False when two sets of these sizes cannot reach a Jaccard similarity of `threshold` (the shared
 * part is at most the smaller set, so the similarity is at most small / large).
 */
export function mayReach(sizeA: number, sizeB: number, threshold: number): boolean {
  const small = Math.min(sizeA, sizeB);
  const large = Math.max(sizeA, sizeB);
  return large === 0 || small >= threshold * large - 1e-9;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two WGS 84 points (haversine). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A latitude/longitude box around a point that contains every point within `metres` of it. */
export function boundingBox(point: { lat: number; lng: number }, metres: number) {
  const dLat = (metres / EARTH_RADIUS_M) * (180 / Math.PI);
  const cos = Math.max(Math.cos(rad(point.lat)), 0.01);
  const dLng = dLat / cos;
  return {
    minLat: point.lat - dLat,
    maxLat: point.lat + dLat,
    minLng: point.lng - dLng,
    maxLng: point.lng + dLng,
  };
}

const MOBILE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3})[- ]?\d{4}(\d{3,4})(?!\d)/g;
const ID_NUMBER = /(?<![0-9A-Za-z])([1-9]\d{5})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Masks phone numbers, ID numbers and e-mail addresses inside free text (for public output). */
export function redactText(text: string): string {
  return text
    .replace(ID_NUMBER, "$1********$2")
    .replace(MOBILE, "$1****$2")
    .replace(LANDLINE, "$1-****$2")
    .replace(EMAIL, "[email]");
}

/** 138****0218: the only form a caller's phone number is shown in, outside the handling screen. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) {
    return "****";
  }
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** A phone number as stored: digits only, with an optional leading +. */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s()-]/g, "");
  if (!/^\+?\d{5,20}$/.test(compact)) {
    return null;
  }
  return compact.startsWith("+86") && compact.length === 14 ? compact.slice(3) : compact;
}
