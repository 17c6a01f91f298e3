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
