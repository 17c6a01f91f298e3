import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CATALOGUE } from "../../src/modules/exchange/demo-catalogue.js";
import type { RegistryProvider, SubjectKey } from "../../src/modules/exchange/provider.js";
import { parseCreditCode, parseIdNumber } from "../../src/modules/identity/index.js";
import { builtinProviders, prefetchFor, providerFor } from "../../src/modules/registries/index.js";
import { REGISTRY_SPECS } from "../../src/modules/registries/registries.mapping.js";
import { DEMO_PERSONS } from "../../src/seed/demo-data.js";
import {
  demoOrganisation,
  demoPerson,
  organisationCreditCode,
  personIdNumber,
} from "../../src/seed/demo-ids.js";
import { DEMO_REGISTRY_ROWS } from "../../src/seed/demo-registries.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

const person = (key: string): SubjectKey => ({ type: "person", idNumber: personIdNumber(demoPerson(key)) });
const organisation = (key: string): SubjectKey => ({
  type: "organisation",
  creditCode: organisationCreditCode(demoOrganisation(key)),
});

function provider(resourceId: string): RegistryProvider {
  const p = providerFor(resourceId);
  if (!p) {
    throw new Error(`no provider for ${resourceId}`);
  }
  return p;
}

describe.each(testDatabases())("the demo's registries (%s)", (kind) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(kind);
  });
  afterAll(() => t?.close());
  const lookup = (resourceId: string, subject: SubjectKey, fields: readonly string[]) =>
    provider(resourceId).lookup(t.platform.ctx, subject, fields);

  it("provides every field of every catalogue resource, and only the fields asked", async () => {
    expect(Object.keys(builtinProviders).sort()).toEqual(DEMO_CATALOGUE.map((r) => r.id).sort());
    for (const resource of DEMO_CATALOGUE) {
      const subject = resource.subjectType === "person" ? person("citizen") : organisation("enterprise");
      const all = resource.fields.map((f) => f.name);
      const records = await lookup(resource.id, subject, all);
      expect(records.length, resource.id).toBeGreaterThan(0);
      for (const r of records) {
        expect(Object.keys(r.values).sort(), resource.id).toEqual([...all].sort());
        expect(new Date(r.updatedAt).toISOString()).toBe(r.updatedAt);
        for (const field of resource.fields) {
          const v = r.values[field.name];
          if (v === null) {
            continue;
          }
          const expected = {
            string: "string",
            date: "string",
            datetime: "string",
            number: "number",
            boolean: "boolean",
            "string[]": "object",
          }[field.type];
          expect(typeof v, `${resource.id}.${field.name}`).toBe(expected);
        }
      }
      const [first, last] = [all[0] as string, all[all.length - 1] as string];
      const some = await lookup(resource.id, subject, [first, last]);
      expect(Object.keys(some[0]?.values ?? {}).sort()).toEqual([first, last].sort());
    }
  });

  it("refuses a field the registry does not hold", async () => {
    await expect(lookup("household-register", person("citizen"), ["name", "salary"])).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("answers an unknown subject, or a subject of the other type, with no records", async () => {
    const stranger: SubjectKey = { type: "person", idNumber: "110101199001011237" };
    expect(parseIdNumber(stranger.idNumber).ok).toBe(true);
    for (const resource of DEMO_CATALOGUE) {
      const subject = resource.subjectType === "person" ? stranger : organisation("socialorg");
      expect(await lookup(resource.id, subject, [resource.fields[0]?.name as string])).toEqual([]);
    }
    expect(await lookup("household-register", organisation("enterprise"), ["name"])).toEqual([]);
    // 赵子涵 is a student: in the household register, not insured.
    expect(await lookup("social-insurance", person("student"), ["status"])).toEqual([]);
  });

  it("finds the newborn's birth certificate by the mother's and by the father's number", async () => {
    const fields = ["childName", "birthTime", "motherName", "fatherName", "issuedBy", "weightGrams"];
    const byMother = await lookup("birth-certificates", person("citizen"), fields);
    const byFather = await lookup("birth-certificates", person("spouse"), fields);
    expect(byMother).toEqual(byFather);
    expect(byMother).toEqual([
      {
        values: {
          childName: "陈思语",
          birthTime: "2026-11-18T01:42:00.000Z",
          motherName: "林晓雨",
          fatherName: "陈浩然",
          issuedBy: "浙江大学医学院附属妇产科医院",
          weightGrams: 3350,
        },
        updatedAt: "2026-11-18T07:20:00.000Z",
      },
    ]);
    expect(await lookup("birth-certificates", person("agent"), fields)).toEqual([]);
  });

  it("answers the marriage from the side of whoever is asked about", async () => {
    const fields = ["partyName", "partyIdNumber", "spouseName", "spouseIdNumber", "registrationOffice"];
    const [wife] = await lookup("marriage-register", person("citizen"), fields);
    const [husband] = await lookup("marriage-register", person("spouse"), fields);
    expect(wife?.values).toEqual({
      partyName: "林晓雨",
      partyIdNumber: personIdNumber(demoPerson("citizen")),
      spouseName: "陈浩然",
      spouseIdNumber: personIdNumber(demoPerson("spouse")),
      registrationOffice: "杭州市西湖区婚姻登记处",
    });
    expect(husband?.values).toMatchObject({ partyName: "陈浩然", spouseName: "林晓雨" });
    // Asking only for the spouse still orients the answer.
    const [onlySpouse] = await lookup("marriage-register", person("citizen"), ["spouseName"]);
    expect(onlySpouse?.values).toEqual({ spouseName: "陈浩然" });
  });

  it("finds the jointly owned flat from either owner, and every property of one owner", async () => {
    const fields = ["certificateNumber", "ownerName", "share", "areaSqm", "mortgaged", "location"];
    const hers = await lookup("real-estate-register", person("citizen"), fields);
    const his = await lookup("real-estate-register", person("spouse"), fields);
    expect(hers).toHaveLength(1);
    expect(hers[0]?.values).toMatchObject({
      ownerName: "林晓雨",
      share: "共同共有",
      areaSqm: 89.46,
      mortgaged: true,
    });
    expect(his[0]?.values.certificateNumber).toBe(hers[0]?.values.certificateNumber);
    expect(String(hers[0]?.values.location)).toContain("西湖区");
    const agent = await lookup("real-estate-register", person("agent"), ["usage"]);
    expect(agent.map((r) => r.values.usage).sort()).toEqual(["住宅", "车位"]);
  });

  it("registers every demo person in the household register, consistently with the directory", async () => {
    for (const p of DEMO_PERSONS) {
      const idNumber = personIdNumber(p);
      const [r] = await lookup("household-register", { type: "person", idNumber }, [
        "name",
        "idNumber",
        "birthDate",
        "gender",
        "divisionCode",
        "address",
      ]);
      const parsed = parseIdNumber(idNumber);
      expect(parsed.ok).toBe(true);
      expect(r?.values).toMatchObject({ name: p.name, idNumber, birthDate: p.birthDate });
      expect(r?.values.gender).toBe(parsed.ok && parsed.value.gender === "male" ? "男" : "女");
      expect(String(r?.values.divisionCode).startsWith(p.divisionCode)).toBe(true);
      expect(String(r?.values.address)).toMatch(/^杭州市/);
    }
  });

  it("registers the enterprises with valid codes, and insures employees with them", async () => {
    const [e] = await lookup("enterprise-register", organisation("enterprise"), [
      "creditCode",
      "legalRepresentative",
      "registeredCapital",
      "status",
    ]);
    expect(e?.values).toMatchObject({
      legalRepresentative: "王建国",
      registeredCapital: 1000,
      status: "存续",
    });
    expect(parseCreditCode(String(e?.values.creditCode)).ok).toBe(true);
    for (const row of DEMO_REGISTRY_ROWS.registry_social_insurance ?? []) {
      expect(parseIdNumber(row.id_number).ok).toBe(true);
      if (row.employer_credit_code) {
        expect(parseCreditCode(row.employer_credit_code).ok, row.employer_credit_code).toBe(true);
      }
    }
    const [si] = await lookup("social-insurance", person("citizen"), ["employerName", "insuranceTypes"]);
    expect(si?.values).toEqual({
      employerName: "杭州云栖数智科技有限公司",
      insuranceTypes: ["企业职工基本养老保险", "失业保险", "工伤保险"],
    });
  });

  it("holds no criminal record for the demo's persons", async () => {
    for (const p of DEMO_PERSONS) {
      const records = await lookup("criminal-records", { type: "person", idNumber: personIdNumber(p) }, [
        "hasRecord",
      ]);
      expect(records).toEqual([{ values: { hasRecord: false }, updatedAt: expect.any(String) }]);
    }
  });

  it("records the load in the ledger", async () => {
    const rows = await t.platform.database.db
      .selectFrom("ledger_entries")
      .select("action")
      .where("action", "=", "registries.seed")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("reads the same records in the gateway's statement as a lookup does, and no column not agreed", async () => {
    for (const spec of REGISTRY_SPECS) {
      const all = Object.keys(spec.fields);
      const keys = new Set<string>();
      for (const column of spec.keys) {
        const rows = await sql<{
          k: string;
        }>`select distinct ${sql.ref(column)} as k from ${sql.table(spec.table)}
          where ${sql.ref(column)} is not null limit 15`.execute(t.platform.database.db);
        for (const r of rows.rows) {
          keys.add(r.k);
        }
      }
      expect(keys.size, spec.resourceId).toBeGreaterThan(0);
      for (const k of keys) {
        const subject: SubjectKey =
          spec.subjectType === "person"
            ? { type: "person", idNumber: k }
            : { type: "organisation", creditCode: k };
        const read = async (agreed: readonly string[], fields: readonly string[]) => {
          const prefetch = prefetchFor(spec.resourceId, subject.type, sql`${JSON.stringify(agreed)}::jsonb`);
          if (!prefetch) {
            throw new Error(`no prefetch for ${spec.resourceId}`);
          }
          const raw = (
            await sql<{ held: unknown }>`select ${prefetch.sql(k)} as held`.execute(t.platform.database.db)
          ).rows[0]?.held;
          return { raw: raw as Record<string, unknown>[], records: prefetch.records(raw, fields, k) };
        };
        const whole = await read(all, all);
        expect(whole.records, `${spec.resourceId} ${k}`).toEqual(await lookup(spec.resourceId, subject, all));
        // Agreed to two fields: the statement reads those columns and no other (keys aside).
        const agreed = all.slice(0, 2);
        const narrow = await read(agreed, agreed);
        expect(narrow.records).toEqual(await lookup(spec.resourceId, subject, agreed));
        const readColumns = new Set(
          narrow.raw.flatMap((row) =>
            Object.entries(row)
              .filter(([, v]) => v !== null)
              .map(([c]) => c),
          ),
        );
        const allowed = new Set(["updated_at", ...agreed.map((f) => spec.fields[f] as string)]);
        for (const f of agreed) {
          const mirrored = spec.otherSide?.fields[f];
          if (mirrored) {
            allowed.add(mirrored);
          }
        }
        if (spec.otherSide) {
          allowed.add(spec.otherSide.key);
        }
        expect(
          [...readColumns].filter((c) => !allowed.has(c)),
          spec.resourceId,
        ).toEqual([]);
      }
    }
  });
});
