import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { ServiceForm } from "../../../shared/services/catalogue.js";
import { validationError } from "../../platform/errors.js";

/*
 * Service forms are JSON Schema (see shared/services/catalogue.ts). One strict ajv instance compiles
 * them: unknown keywords are errors (so a typo such as "requried" is refused), except our own
 * "titleEn"; formats are ajv-formats' date, date-time and email. An application's answers are
 * validated against the schema with additionalProperties false: a form asks for exactly its fields.
 */
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: true, strictTuples: true });
addFormats.default(ajv, ["date", "date-time", "email"]);
ajv.addKeyword({ keyword: "titleEn", schemaType: "string" });

const compiled = new WeakMap<ServiceForm, ValidateFunction>();

/**
 * Checks a form's own consistency (required names, field order and hints name its properties;
 * bounds are ordered) and compiles it. Throws a VALIDATION error naming the offending part under
 * `field` (e.g. "body.form.ui.order").
 */
export function compileForm(form: ServiceForm, field = "form"): ValidateFunction {
  const cached = compiled.get(form);
  if (cached) {
    return cached;
  }
  const names = Object.keys(form.schema.properties);
  form.schema.required.forEach((name, i) => {
    if (!names.includes(name)) {
      throw validationError(
        `${field}.schema.required[${i}]`,
        `Required field ${name} is not a property of the form`,
      );
    }
  });
  const missing = names.filter((n) => !form.ui.order.includes(n));
  const unknown = form.ui.order.filter((n) => !names.includes(n));
  if (missing.length > 0 || unknown.length > 0 || new Set(form.ui.order).size !== form.ui.order.length) {
    throw validationError(
      `${field}.ui.order`,
      "The field order must name every property of the form exactly once" +
        (missing.length ? ` (missing: ${missing.join(", ")})` : "") +
        (unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""),
    );
  }
  for (const name of Object.keys(form.ui.hints ?? {})) {
    if (!names.includes(name)) {
      throw validationError(
        `${field}.ui.hints.${name}`,
        `Hint for ${name}, which is not a property of the form`,
      );
    }
  }
  for (const [name, p] of Object.entries(form.schema.properties)) {
    const at = `${field}.schema.properties.${name}`;
    if (p.minimum !== undefined && p.maximum !== undefined && p.minimum > p.maximum) {
      throw validationError(`${at}.minimum`, "minimum is greater than maximum");
    }
    if (p.minLength !== undefined && p.maxLength !== undefined && p.minLength > p.maxLength) {
      throw validationError(`${at}.minLength`, "minLength is greater than maxLength");
    }
    if ((p.enum || p.pattern || p.format) && p.type !== "string") {
      throw validationError(`${at}.type`, "enum, pattern and format apply to string fields only");
    }
  }
  let validate: ValidateFunction;
  try {
    validate = ajv.compile({ ...form.schema, additionalProperties: false });
  } catch (error) {
    throw validationError(`${field}.schema`, `The form schema does not compile: ${(error as Error).message}`);
  }
  compiled.set(form, validate);
  return validate;
}
