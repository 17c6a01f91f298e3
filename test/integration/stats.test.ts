import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertHistory, type PastApplication } from "../../src/modules/applications/ratings.demo.js";
import { resolveService } from "../../src/modules/applications/services.js";
import { calendarFor } from "../../src/platform/calendar/index.js";
import type { ServiceContext } from "../../src/platform/context.js";
import { signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

// Three items of the demo catalogue: promised 3 working days and no visit, promised 15 days and one
// visit (居民身份证), and 即办 (0 days) of another department.
const MOVE = "330100-GA-QR-001-02"; // 户口迁移（市内迁移）, HZ-GA, 3 days, 0 visits
const ID_CARD = "330100-GA-QR-002-01"; // 居民身份证申领, HZ-GA, 15 days, 1 visit
const FLEXIBLE = "330100-RS-QR-001-02"; // 灵活就业人员参保登记, HZ-RS, 0 days, 0 visits

/**
 * A hand-built autumn 2025, away from the demo's last 60 days: national day and mid-autumn were a
 * holiday from 1 to 8 October 2025, with make-up working days on Sunday 28 September and Saturday
 * 11 October (国办发明电〔2024〕12号).
 */
describe.each(testDatabases())("leaders' statistics (%s)", (kind) => {
  let t: TestPlatform;
  let ctx: ServiceContext;

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    ctx = t.platform.ctx;
    const calendar = await calendarFor(ctx);
    const applicant = async (username: string) => {
      const a = await ctx.db
        .selectFrom("accounts as a")
        .innerJoin("persons as p", "p.id", "a.person_id")
        .select(["a.id", "p.id as person", "p.name"])
        .where("a.username", "=", username)
        .executeTakeFirstOrThrow();
      return {
        accountId: a.id,
        subject: { type: "person" as const, id: a.person, name: a.name },
        names: [a.name],
      };
    };
    const shangcheng = await applicant("resident01"); // 330102 上城区
    const chunan = await applicant("resident05"); // 330127 淳安县
    const service = (code: string) => resolveService(ctx, "item", code);
    const one = async (
      code: string,
      who: typeof shangcheng,
      submitted: string,
      workingDays: number,
      outcome: "approved" | "rejected" | "open",
      materials: Record<string, "exchange" | "upload">,
      score?: number,
    ): Promise<PastApplication> => {
      const s = await service(code);
      return {
        service: s,
        applicant: who,
        submittedAt: new Date(`${submitted}T10:00:00+08:00`),
        tasks: s.items.map(({ item }) => ({ item, acceptedOn: submitted, workingDays, outcome })),
        materials,
        ...(score ? { rating: { score, afterDays: 1, rectification: { state: "open" as const } } } : {}),
      };
    };
    await insertHistory(ctx, calendar, [
      // Due 10 Oct (30 Sep, then 9 and 10 Oct); decided on the 3rd working day, 10 Oct: on time, 3 days.
      await one(MOVE, shangcheng, "2025-09-29", 3, "approved", { a: "exchange", b: "exchange" }, 5),
      // Due 11 Oct (9, 10, and the make-up Saturday 11 Oct); decided on the 4th, Monday 13 Oct: late.
      await one(MOVE, shangcheng, "2025-09-30", 4, "approved", { a: "upload" }, 2),
      // 即办, rejected the same day: on time, 0 days.
      await one(FLEXIBLE, chunan, "2025-10-09", 0, "rejected", { a: "exchange" }, 3),
      // Friday 26 Sep; 5 working days: Sun 28 Sep (make-up), 29, 30 Sep, 9, 10 Oct: decided 10 Oct.
      await one(ID_CARD, chunan, "2025-09-26", 5, "approved", { a: "upload" }),
      // Still being handled.
      await one(MOVE, shangcheng, "2025-10-10", 0, "open", { a: "exchange" }),
    ]);
  });
  afterAll(() => t?.close());

  const stats = async (query: string) => {
    const leader = await signIn(t.app, "leader");
    const res = await leader.get(`/api/stats/applications?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const PERIOD = "from=2025-09-26&to=2025-10-31";

  it("is for leaders and auditors only, and checks the period", async () => {
    expect((await t.app.inject({ url: `/api/stats/applications?${PERIOD}` })).statusCode).toBe(401);
    const citizen = await signIn(t.app, "resident01");
    expect((await citizen.get(`/api/stats/applications?${PERIOD}`)).statusCode).toBe(403);
    const officer = await signIn(t.app, "officer");
    expect((await officer.get(`/api/stats/applications?${PERIOD}`)).statusCode).toBe(403);
    const auditor = await signIn(t.app, "auditor");
    expect((await auditor.get(`/api/stats/applications?${PERIOD}`)).statusCode).toBe(200);
    const leader = await signIn(t.app, "leader");
    const reversed = await leader.get("/api/stats/applications?from=2025-10-31&to=2025-09-26");
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: "VALIDATION", field: "querystring.from" });
    const impossible = await leader.get("/api/stats/applications?from=2025-02-30&to=2025-03-01");
    expect(impossible.statusCode).toBe(400);
    const tooLong = await leader.get("/api/stats/applications?from=2020-01-01&to=2025-01-01");
    expect(tooLong.statusCode).toBe(400);
  });

  it("computes volume, on-time rate and working days across the national day holiday", async () => {
    const body = await stats(PERIOD);
    expect(body.period).toEqual({ from: "2025-09-26", to: "2025-10-31" });
    expect(body.totals).toMatchObject({
      submitted: 5,
      concluded: 4,
      approved: 3,
      rejected: 1,
      withDueDate: 4,
      onTime: 3,
      onTimeRate: 0.75,
      // (3 + 4 + 0 + 5) / 4
      averageWorkingDays: 3,
      applications: { submitted: 5, concluded: 4, approved: 3, rejected: 1, partial: 0 },
      // One window visit saved by each item that needs none; the ID card still needs its visit.
      visitsSaved: 3,
      materials: { exchange: 4, upload: 2, exchangeShare: 0.6667 },
      ratings: { count: 3, levels: [0, 1, 1, 0, 1], average: 3.33, satisfied: 2, satisfactionRate: 0.6667 },
    });
    const move = body.byItem.find((i: { code: string }) => i.code === MOVE);
    expect(move).toMatchObject({
      name: "户口迁移（市内迁移）",
      kind: "item",
      submitted: 3,
      concluded: 2,
      onTime: 1,
      onTimeRate: 0.5,
      averageWorkingDays: 3.5,
    });
    const ga = body.byDepartment.find((d: { code: string }) => d.code === "HZ-GA");
    expect(ga).toMatchObject({ name: "杭州市公安局", submitted: 4, concluded: 3, onTime: 2, visitsSaved: 2 });
    const rs = body.byDepartment.find((d: { code: string }) => d.code === "HZ-RS");
    expect(rs).toMatchObject({
      submitted: 1,
      concluded: 1,
      rejected: 1,
      onTimeRate: 1,
      averageWorkingDays: 0,
    });
    expect(body.byDistrict.map((d: { code: string; name: string }) => [d.code, d.name]).sort()).toEqual([
      ["330102", "上城区"],
      ["330127", "淳安县"],
    ]);
    const chunan = body.byDistrict.find((d: { code: string }) => d.code === "330127");
    expect(chunan).toMatchObject({ submitted: 2, concluded: 2, onTime: 2, visitsSaved: 1 });

    expect(body.daily).toHaveLength(36);
    const day = (date: string) => body.daily.find((d: { date: string }) => d.date === date);
    expect(day("2025-10-10")).toMatchObject({ submitted: 1, concluded: 2, onTime: 2 });
    expect(day("2025-10-13")).toMatchObject({ concluded: 1, onTime: 0 });
    expect(day("2025-10-03")).toMatchObject({ submitted: 0, concluded: 0 });
  });

  it("applies the filters to every figure", async () => {
    const idCard = await stats(`${PERIOD}&item=${ID_CARD}`);
    expect(idCard.totals).toMatchObject({ submitted: 1, concluded: 1, onTime: 1, visitsSaved: 0 });
    expect(idCard.totals.averageWorkingDays).toBe(5);
    const district = await stats(`${PERIOD}&district=330102`);
    expect(district.totals).toMatchObject({ submitted: 3, concluded: 2, onTime: 1, onTimeRate: 0.5 });
    expect(district.totals.ratings).toMatchObject({ count: 2, average: 3.5 });
    const rs = await stats(`${PERIOD}&department=HZ-RS`);
    expect(rs.totals).toMatchObject({ submitted: 1, concluded: 1, materials: { exchange: 1, upload: 0 } });
    const october = await stats("from=2025-10-11&to=2025-10-31");
    expect(october.totals).toMatchObject({ submitted: 0, concluded: 1, onTime: 0, onTimeRate: 0 });
  });

  it("sees the demo's last 60 days by default", async () => {
    const body = await stats("");
    expect(body.daily).toHaveLength(30);
    expect(body.totals.concluded).toBeGreaterThan(20);
    expect(body.totals.onTimeRate).toBeGreaterThan(0.5);
    expect(body.byDistrict.length).toBeGreaterThan(2);
  });
});
