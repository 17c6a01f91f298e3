import { DomainError, validationError } from "../../platform/errors.js";
import type { ProviderRecord, RegistryProvider, SubjectKey } from "../exchange/provider.js";
import { CircuitBreaker, CircuitOpenError, type CircuitState } from "./circuit-breaker.js";
import { findSubjectOperation } from "./openapi-operation.js";

export interface HttpProviderOptions {
  /** The department's OpenAPI 3 document (parsed JSON or YAML). */
  openapi: unknown;
  /** The GET operation answering lookups, e.g. `getPerson` for `GET /persons/{idNumber}`. */
  operationId: string;
  /** Where the department's system is, e.g. `https://rk.gaj.hangzhou.gov.cn/api`. */
  baseUrl: string;
  /** Deadline for the whole exchange (connect, headers and body); default 3000 ms. */
  timeoutMs?: number;
  /** Consecutive failures that open the circuit (default 5) and how long it stays open (default 30 s). */
  breaker?: { failureThreshold?: number; cooldownMs?: number };
}

/** A registry reached over HTTP; `circuit()` tells whether calls currently go through. */
export interface HttpRegistryProvider extends RegistryProvider {
  circuit(): CircuitState;
}

export type UnavailableReason = "timeout" | "unreachable" | "bad-response" | "circuit-open";

function unavailable(reason: UnavailableReason, message: string): DomainError {
  return new DomainError("PROVIDER_UNAVAILABLE", message, undefined, { reason });
}

type Value = ProviderRecord["values"][string];

function isValue(v: unknown): v is Value {
  return (
    v === null ||
    typeof v === "string" ||
    typeof v === "boolean" ||
    (typeof v === "number" && Number.isFinite(v)) ||
    (Array.isArray(v) && v.every((s) => typeof s === "string"))
  );
}

/** The registry's JSON as records with exactly the asked fields; anything short of that is refused whole. */
function toRecords(body: unknown, fields: readonly string[], source: string): ProviderRecord[] {
  const items = Array.isArray(body) ? body : [body];
  return items.map((item, i) => {
    const bad = (what: string) => unavailable("bad-response", `${source} answered ${what} (record ${i})`);
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw bad("something other than an object");
    }
    const record = item as Record<string, unknown>;
    const updatedAt = record.updatedAt;
    if (typeof updatedAt !== "string" || Number.isNaN(Date.parse(updatedAt))) {
      throw bad("without a valid updatedAt");
    }
    const values: ProviderRecord["values"] = {};
    for (const f of fields) {
      const v = record[f];
      if (!Object.hasOwn(record, f) || !isValue(v)) {
        throw bad(`without a usable value for ${f}`);
      }
      values[f] = v;
    }
    return { values, updatedAt: new Date(updatedAt).toISOString() };
  });
}

const keyOf = (subject: SubjectKey): string =>
  subject.type === "person" ? subject.idNumber : subject.creditCode;

/**
 * A provider for a department that connects its own system: finds the lookup operation in the
 * department's OpenAPI document (refusing a document without a suitable one), then answers each
 * lookup with one GET under a deadline and a circuit breaker. 404 means the registry holds nothing
 * about the subject; every failure is PROVIDER_UNAVAILABLE with a reason, never a partial answer.
 */
export function httpProvider(options: HttpProviderOptions): HttpRegistryProvider {
  const operation = findSubjectOperation(options.openapi, options.operationId);
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw validationError("baseUrl", "baseUrl must be an absolute http(s) URL");
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw validationError("baseUrl", "baseUrl must be an absolute http(s) URL");
  }
  const timeoutMs = options.timeoutMs ?? 3000;
  const breaker = new CircuitBreaker({
    failureThreshold: options.breaker?.failureThreshold ?? 5,
    cooldownMs: options.breaker?.cooldownMs ?? 30_000,
  });
  // Messages name the system, never the URL path: it carries the subject's 身份证号.
  const source = `registry ${base.origin} (${options.operationId})`;
  const prefix = base.href.replace(/\/+$/, "");

  async function call(subject: SubjectKey, fields: readonly string[]): Promise<ProviderRecord[]> {
    const url = new URL(
      prefix + operation.path.replace(`{${operation.parameter}}`, encodeURIComponent(keyOf(subject))),
    );
    if (operation.acceptsFields) {
      url.searchParams.set("fields", fields.join(","));
    }
    let text: string;
    let status: number;
    try {
      const res = await fetch(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error",
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
        throw unavailable("timeout", `${source} did not answer within ${timeoutMs} ms`);
      }
      throw unavailable("unreachable", `${source} could not be reached`);
    }
    if (status === 404) {
      return [];
    }
    if (status < 200 || status > 299) {
      throw unavailable("bad-response", `${source} answered HTTP ${status}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw unavailable("bad-response", `${source} answered something that is not JSON`);
    }
    return toRecords(body, fields, source);
  }

  return {
    circuit: () => breaker.state,
    async lookup(_ctx, subject, fields) {
      try {
        // A 404 resolves to [] inside: the registry answered, so it counts as a success.
        return await breaker.execute(() => call(subject, fields));
      } catch (error) {
        if (error instanceof CircuitOpenError) {
          throw unavailable(
            "circuit-open",
            `${source} failed repeatedly; not called again for ${Math.ceil(error.retryAfterMs / 1000)} s`,
          );
        }
        throw error;
      }
    },
  };
}
