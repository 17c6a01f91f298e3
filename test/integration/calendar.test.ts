import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

describe.each(testDatabases())("the working-day calendar (%s)", (kind) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(kind);
  });
  afterAll(() => t?.close());

  it("publishes a year's days off and make-up working days with their source", async () => {
    const res = await t.app.inject({ url: "/api/calendar/2026" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.source).toEqual({
      title: "国务院办公厅关于2026年部分节假日安排的通知",
      number: "国办发明电〔2025〕7号",
    });
    expect(body.daysOff).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(body.daysOff[0]).toMatchObject({
      date: "2026-01-01",
      working: false,
      kind: "holiday",
      name: "元旦",
    });
    expect(body.workingDays.map((d: { date: string }) => d.date)).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    expect(body.workingDays[0].source).toContain("国办发明电〔2025〕7号");
  });

  it("refuses a year without data with a problem, never a guess", async () => {
    const res = await t.app.inject({ url: "/api/calendar/2031" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: "CALENDAR_YEAR_UNKNOWN", year: 2031 });
    const due = await t.app.inject({ url: "/api/calendar/due?acceptedOn=2026-12-28&limitDays=20" });
    expect(due.statusCode).toBe(404);
    expect(due.json()).toMatchObject({
      code: "CALENDAR_YEAR_UNKNOWN",
      detail: expect.stringContaining("2027"),
    });
  });

  it("computes a due date for the UI, and names the bad field", async () => {
    const res = await t.app.inject({ url: "/api/calendar/due?acceptedOn=2026-09-30&limitDays=3" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ acceptedOn: "2026-09-30", limitDays: 3, due: "2026-10-10" });
    expect(["on-time", "near", "overdue"]).toContain(res.json().status);

    const missing = await t.app.inject({ url: "/api/calendar/due?acceptedOn=2026-09-30" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: "VALIDATION", field: "querystring.limitDays" });
    const badDate = await t.app.inject({ url: "/api/calendar/due?acceptedOn=2026-02-30&limitDays=3" });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ code: "VALIDATION", field: "acceptedOn" });
    const badFormat = await t.app.inject({ url: "/api/calendar/due?acceptedOn=30.9.2026&limitDays=3" });
    expect(badFormat.json()).toMatchObject({ code: "VALIDATION", field: "querystring.acceptedOn" });
  });

  it("lets a platform admin override a day, recorded in the ledger, and only a platform admin", async () => {
    const citizen = await signIn(t.app, "citizen");
    const refused = await citizen.request({
      method: "PUT",
      url: "/api/calendar/overrides/2026-12-01",
      payload: { working: false, reason: "台风停工" },
    });
    expect(refused.statusCode).toBe(403);

    const admin = await signIn(t.app, "admin");
    const put = await admin.request({
      method: "PUT",
      url: "/api/calendar/overrides/2026-12-01",
      payload: { working: false, reason: "台风停工" },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ day: "2026-12-01", working: false, reason: "台风停工" });
    expect(put.json()).not.toHaveProperty("setBy");

    // The cached calendar is refreshed: Monday 30 November + 1 now skips Tuesday 1 December.
    const due = await t.app.inject({ url: "/api/calendar/due?acceptedOn=2026-11-30&limitDays=1" });
    expect(due.json().due).toBe("2026-12-02");
    const year = (await t.app.inject({ url: "/api/calendar/2026" })).json();
    expect(year.daysOff).toContainEqual(
      expect.objectContaining({ date: "2026-12-01", kind: "override", name: "台风停工", source: "override" }),
    );

    const entries = await t.platform.database.db
      .selectFrom("ledger_entries")
      .select(["action", "body"])
      .where("action", "like", "calendar.%")
      .orderBy("seq")
      .execute();
    expect(entries.map((e) => e.action)).toEqual(["calendar.override.set"]);
    expect(JSON.parse(entries[0]?.body ?? "{}")).toMatchObject({
      resource: "calendar/overrides/2026-12-01",
      details: { day: "2026-12-01", working: false, reason: "台风停工" },
      actor: { roles: ["platform_admin"] },
    });

    const noYear = await admin.request({
      method: "PUT",
      url: "/api/calendar/overrides/2031-01-02",
      payload: { working: false, reason: "x" },
    });
    expect(noYear.statusCode).toBe(404);
    expect(noYear.json()).toMatchObject({ code: "CALENDAR_YEAR_UNKNOWN" });
    const noReason = await admin.request({
      method: "PUT",
      url: "/api/calendar/overrides/2026-12-02",
      payload: { working: false },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ field: "body.reason" });

    const del = await admin.delete("/api/calendar/overrides/2026-12-01");
    expect(del.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: "/api/calendar/due?acceptedOn=2026-11-30&limitDays=1" })).json().due,
    ).toBe("2026-12-01");
    expect((await admin.delete("/api/calendar/overrides/2026-12-01")).statusCode).toBe(404);
    const actions = await t.platform.database.db
      .selectFrom("ledger_entries")
      .select("action")
      .where("action", "like", "calendar.%")
      .orderBy("seq")
      .execute();
    expect(actions.map((e) => e.action)).toEqual(["calendar.override.set", "calendar.override.delete"]);
  });
});
