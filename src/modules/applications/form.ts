import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { ServiceForm } from "../../../shared/services/catalogue.js";
import { parseCreditCode, parseIdNumber } from "../identity/index.js";

/**
 * Application forms are JSON Schema (see shared/services/catalogue.ts). Values are checked with ajv
 * reporting every error, each turned into the form field it concerns; fields whose UI widget says
 * 身份证号 or 统一社会信用代码 are also checked against their check characters.
 */

export interface FieldError {
  field: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false });
addFormats.default(ajv);
ajv.addKeyword({ keyword: "titleEn", schemaType: "string" });

const compiled = new WeakMap<object, ValidateFunction>();

function compile(form: ServiceForm): ValidateFunction {
  let fn = compiled.get(form.schema);
  if (!fn) {
    fn = ajv.compile({ ...form.schema, additionalProperties: false });
    compiled.set(form.schema, fn);
  }
  return fn;
}

/** Throws when a form's schema does not compile (for admins saving an item). */
export function checkFormSchema(form: ServiceForm): void {
  compile(form);
}

function describe(e: ErrorObject, form: ServiceForm): FieldError {
  const name =
    e.keyword === "required"
      ? String(e.params.missingProperty)
      : e.keyword === "additionalProperties"
        ? String(e.params.additionalProperty)
        : e.instancePath.replace(/^\//, "").split("/")[0] || "";
  const title = form.schema.properties[name]?.title ?? name;
  const message =
    e.keyword === "required"
      ? `${title}：必填 (required)`
      : e.keyword === "additionalProperties"
        ? `${name} is not a field of this form`
        : `${title}：${e.message ?? "is invalid"}`;
  return { field: name, message };
}

/** Every problem of `values` against the form, at most one per field, in the form's order. */
export function validateForm(form: ServiceForm, values: Record<string, unknown>): FieldError[] {
  const fn = compile(form);
  const errors = new Map<string, FieldError>();
  if (!fn(values)) {
    for (const e of fn.errors ?? []) {
      const fe = describe(e, form);
      if (!errors.has(fe.field)) {
        errors.set(fe.field, fe);
      }
    }
  }
  for (const [name, hint] of Object.entries(form.ui.hints ?? {})) {
    const v = values[name];
    if (typeof v !== "string" || v === "" || errors.has(name)) {
      continue;
    }
    const title = form.schema.properties[name]?.title ?? name;
    if (hint.widget === "idNumber" && !parseIdNumber(v).ok) {
      errors.set(name, { field: name, message: `${title}：公民身份号码校验不通过 (invalid ID number)` });
    }
    if (hint.widget === "creditCode" && !parseCreditCode(v).ok) {
      errors.set(name, {
        field: name,
        message: `${title}：统一社会信用代码校验不通过 (invalid credit code)`,
      });
    }
  }
  const order = [...form.ui.order, ...Object.keys(form.schema.properties)];
  return [...errors.values()].sort((a, b) => {
    const ia = order.indexOf(a.field);
    const ib = order.indexOf(b.field);
    return (ia < 0 ? Number.MAX_SAFE_INTEGER : ia) - (ib < 0 ? Number.MAX_SAFE_INTEGER : ib);
  });
}

/** A registry value as the form property wants it (dates of a date-time, lists joined). */
export function toFormValue(
  form: ServiceForm,
  field: string,
  value: unknown,
): string | number | boolean | null | undefined {
  const prop = form.schema.properties[field];
  if (!prop || value === null || value === undefined) {
    return undefined;
  }
  if (Array.isArray(value)) {
    return value.join("、");
  }
  if (prop.type === "string") {
    const s = String(value);
    if (prop.format === "date" && /^\d{4}-\d{2}-\d{2}T/.test(s)) {
      // A time of birth in UTC is a calendar date in China.
      return new Date(new Date(s).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    }
    return s;
  }
  if ((prop.type === "number" || prop.type === "integer") && typeof value === "number") {
    return value;
  }
  if (prop.type === "boolean" && typeof value === "boolean") {
    return value;
  }
  return undefined;
}
