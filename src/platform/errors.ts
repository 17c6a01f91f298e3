/** The closed set of domain error codes. Adding one forces the HTTP mapping below to cover it. */
export type ErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CSRF"
  | "NOT_FOUND"
  | "CONFLICT"
  | "LOCKED"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNAVAILABLE"
  | "INTERNAL"
  // The working-day calendar has no holiday arrangement for a year it was asked about.
  | "CALENDAR_YEAR_UNKNOWN"
  // The exchange's refusals, each distinct so a department system can act on it.
  | "SUBJECT_UNKNOWN"
  | "AGREEMENT_REQUIRED"
  | "AGREEMENT_SUSPENDED"
  | "AGREEMENT_EXPIRED"
  | "FIELD_NOT_AGREED"
  | "CONSENT_REQUIRED"
  | "CONSENT_REVOKED"
  | "QUOTA_EXCEEDED"
  | "POLICY_DENIED"
  | "PROVIDER_UNAVAILABLE";

/** A failure the caller can understand; `field` names the offending input (JSON Pointer-ish path). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const validationError = (field: string, message: string): DomainError =>
  new DomainError("VALIDATION", message, field);
export const notFound = (what: string): DomainError => new DomainError("NOT_FOUND", `${what} was not found`);
export const forbidden = (message = "You are not allowed to do this"): DomainError =>
  new DomainError("FORBIDDEN", message);
export const conflict = (message: string, field?: string): DomainError =>
  new DomainError("CONFLICT", message, field);

interface HttpMapping {
  status: number;
  title: string;
  slug: string;
}

/** The one place codes become HTTP statuses and stable problem types. */
export function httpMapping(code: ErrorCode): HttpMapping {
  switch (code) {
    case "VALIDATION":
      return { status: 400, title: "Invalid request", slug: "validation" };
    case "UNAUTHENTICATED":
      return { status: 401, title: "Authentication required", slug: "unauthenticated" };
    case "FORBIDDEN":
      return { status: 403, title: "Forbidden", slug: "forbidden" };
    case "CSRF":
      return { status: 403, title: "Missing or invalid CSRF token", slug: "csrf" };
    case "NOT_FOUND":
      return { status: 404, title: "Not found", slug: "not-found" };
    case "CONFLICT":
      return { status: 409, title: "Conflict", slug: "conflict" };
    case "PAYLOAD_TOO_LARGE":
      return { status: 413, title: "Payload too large", slug: "payload-too-large" };
    case "UNSUPPORTED_MEDIA_TYPE":
      return { status: 415, title: "Unsupported media type", slug: "unsupported-media-type" };
    case "LOCKED":
      return { status: 423, title: "Account temporarily locked", slug: "locked" };
    case "RATE_LIMITED":
      return { status: 429, title: "Too many requests", slug: "rate-limited" };
    case "UNAVAILABLE":
      return { status: 503, title: "Service unavailable", slug: "unavailable" };
    case "INTERNAL":
      return { status: 500, title: "Internal error", slug: "internal" };
    case "CALENDAR_YEAR_UNKNOWN":
      return { status: 404, title: "No working-day calendar for that year", slug: "calendar-year-unknown" };
    case "SUBJECT_UNKNOWN":
      return { status: 404, title: "Unknown subject", slug: "subject-unknown" };
    case "AGREEMENT_REQUIRED":
      return { status: 403, title: "No sharing agreement in force", slug: "agreement-required" };
    case "AGREEMENT_SUSPENDED":
      return { status: 403, title: "Sharing agreement suspended", slug: "agreement-suspended" };
    case "AGREEMENT_EXPIRED":
      return { status: 403, title: "Sharing agreement expired", slug: "agreement-expired" };
    case "FIELD_NOT_AGREED":
      return { status: 403, title: "Field outside the agreement", slug: "field-not-agreed" };
    case "CONSENT_REQUIRED":
      return { status: 403, title: "Consent required", slug: "consent-required" };
    case "CONSENT_REVOKED":
      return { status: 403, title: "Consent revoked", slug: "consent-revoked" };
    case "QUOTA_EXCEEDED":
      return { status: 429, title: "Agreement quota exceeded", slug: "quota-exceeded" };
    case "POLICY_DENIED":
      return { status: 403, title: "Refused by policy", slug: "policy-denied" };
    case "PROVIDER_UNAVAILABLE":
      return { status: 502, title: "Registry unavailable", slug: "provider-unavailable" };
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}

export const PROBLEM_TYPE_BASE = "https://yimen.dev/problems/";

/** RFC 9457 problem details body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  field?: string;
  requestId: string;
  [extension: string]: unknown;
}

export function toProblem(error: DomainError, requestId: string): Problem {
  const m = httpMapping(error.code);
  return {
    type: PROBLEM_TYPE_BASE + m.slug,
    title: m.title,
    status: m.status,
    detail: error.message,
    code: error.code,
    ...(error.field !== undefined ? { field: error.field } : {}),
    requestId,
    ...error.extra,
  };
}
