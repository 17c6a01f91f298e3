import { bundleForm, bundleMaterials } from "../../../shared/services/bundle-form.js";
import type {
  Audience,
  PrefillRule,
  ServiceForm,
  ServiceItem,
  ServiceMaterial,
} from "../../../shared/services/catalogue.js";
import type { ServiceContext } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { getBundle, getItem, listBundles, listItems } from "../catalog/index.js";

/** What an application asks for, whether one item or a bundle: one form, one set of materials. */
export interface ResolvedService {
  kind: "item" | "bundle";
  code: string;
  name: string;
  nameEn: string;
  leadDepartment: string;
  audience: Audience;
  promisedDays: number;
  items: { item: ServiceItem; after: string[] }[];
  form: ServiceForm;
  materials: ServiceMaterial[];
  /** Pre-fill rules of every item, once per form field, with the departments whose items use them. */
  prefill: (PrefillRule & { departments: string[] })[];
}

/** The item or bundle an application is for, from the catalogue module. */
export async function resolveService(
  ctx: ServiceContext,
  kind: "item" | "bundle" | undefined,
  code: string,
  field = "body.service",
): Promise<ResolvedService> {
  if (kind === undefined) {
    // A code names an item or a bundle, never both: try the item first.
    try {
      return await resolveService(ctx, "item", code, field);
    } catch (error) {
      if (error instanceof DomainError && error.code === "NOT_FOUND") {
        return resolveService(ctx, "bundle", code, field);
      }
      throw error;
    }
  }
  if (kind === "item") {
    const item = await getItem(ctx, code, field);
    return {
      kind,
      code,
      name: item.name,
      nameEn: item.nameEn,
      leadDepartment: item.department,
      audience: item.audience,
      promisedDays: item.promisedDays,
      items: [{ item, after: [] }],
      form: item.form,
      materials: item.materials,
      prefill: item.prefill.map((r) => ({ ...r, departments: [item.department] })),
    };
  }
  const bundle = await getBundle(ctx, code, field);
  const items = await Promise.all(bundle.items.map((b) => getItem(ctx, b.code, field)));
  const prefill = new Map<string, PrefillRule & { departments: string[] }>();
  for (const item of items) {
    for (const rule of item.prefill) {
      const seen = prefill.get(rule.field);
      if (!seen) {
        prefill.set(rule.field, { ...rule, departments: [item.department] });
      } else if (seen.resource === rule.resource && !seen.departments.includes(item.department)) {
        seen.departments.push(item.department);
      }
    }
  }
  return {
    kind,
    code,
    name: bundle.name,
    nameEn: bundle.nameEn,
    leadDepartment: bundle.leadDepartment,
    audience: bundle.audience,
    promisedDays: bundle.promisedDays,
    items: items.map((item, i) => ({ item, after: bundle.items[i]?.after ?? [] })),
    form: bundleForm(items),
    materials: bundleMaterials(items),
    prefill: [...prefill.values()],
  };
}

/** Codes of the catalogue's items that need one in-person visit (到现场次数 1), for the visits-saved figure. */
export async function itemsNeedingVisit(ctx: ServiceContext): Promise<string[]> {
  return (await listItems(ctx)).filter((i) => i.visits > 0).map((i) => i.code);
}

/** Every item and bundle of the catalogue, resolved as applications see them. */
export async function allServices(ctx: ServiceContext): Promise<ResolvedService[]> {
  const items = await Promise.all((await listItems(ctx)).map((i) => resolveService(ctx, "item", i.code)));
  const bundles = await Promise.all(
    (await listBundles(ctx)).map((b) => resolveService(ctx, "bundle", b.code)),
  );
  return [...items, ...bundles];
}
