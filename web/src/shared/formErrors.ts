import type { FormInstance } from "antd";
import type { ApiError } from "./api";

/**
 * Puts a problem's detail under the form field it names, when the form has that field.
 * Returns false when the problem is not about a field (show it in an Alert instead).
 */
export function showProblemOnField<T>(
  form: FormInstance<T>,
  error: ApiError,
  fields: readonly string[],
): boolean {
  const field = error.field;
  if (!field || !fields.includes(field)) {
    return false;
  }
  form.setFields([{ name: field as never, errors: [error.problem.detail ?? error.problem.title] }]);
  return true;
}
