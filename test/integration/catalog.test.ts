import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceItem } from "../../shared/services/catalogue.js";
import { DEMO_BUNDLES, DEMO_SERVICE_ITEMS } from "../../src/modules/catalog/demo-services.js";
import { seedDemo } from "../../src/seed/seed.js";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

const BIRTH_REGISTRATION = "330100-GA-QR-001-01";
const ID_CARD = "330100-GA-QR-002-01";
const NEWBORN_BUNDLE = "330100-YJS-001";
const BUSINESS_BUNDLE = "330100-YJS-002";

interface Summary {
  code: string;
  department: string;
  lifeEvents: string[];
  audience: string;
}

/** An item's definition as PUT takes it: everything but its code. */
function body(
  code: string,
  change: (item: ServiceItem) => ServiceItem = (i) => i,
): Omit<ServiceItem, "code"> {
  const found = DEMO_SERVICE_ITEMS.find((i) => i.code === code) as ServiceItem;
  const { code: _, ...rest } = change(structuredClone(found));
  return rest;
}

describe.each(testDatabases())("the service catalogue (%s)", (kind) => {
  let t: TestPlatform;
  let gaadmin: Client;

  const get = (url: string) => t.app.inject({ url });
  const list = async (url: string): Promise<Summary[]> => (await get(url)).json().items;
  const put = (client: Client, code: string, payload: object) =>
    client.request({ method: "PUT", url: `/api/services/${code}`, payload });
  const updates = () =>
    t.platform.database.db
      .selectFrom("ledger_entries")
      .select(["seq", "body"])
      .where("action", "=", "catalog.item.update")
      .orderBy("seq")
      .execute();

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    gaadmin = await signIn(t.app, "gaadmin");
  });
  afterAll(() => t?.close());

  describe("search", () => {
    it("lists every demo item to anyone, and finds them by life event, department, audience and power", async () => {
      const all = await list("/api/services");
      expect(all.map((i) => i.code).sort()).toEqual(DEMO_SERVICE_ITEMS.map((i) => i.code).sort());
      const birth = await list("/api/services?lifeEvent=birth");
      expect(birth.map((i) => i.code)).toContain(BIRTH_REGISTRATION);
      expect(birth.every((i) => i.lifeEvents.includes("birth"))).toBe(true);
      expect(birth.length).toBeLessThan(all.length);
      const civil = await list("/api/services?department=HZ-MZ");
      expect(civil.length).toBeGreaterThanOrEqual(2);
      expect(civil.every((i) => i.department === "HZ-MZ")).toBe(true);
      const enterprises = await list("/api/services?audience=organisation");
      expect(enterprises.length).toBeGreaterThan(0);
      expect(enterprises.every((i) => i.audience === "organisation")).toBe(true);
      const household = await list("/api/services?power=330100-GA-QR-001");
      expect(household.map((i) => i.code)).toEqual([BIRTH_REGISTRATION, "330100-GA-QR-001-02"]);
      expect(await list("/api/services?department=HZ-ST")).toEqual([]);
    });

    it("searches Chinese and English text in names, summaries and conditions, combined with filters", async () => {
      expect((await list(`/api/services?q=${encodeURIComponent("户口")}`)).map((i) => i.code)).toEqual(
        expect.arrayContaining([BIRTH_REGISTRATION, "330100-GA-QR-001-02"]),
      );
      // A word of the conditions only (受理条件).
      expect(
        (await list(`/api/services?q=${encodeURIComponent("三代以内旁系血亲")}`)).map((i) => i.code),
      ).toEqual(["330100-MZ-QR-001-01"]);
      expect((await list("/api/services?q=PENSION")).map((i) => i.code)).toContain("330100-RS-JF-002-01");
      const both = await list(
        `/api/services?lifeEvent=business&q=${encodeURIComponent("登记")}&department=HZ-SCJG`,
      );
      expect(both.length).toBeGreaterThan(0);
      expect(both.every((i) => i.department === "HZ-SCJG" && i.lifeEvents.includes("business"))).toBe(true);
      expect(await list(`/api/services?q=${encodeURIComponent("不存在的事项")}`)).toEqual([]);
    });

    it("refuses an unknown life event with a problem naming the parameter", async () => {
      const res = await get("/api/services?lifeEvent=wedding");
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toMatch(/^querystring\.lifeEvent/);
    });
  });

  describe("an item", () => {
    it("is published in full with the power it exercises and the bundles it belongs to", async () => {
      const res = await get(`/api/services/${BIRTH_REGISTRATION}`);
      expect(res.statusCode).toBe(200);
      const item = res.json();
      expect(item).toMatchObject({
        code: BIRTH_REGISTRATION,
        department: "HZ-GA",
        version: 1,
        power: { code: "330100-GA-QR-001", name: "户口登记", type: "行政确认", department: "HZ-GA" },
        bundles: [{ code: NEWBORN_BUNDLE, name: "新生儿出生一件事" }],
      });
      expect(item.legalBasis).toContainEqual({ law: "中华人民共和国户口登记条例", article: "第七条" });
      expect(
        item.materials.find((m: { id: string }) => m.id === "birth-medical-certificate").obtainedVia,
      ).toEqual(expect.objectContaining({ resource: "birth-certificates" }));
      expect(item.form.schema.properties.childName).toMatchObject({ type: "string", title: "新生儿姓名" });
    });

    it("is a 404 problem naming the parameter when unknown", async () => {
      const res = await get("/api/services/330100-XX-QR-999-01");
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, code: "NOT_FOUND", field: "params.code" });
    });
  });

  describe("bundles", () => {
    it("are found by life event, department of any item, and text", async () => {
      const birth = (await get("/api/bundles?lifeEvent=birth")).json().items;
      expect(birth.map((b: { code: string }) => b.code)).toEqual([NEWBORN_BUNDLE]);
      expect(birth[0].items.map((i: { code: string }) => i.code)).toEqual(
        DEMO_BUNDLES[0]?.items.map((i) => i.code),
      );
      // 公安 leads neither bundle but handles an item of each.
      const police = (await get("/api/bundles?department=HZ-GA")).json().items;
      expect(police.map((b: { code: string }) => b.code)).toEqual([NEWBORN_BUNDLE, BUSINESS_BUNDLE]);
      // An item's name finds its bundle: 公积金 is only in 企业开办一件事's items.
      const fund = (await get(`/api/bundles?q=${encodeURIComponent("公积金")}`)).json().items;
      expect(fund.map((b: { code: string }) => b.code)).toEqual([BUSINESS_BUNDLE]);
    });

    it("comes with its items in order, one form, one set of materials and pre-fill", async () => {
      const res = await get(`/api/bundles/${NEWBORN_BUNDLE}`);
      expect(res.statusCode).toBe(200);
      const bundle = res.json();
      expect(bundle.items.map((i: { code: string; after: string[] }) => [i.code, i.after])).toEqual([
        ["330100-WJ-QT-001-01", []],
        [BIRTH_REGISTRATION, []],
        ["330100-YB-QR-001-01", [BIRTH_REGISTRATION]],
        ["330100-RS-QT-001-01", [BIRTH_REGISTRATION, "330100-YB-QR-001-01"]],
      ]);
      expect(bundle.form.ui.order.filter((n: string) => n === "childName")).toHaveLength(1);
      expect(bundle.form.schema.required).toContain("vaccinationClinic");
      const ids = bundle.materials.map((m: { id: string }) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(
        bundle.materials.find((m: { id: string }) => m.id === "birth-medical-certificate"),
      ).toMatchObject({
        obtainedVia: { resource: "birth-certificates" },
        items: bundle.items.map((i: { code: string }) => i.code),
      });
      expect(bundle.prefill).toContainEqual({
        field: "householdAddress",
        resource: "household-register",
        sourceField: "address",
      });
      const missing = await get("/api/bundles/330100-YJS-999");
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: "NOT_FOUND", field: "params.code" });
    });
  });

  it("links each power of the published rights lists to the service items exercising it", async () => {
    const lists = (await get("/api/rights")).json().items;
    const ga = lists.find((l: { departmentCode: string }) => l.departmentCode === "HZ-GA");
    expect(ga.services["330100-GA-QR-001"].map((s: { code: string }) => s.code)).toEqual([
      BIRTH_REGISTRATION,
      "330100-GA-QR-001-02",
    ]);
    expect(ga.services["330100-GA-CF-001"]).toEqual([]);
    // The powers themselves are published as they are, so that they can be proposed back unchanged.
    expect(Object.keys(ga.powers[0]).sort()).toEqual(
      [
        "accountability",
        "code",
        "department",
        "duties",
        "grants",
        "legalBasis",
        "level",
        "name",
        "nameEn",
        "type",
      ].sort(),
    );
    // Every item's power is published by its department.
    const powers = lists.flatMap((l: { powers: object[] }) => l.powers);
    for (const item of DEMO_SERVICE_ITEMS) {
      expect(
        powers.some((p: { code: string }) => p.code === item.powerCode),
        item.powerCode,
      ).toBe(true);
    }
  });

  describe("updates by department admins", () => {
    it("requires a session and the department admin role", async () => {
      const anonymous = await t.app.inject({
        method: "PUT",
        url: `/api/services/${ID_CARD}`,
        payload: body(ID_CARD),
      });
      expect(anonymous.statusCode).toBe(401);
      const officer = await signIn(t.app, "officer");
      expect((await put(officer, ID_CARD, body(ID_CARD))).statusCode).toBe(403);
    });

    it("lets an admin update their own department's item: version + 1, in the ledger, served at once", async () => {
      const before = (await updates()).length;
      const res = await put(
        gaadmin,
        ID_CARD,
        body(ID_CARD, (i) => ({ ...i, promisedDays: 10, channels: ["window", "mobile", "online"] })),
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ code: ID_CARD, version: 2, promisedDays: 10 });
      expect((await get(`/api/services/${ID_CARD}`)).json()).toMatchObject({ version: 2, promisedDays: 10 });
      const entries = await updates();
      expect(entries).toHaveLength(before + 1);
      const entry = JSON.parse(entries.at(-1)?.body as string);
      expect(entry).toMatchObject({
        action: "catalog.item.update",
        resource: `catalog/items/${ID_CARD}`,
        outcome: "success",
        actor: { roles: ["dept_admin"], via: "session" },
        details: { department: "HZ-GA", power: "330100-GA-QR-002", version: 2 },
      });
    });

    it("refuses another department's item, and records nothing", async () => {
      const before = (await updates()).length;
      const res = await put(gaadmin, "330100-RS-JF-001-01", body("330100-RS-JF-001-01"));
      expect(res.statusCode).toBe(403);
      const other = await signIn(t.app, "deptadmin");
      expect((await put(other, ID_CARD, body(ID_CARD))).statusCode).toBe(403);
      expect(await updates()).toHaveLength(before);
    });

    it("refuses definitions that do not hold together, naming the field", async () => {
      const cases: [string, (i: ServiceItem) => ServiceItem, number, string | RegExp][] = [
        [
          "a pattern that does not compile",
          (i) => {
            const p = i.form.schema.properties;
            p.applicantName = { ...(p.applicantName as object), pattern: "([" } as never;
            return i;
          },
          400,
          "body.form.schema",
        ],
        [
          "a required field that is not a property",
          (i) => ({ ...i, form: { ...i.form, schema: { ...i.form.schema, required: ["nickname"] } } }),
          400,
          "body.form.schema.required[0]",
        ],
        [
          "a field order that leaves a property out",
          (i) => ({ ...i, form: { ...i.form, ui: { ...i.form.ui, order: i.form.ui.order.slice(1) } } }),
          400,
          "body.form.ui.order",
        ],
        [
          "another department's power",
          (i) => ({ ...i, powerCode: "330100-RS-QR-001" }),
          400,
          "body.powerCode",
        ],
        ["a power not in the lists", (i) => ({ ...i, powerCode: "330100-GA-QR-099" }), 400, "body.powerCode"],
        [
          "a pre-fill from a field the registry does not have",
          (i) => ({
            ...i,
            prefill: [{ field: "applicantName", resource: "household-register", sourceField: "nick" }],
          }),
          400,
          "body.prefill[0].sourceField",
        ],
        [
          "a material obtained from a resource that does not exist",
          (i) =>
            ({
              ...i,
              materials: [
                { ...(i.materials[0] as object), obtainedVia: { resource: "no-such", fields: ["x"] } },
              ],
            }) as ServiceItem,
          400,
          "body.materials[0].obtainedVia.resource",
        ],
        [
          "a promise beyond the statutory limit",
          (i) => ({ ...i, promisedDays: 99 }),
          400,
          "body.promisedDays",
        ],
        ["a move to another department", (i) => ({ ...i, department: "HZ-RS" }), 400, "body.department"],
        [
          "an unknown keyword in the schema",
          (i) => ({ ...i, form: { ...i.form, extra: 1 } }) as never,
          400,
          /^body/,
        ],
      ];
      const before = (await updates()).length;
      for (const [what, change, status, field] of cases) {
        const res = await put(gaadmin, ID_CARD, body(ID_CARD, change));
        expect(res.statusCode, what).toBe(status);
        expect(res.headers["content-type"], what).toMatch(/^application\/problem\+json/);
        if (typeof field === "string") {
          expect(res.json().field, what).toBe(field);
        } else {
          expect(res.json().field, what).toMatch(field);
        }
      }
      expect(await updates()).toHaveLength(before);
    });

    it("refuses a change that would break a bundle's one form, naming the bundle", async () => {
      const res = await put(
        gaadmin,
        BIRTH_REGISTRATION,
        body(BIRTH_REGISTRATION, (i) => {
          const p = i.form.schema.properties;
          p.childName = { ...(p.childName as object), maxLength: 10 } as never;
          return i;
        }),
      );
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ field: "body.form" });
      expect(res.json().detail).toContain(NEWBORN_BUNDLE);
    });

    it("is 404 naming the parameter for an unknown item", async () => {
      const res = await put(gaadmin, "330100-GA-QR-001-99", body(ID_CARD));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ field: "params.code" });
    });
  });

  it("seeds the demo once: seeding again changes nothing and keeps departments' edits", async () => {
    const before = (await get(`/api/services/${ID_CARD}`)).json();
    await seedDemo(t.platform.ctx, { provinces: ["33"] });
    const after = (await get(`/api/services/${ID_CARD}`)).json();
    expect(after).toEqual(before);
    const seeds = await t.platform.database.db
      .selectFrom("ledger_entries")
      .select("seq")
      .where("action", "=", "catalog.seed")
      .execute();
    expect(seeds).toHaveLength(1);
  });
});
