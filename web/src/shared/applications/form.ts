import type { FormProperty, ServiceForm } from "./types";

/** The form's fields in the order its UI hints give, then any the order leaves out. */
export function fieldOrder(form: ServiceForm): string[] {
  const names = Object.keys(form.schema.properties);
  const ordered = form.ui.order.filter((name) => names.includes(name));
  return [...ordered, ...names.filter((name) => !ordered.includes(name))];
}

/** A field's label in the current language. */
export function fieldTitle(
  form: ServiceForm | null,
  name: string,
  pick: (zh: string, en: string | null | undefined) => string,
): string {
  const prop: FormProperty | undefined = form?.schema.properties[name];
  return prop ? pick(prop.title, prop.titleEn) : name;
}

/** Splits a problem's field ("form.x", "materials.y", "body.form.x") into its part and name. */
export function problemTarget(field: string): { part: "form" | "materials" | "other"; name: string } {
  const bare = field.replace(/^body\./, "");
  const [part, ...rest] = bare.split(".");
  const name = rest.join(".");
  if ((part === "form" || part === "materials") && name) {
    return { part, name };
  }
  return { part: "other", name: bare };
}

/** A date-time as people in China read it (registries record UTC instants; a birth is at 09:42 in 杭州). */
export function formatChinaTime(iso: string, locale: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) {
    return iso;
  }
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  }).format(new Date(at));
}
