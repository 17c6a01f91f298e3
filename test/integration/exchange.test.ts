import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../shared/ledger/canonical.js";
import { makeIdNumber } from "../../src/modules/identity/index.js";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

const CITIZEN_ID = makeIdNumber("330106", "1992-05-17", 124);
const ELDER_ID = makeIdNumber("330127", "1951-08-09", 62);
const STRANGER_ID = makeIdNumber("330106", "1999-01-01", 999);
const NEWBORN = "新生儿出生登记";

describe.each(testDatabases())("the data-sharing exchange (%s)", (kind) => {
  let t: TestPlatform;
  let gaadmin: Client;
  let officer: Client;
  let citizen: Client;
  let auditor: Client;
  let systemToken: string;
  let birthAgreement: string;
  let householdAgreement: string;

  const db = () => t.platform.database.db;
  const asSystem = (payload: object) =>
    t.app.inject({
      method: "POST",
      url: "/api/exchange/query",
      headers: { authorization: `Bearer ${systemToken}` },
      payload,
    });
  /** The social-insurance bureau's read of a person's household register entry. */
  const readHousehold = (client: Client, idNumber: string, extra: { reference: string; fields?: string[] }) =>
    client.post("/api/exchange/query", {
      resource: "household-register",
      agreement: householdAgreement,
      subject: { idNumber },
      purpose: "社会保险登记",
      ...extra,
    });
  const lastCall = () =>
    db().selectFrom("exchange_calls").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
  const ledgerBody = async (seq: number) =>
    JSON.parse(
      (
        await db()
          .selectFrom("ledger_entries")
          .select("body")
          .where("seq", "=", seq)
          .executeTakeFirstOrThrow()
      ).body,
    );

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    gaadmin = await signIn(t.app, "gaadmin");
    officer = await signIn(t.app, "officer");
    citizen = await signIn(t.app, "citizen");
    auditor = await signIn(t.app, "auditor");
    const admin = await signIn(t.app, "admin");
    const system = (await admin.get("/api/accounts?role=system")).json().items[0];
    systemToken = (
      await admin.post("/api/tokens", {
        accountId: system.id,
        name: "户籍业务系统",
        scopes: ["exchange:query"],
        expiresInDays: 30,
      })
    ).json().token;
    const agreements = await db().selectFrom("exchange_agreements").selectAll().execute();
    birthAgreement = agreements.find((a) => a.resource_id === "birth-certificates")?.id as string;
    // The demo's own consent of the citizen is revoked, so these tests start from none in force.
    for (const c of (await citizen.get("/api/me/consents")).json().items) {
      if (c.status === "granted") {
        await citizen.post(`/api/me/consents/${c.id}/decision`, { decision: "revoke" });
      }
    }
    householdAgreement = agreements.find(
      (a) => a.resource_id === "household-register" && a.consumer_code === "HZ-RS",
    )?.id as string;
  });
  afterAll(() => t?.close());

  describe("the catalogue", () => {
    it("is browsable and searchable by anyone, without connection details", async () => {
      const all = (await t.app.inject({ url: "/api/exchange/resources" })).json().items;
      expect(all.length).toBeGreaterThanOrEqual(8);
      expect(all.every((r: object) => !("provider" in r))).toBe(true);
      const birth = (await t.app.inject({ url: "/api/exchange/resources?q=出生" })).json().items;
      expect(birth.map((r: { id: string }) => r.id)).toContain("birth-certificates");
      const byField = (await t.app.inject({ url: "/api/exchange/resources?q=Contribution" })).json().items;
      expect(byField.map((r: { id: string }) => r.id)).toEqual(["social-insurance"]);
      const none = (await t.app.inject({ url: "/api/exchange/resources?sharingClass=none" })).json().items;
      expect(none.map((r: { id: string }) => r.id)).toEqual(["criminal-records"]);
      const one = (await t.app.inject({ url: "/api/exchange/resources/household-register" })).json();
      expect(one).toMatchObject({ owner: "HZ-GA", sharingClass: "conditional", providerKind: "builtin" });
      expect(one.fields.find((f: { name: string }) => f.name === "idNumber")).toMatchObject({
        sensitivity: 3,
      });
      const missing = await t.app.inject({ url: "/api/exchange/resources/no-such-thing" });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ field: "params.id" });
    });
  });

  describe("sharing agreements", () => {
    it("grants unconditional resources on application and refuses 不予共享 ones", async () => {
      const deptadmin = await signIn(t.app, "deptadmin");
      const base = {
        purpose: "企业开办一件事",
        legalBasis: "《优化营商环境条例》第三十五条",
        validFrom: "2026-01-01",
        validUntil: "2027-12-31",
        expectedDailyVolume: 500,
      };
      const granted = await deptadmin.post("/api/exchange/agreements", {
        ...base,
        resource: "enterprise-register",
        fields: ["creditCode", "name", "status"],
      });
      expect(granted.statusCode).toBe(201);
      expect(granted.json()).toMatchObject({ status: "approved", fields: ["creditCode", "name", "status"] });
      const refused = await deptadmin.post("/api/exchange/agreements", {
        ...base,
        resource: "criminal-records",
        fields: ["hasRecord"],
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ field: "body.resource" });
      const badField = await deptadmin.post("/api/exchange/agreements", {
        ...base,
        resource: "household-register",
        fields: ["name", "salary"],
      });
      expect(badField.json()).toMatchObject({ status: 400, field: "body.fields[1]" });
      const notAdmin = await officer.post("/api/exchange/agreements", {
        ...base,
        resource: "enterprise-register",
        fields: ["name"],
      });
      expect(notAdmin.statusCode).toBe(403);
    });

    it("lets the owner narrow or refuse an application, never widen it", async () => {
      const pending = (await gaadmin.get("/api/exchange/agreements?role=owner&status=applied")).json().items;
      const application = pending.find((a: { consumer: string }) => a.consumer === "HZ-WJ");
      expect(application).toBeDefined();
      const widened = await gaadmin.post(`/api/exchange/agreements/${application.id}/review`, {
        decision: "approve",
        reason: "同意",
        fields: ["name", "ethnicity"],
      });
      expect(widened.json()).toMatchObject({ status: 400, field: "body.fields[1]" });
      const deptadmin = await signIn(t.app, "deptadmin");
      const stranger = await deptadmin.post(`/api/exchange/agreements/${application.id}/review`, {
        decision: "approve",
        reason: "同意",
      });
      expect(stranger.statusCode).toBe(403);
      const approved = await gaadmin.post(`/api/exchange/agreements/${application.id}/review`, {
        decision: "approve",
        reason: "同意核验姓名、性别和出生日期",
        fields: ["name", "gender", "birthDate"],
        clearance: 2,
      });
      expect(approved.json()).toMatchObject({
        status: "approved",
        fields: ["name", "gender", "birthDate"],
        reviewReason: "同意核验姓名、性别和出生日期",
        effectiveStatus: "approved",
        consumer: "HZ-WJ",
        owner: "HZ-GA",
      });
      // Presented, not the row: names for codes, people as labels, no snake_case columns.
      expect(approved.json().consumerName).not.toBe("HZ-WJ");
      expect(approved.json().ownerName).not.toBe("HZ-GA");
      expect(approved.json().reviewedBy).toContain("(gaadmin)");
      expect(approved.json()).not.toHaveProperty("consumer_code");
      const again = await gaadmin.post(`/api/exchange/agreements/${application.id}/review`, {
        decision: "refuse",
        reason: "x",
      });
      expect(again.statusCode).toBe(409);
    });

    it("warns once before an agreement expires", async () => {
      const { agreements } = await import("../../src/modules/exchange/index.js");
      const caller = {
        actor: { accountId: null, roles: [], departmentIds: [], via: "system" as const },
        requestId: null,
      };
      expect(await agreements.warnExpiring(t.platform.ctx, caller, 30)).toBe(1);
      expect(await agreements.warnExpiring(t.platform.ctx, caller, 30)).toBe(0);
      const soon = (await gaadmin.get("/api/exchange/agreements?role=owner&expiringWithinDays=30")).json()
        .items;
      expect(soon.map((a: { id: string }) => a.id)).toEqual([householdAgreement]);
    });
  });

  describe("the gateway", () => {
    const birthQuery = (extra: object = {}) => ({
      resource: "birth-certificates",
      agreement: birthAgreement,
      subject: { idNumber: CITIZEN_ID },
      purpose: NEWBORN,
      reference: "BJ-2026-000123",
      ...extra,
    });

    it("refuses without the person's consent, and records the refusal", async () => {
      const res = await asSystem(birthQuery({ subject: { idNumber: ELDER_ID } }));
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: "CONSENT_REQUIRED" });
      const call = await lastCall();
      expect(call).toMatchObject({
        outcome: "denied",
        error_code: "CONSENT_REQUIRED",
        resource_id: "birth-certificates",
      });
      const entry = await ledgerBody(call.ledger_seq);
      expect(entry).toMatchObject({ action: "exchange.query", outcome: "denied", purpose: NEWBORN });
      expect(entry.details.error).toBe("CONSENT_REQUIRED");
      expect(JSON.stringify(entry)).not.toContain(ELDER_ID);
      const revoked = await asSystem(birthQuery());
      expect(revoked.json()).toMatchObject({ code: "CONSENT_REVOKED" });
    });

    it("answers with consent: the agreed fields with their source, hashes bound in the ledger", async () => {
      const asked = await officer.post("/api/exchange/consents", {
        subject: { idNumber: CITIZEN_ID },
        scope: [
          {
            resource: "birth-certificates",
            fields: [
              "certificateNumber",
              "childName",
              "birthTime",
              "motherName",
              "fatherName",
              "motherIdNumber",
              "fatherIdNumber",
              "childGender",
              "birthPlace",
              "issuedBy",
            ],
          },
        ],
        purpose: NEWBORN,
        validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        reference: "BJ-2026-000123",
      });
      expect(asked.statusCode).toBe(201);
      const mine = (await citizen.get("/api/me/consents")).json().items;
      expect(mine.find((c: { id: string }) => c.id === asked.json().id)).toMatchObject({
        status: "pending",
        requester: "HZ-GA",
        purpose: NEWBORN,
        subjectType: "person",
      });
      expect(mine[0]).not.toHaveProperty("subject_id");
      expect(mine[0]).not.toHaveProperty("subjectId");
      const requests = await db()
        .selectFrom("ledger_entries")
        .select("body")
        .where("action", "=", "exchange.consent.request")
        .orderBy("seq", "desc")
        .executeTakeFirstOrThrow();
      const request = JSON.parse(requests.body);
      expect(request.resource).toBe(`exchange/consents/${asked.json().id}`);
      expect(request.details.scope).toEqual([
        "birth-certificates:certificateNumber,childName,birthTime,motherName,fatherName,motherIdNumber,fatherIdNumber,childGender,birthPlace,issuedBy",
      ]);
      const granted = await citizen.post(`/api/me/consents/${asked.json().id}/decision`, {
        decision: "grant",
      });
      expect(granted.json()).toMatchObject({ status: "granted" });

      const res = await asSystem(birthQuery({ fields: ["certificateNumber", "childName", "motherName"] }));
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.records.length).toBeGreaterThanOrEqual(1);
      const record = body.records[0].fields;
      expect(Object.keys(record).sort()).toEqual(["certificateNumber", "childName", "motherName"]);
      expect(record.motherName).toMatchObject({
        value: "林晓雨",
        masked: false,
        source: { department: "HZ-WJ", resource: "birth-certificates" },
      });
      expect(Date.parse(record.childName.updatedAt)).not.toBeNaN();
      const requestHash = createHash("sha256")
        .update(
          canonicalJson({
            nonce: body.nonce,
            resource: "birth-certificates",
            agreement: birthAgreement,
            subject: { idNumber: CITIZEN_ID },
            purpose: NEWBORN,
            fields: ["certificateNumber", "childName", "motherName"],
            reference: "BJ-2026-000123",
            requestId: body.requestId,
          }),
        )
        .digest("hex");
      expect(body.requestHash).toBe(requestHash);
      const responseHash = createHash("sha256")
        .update(canonicalJson({ requestHash, records: body.records }))
        .digest("hex");
      expect(body.responseHash).toBe(responseHash);
      const entry = await ledgerBody(body.ledgerSeq);
      expect(entry).toMatchObject({
        action: "exchange.query",
        outcome: "success",
        purpose: NEWBORN,
        reference: "BJ-2026-000123",
        details: {
          agreement: birthAgreement,
          consent: asked.json().id,
          requestHash,
          responseHash,
          consumer: "HZ-GA",
        },
      });
      expect(entry.policies.some((p: string) => p.startsWith("power:330100-GA-QR-001"))).toBe(true);
      expect(entry.subjects).toHaveLength(1);

      // The person sees the read in their data tracker.
      const tracker = (await citizen.get("/api/ledger/mine?limit=50")).json();
      expect(JSON.stringify(tracker)).toContain("exchange.query");
    });

    it("refuses a field outside the agreement and an unknown subject, distinctly", async () => {
      const field = await asSystem(birthQuery({ fields: ["childName", "weightGrams"] }));
      expect(field.statusCode).toBe(403);
      expect(field.json()).toMatchObject({ code: "FIELD_NOT_AGREED", field: "body.fields[1]" });
      const unknown = await asSystem(birthQuery({ subject: { idNumber: STRANGER_ID } }));
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: "SUBJECT_UNKNOWN", field: "body.subject.idNumber" });
      expect(await lastCall()).toMatchObject({ outcome: "denied", error_code: "SUBJECT_UNKNOWN" });
      const purpose = await asSystem(birthQuery({ purpose: "其他用途" }));
      expect(purpose.json()).toMatchObject({ code: "AGREEMENT_REQUIRED", field: "body.purpose" });
    });

    it("honours a revoked consent from the next call", async () => {
      const consent = (await citizen.get("/api/me/consents"))
        .json()
        .items.find((c: { status: string }) => c.status === "granted");
      expect(
        (await citizen.post(`/api/me/consents/${consent.id}/decision`, { decision: "revoke" })).statusCode,
      ).toBe(200);
      const res = await asSystem(birthQuery({ fields: ["childName"] }));
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: "CONSENT_REVOKED" });
      const other = await signIn(t.app, "citizen2");
      expect(
        (await other.post(`/api/me/consents/${consent.id}/decision`, { decision: "grant" })).statusCode,
      ).toBe(404);
    });

    it("masks fields above the agreement's clearance; suspension and expiry refuse", async () => {
      const rs = await signIn(t.app, "officer3");
      const ask = () =>
        rs.post("/api/exchange/query", {
          resource: "household-register",
          agreement: householdAgreement,
          subject: { idNumber: CITIZEN_ID },
          purpose: "社会保险登记",
          reference: "SB-2026-0001",
        });
      const ok = await ask();
      expect(ok.statusCode).toBe(200);
      const fields = ok.json().records[0].fields;
      expect(fields.name).toMatchObject({ value: "林晓雨", masked: false });
      expect(fields.idNumber).toMatchObject({
        value: "330106********1243".replace("1243", CITIZEN_ID.slice(14)),
        masked: true,
      });
      expect(fields.address.masked).toBe(true);
      expect(fields.address.value).toMatch(/\*\*\*\*$/);

      expect(
        (
          await gaadmin.post(`/api/exchange/agreements/${householdAgreement}/suspend`, {
            reason: "核查使用情况",
          })
        ).statusCode,
      ).toBe(200);
      const suspended = await ask();
      expect(suspended.json()).toMatchObject({ status: 403, code: "AGREEMENT_SUSPENDED" });
      await gaadmin.post(`/api/exchange/agreements/${householdAgreement}/resume`, { reason: "核查完毕" });
      expect((await ask()).statusCode).toBe(200);

      await db()
        .updateTable("exchange_agreements")
        .set({ valid_from: "2025-01-01", valid_until: "2025-12-31" })
        .where("id", "=", householdAgreement)
        .execute();
      expect((await ask()).json()).toMatchObject({ code: "AGREEMENT_EXPIRED" });
      await db()
        .updateTable("exchange_agreements")
        .set({ valid_until: "2027-12-31", daily_quota: 2 })
        .where("id", "=", householdAgreement)
        .execute();
      const over = await ask();
      expect(over.statusCode).toBe(429);
      expect(over.json()).toMatchObject({ code: "QUOTA_EXCEEDED", limit: "daily" });
      await db()
        .updateTable("exchange_agreements")
        .set({ daily_quota: 2000 })
        .where("id", "=", householdAgreement)
        .execute();
    });

    it("writes concurrent calls together, each with its own ledger entry, call log row and counts", async () => {
      const rs = await signIn(t.app, "officer3");
      const accountId = (await rs.get("/api/me")).json().id as string;
      const quotaBefore = await db()
        .selectFrom("exchange_quota")
        .select((eb) => eb.fn.sum<number>("calls").as("n"))
        .where("agreement_id", "=", householdAgreement)
        .executeTakeFirstOrThrow();
      const subjects = [
        CITIZEN_ID,
        ELDER_ID,
        CITIZEN_ID,
        ELDER_ID,
        CITIZEN_ID,
        ELDER_ID,
        CITIZEN_ID,
        ELDER_ID,
      ];
      const answers = await Promise.all(
        subjects.map((idNumber, i) => readHousehold(rs, idNumber, { reference: `SB-2026-1${i}` })),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(subjects.map(() => 200));
      const seqs = answers.map((a) => a.json().ledgerSeq as number);
      expect(new Set(seqs).size).toBe(subjects.length);
      const calls = await db()
        .selectFrom("exchange_calls")
        .selectAll()
        .where("ledger_seq", "in", seqs)
        .execute();
      expect(calls).toHaveLength(subjects.length);
      for (const [i, answer] of answers.entries()) {
        const body = answer.json();
        const entry = await ledgerBody(body.ledgerSeq);
        expect(entry).toMatchObject({
          action: "exchange.query",
          reference: `SB-2026-1${i}`,
          outcome: "success",
          details: { requestHash: body.requestHash, responseHash: body.responseHash },
        });
        expect(calls.find((c) => c.ledger_seq === body.ledgerSeq)).toMatchObject({
          request_hash: body.requestHash,
          response_hash: body.responseHash,
          reference: `SB-2026-1${i}`,
          outcome: "success",
        });
      }
      const quotaAfter = await db()
        .selectFrom("exchange_quota")
        .select((eb) => eb.fn.sum<number>("calls").as("n"))
        .where("agreement_id", "=", householdAgreement)
        .executeTakeFirstOrThrow();
      expect(Number(quotaAfter.n) - Number(quotaBefore.n)).toBe(subjects.length);
      // The daily cap's count is the number of distinct persons read, however the reads were grouped.
      const persons = await db()
        .selectFrom("policy_daily_reads")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("account_id", "=", accountId)
        .executeTakeFirstOrThrow();
      const counted = await db()
        .selectFrom("policy_daily_counts")
        .select((eb) => eb.fn.sum<number>("persons").as("n"))
        .where("account_id", "=", accountId)
        .executeTakeFirstOrThrow();
      expect(Number(counted.n)).toBe(Number(persons.n));
      expect(Number(persons.n)).toBeGreaterThanOrEqual(2);
      // Written together: calls of one statement share its transaction time.
      expect(new Set(calls.map((c) => String(c.at))).size).toBeLessThan(subjects.length);
    });

    it("reads concurrent calls together, each answered about its own subject", async () => {
      const rs = await signIn(t.app, "officer3");
      const names = new Map(
        (
          await db()
            .selectFrom("persons")
            .select(["id_number", "name"])
            .where("id_number", "in", [CITIZEN_ID, ELDER_ID])
            .execute()
        ).map((p) => [p.id_number, p.name]),
      );
      expect(names.get(CITIZEN_ID)).not.toBe(names.get(ELDER_ID));
      const subjects = [CITIZEN_ID, ELDER_ID, STRANGER_ID, ELDER_ID, CITIZEN_ID, ELDER_ID];
      const answers = await Promise.all(
        subjects.map((idNumber, i) =>
          readHousehold(rs, idNumber, {
            fields: i % 2 === 0 ? ["name"] : ["name", "gender"],
            reference: `SB-2026-2${i}`,
          }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 404, 200, 200, 200]);
      expect(answers[2]?.json()).toMatchObject({ code: "SUBJECT_UNKNOWN", field: "body.subject.idNumber" });
      for (const [i, answer] of answers.entries()) {
        if (i === 2) {
          continue;
        }
        const fields = answer.json().records[0].fields;
        expect(fields.name.value).toBe(names.get(subjects[i] ?? ""));
        expect(Object.keys(fields).sort()).toEqual(i % 2 === 0 ? ["name"] : ["gender", "name"]);
      }
    });

    it("lets an enterprise's agents see who read the enterprise's register entry", async () => {
      const { DEMO_ORGANISATIONS } = await import("../../src/seed/demo-data.js");
      const { organisationCreditCode } = await import("../../src/seed/demo-ids.js");
      const org = DEMO_ORGANISATIONS.find((o) => o.key === "enterprise");
      const creditCode = organisationCreditCode(org as NonNullable<typeof org>);
      const agreement = (
        await db()
          .selectFrom("exchange_agreements")
          .select("id")
          .where("resource_id", "=", "enterprise-register")
          .where("consumer_code", "=", "HZ-RS")
          .executeTakeFirstOrThrow()
      ).id;
      const rs = await signIn(t.app, "officer3");
      const res = await rs.post("/api/exchange/query", {
        resource: "enterprise-register",
        agreement,
        subject: { creditCode },
        purpose: "社会保险登记",
        fields: ["name", "legalRepresentative", "status"],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().records[0].fields.name.value).toBe(org?.name);
      const agent = await signIn(t.app, "enterprise");
      const mine = (await agent.get("/api/ledger/mine?limit=50")).json();
      expect(JSON.stringify(mine)).toContain(`"seq":${res.json().ledgerSeq}`);
    });

    it("lets the negative list refuse: a declared relation", async () => {
      const rs = await signIn(t.app, "officer3");
      expect(
        (await rs.post("/api/me/relations", { idNumber: CITIZEN_ID, relation: "表亲" })).statusCode,
      ).toBeLessThan(300);
      const res = await rs.post("/api/exchange/query", {
        resource: "household-register",
        agreement: householdAgreement,
        subject: { idNumber: CITIZEN_ID },
        purpose: "社会保险登记",
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: "POLICY_DENIED", policies: ["negative:related-person"] });
      const entry = await ledgerBody((await lastCall()).ledger_seq);
      expect(entry.policies).toEqual(["negative:related-person"]);
    });

    it("reports an unreachable registry as a fault, returning nothing", async () => {
      await db()
        .updateTable("exchange_resources")
        .set({
          provider: JSON.stringify({
            kind: "http",
            baseUrl: "http://127.0.0.1:9",
            operationId: "getPerson",
            timeoutMs: 500,
            openapi: {
              openapi: "3.0.3",
              info: { title: "户籍", version: "1" },
              paths: {
                "/persons/{idNumber}": {
                  get: {
                    operationId: "getPerson",
                    parameters: [
                      { name: "idNumber", in: "path", required: true, schema: { type: "string" } },
                    ],
                  },
                },
              },
            },
          }),
        })
        .where("id", "=", "marriage-register")
        .execute();
      const { catalogue } = await import("../../src/modules/exchange/index.js");
      catalogue.invalidateCatalogue(t.platform.ctx);
      const marriage = (
        await db()
          .selectFrom("exchange_agreements")
          .select("id")
          .where("resource_id", "=", "marriage-register")
          .executeTakeFirstOrThrow()
      ).id;
      // Consent first, so the only thing wrong is the registry.
      const asked = await officer.post("/api/exchange/consents", {
        subject: { idNumber: CITIZEN_ID },
        scope: [{ resource: "marriage-register", fields: ["partyName", "spouseName"] }],
        purpose: NEWBORN,
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      });
      await citizen.post(`/api/me/consents/${asked.json().id}/decision`, { decision: "grant" });
      const res = await asSystem({
        resource: "marriage-register",
        agreement: marriage,
        subject: { idNumber: CITIZEN_ID },
        purpose: NEWBORN,
        fields: ["partyName", "spouseName"],
      });
      expect(res.statusCode).toBe(502);
      expect(res.json()).toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
      expect(res.json()).not.toHaveProperty("records");
      expect(await lastCall()).toMatchObject({ outcome: "failure", error_code: "PROVIDER_UNAVAILABLE" });
    });
  });

  describe("supervision", () => {
    it("shows usage by department and the refused calls", async () => {
      const usage = (await auditor.get("/api/exchange/usage?by=department")).json();
      const ga = usage.rows.find((r: { key: string }) => r.key === "HZ-GA");
      expect(ga.calls).toBeGreaterThanOrEqual(3);
      expect(ga.success).toBeGreaterThanOrEqual(1);
      expect(ga.denied).toBeGreaterThanOrEqual(1);
      const page = (await auditor.get("/api/exchange/refusals?limit=50")).json();
      const refusals = page.items;
      expect(page.total).toBeGreaterThanOrEqual(refusals.length);
      // Each refused call leads to its ledger entry.
      const seqs = refusals.slice(0, 2).map((r: { ledgerSeq: number }) => r.ledgerSeq);
      const entries = (await auditor.get(`/api/ledger/entries?seqs=${seqs.join(",")}`)).json();
      expect(entries.items.map((e: { seq: number }) => e.seq).sort()).toEqual([...seqs].sort());
      expect(JSON.parse(entries.items[0].body)).toMatchObject({ action: "exchange.query" });
      const bad = await auditor.get("/api/ledger/entries?seqs=1,x");
      expect(bad.json()).toMatchObject({ status: 400, field: "querystring.seqs" });
      expect((await auditor.get("/api/exchange/refusals?limit=1")).json()).toMatchObject({
        items: [{ id: refusals[0].id }],
        total: page.total,
      });
      expect(refusals.map((r: { errorCode: string }) => r.errorCode)).toEqual(
        expect.arrayContaining([
          "CONSENT_REQUIRED",
          "FIELD_NOT_AGREED",
          "SUBJECT_UNKNOWN",
          "AGREEMENT_SUSPENDED",
        ]),
      );
      expect((await officer.get("/api/exchange/usage?by=department")).statusCode).toBe(403);
    });

    it("raises alerts on unusual use, each reviewed once with a finding", async () => {
      const persons = await db().selectFrom("persons").select("id").execute();
      const account = (
        await db()
          .selectFrom("accounts")
          .select("id")
          .where("username", "=", "officer")
          .executeTakeFirstOrThrow()
      ).id;
      // A late-night burst of reads of many persons with no application behind them.
      // Two days back, so that the demo's own reads (made when the seed ran, whatever the hour) are
      // not on that day.
      const night = new Date();
      night.setUTCHours(15, 30, 0, 0); // 23:30 in China
      night.setUTCDate(night.getUTCDate() - 2);
      const day = new Date(night.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      await db()
        .insertInto("exchange_calls")
        .values(
          persons.map((p, i) => ({
            at: new Date(night.getTime() + i * 1000),
            resource_id: "household-register",
            consumer_code: "HZ-GA",
            account_id: account,
            subject_type: "person" as const,
            subject_id: p.id,
            purpose: "核查",
            fields: JSON.stringify(["name"]),
            outcome: "success" as const,
            request_hash: "x",
            ledger_seq: 1,
          })),
        )
        .execute();
      const { supervision } = await import("../../src/modules/exchange/index.js");
      const caller = {
        actor: { accountId: null, roles: [], departmentIds: [], via: "system" as const },
        requestId: null,
      };
      const raised = await supervision.scanAlerts(t.platform.ctx, caller, day, {
        volumeFactor: 3,
        volumeMinimum: 5,
        unreferencedMinimum: 5,
      });
      expect(raised).toBe(3);
      expect(
        await supervision.scanAlerts(t.platform.ctx, caller, day, {
          volumeFactor: 3,
          volumeMinimum: 5,
          unreferencedMinimum: 5,
        }),
      ).toBe(0);
      const alerts = (await auditor.get("/api/exchange/alerts?status=open")).json().items;
      expect(alerts.map((a: { kind: string }) => a.kind).sort()).toEqual([
        "no-reference",
        "off-hours",
        "volume",
      ]);
      expect(alerts[0].account).toContain("officer");
      expect(alerts[0].ledgerSeqs.length).toBeGreaterThan(0);
      expect(Object.values(alerts[0].detail).some((v) => typeof v === "number")).toBe(true);
      expect(alerts[0]).not.toHaveProperty("account_id");
      const reviewed = await auditor.post(`/api/exchange/alerts/${alerts[0].id}/review`, {
        finding: "经核实为夜间应急处置，已补录事由",
      });
      expect(reviewed.statusCode).toBe(204);
      const closed = (await auditor.get("/api/exchange/alerts?status=reviewed")).json().items;
      expect(closed.find((a: { id: string }) => a.id === alerts[0].id)).toMatchObject({
        status: "reviewed",
        finding: "经核实为夜间应急处置，已补录事由",
        reviewedBy: expect.stringContaining("(auditor)"),
      });
      expect(
        (await auditor.post(`/api/exchange/alerts/${alerts[0].id}/review`, { finding: "x" })).statusCode,
      ).toBe(409);
    });

    it("counts public holidays as off hours and make-up working days (调休) as working days", async () => {
      const account = (
        await db()
          .selectFrom("accounts")
          .select("id")
          .where("username", "=", "officer2")
          .executeTakeFirstOrThrow()
      ).id;
      const person = (await db().selectFrom("persons").select("id").executeTakeFirstOrThrow()).id;
      const readAt = (iso: string) => ({
        at: new Date(iso),
        resource_id: "household-register",
        consumer_code: "HZ-SCJG",
        account_id: account,
        subject_type: "person" as const,
        subject_id: person,
        purpose: "核查",
        reference: "SC-1",
        fields: JSON.stringify(["name"]),
        outcome: "success" as const,
        request_hash: "x",
        ledger_seq: 1,
      });
      // 10:00 in China on 2 October 2026 (国庆, a Friday) and on 10 October 2026 (调休, a Saturday).
      await db()
        .insertInto("exchange_calls")
        .values([readAt("2026-10-02T02:00:00Z"), readAt("2026-10-10T02:00:00Z")])
        .execute();
      const { supervision } = await import("../../src/modules/exchange/index.js");
      const caller = {
        actor: { accountId: null, roles: [], departmentIds: [], via: "system" as const },
        requestId: null,
      };
      const quiet = { volumeFactor: 3, volumeMinimum: 1000, unreferencedMinimum: 1000 };
      expect(await supervision.scanAlerts(t.platform.ctx, caller, "2026-10-02", quiet)).toBe(1);
      expect(await supervision.scanAlerts(t.platform.ctx, caller, "2026-10-10", quiet)).toBe(0);
    });
  });
});
