import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, toProblem } from "../errors.js";

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns an ajv error into the offending field's path (e.g. "body.roles[1]") and a sentence. */
export function describeValidation(context: string, error: AjvError): { field: string; message: string } {
  const segments = (error.instancePath ?? "")
    .split("/")
    .filter(Boolean)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  const params = error.params ?? {};
  let message = error.message ?? "is invalid";
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    segments.push(params.missingProperty);
    message = "is required";
  } else if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    segments.push(params.additionalProperty);
    message = "is not an allowed field";
  }
  const field = segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : `${acc}.${s}`), context);
  return { field, message: `${field} ${message}` };
}

function fromFastifyError(error: FastifyError): DomainError | null {
  if (error.validation && error.validation.length > 0) {
    const { field, message } = describeValidation(
      error.validationContext ?? "body",
      error.validation[0] as AjvError,
    );
    return new DomainError("VALIDATION", message, field);
  }
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new DomainError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new DomainError("PAYLOAD_TOO_LARGE", "The request body is too large");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new DomainError("VALIDATION", "The JSON body is empty", "body");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new DomainError("VALIDATION", "The body is not valid JSON", "body");
    default:
      break;
  }
  if (error.statusCode === 429) {
    return new DomainError("RATE_LIMITED", "Too many attempts; wait a minute and try again");
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    // Other client errors raised by Fastify itself (bad URL encoding and the like).
    return new DomainError("VALIDATION", "The request is malformed");
  }
  return null;
}

/** The one error handler: domain and client errors become problem+json; anything else a bare 500. */
export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let domain: DomainError | null = null;
  if (error instanceof DomainError) {
    domain = error;
  } else if (error instanceof Error) {
    domain = fromFastifyError(error as FastifyError);
  }
  if (!domain) {
    request.log.error({ err: error }, "unhandled error");
    domain = new DomainError("INTERNAL", `Something went wrong on our side; quote request id ${request.id}`);
  } else if (domain.code === "INTERNAL" || domain.code === "UNAVAILABLE") {
    request.log.error({ err: error }, domain.message);
  }
  const problem = toProblem(domain, request.id);
  if (domain.code === "RATE_LIMITED" || domain.code === "LOCKED") {
    const retry = domain.extra?.retryAfterSeconds;
    reply.header("retry-after", String(typeof retry === "number" ? retry : 60));
  }
  return reply.status(problem.status).type("application/problem+json").send(problem);
}

/** Problem body for unknown routes. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(
    new DomainError("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`),
    request.id,
  );
  return reply.status(404).type("application/problem+json").send(problem);
}
