import { describe, expect, it } from "vitest";
import type { FieldType } from "../../../shared/exchange/catalogue.js";
import { LIFE_EVENTS, type ServiceItem, STEP_KINDS } from "../../../shared/services/catalogue.js";
import { DEMO_DEPARTMENTS } from "../../seed/demo-data.js";
import { DEMO_CATALOGUE } from "../exchange/demo-catalogue.js";
import { DEMO_POWERS } from "../policy/demo-rights.js";
import { PolicyEngine } from "../policy/policy.engine.js";
import { compilePowers } from "../policy/rights-list.js";
import { DEMO_BUNDLES, DEMO_SERVICE_ITEMS } from "./demo-services.js";
import { compileForm } from "./form-schema.js";

const resource = (id: string) => DEMO_CATALOGUE.find((r) => r.id === id);
const departments = new Set(DEMO_DEPARTMENTS.map((d) => d.code));
/** Which form property types can hold a value of a registry field's type. */
const FITS: Record<FieldType, string[]> = {
  string: ["string"],
  date: ["string"],
  datetime: ["string"],
  number: ["number", "integer"],
  boolean: ["boolean"],
  "string[]": [],
};
const each = (fn: (item: ServiceItem) => void) => {
  for (const item of DEMO_SERVICE_ITEMS) {
    fn(item);
  }
};

describe("the demo service catalogue", () => {
  it("has at least 20 items with unique codes numbered under their power", () => {
    expect(DEMO_SERVICE_ITEMS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(DEMO_SERVICE_ITEMS.map((i) => i.code)).size).toBe(DEMO_SERVICE_ITEMS.length);
    each((item) => expect(item.code, item.code).toMatch(new RegExp(`^${item.powerCode}-[0-9]{2}$`)));
  });

  it("exercises, for every item, a power of the item's department, of the item's type, whose officers may decide", () => {
    each((item) => {
      const power = DEMO_POWERS.find((p) => p.code === item.powerCode);
      expect(power, `${item.code} → ${item.powerCode}`).toBeDefined();
      expect(power?.department, item.code).toBe(item.department);
      expect(power?.type, item.code).toBe(item.itemType);
      const decides = DEMO_POWERS.some(
        (p) =>
          p.department === item.department &&
          p.grants.some((g) => g.action === "decide" && g.roles.includes("officer")),
      );
      expect(decides, `officers of ${item.department} may decide`).toBe(true);
    });
  });

  it("lets the officers of each step's department take it, district and street offices included, and no one else's", {
    timeout: 30_000,
  }, () => {
    const engine = PolicyEngine.create(compilePowers(DEMO_POWERS));
    const decide = (department: string, officerOf: string) =>
      engine.decide({
        action: "decide",
        principal: { id: `officer@${officerOf}`, roles: ["officer"], departments: [officerOf] },
        resource: { id: "application", applicant: "someone-else", department },
      });
    // Each department where some item's step is taken, with one of those steps to name in a failure.
    const stepDepartments = new Map<string, string>();
    each((item) => {
      for (const step of item.steps) {
        stepDepartments.set(step.department ?? item.department, `${item.code} ${step.kind}`);
      }
    });
    for (const [department, step] of stepDepartments) {
      const powers = DEMO_POWERS.filter((p) => p.department === department);
      expect(powers.length, `${step}: ${department} has a rights list`).toBeGreaterThan(0);
      expect(
        powers.every((p) => p.legalBasis.length > 0 && p.legalBasis.every((b) => b.law && b.article)),
        department,
      ).toBe(true);
      const allowed = decide(department, department);
      expect(allowed.allow, `${step} at ${department}`).toBe(true);
      expect(
        allowed.decidedBy.every((id) => powers.some((p) => id.startsWith(`power:${p.code}:`))),
        `${department} decides under its own powers`,
      ).toBe(true);
      // An officer of another district (上城区) is refused.
      expect(decide(department, "SC-GA").allow, `SC-GA at ${department}`).toBe(false);
    }
    // The catalogue places steps at 西湖区 offices and a 街道 office, not only at city departments.
    for (const office of ["XH-GA", "XH-SCJG", "XH-MZ", "XH-BS"]) {
      expect(stepDepartments.has(office), office).toBe(true);
    }
    // Nor may one 西湖区 office take another's step.
    expect(decide("XH-MZ", "XH-BS").allow).toBe(false);
    expect(decide("XH-BS", "XH-MZ").allow).toBe(false);
  });

  it("names a legal basis, departments that exist, known life events and step kinds, and sensible limits", () => {
    each((item) => {
      expect(item.legalBasis.length, item.code).toBeGreaterThan(0);
      expect(
        item.legalBasis.every((b) => b.law && b.article),
        item.code,
      ).toBe(true);
      expect(departments.has(item.department), item.department).toBe(true);
      expect(item.lifeEvents.length, item.code).toBeGreaterThan(0);
      expect(
        item.lifeEvents.every((e) => LIFE_EVENTS.includes(e)),
        item.code,
      ).toBe(true);
      expect(item.promisedDays, item.code).toBeLessThanOrEqual(item.statutoryDays);
      expect([0, 1]).toContain(item.visits);
      expect(item.fee.amount, item.code).toBeGreaterThanOrEqual(0);
      if (item.fee.amount > 0) {
        expect(item.fee.basis, item.code).toBeTruthy();
      }
      expect(item.conditions.length, item.code).toBeGreaterThan(0);
      const kinds = item.steps.map((s) => s.kind);
      expect(kinds[0], item.code).toBe("accept");
      expect(kinds, item.code).toContain("decide");
      expect(kinds.at(-1), item.code).toBe("conclude");
      expect(
        kinds.every((k) => STEP_KINDS.includes(k)),
        item.code,
      ).toBe(true);
      for (const step of item.steps) {
        expect(departments.has(step.department ?? item.department), `${item.code} step ${step.kind}`).toBe(
          true,
        );
      }
    });
  });

  it("obtains materials only from fields the exchange's catalogue has", () => {
    each((item) => {
      for (const m of item.materials) {
        if (!m.obtainedVia) {
          continue;
        }
        const r = resource(m.obtainedVia.resource);
        expect(r, `${item.code} ${m.id}`).toBeDefined();
        const fields = new Set(r?.fields.map((f) => f.name));
        for (const f of m.obtainedVia.fields) {
          expect(fields.has(f), `${item.code} ${m.id}: ${m.obtainedVia.resource}.${f}`).toBe(true);
        }
      }
    });
  });

  it("pre-fills form fields from existing fields of registries about the applicant, of a fitting type", () => {
    each((item) => {
      for (const rule of item.prefill) {
        const r = resource(rule.resource);
        const source = r?.fields.find((f) => f.name === rule.sourceField);
        const target = item.form.schema.properties[rule.field];
        const where = `${item.code}: ${rule.field} ← ${rule.resource}.${rule.sourceField}`;
        expect(source, where).toBeDefined();
        expect(target, where).toBeDefined();
        expect(r?.subjectType, `${where} (looked up by the ${item.audience})`).toBe(item.audience);
        expect(FITS[source?.type ?? "string[]"], where).toContain(target?.type);
      }
      expect(new Set(item.prefill.map((r) => r.field)).size, item.code).toBe(item.prefill.length);
    });
  });

  it("has forms that compile with ajv and accept what the registries would fill in", () => {
    each((item) => {
      const validate = compileForm(item.form, item.code);
      expect(validate({}), item.code).toBe(item.form.schema.required.length === 0);
    });
    const birth = DEMO_SERVICE_ITEMS.find((i) => i.code === "330100-GA-QR-001-01") as ServiceItem;
    const answers = {
      relationToChild: "母亲",
      childName: "陈思语",
      childGender: "女",
      childBirthTime: "2026-11-18T09:42:00+08:00",
      childBirthPlace: "浙江省杭州市上城区",
      birthCertificateNumber: "U330486127",
      childEthnicity: "汉族",
      motherName: "林晓雨",
      motherIdNumber: "330106199205171243",
      fatherName: "陈浩然",
      fatherIdNumber: "33010219901103215X",
      householdAddress: "杭州市西湖区北山街道保俶北路 35 号 2 幢 1 单元 802 室",
      householdNumber: "102617384",
      householdHead: "陈浩然",
      childRelationToHead: "女",
      applicantName: "林晓雨",
      applicantIdNumber: "330106199205171243",
      applicantMobile: "13857160218",
    };
    const validate = compileForm(birth.form);
    expect(validate(answers), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...answers, extra: 1 })).toBe(false);
    expect(validate({ ...answers, childBirthTime: "yesterday" })).toBe(false);
  });
});

describe("the demo bundles", () => {
  it.each(DEMO_BUNDLES.map((b) => [b.code, b]))(
    "%s is made of existing items in a possible order",
    (_, bundle) => {
      const items = bundle.items.map((b) => DEMO_SERVICE_ITEMS.find((i) => i.code === b.code));
      expect(items.every(Boolean), bundle.code).toBe(true);
      expect(departments.has(bundle.leadDepartment)).toBe(true);
      const seen = new Set<string>();
      for (const b of bundle.items) {
        // Each item waits only for items listed before it, so the order has no cycle.
        for (const before of b.after ?? []) {
          expect(seen.has(before), `${b.code} after ${before}`).toBe(true);
        }
        seen.add(b.code);
      }
      for (const item of items) {
        expect(item?.audience).toBe(bundle.audience);
        expect(item?.lifeEvents.some((e) => bundle.lifeEvents.includes(e))).toBe(true);
      }
      const sum = items.reduce((total, item) => total + (item?.promisedDays ?? 0), 0);
      expect(bundle.promisedDays).toBeLessThanOrEqual(Math.max(sum, 1));
      expect(new Set(items.map((i) => i?.department)).size).toBeGreaterThan(2);
    },
  );

  it("registers the newborn's household before the insurance that needs the citizen ID number", () => {
    const birth = DEMO_BUNDLES.find((b) => b.code === "330100-YJS-001");
    expect(birth?.items.find((i) => i.code === "330100-YB-QR-001-01")?.after).toContain(
      "330100-GA-QR-001-01",
    );
    expect(birth?.items.find((i) => i.code === "330100-RS-QT-001-01")?.after).toContain(
      "330100-GA-QR-001-01",
    );
  });
});
