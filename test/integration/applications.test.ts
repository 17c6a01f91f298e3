import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../../src/modules/identity/index.js";
import { type AppBody, complete, DEMO_OFFICERS as OFFICERS, PDF } from "../support/applications.js";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

describe.each(testDatabases())("applications (%s)", (kind) => {
  let t: TestPlatform;
  let citizen: Client;
  const officers: Record<string, Client> = {};
  let birthBundle: string;

  const db = () => t.platform.database.db;
  /** The ledger entries recording the submission of the application `id`. */
  const submitEntriesOf = (id: string) =>
    db()
      .selectFrom("ledger_entries")
      .select("seq")
      .where("action", "=", "application.submit")
      .where("body", "like", `%applications/${id}"%`)
      .execute();
  const officerOf = async (department: string) => {
    const username = OFFICERS[department];
    if (!username) {
      throw new Error(`no demo officer for ${department}`);
    }
    officers[department] ??= await signIn(t.app, username);
    return officers[department];
  };
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

  async function approveAll(app: AppBody, taskId: string): Promise<AppBody> {
    let current = app;
    for (let guard = 0; guard < 10; guard++) {
      const task = current.tasks.find((x) => x.id === taskId);
      if (task?.status !== "active") {
        return current;
      }
      const officer = await officerOf(task.currentDepartment);
      const res = await officer.post(`/api/workbench/tasks/${taskId}/actions`, { action: "approve" });
      expect(res.statusCode, res.body).toBe(200);
      current = res.json();
    }
    throw new Error("the task did not conclude");
  }

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    citizen = await signIn(t.app, "citizen");
    const bundles = (await t.app.inject({ url: "/api/bundles" })).json().items as {
      code: string;
      name: string;
    }[];
    birthBundle = bundles.find((b) => b.name.includes("出生"))?.code as string;
    expect(birthBundle).toBeTruthy();
  });
  afterAll(() => t?.close());

  describe("新生儿出生一件事, from draft to conclusion", () => {
    let app: AppBody;

    it("starts a draft for the bundle, numbered, with one form and one set of materials", async () => {
      const res = await citizen.post("/api/applications", { service: birthBundle });
      expect(res.statusCode, res.body).toBe(201);
      app = res.json();
      expect(app.status).toBe("draft");
      expect(app.number).toMatch(/^330100-\d{8}-\d{6}$/);
      expect(Object.keys(app.formDefinition.schema.properties).length).toBeGreaterThan(3);
      expect(app.materials.some((m) => m.obtainable)).toBe(true);
      expect(app.problems.length).toBeGreaterThan(0);
    });

    it("shows who would read what, why and under which agreement before the applicant consents", async () => {
      const plan = (await citizen.get(`/api/applications/${app.id}/prefill`)).json();
      expect(plan.entries.length).toBeGreaterThan(0);
      const birth = plan.entries.find((e: { resource: string }) => e.resource === "birth-certificates");
      expect(birth).toMatchObject({ owner: "HZ-WJ", requiresConsent: true });
      expect(birth.purpose).toBeTruthy();
      expect(birth.legalBasis).toBeTruthy();
      expect(birth.fields).toContain("childName");
      // Nothing has been read yet.
      const reads = await db()
        .selectFrom("exchange_calls")
        .select("id")
        .where("reference", "=", app.number)
        .execute();
      expect(reads).toHaveLength(0);
    });

    it("pre-fills from the registries after consent, each value with its source and ledger entry", async () => {
      const res = await citizen.post(`/api/applications/${app.id}/prefill`, { consent: true });
      expect(res.statusCode, res.body).toBe(200);
      app = res.json();
      const child = Object.entries(app.prefill).find(([, p]) => p.resource === "birth-certificates");
      expect(child).toBeDefined();
      const [field, source] = child as [string, AppBody["prefill"][string]];
      expect(app.form[field]).toBeDefined();
      expect(source.department).toBe("HZ-WJ");
      expect(Date.parse(source.updatedAt)).not.toBeNaN();
      const entry = await ledgerBody(source.ledgerSeq);
      expect(entry.action).toBe("exchange.query");
      expect(entry.reference).toBe(app.number);
      // The consent the applicant gave is on their consent list, granted, naming the application.
      const consents = (await citizen.get("/api/me/consents")).json().items as {
        status: string;
        reference: string | null;
      }[];
      expect(consents.some((c) => c.status === "granted" && c.reference?.includes(app.number))).toBe(true);
      // Materials the exchange supplied need no upload.
      expect(app.materials.filter((m) => m.state?.via === "exchange").length).toBeGreaterThan(0);
    });

    it("keeps pre-filled values as the registry holds them and refuses unknown fields", async () => {
      const [field] = Object.keys(app.prefill) as [string];
      const changed = await citizen.patch(`/api/applications/${app.id}`, { form: { [field]: "改过的值" } });
      expect(changed.statusCode).toBe(400);
      expect(changed.json().field).toBe(`body.form.${field}`);
      const unknown = await citizen.patch(`/api/applications/${app.id}`, { form: { notAField: "x" } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().field).toBe("body.form.notAField");
    });

    it("refuses to submit an incomplete application, naming every field and material", async () => {
      const res = await citizen.post(`/api/applications/${app.id}/submit`);
      const missing = app.formDefinition.schema.required.filter((n) => app.form[n] === undefined);
      const uploads = app.materials.filter((m) => m.required && !m.state);
      if (missing.length + uploads.length === 0) {
        return; // everything came from the registries: nothing to refuse
      }
      expect(res.statusCode).toBe(400);
      const errors = res.json().errors as { field: string }[];
      expect(errors.map((e) => e.field).sort()).toEqual(
        [...missing.map((n) => `form.${n}`), ...uploads.map((m) => `materials.${m.id}`)].sort(),
      );
    });

    it("submits: each item becomes a task of its department, prerequisites first, with a due date", async () => {
      app = await complete(citizen, app);
      expect(app.problems).toEqual([]);
      const res = await citizen.post(`/api/applications/${app.id}/submit`);
      expect(res.statusCode, res.body).toBe(200);
      app = res.json();
      expect(app.status).toBe("submitted");
      expect(app.tasks.length).toBeGreaterThanOrEqual(3);
      for (const task of app.tasks) {
        expect(task.status).toBe(task.after.length === 0 ? "active" : "waiting");
        if (task.status === "active") {
          expect(task.acceptedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }
      const submitEvent = app.events.find((e) => e.action === "submit");
      expect((await ledgerBody(submitEvent?.ledgerSeq as number)).action).toBe("application.submit");
      // Built from what the submission wrote, the answer is what reading the application gives.
      expect((await citizen.get(`/api/applications/${app.id}`)).json()).toEqual(app);
    });

    it("shows each task in its department's queue only", async () => {
      const task = app.tasks.find((x) => x.status === "active") as AppBody["tasks"][number];
      const mine = (await (await officerOf(task.currentDepartment)).get("/api/workbench/queue")).json();
      expect(mine.items.map((i: { taskId: string }) => i.taskId)).toContain(task.id);
      expect(mine.counts.open).toBeGreaterThanOrEqual(1);
      const other = Object.keys(OFFICERS).find(
        (d) => !app.tasks.some((x) => x.currentDepartment === d || x.department === d),
      ) as string;
      const theirs = (await (await officerOf(other)).get("/api/workbench/queue")).json();
      expect(theirs.items.map((i: { taskId: string }) => i.taskId)).not.toContain(task.id);
      const act = await (await officerOf(other)).post(`/api/workbench/tasks/${task.id}/actions`, {
        action: "approve",
      });
      expect(act.statusCode).toBe(404);
      const asCitizen = await citizen.get("/api/workbench/queue");
      expect(asCitizen.statusCode).toBe(403);
    });

    it("pauses the clock for 补正 and resumes when the applicant supplies", async () => {
      const task = app.tasks.find((x) => x.status === "active") as AppBody["tasks"][number];
      const officer = await officerOf(task.currentDepartment);
      const empty = await officer.post(`/api/workbench/tasks/${task.id}/actions`, { action: "supplement" });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().field).toBe("body.items");
      const asked = await officer.post(`/api/workbench/tasks/${task.id}/actions`, {
        action: "supplement",
        items: ["请补充联系电话"],
        comment: "联系电话无法接通",
      });
      expect(asked.statusCode, asked.body).toBe(200);
      expect(asked.json().tasks.find((x: { id: string }) => x.id === task.id).status).toBe("supplement");
      const blocked = await officer.post(`/api/workbench/tasks/${task.id}/actions`, { action: "approve" });
      expect(blocked.statusCode).toBe(409);
      const supplied = await citizen.post(`/api/applications/${app.id}/supply`, {
        task: task.id,
        note: "已更正",
      });
      expect(supplied.statusCode, supplied.body).toBe(200);
      app = supplied.json();
      const resumed = app.tasks.find((x) => x.id === task.id) as AppBody["tasks"][number];
      expect(resumed.status).toBe("active");
      expect(resumed.pauses).toHaveLength(1);
      const again = await citizen.post(`/api/applications/${app.id}/supply`, { task: task.id });
      expect(again.statusCode).toBe(409);
    });

    it("runs every task through its steps, starting what waited, and concludes approved", async () => {
      for (let round = 0; round < 6 && app.status !== "concluded"; round++) {
        for (const task of app.tasks.filter((x) => x.status === "active")) {
          app = await approveAll(app, task.id);
        }
        app = (await citizen.get(`/api/applications/${app.id}`)).json();
      }
      expect(app.status).toBe("concluded");
      expect(app.outcome).toBe("approved");
      expect(app.tasks.every((x) => x.status === "approved")).toBe(true);
      const decisions = await db()
        .selectFrom("ledger_entries")
        .select("body")
        .where("body", "like", `%${app.number}%`)
        .execute();
      const bodies = decisions.map((d) => JSON.parse(d.body));
      const decide = bodies.filter((b) => b.action === "application.decide");
      expect(decide.length).toBeGreaterThanOrEqual(app.tasks.length);
      expect(decide.every((b) => b.policies.some((p: string) => p.startsWith("power:")))).toBe(true);
      expect(bodies.some((b) => b.action === "application.conclude")).toBe(true);
    });

    it("issues a signed e-certificate for each approved item that has one, and tells the applicant", async () => {
      const withCertificate = app.tasks.filter((x) => x.certificateId);
      expect(withCertificate.length).toBeGreaterThanOrEqual(1);
      const mine = (await citizen.get("/api/certificates")).json().items as {
        document: { id: string; application: { id: string } | null; holder: Record<string, unknown> };
      }[];
      const ours = mine.filter((c) => c.document.application?.id === app.id);
      expect(ours.map((c) => c.document.id).sort()).toEqual(
        withCertificate.map((x) => x.certificateId).sort(),
      );
      const verified = await t.app.inject({
        method: "POST",
        url: "/api/certificates/verify",
        payload: ours[0]?.document,
      });
      expect(verified.json()).toMatchObject({ valid: true, revoked: false });
      const tampered = { ...ours[0]?.document, holder: { ...ours[0]?.document.holder, name: "张三" } };
      const refused = await t.app.inject({
        method: "POST",
        url: "/api/certificates/verify",
        payload: tampered,
      });
      expect(refused.json().valid).toBe(false);
      const notes = (await citizen.get("/api/notifications")).json().items as {
        kind: string;
        link: string | null;
      }[];
      const kinds = notes.filter((n) => n.link === `/portal/applications/${app.id}`).map((n) => n.kind);
      expect(kinds).toContain("application.submitted");
      expect(kinds).toContain("application.supplement");
      expect(kinds).toContain("application.concluded");
    });
  });

  describe("rejection", () => {
    it("needs reasons and a legal basis, and cancels what waited for the rejected item", async () => {
      let app: AppBody = (await citizen.post("/api/applications", { service: birthBundle })).json();
      app = await complete(citizen, app);
      app = (await citizen.post(`/api/applications/${app.id}/submit`)).json();
      expect(app.status).toBe("submitted");
      const first = app.tasks.find(
        (x) => x.status === "active" && app.tasks.some((y) => y.after.includes(x.itemCode)),
      );
      const target = first ?? (app.tasks.find((x) => x.status === "active") as AppBody["tasks"][number]);
      const officer = await officerOf(target.currentDepartment);
      const bare = await officer.post(`/api/workbench/tasks/${target.id}/actions`, {
        action: "reject",
        reason: "材料不符",
      });
      expect(bare.statusCode).toBe(400);
      expect(bare.json().field).toBe("body.legalBasis");
      const res = await officer.post(`/api/workbench/tasks/${target.id}/actions`, {
        action: "reject",
        reason: "出生医学证明与户籍信息不一致",
        legalBasis: "《中华人民共和国户口登记条例》第七条",
      });
      expect(res.statusCode, res.body).toBe(200);
      app = res.json();
      const rejected = app.tasks.find((x) => x.id === target.id);
      expect(rejected?.status).toBe("rejected");
      for (const waiting of app.tasks.filter((x) => x.after.includes(target.itemCode))) {
        expect(waiting.status).toBe("cancelled");
      }
      const again = await officer.post(`/api/workbench/tasks/${target.id}/actions`, { action: "approve" });
      expect(again.statusCode).toBe(409);
    });
  });

  describe("applying on another person's behalf (帮办代办)", () => {
    const elder = makeIdNumber("330127", "1951-08-09", 62);
    const onBehalf = (over: Record<string, unknown> = {}) => ({
      idNumber: elder,
      name: "周桂英",
      authorisation: { kind: "written", reference: "WT-2026-0042", note: "社区帮办员上门代办" },
      ...over,
    });
    let item: string;

    beforeAll(async () => {
      const services = (await t.app.inject({ url: "/api/services?department=HZ-GA" })).json().items as {
        code: string;
        audience: string;
      }[];
      item = (services.find((s) => s.audience === "person") as { code: string }).code;
    });

    it("is refused to an officer who is not a 帮办员, at the decision point, and recorded", async () => {
      const officer = await officerOf("HZ-GA");
      const res = await officer.post("/api/applications", { service: item, onBehalf: onBehalf() });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: "POLICY_DENIED", field: "body.onBehalf" });
      const denied = (
        await db()
          .selectFrom("ledger_entries")
          .select("body")
          .where("action", "=", "application.create.on-behalf")
          .execute()
      ).map((r) => JSON.parse(r.body));
      expect(denied.some((e) => e.outcome === "denied")).toBe(true);
    });

    it("checks the person's ID number and name, records the authorisation and its scan, and refuses pre-fill", async () => {
      const helper = await signIn(t.app, "helper");
      const badCheck = await helper.post("/api/applications", {
        service: item,
        onBehalf: onBehalf({ idNumber: `${elder.slice(0, 17)}${elder[17] === "0" ? "1" : "0"}` }),
      });
      expect(badCheck.statusCode).toBe(400);
      expect(badCheck.json().field).toBe("body.onBehalf.idNumber");
      const wrongName = await helper.post("/api/applications", {
        service: item,
        onBehalf: onBehalf({ name: "张三" }),
      });
      expect(wrongName.statusCode).toBe(400);
      expect(wrongName.json().field).toBe("body.onBehalf.name");
      const badKind = await helper.post("/api/applications", {
        service: item,
        onBehalf: onBehalf({ authorisation: { kind: "口头", reference: "X" } }),
      });
      expect(badKind.statusCode).toBe(400);

      const res = await helper.post("/api/applications", { service: item, onBehalf: onBehalf() });
      expect(res.statusCode, res.body).toBe(201);
      let app: AppBody = res.json();
      const created = (
        await db()
          .selectFrom("ledger_entries")
          .select("body")
          .where("action", "=", "application.create.on-behalf")
          .execute()
      )
        .map((r) => JSON.parse(r.body))
        .find((e) => e.reference === app.number);
      expect(created).toMatchObject({ outcome: "success", policies: ["policy:assist-helper"] });
      expect(created.details).toMatchObject({
        authorisationKind: "written",
        authorisationReference: "WT-2026-0042",
      });

      const prefill = await helper.post(`/api/applications/${app.id}/prefill`, { consent: true });
      expect(prefill.statusCode).toBe(409);
      const scan = await helper.post(`/api/applications/${app.id}/uploads`, {
        material: "authorisation",
        filename: "授权委托书.pdf",
        mediaType: "application/pdf",
        content: PDF,
      });
      expect(scan.statusCode, scan.body).toBe(201);
      app = await complete(helper, app);
      const submitted = await helper.post(`/api/applications/${app.id}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
      app = submitted.json();
      expect(app.status).toBe("submitted");
      // A 帮办员 takes no decisions: the workbench is not theirs.
      const task = app.tasks.find((x) => x.status === "active");
      const act = await helper.post(`/api/workbench/tasks/${task?.id}/actions`, { action: "approve" });
      expect(act.statusCode).toBe(403);

      // The elder sees it in her own list, marked as made for her by the helper, with the scan.
      const elderClient = await signIn(t.app, "citizen2");
      const mine = (await elderClient.get("/api/applications")).json().items as {
        id: string;
        onBehalf: { agentName: string } | null;
      }[];
      expect(mine.find((a) => a.id === app.id)?.onBehalf?.agentName).toBe("陈雅琴");
      const seen = await elderClient.get(`/api/applications/${app.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().onBehalf).toMatchObject({
        agentName: "陈雅琴",
        authorisation: { kind: "written", reference: "WT-2026-0042" },
        scan: { filename: "授权委托书.pdf" },
      });
      const file = await elderClient.get(
        `/api/applications/${app.id}/uploads/${seen.json().onBehalf.scan.uploadId}`,
      );
      expect(file.statusCode).toBe(200);
      // She sees it; it is not hers to change or withdraw.
      expect((await elderClient.post(`/api/applications/${app.id}/withdraw`)).statusCode).toBe(404);
    });

    it("does not show a draft made for a person in that person's list", async () => {
      const helper = await signIn(t.app, "helper");
      const draft: AppBody = (
        await helper.post("/api/applications", { service: item, onBehalf: onBehalf({}) })
      ).json();
      const elderClient = await signIn(t.app, "citizen2");
      const mine = (await elderClient.get("/api/applications")).json().items as { id: string }[];
      expect(mine.some((a) => a.id === draft.id)).toBe(false);
      // An authorisation scan belongs only to an application made for someone else.
      const own: AppBody = (await citizen.post("/api/applications", { service: item })).json();
      const scan = await citizen.post(`/api/applications/${own.id}/uploads`, {
        material: "authorisation",
        filename: "x.pdf",
        mediaType: "application/pdf",
        content: PDF,
      });
      expect(scan.statusCode).toBe(400);
      expect(scan.json().field).toBe("body.material");
    });
  });

  describe("uploads and access", () => {
    it("accepts only real PDF, JPEG or PNG files up to 5 MB", async () => {
      const app: AppBody = (await citizen.post("/api/applications", { service: birthBundle })).json();
      const material = app.materials[0]?.id as string;
      const fake = await citizen.post(`/api/applications/${app.id}/uploads`, {
        material,
        filename: "x.pdf",
        mediaType: "application/pdf",
        content: Buffer.from("<script>alert(1)</script>").toString("base64"),
      });
      expect(fake.statusCode).toBe(400);
      expect(fake.json().field).toBe("body.content");
      const exe = await citizen.post(`/api/applications/${app.id}/uploads`, {
        material,
        filename: "x.exe",
        mediaType: "application/x-msdownload",
        content: PDF,
      });
      expect(exe.statusCode).toBe(400);
      expect(exe.json().field).toBe("body.mediaType");
      const big = Buffer.alloc(5 * 1024 * 1024 + 10);
      big.write("%PDF-");
      const large = await citizen.post(`/api/applications/${app.id}/uploads`, {
        material,
        filename: "big.pdf",
        mediaType: "application/pdf",
        content: big.toString("base64"),
      });
      expect(large.statusCode).toBe(413);
    });

    it("hides an application from other citizens and from departments not handling it", async () => {
      const app: AppBody = (await citizen.post("/api/applications", { service: birthBundle })).json();
      const other = await signIn(t.app, "citizen2");
      expect((await other.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
      expect((await other.patch(`/api/applications/${app.id}`, { form: {} })).statusCode).toBe(404);
      // A draft is the applicant's alone.
      const officer = await officerOf("HZ-GA");
      expect((await officer.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
      const withdrawn = await citizen.post(`/api/applications/${app.id}/withdraw`);
      expect(withdrawn.json().status).toBe("withdrawn");
      expect((await citizen.post(`/api/applications/${app.id}/submit`)).statusCode).toBe(409);
    });

    it("submits a draft once when it is submitted twice at the same time", async () => {
      const app = await complete(
        citizen,
        (await citizen.post("/api/applications", { service: birthBundle })).json(),
      );
      const answers = await Promise.all([
        citizen.post(`/api/applications/${app.id}/submit`),
        citizen.post(`/api/applications/${app.id}/submit`),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const tasks = await db()
        .selectFrom("application_tasks")
        .select("id")
        .where("application_id", "=", app.id)
        .execute();
      const submitted = answers.find((a) => a.statusCode === 200)?.json() as AppBody | undefined;
      expect(tasks).toHaveLength(submitted?.tasks.length ?? -1);
      const events = await db()
        .selectFrom("application_events")
        .select("action")
        .where("application_id", "=", app.id)
        .where("action", "=", "submit")
        .execute();
      expect(events).toHaveLength(1);
      const entries = await submitEntriesOf(app.id);
      expect(entries).toHaveLength(1);
    });

    it("writes drafts and submissions arriving together, each with its own rows, ledger entry and notification", async () => {
      const drafts: AppBody[] = await Promise.all(
        [0, 1, 2].map(async () => (await citizen.post("/api/applications", { service: birthBundle })).json()),
      );
      expect(new Set(drafts.map((d) => d.id)).size).toBe(3);
      expect(new Set(drafts.map((d) => d.number)).size).toBe(3);
      const ready: AppBody[] = [];
      for (const draft of drafts) {
        ready.push(await complete(citizen, draft));
      }
      // Four at once, one of them a second submission of the first draft: it alone is refused.
      const answers = await Promise.all(
        [...ready, ready[0] as AppBody].map((app) => citizen.post(`/api/applications/${app.id}/submit`)),
      );
      expect(answers.slice(1, 3).map((a) => a.statusCode)).toEqual([200, 200]);
      expect([answers[0]?.statusCode, answers[3]?.statusCode].sort()).toEqual([200, 409]);
      for (const app of ready) {
        const submitted = answers
          .find((a) => a.statusCode === 200 && a.json().id === app.id)
          ?.json() as AppBody;
        expect(submitted.status).toBe("submitted");
        expect((await citizen.get(`/api/applications/${app.id}`)).json()).toEqual(submitted);
        const tasks = await db()
          .selectFrom("application_tasks")
          .select("id")
          .where("application_id", "=", app.id)
          .execute();
        expect(tasks.map((x) => x.id).sort()).toEqual(submitted.tasks.map((x) => x.id).sort());
        const events = await db()
          .selectFrom("application_events")
          .select("ledger_seq")
          .where("application_id", "=", app.id)
          .where("action", "=", "submit")
          .execute();
        const entries = await submitEntriesOf(app.id);
        expect(entries).toHaveLength(1);
        expect(events.map((e) => Number(e.ledger_seq))).toEqual([Number(entries[0]?.seq)]);
        const notified = await db()
          .selectFrom("notifications")
          .select("id")
          .where("kind", "=", "application.submitted")
          .where("link", "=", `/portal/applications/${app.id}`)
          .execute();
        expect(notified).toHaveLength(1);
      }
    });

    it("submits a draft pre-filled a moment ago as written, and checks it as it now is when it changed meanwhile", async () => {
      const create = () =>
        citizen.post("/api/applications", {
          service: "330100-YB-QT-001-01",
          form: {
            filingType: "异地长期居住",
            destinationCity: "上海市",
            startDate: "2026-12-01",
            applicantMobile: "13857160218",
          },
          prefill: { consent: true },
        });
      const draft: AppBody = (await create()).json();
      const submitted = await citizen.post(`/api/applications/${draft.id}/submit`);
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json().events.map((e: { action: string }) => e.action)).toEqual([
        "create",
        "prefill",
        "submit",
      ]);
      expect((await citizen.get(`/api/applications/${draft.id}`)).json()).toEqual(submitted.json());

      // Changed by another process after this one wrote it: the submission checks the change.
      const changed: AppBody = (await create()).json();
      await sql`update applications set form = form - 'destinationCity' where id = ${changed.id}`.execute(
        db(),
      );
      const refused = await citizen.post(`/api/applications/${changed.id}/submit`);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().field).toBe("form.destinationCity");
      await sql`update applications set form = form || '{"destinationCity": "北京市"}' where id = ${changed.id}`.execute(
        db(),
      );
      const accepted = await citizen.post(`/api/applications/${changed.id}/submit`);
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json().form.destinationCity).toBe("北京市");
    });

    it("names an unknown service", async () => {
      const res = await citizen.post("/api/applications", { service: "NO-SUCH-ITEM" });
      expect(res.statusCode).toBe(404);
      expect(res.json().field).toBe("body.service");
    });
  });
});
