/**
 * Canonical JSON (RFC 8785, JCS) for the values ledger entries hold: objects with keys sorted by
 * UTF-16 code units, no whitespace, ECMAScript number and string serialisation. The RFC's own examples
 * are its unit test. RFC 8785 takes I-JSON (RFC 7493) as input: callers that sign user-supplied text
 * refuse strings with lone surrogates first (see shared/certificates), which this function would escape.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: Json): string {
  return inOrder(value) ? JSON.stringify(value) : build(value);
}

/**
 * Whether JSON.stringify already gives the canonical form: every object's keys, in the order it
 * lists them, sorted, and nothing it would write differently. Objects built with their keys in
 * order (the ledger entry, the gateway's records) then take one native call.
 */
function inOrder(value: Json): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
  }
  if (value === null) {
    return true;
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      if (v === undefined || !inOrder(v)) {
        return false;
      }
    }
    return true;
  }
  if (typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return false;
  }
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) {
      return false;
    }
    previous = key;
    const v = value[key];
    if (v !== undefined && !inOrder(v)) {
      return false;
    }
  }
  return true;
}

function build(value: Json): string {
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
