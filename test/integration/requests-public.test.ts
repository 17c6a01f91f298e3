import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PublicRequest, PublicRequestPage } from "../../shared/requests/public.js";
import { makeCreditCode, makeIdNumber } from "../../src/modules/identity/index.js";
import { plugClassifier } from "../../src/modules/requests/index.js";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

// The demo citizen (林晓雨, 13857160218) and numbers that must never reach the public.
const OWN_NAME = "林晓雨";
const OWN_PHONE = "13857160218";
const ID_NUMBER = makeIdNumber("330106", "19920517", 124);
const CREDIT_CODE = makeCreditCode("91", "330106", "MA2KQ7T8");
const HOME = { lat: 30.2861234, lng: 120.1047891 };
const SECRETS = [
  OWN_NAME,
  "晓雨",
  OWN_PHONE,
  "5716",
  ID_NUMBER,
  CREDIT_CODE,
  "lxy.private@example.cn",
  "浙A·7K3B9",
  "6222021234567890128",
  "0571-8765",
  "87654321",
  "张伟",
  "陈志强",
  "501室",
  "12幢",
  "30.286123",
  "120.104789",
  "卢卫东",
  "13911112222",
];

describe.each(testDatabases())("the public view of requests (%s)", (kind) => {
  let t: TestPlatform;
  const as: Record<string, Client> = {};
  const ids: Record<string, string> = {};

  const route = (category: string, department: string) =>
    plugClassifier(() => ({ category, department, confidence: 0.95 }));
  const file = async (who: Client, body: Record<string, unknown>) => {
    const res = await who.post("/api/requests", body);
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const anon = (url: string) => t.app.inject({ method: "GET", url });
  /** Every public page, following the cursor, as the raw bodies and the parsed items. */
  const everything = async (query = "") => {
    const bodies: string[] = [];
    const items: PublicRequest[] = [];
    let cursor: string | null = null;
    do {
      const res = await anon(
        `/api/public/requests?limit=7${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      bodies.push(res.body);
      const page = res.json() as PublicRequestPage;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return { body: bodies.join("\n"), items };
  };

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    for (const u of ["citizen", "citizen2", "hotline", "officer9"]) {
      as[u] = await signIn(t.app, u);
    }
    route("environment-noise", "HZ-ST");
    ids.noise = await file(as.citizen as Client, {
      title: `${OWN_NAME}反映邻居装修`,
      description: [
        `我叫${OWN_NAME}，住在翠苑一区12幢3单元501室，手机 +86 138 5716 0218，座机0571-87654321。`,
        "楼上邻居张先生（我叫张伟的是他儿子）每天晚上十一点还在装修，物业经理陈志强不管。",
        `身份证${ID_NUMBER}，装修公司信用代码${CREDIT_CODE}，车牌浙A·7K3B9，退款卡号6222 0212 3456 7890 128，`,
        "邮箱 lxy.private@example.cn，晓雨留。",
      ].join(""),
      address: "西湖区翠苑一区12幢3单元501室",
      lat: HOME.lat,
      lng: HOME.lng,
      contactName: OWN_NAME,
      contactPhone: OWN_PHONE,
    });
    route("transport-roads", "HZ-JT");
    ids.road = await file(as.citizen2 as Client, {
      description: "文二西路与学院路口的路面塌陷了一个坑，电动车很危险",
      address: "西湖区文二西路 66 号附近",
      lat: 30.2878912,
      lng: 120.1234567,
    });
    ids.hidden = await file(as.citizen as Client, {
      description: "路灯不亮，但我不希望公开展示",
      address: "西湖区文三路",
      lat: 30.28,
      lng: 120.13,
      publicView: false,
    });
    route("labour-wages", "HZ-RS");
    ids.wages = await file(as.citizen2 as Client, {
      description: "公司拖欠我三个月工资，老板卢卫东不接电话",
    });
    route("construction-cityscape", "HZ-CG");
    const hotline = await (as.hotline as Client).post("/api/requests/hotline", {
      description: "来电人卢卫东反映：小区门口垃圾桶满了没人清运，电话13911112222",
      callerName: "卢卫东",
      callerPhone: "139 1111 2222",
      address: "拱墅区和睦街道和睦新村8幢",
    });
    expect(hotline.statusCode, hotline.body).toBe(201);
    ids.hotline = (hotline.json() as { id: string }).id;
    plugClassifier(null);
  });
  afterEach(() => plugClassifier(null));
  afterAll(() => t?.close());

  it("answers without signing in and never sends a requester's name, numbers or exact home", async () => {
    const { body, items } = await everything();
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.noise, ids.road, ids.hotline]));
    for (const secret of SECRETS) {
      expect(body, secret).not.toContain(secret);
    }
    // Nor any demo requester's name or phone number, nor any account id.
    const rows = await t.platform.database.db
      .selectFrom("requests")
      .select(["contact_name", "contact_phone", "requester_account_id"])
      .execute();
    for (const r of rows) {
      for (const v of [r.contact_name, r.contact_phone, r.requester_account_id]) {
        if (v) {
          expect(body, v).not.toContain(v);
        }
      }
    }
    for (const field of ["contactName", "contactPhone", "requester", "photos", "mediaUrl", "channel"]) {
      expect(body).not.toContain(`"${field}"`);
    }
  });

  it("masks with tokens, generalises the address and snaps a home to the coarse grid", async () => {
    const res = await anon(`/api/public/requests/${ids.noise}`);
    expect(res.statusCode, res.body).toBe(200);
    const noise = res.json() as PublicRequest;
    expect(noise.description).toContain(
      "我叫【姓名】，住在翠苑一区【门牌号】，手机 【电话】，座机【电话】。",
    );
    expect(noise.description).toContain("【姓名】先生");
    expect(noise.description).toContain("【身份证号】");
    expect(noise.description).toContain("【信用代码】");
    expect(noise.description).toContain("【车牌】");
    expect(noise.description).toContain("【银行卡号】");
    expect(noise.title).toBe("【姓名】反映邻居装修");
    expect(noise.address).toBe("西湖区翠苑一区");
    expect(noise.district).toEqual({ code: "330106", name: "西湖区" });
    expect(noise.location).toEqual({ lat: 30.286, lng: 120.106, kind: "private", cellMetres: 445 });
    expect(noise.category?.code).toBe("environment-noise");
    expect(noise.department?.code).toBe("HZ-ST");

    const road = (await anon(`/api/public/requests/${ids.road}`)).json() as PublicRequest;
    expect(road.location).toEqual({ lat: 30.2875, lng: 120.1235, kind: "public", cellMetres: 111 });
    expect(road.address).toBe("西湖区文二西路 附近");
  });

  it("leaves out what the requester did not want public, sensitive categories, and what they withdraw", async () => {
    const { items } = await everything();
    const shown = new Set(items.map((i) => i.id));
    expect(shown.has(ids.hidden as string)).toBe(false);
    expect(shown.has(ids.wages as string)).toBe(false);
    expect((await anon(`/api/public/requests/${ids.hidden}`)).statusCode).toBe(404);
    expect((await anon(`/api/public/requests/${ids.wages}`)).statusCode).toBe(404);
    expect(items.every((i) => !["labour", "health"].some((p) => i.category?.code.startsWith(p)))).toBe(true);

    // Only the requester may withdraw it (another citizen: 404); then it is gone, and may come back.
    const put = (who: Client, value: boolean) =>
      who.request({
        method: "PUT",
        url: `/api/requests/${ids.road}/public-view`,
        payload: { publicView: value },
      });
    expect((await put(as.citizen as Client, false)).statusCode).toBe(404);
    expect((await put(as.citizen2 as Client, false)).statusCode).toBe(200);
    expect((await anon(`/api/public/requests/${ids.road}`)).statusCode).toBe(404);
    expect(
      ((await (as.citizen2 as Client).get(`/api/requests/${ids.road}`)).json() as { publicView: boolean })
        .publicView,
    ).toBe(false);
    const entry = await t.platform.database.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("action", "=", "requests.public_view")
      .executeTakeFirst();
    expect(entry).toBeDefined();
    expect((await put(as.citizen2 as Client, true)).statusCode).toBe(200);
    expect((await anon(`/api/public/requests/${ids.road}`)).statusCode).toBe(200);
  });

  it("filters by category, status, district, box and text on the published form only", async () => {
    const byCategory = await everything("&category=environment");
    expect(byCategory.items.length).toBeGreaterThan(0);
    expect(byCategory.items.every((i) => i.category?.path[0] === "环境保护")).toBe(true);

    const byDistrict = await everything("&district=330105");
    expect(byDistrict.items.map((i) => i.id)).toContain(ids.hotline);
    expect(byDistrict.items.every((i) => i.district?.code === "330105")).toBe(true);

    const dispatched = await everything("&status=dispatched");
    expect(dispatched.items.every((i) => i.status === "dispatched")).toBe(true);

    // A tiny box around the exact home finds nothing: only the published cell centre counts.
    const exact = `&bbox=${HOME.lng - 0.0001},${HOME.lat - 0.0001},${HOME.lng + 0.0001},${HOME.lat + 0.0001}`;
    expect((await everything(exact)).items.map((i) => i.id)).not.toContain(ids.noise);
    const cell = "&bbox=120.1055,30.2855,120.1065,30.2865";
    expect((await everything(cell)).items.map((i) => i.id)).toContain(ids.noise);

    // Searching for a removed name or number finds nothing; published words are found.
    for (const q of [OWN_NAME, "陈志强", "13857160218", "501"]) {
      expect((await everything(`&text=${encodeURIComponent(q)}`)).items, q).toEqual([]);
    }
    expect((await everything(`&text=${encodeURIComponent("装修")}`)).items.map((i) => i.id)).toContain(
      ids.noise,
    );
  });

  it("answers bad filters with 400 problem+json naming the field", async () => {
    for (const [query, field] of [
      ["bbox=1,2,3", "querystring.bbox"],
      ["bbox=120.2,30.3,120.1,30.2", "querystring.bbox"],
      ["bbox=a,b,c,d", "querystring.bbox"],
      ["status=lost", "querystring.status"],
      ["category=no-such-thing", "querystring.category"],
      ["category=labour-wages", "querystring.category"],
      ["district=999999", "querystring.district"],
      ["district=west", "querystring.district"],
      ["cursor=bm90LWEtY3Vyc29y", "querystring.cursor"],
      ["limit=0", "querystring.limit"],
      ["name=x", "querystring"],
    ] as const) {
      const res = await anon(`/api/public/requests?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect((res.json() as { field?: string }).field ?? "", query).toContain(field);
    }
    expect((await anon("/api/public/requests/not-a-uuid")).statusCode).toBe(400);
    expect((await anon("/api/public/requests/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });

  it("offers the city's districts and only the categories it shows", async () => {
    const res = await anon("/api/public/requests/filters");
    expect(res.statusCode).toBe(200);
    const filters = res.json() as {
      districts: { code: string; name: string }[];
      categories: { code: string }[];
    };
    expect(filters.districts).toContainEqual({ code: "330106", name: "西湖区" });
    const codes = filters.categories.map((c) => c.code);
    expect(codes).toContain("transport-roads");
    expect(codes).not.toContain("labour-wages");
    expect(codes).not.toContain("health-maternal");
  });
});
