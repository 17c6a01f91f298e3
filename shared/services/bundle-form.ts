/**
 * One form and one set of materials for a one-thing bundle (一表申请、一套材料): the union of its items'
 * forms and materials. A property name means one thing across the catalogue, so two items that
 * define the same property differently cannot share a form: that is an error in the catalogue, found
 * when the bundle is assembled (and by the demo's unit test), never papered over.
 */
import { canonicalJson, type Json } from "../ledger/canonical.js";
import type { FormUiHint, PrefillRule, ServiceForm, ServiceItem, ServiceMaterial } from "./catalogue.js";

/** Two items of a bundle disagree about a form property or a material. */
export class BundleConflictError extends Error {
  constructor(
    /** "property childName" or "material birth-medical-certificate". */
    readonly what: string,
    readonly items: [string, string],
    message: string,
  ) {
    super(message);
    this.name = "BundleConflictError";
  }
}

/** A material of a bundle, with the items that need it. */
export interface BundleMaterial extends ServiceMaterial {
  /** Codes of the bundle's items that ask for this material, in bundle order. */
  items: string[];
}

type FormItem = Pick<ServiceItem, "code" | "form">;
type MaterialItem = Pick<ServiceItem, "code" | "materials">;
type PrefillItem = Pick<ServiceItem, "code" | "prefill">;

const same = (a: unknown, b: unknown) => canonicalJson(a as Json) === canonicalJson(b as Json);

/** An item's properties in its own display order, then any the order leaves out. */
function orderedNames(form: ServiceForm): string[] {
  const names = Object.keys(form.schema.properties);
  return [
    ...form.ui.order.filter((n) => n in form.schema.properties),
    ...names.filter((n) => !form.ui.order.includes(n)),
  ];
}

/**
 * The bundle's form: every item's properties (in the order they first appear, item by item), every
 * required name, and the first hint given for a property. Throws BundleConflictError when two items
 * define one property differently.
 */
export function bundleForm(items: readonly FormItem[]): ServiceForm {
  const properties: ServiceForm["schema"]["properties"] = {};
  const owner = new Map<string, string>();
  const required: string[] = [];
  const order: string[] = [];
  const hints: Record<string, FormUiHint> = {};
  for (const item of items) {
    for (const name of orderedNames(item.form)) {
      const property = item.form.schema.properties[name];
      if (!property) {
        continue;
      }
      const existing = properties[name];
      if (existing) {
        if (!same(existing, property)) {
          throw new BundleConflictError(
            `property ${name}`,
            [owner.get(name) as string, item.code],
            `Items ${owner.get(name)} and ${item.code} define form property ${name} differently`,
          );
        }
      } else {
        properties[name] = property;
        owner.set(name, item.code);
        order.push(name);
      }
      const hint = item.form.ui.hints?.[name];
      if (hint && !hints[name]) {
        hints[name] = hint;
      }
    }
    for (const name of item.form.schema.required) {
      if (!required.includes(name)) {
        required.push(name);
      }
    }
  }
  return {
    schema: { type: "object", required: order.filter((n) => required.includes(n)), properties },
    ui: Object.keys(hints).length > 0 ? { order, hints } : { order },
  };
}

/**
 * The bundle's materials, one per id: required when any item requires it, with the first item's
 * wording. Throws BundleConflictError when two items obtain one material from different registries
 * or fields, or name it differently.
 */
export function bundleMaterials(items: readonly MaterialItem[]): BundleMaterial[] {
  const byId = new Map<string, BundleMaterial>();
  for (const item of items) {
    for (const material of item.materials) {
      const seen = byId.get(material.id);
      if (!seen) {
        byId.set(material.id, { ...material, items: [item.code] });
        continue;
      }
      const first = seen.items[0] as string;
      if (seen.name !== material.name || !same(seen.obtainedVia ?? null, material.obtainedVia ?? null)) {
        throw new BundleConflictError(
          `material ${material.id}`,
          [first, item.code],
          `Items ${first} and ${item.code} describe material ${material.id} differently`,
        );
      }
      seen.required = seen.required || material.required;
      if (!seen.items.includes(item.code)) {
        seen.items.push(item.code);
      }
    }
  }
  return [...byId.values()];
}

/**
 * The bundle's pre-fill rules, one per form property. Throws BundleConflictError when two items fill
 * one property from different sources.
 */
export function bundlePrefill(items: readonly PrefillItem[]): PrefillRule[] {
  const byField = new Map<string, { rule: PrefillRule; item: string }>();
  for (const item of items) {
    for (const rule of item.prefill) {
      const seen = byField.get(rule.field);
      if (!seen) {
        byField.set(rule.field, { rule, item: item.code });
      } else if (seen.rule.resource !== rule.resource || seen.rule.sourceField !== rule.sourceField) {
        throw new BundleConflictError(
          `prefill ${rule.field}`,
          [seen.item, item.code],
          `Items ${seen.item} and ${item.code} fill form property ${rule.field} from different sources`,
        );
      }
    }
  }
  return [...byField.values()].map((v) => v.rule);
}
