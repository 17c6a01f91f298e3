import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/modules/ledger/index.js";
import { categories, insertPastRequests, type PastRequest } from "../../src/modules/requests/index.js";
import { signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

/** An instant in China time. */
const at = (local: string) => new Date(`${local}+08:00`);
const visit = (local: string, resolved: boolean, satisfied: boolean) => ({
  at: at(local),
  resolved,
  satisfied,
});

/**
 * A hand-built October 2025, long before the demo's months: 欠薪 (labour-wages, contact within 24 h)
 * for 杭州市人社局, 食品安全 (commerce-food, 12 h) for 杭州市市场监管局 and 西湖区市场监管局.
 */
const OCTOBER: PastRequest[] = [
  // 0 HZ-RS: contacted after 2 h, replied, resolved and satisfied.
  {
    category: "labour-wages",
    department: "HZ-RS",
    dispatchedAt: at("2025-10-09T10:00:00"),
    contactAt: at("2025-10-09T12:00:00"),
    repliedAt: at("2025-10-10T10:00:00"),
    visit: visit("2025-10-12T10:00:00", true, true),
  },
  // 1 HZ-RS: contacted after 48 h (late), resolved, not satisfied.
  {
    category: "labour-wages",
    department: "HZ-RS",
    dispatchedAt: at("2025-10-13T10:00:00"),
    contactAt: at("2025-10-15T10:00:00"),
    repliedAt: at("2025-10-16T10:00:00"),
    visit: visit("2025-10-18T10:00:00", true, false),
  },
  // 2 HZ-RS: never contacted.
  { category: "labour-wages", department: "HZ-RS", dispatchedAt: at("2025-10-20T10:00:00") },
  // 3 HZ-RS: the reply within 8 h is the contact; not resolved (re-opened), not satisfied.
  {
    category: "labour-wages",
    department: "HZ-RS",
    dispatchedAt: at("2025-10-21T10:00:00"),
    repliedAt: at("2025-10-21T18:00:00"),
    visit: visit("2025-10-23T10:00:00", false, false),
  },
  // 4 a duplicate of 0: not counted.
  {
    category: "labour-wages",
    department: "HZ-RS",
    dispatchedAt: at("2025-10-09T12:00:00"),
    contactAt: at("2025-10-09T13:00:00"),
    duplicateOf: 0,
  },
  // 5 dispatched at 23:00 on 30 September in China: September's, not October's.
  {
    category: "labour-wages",
    department: "HZ-RS",
    dispatchedAt: at("2025-09-30T23:00:00"),
    contactAt: at("2025-10-01T09:00:00"),
    repliedAt: at("2025-10-02T09:00:00"),
    visit: visit("2025-10-03T09:00:00", true, true),
  },
  // 6 dispatched at 23:30 on 31 October in China: October's; contacted in time.
  {
    category: "labour-wages",
    department: "HZ-RS",
    dispatchedAt: at("2025-10-31T23:30:00"),
    contactAt: at("2025-11-01T01:00:00"),
  },
  // 7 HZ-SCJG, first sent to HZ-RS which returned it: counted once, for HZ-SCJG; 11 h: in time.
  {
    category: "commerce-food",
    department: "HZ-SCJG",
    returnedBy: "HZ-RS",
    dispatchedAt: at("2025-10-10T09:00:00"),
    contactAt: at("2025-10-10T20:00:00"),
    repliedAt: at("2025-10-12T09:00:00"),
    visit: visit("2025-10-13T09:00:00", true, true),
  },
  // 8 HZ-SCJG: contacted after 13 h of 12 (late).
  {
    category: "commerce-food",
    department: "HZ-SCJG",
    dispatchedAt: at("2025-10-11T09:00:00"),
    contactAt: at("2025-10-11T22:00:00"),
    repliedAt: at("2025-10-13T09:00:00"),
    visit: visit("2025-10-14T09:00:00", true, true),
  },
  // 9 HZ-SCJG: anonymous, replied, never visited: only in the response rate.
  {
    category: "commerce-food",
    department: "HZ-SCJG",
    anonymous: true,
    dispatchedAt: at("2025-10-12T09:00:00"),
    contactAt: at("2025-10-12T10:00:00"),
    repliedAt: at("2025-10-14T09:00:00"),
  },
  // 10 XH-SCJG (西湖区): contacted in time, not replied yet.
  {
    category: "commerce-food",
    department: "XH-SCJG",
    dispatchedAt: at("2025-10-15T09:00:00"),
    contactAt: at("2025-10-15T11:00:00"),
  },
];

describe.each(testDatabases())("the three rates of 接诉即办 (%s)", (kind) => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    await insertPastRequests(t.platform.ctx, OCTOBER);
    // November 2025: one request under an imported third-level category of 食品安全.
    await categories.importCategoriesCsv(
      t.platform.ctx,
      { actor: SYSTEM, requestId: null },
      "level1,level2,level3\n商贸旅游,食品安全,外卖餐饮\n",
    );
    const takeaway = await t.platform.ctx.db
      .selectFrom("request_categories")
      .select("code")
      .where("parent_code", "=", "commerce-food")
      .where("name", "=", "外卖餐饮")
      .executeTakeFirstOrThrow();
    await insertPastRequests(t.platform.ctx, [
      {
        category: takeaway.code,
        department: "HZ-SCJG",
        dispatchedAt: at("2025-11-05T09:00:00"),
        contactAt: at("2025-11-05T10:00:00"),
      },
    ]);
    // HZ-MZ (民政局): dispatched an hour ago, not contacted, inside its 24 h: not yet judged.
    await insertPastRequests(t.platform.ctx, [
      { category: "labour-welfare", department: "HZ-MZ", dispatchedAt: new Date(Date.now() - 3_600_000) },
    ]);
  });
  afterAll(() => t?.close());

  const rates = async (query: string, username = "leader") => {
    const client = await signIn(t.app, username);
    const res = await client.get(`/api/requests/rates?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("is for leaders, auditors and the 12345 centre", async () => {
    const url = "/api/requests/rates?period=2025-10";
    expect((await t.app.inject({ url })).statusCode).toBe(401);
    for (const username of ["citizen", "enterprise", "officer2"]) {
      const res = await (await signIn(t.app, username)).get(url);
      expect(res.statusCode, username).toBe(403);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
    for (const username of ["leader", "auditor", "dispatcher"]) {
      expect((await (await signIn(t.app, username)).get(url)).statusCode, username).toBe(200);
    }
  });

  it("refuses bad parameters, naming the field", async () => {
    const leader = await signIn(t.app, "leader");
    const cases: [string, string][] = [
      ["groupBy=street", "querystring.groupBy"],
      ["period=2025-13", "querystring.period"],
      ["period=2025-Q5", "querystring.period"],
      ["period=last-month", "querystring.period"],
      ["period=2025-10&from=2025-10-01", "querystring.period"],
      ["from=2025-10-31&to=2025-10-01", "querystring.from"],
      ["from=2025-02-30", "querystring.from"],
      ["months=0", "querystring.months"],
      ["department=ZZ-NONE", "querystring.department"],
      ["colour=red", "querystring.colour"],
    ];
    for (const [query, field] of cases) {
      const res = await leader.get(`/api/requests/rates?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
      const body = res.json();
      expect(body.code, query).toBe("VALIDATION");
      expect(`${body.field ?? ""} ${body.detail}`, query).toContain(field.replace("querystring.", ""));
    }
  });

  it("counts, divides, weighs and ranks by department", async () => {
    const body = await rates("groupBy=department&period=2025-10&months=2");
    expect(body.period).toEqual({ from: "2025-10-01", to: "2025-10-31", label: "2025-10" });
    expect(body.weights).toEqual({ response: 0.1, resolution: 0.45, satisfaction: 0.45 });
    expect(body.totals).toEqual({
      dispatched: 9,
      responseDue: 9,
      respondedOnTime: 6,
      replied: 6,
      visited: 5,
      resolved: 4,
      satisfied: 3,
      responseRate: 0.6667,
      resolutionRate: 0.8,
      satisfactionRate: 0.6,
      // 100 × (0.1 × 6/9 + 0.45 × 4/5 + 0.45 × 3/5)
      composite: 69.67,
    });
    expect(body.rows).toEqual([
      {
        key: "HZ-SCJG",
        name: "杭州市市场监督管理局",
        nameEn: expect.any(String),
        rank: 1,
        dispatched: 3,
        responseDue: 3,
        respondedOnTime: 2,
        replied: 3,
        visited: 2,
        resolved: 2,
        satisfied: 2,
        responseRate: 0.6667,
        resolutionRate: 1,
        satisfactionRate: 1,
        composite: 96.67,
      },
      {
        key: "HZ-RS",
        name: "杭州市人力资源和社会保障局",
        nameEn: expect.any(String),
        rank: 2,
        dispatched: 5,
        responseDue: 5,
        respondedOnTime: 3,
        replied: 3,
        visited: 3,
        resolved: 2,
        satisfied: 1,
        responseRate: 0.6,
        resolutionRate: 0.6667,
        satisfactionRate: 0.3333,
        // 100 × (0.06 + 0.3 + 0.15)
        composite: 51,
      },
      {
        key: "XH-SCJG",
        name: expect.stringContaining("西湖区"),
        nameEn: expect.any(String),
        rank: null,
        dispatched: 1,
        responseDue: 1,
        respondedOnTime: 1,
        replied: 0,
        visited: 0,
        resolved: 0,
        satisfied: 0,
        responseRate: 1,
        resolutionRate: null,
        satisfactionRate: null,
        composite: null,
      },
    ]);
    expect(body.trend).toEqual([
      expect.objectContaining({
        month: "2025-09",
        dispatched: 1,
        respondedOnTime: 1,
        visited: 1,
        composite: 100,
      }),
      expect.objectContaining({ month: "2025-10", dispatched: 9, composite: 69.67 }),
    ]);
  });

  it("groups by district, by first- and second-level category, and filters a department", async () => {
    const district = await rates("groupBy=district&period=2025-10");
    expect(
      district.rows.map((r: { key: string; name: string; rank: number | null }) => [r.key, r.name, r.rank]),
    ).toEqual([
      ["330100", "杭州市", 1],
      ["330106", "西湖区", null],
    ]);
    // 杭州市: 8 dispatched, 5 in time, 5 visited, 4 resolved, 3 satisfied.
    expect(district.rows[0]).toMatchObject({
      dispatched: 8,
      respondedOnTime: 5,
      visited: 5,
      composite: 69.25,
    });

    const category = await rates("groupBy=category&period=2025-10");
    expect(category.rows.map((r: { key: string; composite: number | null }) => [r.key, r.composite])).toEqual(
      [
        ["commerce", 97.5],
        ["labour", 51],
      ],
    );
    expect(category.rows[0]).toMatchObject({ dispatched: 4, respondedOnTime: 3, visited: 2 });
    const sub = await rates("groupBy=subcategory&period=2025-10");
    expect(sub.rows.map((r: { key: string }) => r.key)).toEqual(["commerce-food", "labour-wages"]);
    expect(sub.rows[1].name).toContain(" / ");
    // A third-level category rolls up into its second and first levels.
    const november = await rates("groupBy=subcategory&period=2025-11");
    expect(november.rows.map((r: { key: string; dispatched: number }) => [r.key, r.dispatched])).toEqual([
      ["commerce-food", 1],
    ]);
    const novemberTop = await rates("groupBy=category&period=2025-11");
    expect(novemberTop.rows.map((r: { key: string }) => r.key)).toEqual(["commerce"]);

    const rs = await rates("groupBy=department&from=2025-09-01&to=2025-10-31&department=HZ-RS&months=3");
    expect(rs.filters).toEqual({ department: "HZ-RS" });
    expect(rs.totals).toMatchObject({
      dispatched: 6,
      respondedOnTime: 4,
      visited: 4,
      resolved: 3,
      satisfied: 2,
    });
    expect(rs.rows).toHaveLength(1);
    expect(rs.trend.map((p: { month: string; dispatched: number }) => [p.month, p.dispatched])).toEqual([
      ["2025-08", 0],
      ["2025-09", 1],
      ["2025-10", 5],
    ]);
    expect(rs.trend[0]).toMatchObject({ responseRate: null, resolutionRate: null, composite: null });
  });

  it("does not judge a response before its deadline, and shows nothing as null, not 0", async () => {
    const body = await rates("groupBy=department&department=HZ-MZ");
    expect(body.totals).toMatchObject({
      dispatched: 1,
      responseDue: 0,
      respondedOnTime: 0,
      responseRate: null,
      resolutionRate: null,
      satisfactionRate: null,
      composite: null,
    });
    const empty = await rates("period=2024-Q1");
    expect(empty.rows).toEqual([]);
    expect(empty.totals).toMatchObject({ dispatched: 0, responseRate: null, composite: null });
    expect(JSON.stringify(empty)).not.toContain("NaN");
  });

  it("shows the demo's months with varied rates", async () => {
    const body = await rates("groupBy=department&months=6");
    expect(body.trend).toHaveLength(6);
    // A period running into the future: the trend stops at this month.
    const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const ahead = await rates(`period=${Number(thisMonth.slice(0, 4)) + 1}`);
    expect(ahead.trend.at(-1).month).toBe(thisMonth);
    expect(ahead.totals.dispatched).toBe(0);
    for (const point of body.trend.slice(0, 5)) {
      expect(point.dispatched).toBeGreaterThan(30);
      expect(point.composite).toBeGreaterThan(50);
      expect(point.composite).toBeLessThan(100);
    }
    const year = await rates("groupBy=department&from=2026-01-01");
    const composites = year.rows
      .map((r: { composite: number | null }) => r.composite)
      .filter((c: number | null) => c !== null);
    expect(composites.length).toBeGreaterThan(8);
    expect(Math.max(...composites) - Math.min(...composites)).toBeGreaterThan(10);
    expect(year.rows.some((r: { responseRate: number }) => r.responseRate < 0.85)).toBe(true);
  });
});
