import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_POWERS } from "../../src/modules/policy/demo-rights.js";
import { signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

describe.each(testDatabases())("rights lists and the decision point (%s)", (kind) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(kind);
  });
  afterAll(() => t?.close());

  it("publishes the lists in force for ten city departments and four 西湖区 offices, with legal bases", async () => {
    const { items } = (await t.app.inject({ url: "/api/rights" })).json();
    expect(items.map((i: { departmentCode: string }) => i.departmentCode).sort()).toEqual([
      "HZ-FG",
      "HZ-GA",
      "HZ-GJJ",
      "HZ-JY",
      "HZ-MZ",
      "HZ-RS",
      "HZ-SCJG",
      "HZ-SW",
      "HZ-WJ",
      "HZ-YB",
      "XH-BS",
      "XH-GA",
      "XH-MZ",
      "XH-SCJG",
    ]);
    const ga = items.find((i: { departmentCode: string }) => i.departmentCode === "HZ-GA");
    expect(ga.powers[0]).toMatchObject({
      name: "户口登记",
      type: "行政确认",
      legalBasis: [{ law: "中华人民共和国户口登记条例", article: "第三条" }],
    });
  });

  it("answers who may read a household record, and on which basis", async () => {
    const citizen = await signIn(t.app, "citizen");
    const res = (await citizen.get("/api/policy/who-may-read?resource=household-register")).json();
    const ga = res.allowed.find(
      (a: { department: string; role: string }) => a.department === "HZ-GA" && a.role === "officer",
    );
    expect(ga.because).toContainEqual(
      expect.objectContaining({ kind: "power", legalBasis: ["《中华人民共和国户口登记条例》第三条"] }),
    );
    expect(res.allowed.every((a: { role: string }) => a.role === "officer")).toBe(true);
    expect(res.limits.map((l: { policy: string }) => l.policy)).toContain("negative:related-person");
  });

  it("says why a read is refused", async () => {
    const auditor = await signIn(t.app, "auditor");
    const refused = (
      await auditor.post("/api/policy/explain", {
        roles: ["officer"],
        departments: ["HZ-GA"],
        resource: "criminal-records",
        purpose: "核查",
        viaExchange: true,
      })
    ).json();
    expect(refused.decision).toMatchObject({ allow: false, reason: "forbidden" });
    expect(refused.because[0]).toMatchObject({ kind: "negative", policy: "negative:no-unshared-data" });
    const noPower = (
      await auditor.post("/api/policy/explain", {
        roles: ["officer"],
        departments: ["HZ-MZ"],
        resource: "social-insurance",
        purpose: "核查",
        viaExchange: true,
      })
    ).json();
    expect(noPower).toMatchObject({ decision: { allow: false, reason: "no-permit" }, because: [] });
  });

  it("takes a department admin's proposal through review, versioned, diffable and recorded", async () => {
    const gaadmin = await signIn(t.app, "gaadmin");
    const current = DEMO_POWERS.filter((p) => p.department === "HZ-GA");
    const proposed = [
      ...current.filter((p) => p.code !== "330100-GA-CF-001"),
      {
        code: "330100-GA-XK-001",
        name: "机动车登记",
        nameEn: "Motor vehicle registration",
        type: "行政确认",
        legalBasis: [{ law: "中华人民共和国道路交通安全法", article: "第八条" }],
        department: "HZ-GA",
        level: "city",
        duties: ["审核登记申请"],
        accountability: "依照《中华人民共和国道路交通安全法》第一百一十七条追究责任",
        grants: [{ roles: ["officer"], action: "read", resources: ["household-register"] }],
      },
    ];
    const res = await gaadmin.post("/api/rights/proposals", {
      departmentCode: "HZ-GA",
      summary: "新增机动车登记，调整治安处罚",
      powers: proposed,
    });
    expect(res.statusCode).toBe(201);
    const version = res.json();
    expect(version).toMatchObject({
      status: "proposed",
      version: 2,
      departmentCode: "HZ-GA",
      reviewReason: null,
    });
    // While it awaits review, a second proposal for the same list is refused.
    const second = await gaadmin.post("/api/rights/proposals", {
      departmentCode: "HZ-GA",
      summary: "另一个版本",
      powers: current,
    });
    expect(second.json()).toMatchObject({ status: 409, field: "body.departmentCode" });
    // Another department's list is not theirs to change.
    const other = await gaadmin.post("/api/rights/proposals", {
      departmentCode: "HZ-RS",
      summary: "x",
      powers: DEMO_POWERS.filter((p) => p.department === "HZ-RS"),
    });
    expect(other.statusCode).toBe(403);
    const reviewer = await signIn(t.app, "reviewer");
    const diff = (await reviewer.get(`/api/rights/proposals/${version.id}/diff`)).json();
    expect(diff.added.map((p: { code: string }) => p.code)).toEqual(["330100-GA-XK-001"]);
    expect(diff.removed.map((p: { code: string }) => p.code)).toEqual(["330100-GA-CF-001"]);
    // Until approved, nothing changes: officers of HZ-GA still read criminal records by the old power.
    const auditor = await signIn(t.app, "auditor");
    const ask = () =>
      auditor.post("/api/policy/explain", {
        roles: ["officer"],
        departments: ["HZ-GA"],
        resource: "criminal-records",
        purpose: "核查",
        viaExchange: false,
      });
    expect((await ask()).json().decision.allow).toBe(true);
    const approved = await reviewer.post(`/api/rights/proposals/${version.id}/review`, {
      decision: "approve",
      reason: "依据充分",
    });
    expect(approved.json()).toMatchObject({ status: "approved", reviewReason: "依据充分" });
    expect(approved.json().effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await ask()).json().decision).toMatchObject({ allow: false, reason: "no-permit" });
    const again = await reviewer.post(`/api/rights/proposals/${version.id}/review`, {
      decision: "refuse",
      reason: "x",
    });
    expect(again.statusCode).toBe(409);
    const actions = (
      await t.platform.database.db
        .selectFrom("ledger_entries")
        .select("action")
        .where("action", "like", "policy.%")
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["policy.propose", "policy.approve"]));
  });

  it("refuses a proposal that does not compile to valid policy, naming the field", async () => {
    const gaadmin = await signIn(t.app, "gaadmin");
    const bad = await gaadmin.post("/api/rights/proposals", {
      departmentCode: "HZ-GA",
      summary: "x",
      powers: [{ ...DEMO_POWERS[0], type: "行政审批" }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toMatch(/^body\.powers\[0\]\.type/);
    const foreign = await gaadmin.post("/api/rights/proposals", {
      departmentCode: "HZ-GA",
      summary: "x",
      powers: [DEMO_POWERS.find((p) => p.department === "HZ-RS")],
    });
    expect(foreign.json()).toMatchObject({ status: 400, field: "body.powers[0].department" });
  });
});

describe.each(testDatabases())("reading a person's record through the decision point (%s)", (kind) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(kind, { dailyReadLimit: 3 });
  });
  afterAll(() => t?.close());

  async function setUp() {
    const { authorizeRead, declareRelation } = await import("../../src/modules/policy/index.js");
    const db = t.platform.database.db;
    const officer = await db
      .selectFrom("accounts")
      .select("id")
      .where("username", "=", "officer")
      .executeTakeFirstOrThrow();
    const ga = await db
      .selectFrom("departments")
      .select("id")
      .where("code", "=", "HZ-GA")
      .executeTakeFirstOrThrow();
    const persons = await db.selectFrom("persons").select("id").orderBy("id").execute();
    const caller = {
      actor: {
        accountId: officer.id,
        roles: ["officer" as const],
        departmentIds: [ga.id],
        via: "session" as const,
      },
      requestId: "req-policy",
    };
    const read = (personId: string, resource = "household-register") =>
      authorizeRead(t.platform.ctx, caller, {
        resource,
        personId,
        purpose: "新生儿出生一件事",
        legalBasis: "《户口登记条例》第七条",
        viaExchange: false,
      });
    return { db, caller, persons, read, declareRelation };
  }

  it("allows what a power grants and records the deciding policies in the ledger", async () => {
    const { db, persons, read } = await setUp();
    const decision = await read(persons[0]?.id as string);
    expect(decision.allow).toBe(true);
    const entry = await db
      .selectFrom("ledger_entries")
      .select("body")
      .where("action", "=", "data.read")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    const body = JSON.parse(entry.body);
    expect(body).toMatchObject({
      outcome: "success",
      resource: "data/household-register",
      purpose: "新生儿出生一件事",
      requestId: "req-policy",
    });
    expect(body.policies).toContain("power:330100-GA-QR-001:0:household-register");
    expect(body.subjects[0].type).toBe("person");
  });

  it("refuses a person the officer declared related to, and the daily cap, recording why", async () => {
    const { db, caller, persons, read, declareRelation } = await setUp();
    const relative = persons[1]?.id as string;
    await declareRelation(t.platform.ctx, caller, { personId: relative, relation: "配偶" });
    const refused = await read(relative);
    expect(refused).toMatchObject({
      allow: false,
      reason: "forbidden",
      decidedBy: ["negative:related-person"],
    });
    // Two more distinct persons reach the cap of 3 for today; the next is refused.
    expect((await read(persons[2]?.id as string)).allow).toBe(true);
    expect((await read(persons[3]?.id as string)).allow).toBe(true);
    const capped = await read(persons[4]?.id as string);
    expect(capped.decidedBy).toEqual(["negative:daily-cap"]);
    const refusals = await db
      .selectFrom("ledger_entries")
      .select("body")
      .where("action", "=", "data.read_refused")
      .execute();
    expect(refusals.map((r) => JSON.parse(r.body).policies[0])).toEqual([
      "negative:related-person",
      "negative:daily-cap",
    ]);
  });
});

describe("declaring a relation over HTTP", () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform("pglite");
  });
  afterAll(() => t?.close());

  it("records the declaration, and names the field when the person is unknown", async () => {
    const officer = await signIn(t.app, "officer");
    const person = await t.platform.database.db
      .selectFrom("persons")
      .select(["id", "id_number"])
      .executeTakeFirstOrThrow();
    expect(
      (await officer.post("/api/me/relations", { idNumber: person.id_number, relation: "配偶" })).statusCode,
    ).toBe(204);
    const rows = await t.platform.database.db.selectFrom("declared_relations").selectAll().execute();
    expect(rows).toHaveLength(1);
    const unknown = await officer.post("/api/me/relations", {
      idNumber: "11010519491231002X",
      relation: "子女",
    });
    expect(unknown.json()).toMatchObject({ status: 400, field: "body.idNumber" });
    expect(
      (
        await (
          await signIn(t.app, "citizen")
        ).post("/api/me/relations", { idNumber: person.id_number, relation: "x" })
      ).statusCode,
    ).toBe(403);
  });
});
