import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invalidateCatalog } from "../../src/modules/catalog/index.js";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

/** 出生登记 of 杭州市公安局: pre-filled from 杭州市卫生健康委员会's birth records (demo). */
const BIRTH_REGISTRATION = "330100-GA-QR-001-01";

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n", "latin1").toString("base64");

/** What the citizen types once the birth record is filled in. */
const ENTRIES = {
  relationToChild: "母亲",
  childEthnicity: "汉族",
  householdAddress: "浙江省杭州市西湖区保俶北路 88 号",
  householdNumber: "330106012345",
  householdHead: "林晓雨",
  childRelationToHead: "女",
  applicantName: "林晓雨",
  applicantIdNumber: "330106199205171243",
  applicantMobile: "13800000218",
};

describe.each(testDatabases())("applications: pre-fill and handling (%s)", (kind) => {
  let t: TestPlatform;
  let citizen: Client;
  let officer: Client;
  let id: string;

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    citizen = await signIn(t.app, "citizen");
    officer = await signIn(t.app, "officer");
  });
  afterAll(() => t?.close());

  it("reads the registries with the applicant's consent as the department's service account, each read in their ledger", async () => {
    const created = await citizen.post("/api/applications", { service: BIRTH_REGISTRATION });
    expect(created.statusCode).toBe(201);
    id = created.json().id;
    const plan = (await citizen.get(`/api/applications/${id}/prefill`)).json();
    expect(plan.entries).toContainEqual(
      expect.objectContaining({ department: "HZ-GA", resource: "birth-certificates", owner: "HZ-WJ" }),
    );

    const filled = await citizen.post(`/api/applications/${id}/prefill`, { consent: true });
    expect(filled.statusCode).toBe(200);
    const app = filled.json();
    expect(app.form.childName).toBe("陈思语");
    expect(app.prefill.childName).toMatchObject({ department: "HZ-WJ", resource: "birth-certificates" });
    expect(
      app.materials.find((m: { id: string }) => m.id === "birth-medical-certificate").state,
    ).toMatchObject({
      via: "exchange",
    });

    // The read is the department's, through its own account, and the citizen can check it.
    const seq = app.prefill.childName.ledgerSeq;
    const mine = (await citizen.get(`/api/ledger/mine?seqs=${seq}`)).json();
    expect(mine.items).toHaveLength(1);
    const actor = mine.items[0].identities.find((i: { kind: string }) => i.kind === "actor");
    expect(actor.label).toContain("yimen-apply-hz-ga");
    const account = await t.platform.database.db
      .selectFrom("accounts")
      .select(["kind"])
      .where("username", "=", "yimen-apply-hz-ga")
      .executeTakeFirstOrThrow();
    expect(account.kind).toBe("system");

    // A second application reuses the account.
    const other = (await citizen.post("/api/applications", { service: BIRTH_REGISTRATION })).json();
    expect((await citizen.post(`/api/applications/${other.id}/prefill`, { consent: true })).statusCode).toBe(
      200,
    );
    const accounts = await t.platform.database.db
      .selectFrom("accounts")
      .select("id")
      .where("username", "=", "yimen-apply-hz-ga")
      .execute();
    expect(accounts).toHaveLength(1);
    expect((await citizen.post(`/api/applications/${other.id}/withdraw`)).statusCode).toBe(200);
  });

  it("refuses a plan for an unknown or malformed service, or without signing in, naming the field", async () => {
    const unknown = await citizen.get("/api/applications/prefill-plan?service=330100-XX-999-99");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    const malformed = await citizen.get("/api/applications/prefill-plan?service=x%20y");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().field).toContain("service");
    const missing = await citizen.get("/api/applications/prefill-plan");
    expect(missing.statusCode).toBe(400);
    const anonymous = await t.app.inject({
      method: "GET",
      url: `/api/applications/prefill-plan?service=${BIRTH_REGISTRATION}`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it("pre-fills the draft in the same request when the consent comes with the form, answering as a read would", async () => {
    const consentsBefore = (await citizen.get("/api/me/consents")).json().items.length;
    const earlier = (await citizen.get(`/api/applications/${id}`)).json();
    // The consent screen before the draft exists: the service's plan for the citizen, and its form.
    const shown = await citizen.get(`/api/applications/prefill-plan?service=${BIRTH_REGISTRATION}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().formDefinition.schema.properties.childName).toBeTruthy();
    const created = await citizen.post("/api/applications", {
      service: BIRTH_REGISTRATION,
      form: { relationToChild: "母亲" },
      prefill: { consent: true },
    });
    expect(created.statusCode).toBe(201);
    const { prefillIssues, ...app } = created.json();
    // The same plan as the draft's own (standing consents included).
    expect(shown.json().entries).toEqual(
      (await citizen.get(`/api/applications/${app.id}/prefill`)).json().entries,
    );
    expect(shown.json().entries.every((e: { standingConsent: unknown }) => e.standingConsent !== null)).toBe(
      true,
    );
    expect(prefillIssues).toEqual([]);
    expect(app.form).toMatchObject({ relationToChild: "母亲", childName: "陈思语" });
    expect(app.prefill.childName).toMatchObject({ department: "HZ-WJ", resource: "birth-certificates" });
    // The consent given for the earlier application is used again, not asked a second time.
    expect(app.consents).toEqual(earlier.consents);
    expect((await citizen.get("/api/me/consents")).json().items).toHaveLength(consentsBefore);
    expect(app.events.map((e: { action: string }) => e.action)).toEqual(["create", "prefill"]);
    // Built from what the statements wrote, the answer is what reading the application gives.
    expect((await citizen.get(`/api/applications/${app.id}`)).json()).toEqual(app);
    const submitted = await citizen.post(`/api/applications/${app.id}/submit`);
    expect(submitted.statusCode).toBe(400);
    expect((await citizen.post(`/api/applications/${app.id}/withdraw`)).statusCode).toBe(200);

    // On someone else's behalf, pre-fill needs that person's own consent: refused before any draft.
    const helper = await signIn(t.app, "helper");
    const mine = (await helper.get("/api/applications")).json().items.length;
    const refused = await helper.post("/api/applications", {
      service: BIRTH_REGISTRATION,
      onBehalf: {
        idNumber: "330106199205171243",
        name: "林晓雨",
        authorisation: { kind: "written", reference: "WT-1" },
      },
      prefill: { consent: true },
    });
    expect(refused.statusCode).toBe(409);
    expect((await helper.get("/api/applications")).json().items).toHaveLength(mine);
  });

  it("uses a consent the person already gave for the same department, purpose and fields, and asks again once it is revoked", async () => {
    const consentsOf = async () =>
      (await citizen.get("/api/me/consents")).json().items as { id: string; status: string }[];
    const first = (await citizen.get(`/api/applications/${id}`)).json();
    expect(first.consents.length).toBeGreaterThan(0);
    const before = await consentsOf();

    const again = (await citizen.post("/api/applications", { service: BIRTH_REGISTRATION })).json();
    // The consent screen says so, with the standing consent's own validity.
    const plan = (await citizen.get(`/api/applications/${again.id}/prefill`)).json();
    const needing = plan.entries.filter((e: { requiresConsent: boolean }) => e.requiresConsent);
    expect(needing.length).toBeGreaterThan(0);
    for (const e of needing) {
      expect(first.consents).toContain(e.standingConsent.id);
      expect(Date.parse(e.standingConsent.validUntil)).toBeGreaterThan(Date.now());
    }
    const reused = (await citizen.post(`/api/applications/${again.id}/prefill`, { consent: true })).json();
    expect(reused.consents).toEqual(first.consents);
    expect(reused.form.childName).toBe("陈思语");
    expect(await consentsOf()).toHaveLength(before.length);

    // Revoked: the next pre-fill asks for (and records) a new consent.
    const revoked = await citizen.post(`/api/me/consents/${first.consents[0]}/decision`, {
      decision: "revoke",
    });
    expect(revoked.statusCode).toBe(200);
    const third = (await citizen.post("/api/applications", { service: BIRTH_REGISTRATION })).json();
    const replanned = (await citizen.get(`/api/applications/${third.id}/prefill`)).json();
    expect(
      replanned.entries.map((e: { standingConsent: { id: string } | null }) => e.standingConsent?.id),
    ).not.toContain(first.consents[0]);
    const asked = (await citizen.post(`/api/applications/${third.id}/prefill`, { consent: true })).json();
    expect(asked.consents).toHaveLength(first.consents.length);
    expect(asked.consents).not.toContain(first.consents[0]);
    expect(asked.consents.slice(1)).toEqual(first.consents.slice(1));
    expect(asked.form.childName).toBe("陈思语");

    const after = await consentsOf();
    expect(after).toHaveLength(before.length + 1);
    const fresh = asked.consents.find((c: string) => !first.consents.includes(c));
    expect(after.find((c) => c.id === fresh)?.status).toBe("granted");

    // Revoked again: a draft sent with the consent to pre-fill asks for a new one as well.
    await citizen.post(`/api/me/consents/${asked.consents[0]}/decision`, { decision: "revoke" });
    const once = (
      await citizen.post("/api/applications", { service: BIRTH_REGISTRATION, prefill: { consent: true } })
    ).json();
    expect(once.consents).toHaveLength(first.consents.length);
    expect(once.consents).not.toContain(asked.consents[0]);
    expect(once.form.childName).toBe("陈思语");
    expect(await consentsOf()).toHaveLength(before.length + 2);
    for (const app of [again, third, once]) {
      expect((await citizen.post(`/api/applications/${app.id}/withdraw`)).statusCode).toBe(200);
    }
  });

  it("saves, uploads, submits and decides while the catalogue reloads from the database", async () => {
    // A cold catalogue cache is read from the database: never inside the action's transaction,
    // which on PGlite holds the only connection (the request would wait for ever).
    invalidateCatalog(t.platform.ctx);
    // What the registries filled in stays as they hold it; the citizen types the rest.
    const filled = (await citizen.get(`/api/applications/${id}`)).json().prefill as Record<string, unknown>;
    const typed = Object.fromEntries(Object.entries(ENTRIES).filter(([name]) => !(name in filled)));
    const saved = await citizen.patch(`/api/applications/${id}`, { form: typed });
    expect(saved.statusCode, saved.body).toBe(200);
    for (const material of ["household-booklet", "applicant-id-card"]) {
      invalidateCatalog(t.platform.ctx);
      const uploaded = await citizen.post(`/api/applications/${id}/uploads`, {
        material,
        filename: `${material}.pdf`,
        mediaType: "application/pdf",
        content: PDF,
      });
      expect(uploaded.statusCode).toBe(201);
    }
    invalidateCatalog(t.platform.ctx);
    const submitted = await citizen.post(`/api/applications/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe("submitted");

    const queue = (await officer.get("/api/workbench/queue")).json();
    const item = queue.items.find((i: { application: { id: string } }) => i.application.id === id);
    expect(item.step.kind).toBe("accept");
    invalidateCatalog(t.platform.ctx);
    const accepted = await officer.post(`/api/workbench/tasks/${item.taskId}/actions`, { action: "approve" });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().tasks[0].step.kind).toBe("review");
  });

  it("lets only the current department act, and refuses an action on a step that has moved on", async () => {
    const queue = (await officer.get("/api/workbench/queue")).json();
    const taskId = queue.items.find((i: { application: { id: string } }) => i.application.id === id).taskId;
    const other = await signIn(t.app, "officer2");
    expect(
      (await other.post(`/api/workbench/tasks/${taskId}/actions`, { action: "approve" })).statusCode,
    ).toBe(404);
    const rejected = await officer.post(`/api/workbench/tasks/${taskId}/actions`, { action: "reject" });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().field).toBe("body.reason");
    expect(
      (
        await officer.post(`/api/workbench/tasks/${taskId}/actions`, {
          action: "supplement",
          items: ["household-booklet"],
          comment: "请上传清晰的户口簿",
        })
      ).statusCode,
    ).toBe(200);
    // Its clock stands still: open, but neither near nor overdue.
    const paused = (await officer.get("/api/workbench/queue?status=supplement")).json();
    expect(paused.counts).toEqual({ open: 1, near: 0, overdue: 0 });
    // Waiting for the applicant: only a rejection is possible.
    const held = await officer.post(`/api/workbench/tasks/${taskId}/actions`, { action: "approve" });
    expect(held.statusCode).toBe(409);
    expect(held.json().code).toBe("CONFLICT");
  });

  it("counts the queue up to a cap, and still lists the most urgent first", async () => {
    const before = (await officer.get("/api/workbench/queue")).json();
    expect(before.countCap).toBe(1000);
    expect(before.counts.open).toBeLessThan(1000);
    // 1,010 more open tasks at 杭州市公安局, all ten days past due.
    const db = t.platform.database.db;
    const citizenRow = await db
      .selectFrom("accounts")
      .select(["id", "person_id"])
      .where("username", "=", "citizen")
      .executeTakeFirstOrThrow();
    await sql`
      insert into applications (number, kind, service_code, service_name, service_name_en, lead_department,
        applicant_account, subject_type, subject_id, subject_name, status, promised_days, accepted_on, due_on,
        submitted_at, form)
      select 'CAP-' || g, 'item', ${BIRTH_REGISTRATION}, '出生登记', 'Birth registration', 'HZ-GA',
        ${citizenRow.id}, 'person', ${citizenRow.person_id}, '林晓雨', 'submitted', 0,
        current_date - 30, current_date - 10, now(), '{}'::jsonb
      from generate_series(1, 1010) g`.execute(db);
    await sql`
      insert into application_tasks (application_id, item_code, item_name, item_name_en, department, steps,
        step_index, current_department, status, limit_days, statutory_days, accepted_on, due_on, started_at)
      select a.id, ${BIRTH_REGISTRATION}, '出生登记', 'Birth registration', 'HZ-GA',
        '[{"kind":"accept","department":"HZ-GA"}]'::jsonb, 0, 'HZ-GA', 'active', 0, 20, a.accepted_on,
        a.due_on, a.submitted_at
      from applications a where a.number like 'CAP-%'`.execute(db);

    const capped = (await officer.get("/api/workbench/queue?limit=5")).json();
    expect(capped.counts).toEqual({ open: 1001, near: before.counts.near, overdue: 1001 });
    expect(capped.items).toHaveLength(5);
    const due = capped.items.map((i: { dueOn: string | null }) => i.dueOn);
    expect(due).toEqual([...due].sort());
    // Waiting for supplements only: none of those.
    const paused = (await officer.get("/api/workbench/queue?status=supplement")).json();
    expect(paused.counts).toEqual({ open: 1, near: 0, overdue: 0 });
  });
});
