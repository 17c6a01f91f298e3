import { describe, expect, it } from "vitest";
import { DEMO_BUNDLES, DEMO_SERVICE_ITEMS } from "../../src/modules/catalog/demo-services.js";
import { BundleConflictError, bundleForm, bundleMaterials, bundlePrefill } from "./bundle-form.js";
import type { ServiceItem } from "./catalogue.js";

const itemsOf = (code: string): ServiceItem[] => {
  const bundle = DEMO_BUNDLES.find((b) => b.code === code);
  if (!bundle) {
    throw new Error(`no bundle ${code}`);
  }
  return bundle.items.map((b) => DEMO_SERVICE_ITEMS.find((i) => i.code === b.code) as ServiceItem);
};

const tiny = (code: string, properties: ServiceItem["form"]["schema"]["properties"], required: string[]) => ({
  code,
  form: { schema: { type: "object" as const, required, properties }, ui: { order: Object.keys(properties) } },
});

describe("one form and one set of materials for a bundle", () => {
  it.each(DEMO_BUNDLES.map((b) => [b.code, b.name]))("merges %s (%s) without conflict", (code) => {
    const items = itemsOf(code);
    const form = bundleForm(items);
    const names = new Set(items.flatMap((i) => Object.keys(i.form.schema.properties)));
    expect(Object.keys(form.schema.properties).sort()).toEqual([...names].sort());
    expect(form.ui.order).toHaveLength(names.size);
    // Required by any item means required by the bundle.
    for (const item of items) {
      for (const name of item.form.schema.required) {
        expect(form.schema.required).toContain(name);
      }
    }
    const materials = bundleMaterials(items);
    expect(new Set(materials.map((m) => m.id)).size).toBe(materials.length);
    expect(materials.every((m) => m.items.length > 0)).toBe(true);
    const prefill = bundlePrefill(items);
    expect(new Set(prefill.map((r) => r.field)).size).toBe(prefill.length);
    expect(prefill.every((r) => r.field in form.schema.properties)).toBe(true);
  });

  it("asks once for what several items of 新生儿出生一件事 share, and fills the newborn from the registries", () => {
    const items = itemsOf("330100-YJS-001");
    const form = bundleForm(items);
    expect(form.ui.order.filter((n) => n === "childName")).toHaveLength(1);
    const birth = bundleMaterials(items).find((m) => m.id === "birth-medical-certificate");
    expect(birth?.items).toEqual(items.map((i) => i.code));
    expect(birth?.obtainedVia?.resource).toBe("birth-certificates");
    const filled = Object.fromEntries(
      bundlePrefill(items).map((r) => [r.field, `${r.resource}.${r.sourceField}`]),
    );
    expect(filled).toMatchObject({
      childName: "birth-certificates.childName",
      childGender: "birth-certificates.childGender",
      childBirthTime: "birth-certificates.birthTime",
      childBirthPlace: "birth-certificates.birthPlace",
      motherName: "birth-certificates.motherName",
      fatherName: "birth-certificates.fatherName",
      householdAddress: "household-register.address",
    });
  });

  it("refuses a property two items define differently, naming both", () => {
    const a = tiny("A", { childName: { type: "string", title: "姓名", titleEn: "Name" } }, ["childName"]);
    const b = tiny("B", { childName: { type: "string", title: "姓名", titleEn: "Name", maxLength: 10 } }, []);
    expect(() => bundleForm([a, b])).toThrow(BundleConflictError);
    try {
      bundleForm([a, b]);
    } catch (error) {
      expect(error).toMatchObject({ what: "property childName", items: ["A", "B"] });
    }
  });

  it("keeps first-seen order, unions required, and takes a property's first hint", () => {
    const a = tiny("A", { x: { type: "string", title: "x", titleEn: "x" } }, []);
    const b = tiny(
      "B",
      { y: { type: "integer", title: "y", titleEn: "y" }, x: { type: "string", title: "x", titleEn: "x" } },
      ["x"],
    );
    b.form = { ...b.form, ui: { order: ["y", "x"], hints: { x: { help: "from B" } } } } as typeof b.form;
    const merged = bundleForm([a, b]);
    expect(merged.ui.order).toEqual(["x", "y"]);
    expect(merged.schema.required).toEqual(["x"]);
    expect(merged.ui.hints).toEqual({ x: { help: "from B" } });
  });

  it("dedupes materials by id, required when any item requires them, and refuses different sources", () => {
    const m = { id: "m", name: "材料", nameEn: "M", required: false };
    const merged = bundleMaterials([
      { code: "A", materials: [m] },
      { code: "B", materials: [{ ...m, required: true }] },
    ]);
    expect(merged).toEqual([{ ...m, required: true, items: ["A", "B"] }]);
    expect(() =>
      bundleMaterials([
        {
          code: "A",
          materials: [{ ...m, obtainedVia: { resource: "household-register", fields: ["name"] } }],
        },
        {
          code: "B",
          materials: [{ ...m, obtainedVia: { resource: "enterprise-register", fields: ["name"] } }],
        },
      ]),
    ).toThrow(/material m/);
    expect(() =>
      bundlePrefill([
        { code: "A", prefill: [{ field: "x", resource: "household-register", sourceField: "name" }] },
        { code: "B", prefill: [{ field: "x", resource: "marriage-register", sourceField: "partyName" }] },
      ]),
    ).toThrow(BundleConflictError);
  });
});
