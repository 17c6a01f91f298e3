import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertHistory, type PastApplication } from "../../src/modules/applications/ratings.demo.js";
import { RECTIFICATION_LIMIT_DAYS, rate } from "../../src/modules/applications/ratings.service.js";
import { resolveService } from "../../src/modules/applications/services.js";
import { calendarFor, chinaDate } from "../../src/platform/calendar/index.js";
import type { ServiceContext } from "../../src/platform/context.js";
import { signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

const RS_ITEM = "330100-RS-QR-001-02"; // 灵活就业人员参保登记, HZ-RS, 即办
const GA_ITEM = "330100-GA-QR-001-02"; // 户口迁移（市内迁移）, HZ-GA

describe.each(testDatabases())("好差评 and rectifications (%s)", (kind) => {
  let t: TestPlatform;
  let ctx: ServiceContext;
  const account = async (username: string) =>
    ctx.db
      .selectFrom("accounts")
      .select(["id", "person_id", "display_name"])
      .where("username", "=", username)
      .executeTakeFirstOrThrow();
  const ledger = async (action: string, reference: string) =>
    (
      await ctx.db
        .selectFrom("ledger_entries")
        .select(["seq", "body"])
        .where("action", "=", action)
        .orderBy("seq")
        .execute()
    )
      .map((e) => ({ seq: e.seq, body: JSON.parse(e.body) }))
      .filter((e) => e.body.reference === reference);

  /** A past application of `username`, concluded `daysAgo` calendar days ago (or still open). */
  async function past(
    username: string,
    options: { item?: string; daysAgo?: number; open?: boolean; officer?: string } = {},
  ): Promise<{ id: string; number: string }> {
    const who = await account(username);
    const person = await ctx.db
      .selectFrom("persons")
      .select(["id", "name"])
      .where("id", "=", who.person_id as string)
      .executeTakeFirstOrThrow();
    const service = await resolveService(ctx, "item", options.item ?? RS_ITEM);
    const calendar = await calendarFor(ctx);
    // Accepted on the working day `daysAgo` back (or before), decided the same day.
    let day = chinaDate(new Date(Date.now() - (options.daysAgo ?? 1) * 86_400_000));
    while (!calendar.isWorkingDay(day)) {
      day = chinaDate(new Date(new Date(`${day}T12:00:00+08:00`).getTime() - 86_400_000));
    }
    const officer = options.officer ? await account(options.officer) : null;
    const app: PastApplication = {
      service,
      applicant: {
        accountId: who.id,
        subject: { type: "person", id: person.id, name: person.name },
        names: [person.name],
      },
      submittedAt: new Date(`${day}T09:00:00+08:00`),
      tasks: service.items.map(({ item }) => ({
        item,
        acceptedOn: day,
        workingDays: 0,
        outcome: options.open ? ("open" as const) : ("approved" as const),
        ...(officer ? { officer: { accountId: officer.id, name: officer.display_name } } : {}),
      })),
      materials: {},
    };
    const before = await ctx.db.selectFrom("applications").select("id").execute();
    await insertHistory(ctx, calendar, [app]);
    const row = await ctx.db
      .selectFrom("applications")
      .select(["id", "number"])
      .where(
        "id",
        "not in",
        before.map((b) => b.id),
      )
      .executeTakeFirstOrThrow();
    return row;
  }

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    ctx = t.platform.ctx;
  });
  afterAll(() => t?.close());

  it("accepts a rating only after conclusion, only from the applicant, and only once", async () => {
    const applicant = await signIn(t.app, "resident01");
    const other = await signIn(t.app, "resident02");
    const officer = await signIn(t.app, "officer3");

    const open = await past("resident01", { open: true });
    const early = await applicant.post(`/api/applications/${open.id}/rating`, { score: 5 });
    expect(early.statusCode).toBe(409);
    expect((await applicant.get(`/api/applications/${open.id}/rating`)).json()).toMatchObject({
      rateable: false,
      blocked: "not-concluded",
      rating: null,
    });

    const app = await past("resident01", { officer: "officer3" });
    const state = (await applicant.get(`/api/applications/${app.id}/rating`)).json();
    expect(state).toMatchObject({ rateable: true, blocked: null, rating: null, rectification: null });
    expect(Date.parse(state.rateUntil)).toBeGreaterThan(Date.now());

    expect((await other.post(`/api/applications/${app.id}/rating`, { score: 1 })).statusCode).toBe(404);
    expect((await other.get(`/api/applications/${app.id}/rating`)).statusCode).toBe(404);
    expect((await officer.post(`/api/applications/${app.id}/rating`, { score: 5 })).statusCode).toBe(404);
    const anonymous = await t.app.inject({
      method: "POST",
      url: `/api/applications/${app.id}/rating`,
      payload: { score: 5 },
    });
    expect(anonymous.statusCode).toBe(401);

    const bad = await applicant.post(`/api/applications/${app.id}/rating`, { score: 6 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "VALIDATION", field: "body.score" });

    const res = await applicant.post(`/api/applications/${app.id}/rating`, {
      score: 5,
      comment: "  全程网办，很方便  ",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      rateable: false,
      blocked: "rated",
      rating: { score: 5, level: { zh: "非常满意" }, comment: "全程网办，很方便" },
      rectification: null,
    });
    const again = await applicant.post(`/api/applications/${app.id}/rating`, { score: 1 });
    expect(again.statusCode).toBe(409);

    const entries = await ledger("application.rate", app.number);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.body.details).toMatchObject({ score: 5, bad: false, department: "HZ-RS" });
    // The comment itself is not in the public log.
    expect(JSON.stringify(entries[0]?.body)).not.toContain("全程网办");
    expect(await ledger("application.rectification.open", app.number)).toHaveLength(0);

    const expired = await past("resident01", { daysAgo: 45 });
    const late = await applicant.post(`/api/applications/${expired.id}/rating`, { score: 4 });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain("30 days");
  });

  it("opens a rectification with a due date in working days for a bad rating, in the same transaction", async () => {
    const applicant = await signIn(t.app, "resident03");
    const app = await past("resident03", { officer: "officer3" });
    const res = await applicant.post(`/api/applications/${app.id}/rating`, {
      score: 1,
      comment: "吴静说材料不全，蒋文静打了 138 5716 0218 也没人回，身份证 330106199407280643 都报了",
    });
    expect(res.statusCode).toBe(201);
    const calendar = await calendarFor(ctx);
    const today = chinaDate(new Date());
    const due = calendar.dueDate({ acceptedOn: today, limitDays: RECTIFICATION_LIMIT_DAYS });
    expect(res.json().rectification).toMatchObject({
      status: "open",
      dueOn: due,
      reply: null,
      finding: null,
    });
    expect(calendar.workingDaysBetween(today, due)).toBe(RECTIFICATION_LIMIT_DAYS);

    const rated = await ledger("application.rate", app.number);
    const opened = await ledger("application.rectification.open", app.number);
    expect(rated).toHaveLength(1);
    expect(opened).toHaveLength(1);
    expect(opened[0]?.body.details).toMatchObject({ department: "HZ-RS", dueOn: due, limitDays: 15 });
    expect(Number(opened[0]?.seq)).toBe(Number(rated[0]?.seq) + 1);

    const stored = await ctx.db
      .selectFrom("application_ratings")
      .select(["comment", "public_comment"])
      .where("application_id", "=", app.id)
      .executeTakeFirstOrThrow();
    expect(stored.comment).toContain("蒋文静");
    expect(stored.public_comment).not.toMatch(/吴静|蒋文静|文静|5716|0218|330106/);
    expect(stored.public_comment).toContain("材料不全");
  });

  it("leaves the due date empty and flags it when the calendar has no data for the year", async () => {
    const app = await past("resident04", { officer: "officer3" });
    const who = await account("resident04");
    // The application concluded in 2031, a year without a holiday arrangement.
    await ctx.db
      .updateTable("applications")
      .set({ concluded_at: new Date("2031-03-03T10:00:00+08:00") })
      .where("id", "=", app.id)
      .execute();
    const realNow = Date.now;
    Date.now = () => new Date("2031-03-04T10:00:00+08:00").getTime();
    const RealDate = Date;
    class FakeDate extends RealDate {
      constructor(...args: ConstructorParameters<typeof Date> | []) {
        if (args.length === 0) {
          super(Date.now());
        } else {
          super(...(args as ConstructorParameters<typeof Date>));
        }
      }
    }
    globalThis.Date = FakeDate as DateConstructor;
    try {
      const { rectification } = await rate(
        ctx,
        {
          actor: { accountId: who.id, roles: ["citizen"], departmentIds: [], via: "session" },
          requestId: null,
        },
        app.id,
        { score: 2 },
      );
      expect(rectification).toMatchObject({ status: "open", due_on: null, due_unknown_year: 2031 });
    } finally {
      globalThis.Date = RealDate;
      Date.now = realNow;
    }
    const officer = await signIn(t.app, "officer3");
    const list = (await officer.get("/api/workbench/rectifications?status=open")).json();
    const item = list.items.find((i: { application: { id: string } }) => i.application.id === app.id);
    expect(item).toMatchObject({ dueOn: null, dueUnknownYear: 2031, dueStatus: null });
  });

  it("lets only the department reply and a department admin or a leader review, recorded in the ledger", async () => {
    const applicant = await signIn(t.app, "resident05");
    const app = await past("resident05", { item: GA_ITEM, officer: "officer" });
    await applicant.post(`/api/applications/${app.id}/rating`, { score: 2, comment: "等太久" });

    const gaOfficer = await signIn(t.app, "officer");
    const rsOfficer = await signIn(t.app, "officer3");
    const gaAdmin = await signIn(t.app, "gaadmin");
    const otherAdmin = await signIn(t.app, "deptadmin");
    const leader = await signIn(t.app, "leader");
    const auditor = await signIn(t.app, "auditor");

    expect((await applicant.get("/api/workbench/rectifications")).statusCode).toBe(403);
    expect((await auditor.get("/api/workbench/rectifications")).statusCode).toBe(403);
    const rsList = (await rsOfficer.get("/api/workbench/rectifications")).json();
    expect(rsList.items.some((i: { application: { id: string } }) => i.application.id === app.id)).toBe(
      false,
    );
    expect((await rsOfficer.get("/api/workbench/rectifications?department=HZ-GA")).statusCode).toBe(403);

    const gaList = (await gaOfficer.get("/api/workbench/rectifications?status=open")).json();
    const item = gaList.items.find((i: { application: { id: string } }) => i.application.id === app.id);
    expect(item).toMatchObject({
      status: "open",
      department: { code: "HZ-GA", name: "杭州市公安局" },
      rating: { score: 2, comment: "等太久" },
      can: { reply: true, review: false },
    });
    const id = item.id as string;

    expect(
      (await rsOfficer.post(`/api/workbench/rectifications/${id}/reply`, { reply: "x" })).statusCode,
    ).toBe(404);
    expect(
      (await gaOfficer.post(`/api/workbench/rectifications/${id}/review`, { finding: "verified", note: "x" }))
        .statusCode,
    ).toBe(403);
    const early = await leader.post(`/api/workbench/rectifications/${id}/review`, {
      finding: "verified",
      note: "ok",
    });
    expect(early.statusCode).toBe(409);

    const replied = await gaOfficer.post(`/api/workbench/rectifications/${id}/reply`, {
      reply: "已电话回访，说明迁移审核需核验原户籍地信息，已优化告知。",
    });
    expect(replied.statusCode).toBe(200);
    expect(replied.json()).toMatchObject({ status: "replied", repliedBy: "黄敏 (officer)" });
    expect((await applicant.get(`/api/applications/${app.id}/rating`)).json().rectification).toMatchObject({
      status: "replied",
      reply: expect.stringContaining("已电话回访"),
    });

    const stranger = await otherAdmin.post(`/api/workbench/rectifications/${id}/review`, {
      finding: "verified",
      note: "ok",
    });
    expect(stranger.statusCode).toBe(404);
    const reviewed = await gaAdmin.post(`/api/workbench/rectifications/${id}/review`, {
      finding: "verified",
      note: "整改措施已落实",
    });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json()).toMatchObject({
      status: "closed",
      finding: "verified",
      reviewNote: "整改措施已落实",
      reviewedBy: "钱振宇 (gaadmin)",
      can: { reply: false, review: false },
    });
    const twice = await leader.post(`/api/workbench/rectifications/${id}/review`, {
      finding: "not-verified",
      note: "x",
    });
    expect(twice.statusCode).toBe(409);
    const view = (await applicant.get(`/api/applications/${app.id}/rating`)).json();
    expect(view.rectification).toMatchObject({ status: "closed", finding: "verified" });
    expect(JSON.stringify(view)).not.toContain("整改措施已落实");

    expect(await ledger("application.rectification.reply", app.number)).toHaveLength(1);
    const review = await ledger("application.rectification.review", app.number);
    expect(review).toHaveLength(1);
    expect(review[0]?.body.details).toMatchObject({ finding: "verified", department: "HZ-GA", onTime: true });

    // A leader reviews any department's rectification.
    const second = await past("resident05", { officer: "officer3" });
    await applicant.post(`/api/applications/${second.id}/rating`, { score: 1 });
    const rs = (await rsOfficer.get("/api/workbench/rectifications?status=open")).json();
    const rsItem = rs.items.find((i: { application: { id: string } }) => i.application.id === second.id);
    await rsOfficer.post(`/api/workbench/rectifications/${rsItem.id}/reply`, { reply: "已回访说明" });
    const byLeader = await leader.post(`/api/workbench/rectifications/${rsItem.id}/review`, {
      finding: "not-verified",
      note: "经核实办理符合时限，已向申请人解释",
    });
    expect(byLeader.statusCode).toBe(200);
    expect(byLeader.json()).toMatchObject({ status: "closed", finding: "not-verified" });
  });

  it("publishes ratings and rectifications by department and service with no personal data", async () => {
    const res = await t.app.inject({ url: "/api/performance" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.totals.ratings).toBeGreaterThan(50);
    const levels = body.totals.levels as [number, number, number, number, number];
    expect(levels.reduce((a, b) => a + b, 0)).toBe(body.totals.ratings);
    expect(body.totals.satisfactionRate).toBeCloseTo(
      (levels[2] + levels[3] + levels[4]) / body.totals.ratings,
      3,
    );
    expect(body.totals.bad).toBe(levels[0] + levels[1]);
    const r = body.totals.rectifications;
    expect(r.open + r.replied + r.closed).toBe(body.totals.bad);
    expect(body.totals.rectificationRate).toBeCloseTo(r.closed / body.totals.bad, 3);
    expect(body.byDepartment.length).toBeGreaterThan(3);
    expect(body.byService.length).toBeGreaterThan(5);
    expect(body.recentComments.length).toBeGreaterThan(0);

    const text = res.body;
    const persons = await ctx.db.selectFrom("persons").select(["name", "id_number", "mobile"]).execute();
    for (const p of persons) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.id_number);
      if (p.mobile) {
        expect(text).not.toContain(p.mobile);
      }
    }
    const staff = await ctx.db.selectFrom("accounts").select(["display_name", "username", "id"]).execute();
    for (const a of staff) {
      expect(text).not.toContain(a.id);
      expect(text).not.toContain(`"${a.username}"`);
      expect(text).not.toContain(a.display_name.replace(/（.*$/, ""));
    }
    expect(text).not.toMatch(/\d{17}[\dXx]/);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).not.toMatch(/330100-\d{8}-\d{6}/);
    expect(text).not.toMatch(/"(applicant|subject|subjectName|number|rater|comment_raw)"/);
  });
});
