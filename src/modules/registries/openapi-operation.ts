import { validationError } from "../../platform/errors.js";

/** The operation a department's system answers lookups with, as found in its OpenAPI document. */
export interface SubjectOperation {
  /** Path template, e.g. `/persons/{idNumber}`. */
  path: string;
  /** The one path parameter: where the subject key goes. */
  parameter: string;
  /** Whether the operation declares a `fields` query parameter (then only the asked fields are requested). */
  acceptsFields: boolean;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function parametersOf(...holders: Json[]): Json[] {
  return holders.flatMap((h) => (Array.isArray(h.parameters) ? h.parameters.filter(isObject) : []));
}

/**
 * Finds the GET operation `operationId` in an OpenAPI 3 document and checks that its path takes the
 * subject key as its one path parameter. Throws VALIDATION (field `openapi`) saying what is wrong.
 */
export function findSubjectOperation(document: unknown, operationId: string): SubjectOperation {
  const refuse = (message: string) => validationError("openapi", message);
  if (!isObject(document) || typeof document.openapi !== "string" || !/^3\.\d+/.test(document.openapi)) {
    throw refuse("not an OpenAPI 3 document (no `openapi: 3.x` field)");
  }
  if (!isObject(document.paths)) {
    throw refuse("the document has no `paths`");
  }
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isObject(item)) {
      continue;
    }
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation) || operation.operationId !== operationId) {
        continue;
      }
      if (method !== "get") {
        throw refuse(`operation ${operationId} is ${method.toUpperCase()} ${path}; lookups need a GET`);
      }
      const templated = [...path.matchAll(/\{([^}/]+)\}/g)].map((m) => m[1] as string);
      if (templated.length !== 1) {
        throw refuse(
          `operation ${operationId} (GET ${path}) must have exactly one path parameter for the subject key, not ${templated.length}`,
        );
      }
      const parameter = templated[0] as string;
      const declared = parametersOf(item, operation);
      const inPath = declared.filter((p) => p.in === "path");
      if (inPath.length > 0 && !inPath.some((p) => p.name === parameter)) {
        throw refuse(`operation ${operationId} declares no path parameter named ${parameter}`);
      }
      return {
        path,
        parameter,
        acceptsFields: declared.some((p) => p.in === "query" && p.name === "fields"),
      };
    }
  }
  throw refuse(`the document has no operation with operationId ${operationId}`);
}
