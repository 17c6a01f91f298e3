/**
 * Canonical JSON (RFC 8785, JCS) for the values ledger entries hold: objects with keys sorted by
 * UTF-16 code units, no whitespace, ECMAScript number and string serialisation. The RFC's own examples
 * are its unit test. RFC 8785 takes I-JSON (RFC 7493) as input: callers that sign user-supplied text
 * refuse strings with lone surrogates first (see shared/certificates), which this function would escape.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: Json): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new TypeError("canonical JSON has no NaN or Infinity");
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json)}`).join(",")}}`;
}
