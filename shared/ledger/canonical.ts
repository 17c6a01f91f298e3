/**
 * Canonical JSON (RFC 8785, JCS) for the values ledger entries hold: objects with keys sorted by
 * UTF-16 code units, no whitespace, ECMAScript number and string serialisation. The RFC's own examples
 * are its unit test. RFC 8785 takes I-JSON (RFC 7493) as input: callers that sign user-supplied text
 * refuse strings with lone surrogates first (see shared/certificates), which this function would escape.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: Json): string {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) {
        throw new TypeError("canonical JSON has no NaN or Infinity");
      }
      return JSON.stringify(value);
  }
  if (value === null) {
    return "null";
  }
  // Built by appending to one string (hashed for every ledger entry, so on every hot path).
  let out: string;
  if (Array.isArray(value)) {
    out = "[";
    for (let i = 0; i < value.length; i++) {
      out += i === 0 ? canonicalJson(value[i] as Json) : `,${canonicalJson(value[i] as Json)}`;
    }
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  out = "{";
  for (const key of keys) {
    const v = value[key];
    if (v !== undefined) {
      out += `${out.length === 1 ? "" : ","}${JSON.stringify(key)}:${canonicalJson(v)}`;
    }
  }
  return `${out}}`;
}
