import type { Power } from "../../../shared/policy/rights.js";
import type { BundleMaterial } from "../../../shared/services/bundle-form.js";
import type { AssembledBundle, CatalogBundle, CatalogItem } from "./catalog.service.js";

/** An item as lists show it: what a citizen compares before opening it. */
export function presentItemSummary(item: CatalogItem) {
  return {
    code: item.code,
    name: item.name,
    nameEn: item.nameEn,
    summary: item.summary,
    summaryEn: item.summaryEn,
    powerCode: item.powerCode,
    itemType: item.itemType,
    department: item.department,
    level: item.level,
    audience: item.audience,
    lifeEvents: item.lifeEvents,
    fee: item.fee,
    promisedDays: item.promisedDays,
    statutoryDays: item.statutoryDays,
    visits: item.visits,
    channels: item.channels,
    materialsTotal: item.materials.length,
    materialsObtained: item.materials.filter((m) => m.obtainedVia).length,
    version: item.version,
  };
}

const bundleRef = (b: CatalogBundle) => ({ code: b.code, name: b.name, nameEn: b.nameEn });

/** An item in full (办事指南), with the power it exercises as the rights list in force names it. */
export function presentItem(item: CatalogItem, power: Power | undefined, bundles: CatalogBundle[]) {
  return {
    ...item,
    power: power
      ? {
          code: power.code,
          name: power.name,
          nameEn: power.nameEn,
          type: power.type,
          department: power.department,
        }
      : null,
    bundles: bundles.map(bundleRef),
  };
}

/** A bundle as lists show it, with its items' names and order. */
export function presentBundleSummary(bundle: CatalogBundle, items: Map<string, CatalogItem>) {
  return {
    ...bundle,
    items: bundle.items.map((b) => {
      const item = items.get(b.code);
      return {
        code: b.code,
        after: b.after ?? [],
        name: item?.name ?? b.code,
        nameEn: item?.nameEn ?? b.code,
        department: item?.department ?? null,
        promisedDays: item?.promisedDays ?? null,
      };
    }),
  };
}

/** A bundle with everything one application to it needs: items, one form, one set of materials. */
export function presentAssembledBundle(a: AssembledBundle) {
  return {
    ...a.bundle,
    items: a.bundle.items.map((b, i) => ({
      ...presentItemSummary(a.items[i] as CatalogItem),
      after: b.after ?? [],
      steps: (a.items[i] as CatalogItem).steps,
      certificate: (a.items[i] as CatalogItem).certificate ?? null,
    })),
    form: a.form,
    materials: a.materials satisfies BundleMaterial[],
    prefill: a.prefill,
  };
}
