import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";
import { parseXml, record } from "../support/xml.js";

/**
 * A conformance suite written from the Open311 GeoReport v2 specification: the six methods in JSON
 * and XML, their field names, ISO 8601 dates with a time zone, the api_key, the token flow, and
 * errors as an array of {code, description} with 400, 403 and 404.
 */
const BASE = "/open311/v2";
const SERVICE_FIELDS = [
  "service_code",
  "service_name",
  "description",
  "metadata",
  "type",
  "keywords",
  "group",
];
const REQUEST_FIELDS = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
];
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe.each(testDatabases())("Open311 GeoReport v2 conformance (%s)", (kind) => {
  let t: TestPlatform;
  let admin: Client;
  let apiKey: string;

  const get = (url: string) => t.app.inject({ method: "GET", url: `${BASE}${url}` });
  const post = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url: `${BASE}${url}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form(fields),
    });
  const valid = () => ({
    api_key: apiKey,
    service_code: "construction-utilities",
    lat: "30.2567",
    long: "120.1689",
    description: "东坡路第 27 号路灯闪烁一周了。",
  });
  const expectErrors = (res: { statusCode: number; json(): unknown }, status: number, pattern: RegExp) => {
    expect(res.statusCode).toBe(status);
    const body = res.json() as { code: number; description: string }[];
    expect(Array.isArray(body)).toBe(true);
    expect(body[0]).toEqual({ code: status, description: expect.stringMatching(pattern) });
  };

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    admin = await signIn(t.app, "admin");
    const created = await admin.post("/api/open311/keys", { name: "城市 App" });
    expect(created.statusCode).toBe(201);
    apiKey = created.json().key;
    expect(apiKey).toMatch(/^o311_[A-Za-z0-9_-]{40,}$/);
  });
  afterAll(() => t?.close());

  describe("GET Service List", () => {
    it("lists services in JSON with the spec's fields", async () => {
      const res = await get("/services.json");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/json; charset=utf-8/);
      const list = res.json() as Record<string, unknown>[];
      expect(list.length).toBeGreaterThanOrEqual(30);
      for (const s of list) {
        expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
        expect(typeof s.metadata).toBe("boolean");
        expect(["realtime", "batch", "blackbox"]).toContain(s.type);
        expect(typeof s.keywords).toBe("string");
      }
      expect(list.find((s) => s.service_code === "commerce-food")).toMatchObject({
        service_name: "食品安全",
        group: "商贸旅游",
      });
    });

    it("lists the same services in XML, UTF-8 with the declaration", async () => {
      const res = await get("/services.xml");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/xml; charset=utf-8/);
      expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
      const root = parseXml(res.body);
      expect(root.name).toBe("services");
      const json = (await get("/services.json")).json() as { service_code: string }[];
      expect(root.children.map((c) => record(c).service_code)).toEqual(json.map((s) => s.service_code));
      expect(Object.keys(record(root.children[0] as never)).sort()).toEqual([...SERVICE_FIELDS].sort());
    });

    it("answers for its own jurisdiction_id and 404 for another", async () => {
      expect((await get("/services.json?jurisdiction_id=hangzhou.yimen.local")).statusCode).toBe(200);
      expectErrors(await get("/services.json?jurisdiction_id=elsewhere.example"), 404, /jurisdiction_id/);
    });
  });

  describe("GET Service Definition", () => {
    it("gives the service code and its (empty) attributes", async () => {
      const res = await get("/services/commerce-food.json");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ service_code: "commerce-food", attributes: [] });
      const xml = parseXml((await get("/services/commerce-food.xml")).body);
      expect(xml.name).toBe("service_definition");
      expect(xml.children.map((c) => c.name)).toEqual(["service_code", "attributes"]);
    });

    it("answers 404 for an unknown service code, in the asked format", async () => {
      expectErrors(await get("/services/no-such-service.json"), 404, /no-such-service/);
      const xml = await get("/services/no-such-service.xml");
      expect(xml.statusCode).toBe(404);
      const errors = parseXml(xml.body);
      expect(errors.name).toBe("errors");
      expect(record(errors.children[0] as never)).toMatchObject({ code: "404" });
    });
  });

  describe("POST Service Request", () => {
    it("creates a request from a form-encoded body and returns its id, token and notice", async () => {
      const res = await post("/requests.json", valid());
      expect(res.statusCode).toBe(201);
      const [created] = res.json() as Record<string, unknown>[];
      expect(Object.keys(created as object).sort()).toEqual([
        "account_id",
        "service_notice",
        "service_request_id",
        "token",
      ]);
      expect(created?.service_request_id).toMatch(/^YM\d{14}$/);
    });

    it("accepts the api_key in the query string and a JSON body, and answers in XML", async () => {
      const { api_key, ...fields } = valid();
      const res = await t.app.inject({
        method: "POST",
        url: `${BASE}/requests.xml?api_key=${encodeURIComponent(api_key)}`,
        payload: { ...fields, address_string: "上城区东坡路 27 号" },
      });
      expect(res.statusCode).toBe(201);
      const root = parseXml(res.body);
      expect(root.name).toBe("service_requests");
      expect(record(root.children[0] as never).service_request_id).toMatch(/^YM/);
    });

    it("refuses a missing, wrong or revoked api_key with 403", async () => {
      const { api_key: _omit, ...noKey } = valid();
      expectErrors(await post("/requests.json", noKey), 403, /api_key/);
      expectErrors(await post("/requests.json", { ...valid(), api_key: "o311_wrong" }), 403, /api_key/);
      const other = (await admin.post("/api/open311/keys", { name: "revoked" })).json();
      expect((await admin.delete(`/api/open311/keys/${other.id}`)).statusCode).toBe(204);
      expectErrors(await post("/requests.json", { ...valid(), api_key: other.key }), 403, /revoked/);
    });

    it("refuses a missing or unknown service code, a missing or invalid location, and bad descriptions with 400", async () => {
      const { service_code: _c, ...noCode } = valid();
      expectErrors(await post("/requests.json", noCode), 400, /service_code/);
      expectErrors(
        await post("/requests.json", { ...valid(), service_code: "unicorns" }),
        400,
        /service_code unicorns/,
      );
      const { lat: _lat, long: _long, ...noWhere } = valid();
      expectErrors(await post("/requests.json", noWhere), 400, /location is required/);
      expectErrors(await post("/requests.json", { ...valid(), lat: "91" }), 400, /lat must be a latitude/);
      expectErrors(await post("/requests.json", { ...valid(), long: "east" }), 400, /long must be a number/);
      expectErrors(await post("/requests.json", { ...valid(), lat: "30.2", long: "" }), 400, /long/);
      expectErrors(
        await post("/requests.json", { ...valid(), description: "   " }),
        400,
        /description is required/,
      );
      expectErrors(
        await post("/requests.json", { ...valid(), description: "路".repeat(4001) }),
        400,
        /at most 4,000 characters/,
      );
      expect((await post("/requests.json", { ...valid(), description: "路".repeat(4000) })).statusCode).toBe(
        201,
      );
    });

    it("errors in XML when XML was asked for", async () => {
      const res = await post("/requests.xml", { ...valid(), api_key: "nope" });
      expect(res.statusCode).toBe(403);
      expect(res.headers["content-type"]).toMatch(/^text\/xml/);
      const root = parseXml(res.body);
      expect(root.name).toBe("errors");
      expect(record(root.children[0] as never)).toEqual({
        code: "403",
        description: expect.stringMatching(/api_key/),
      });
    });
  });

  describe("token flow, GET Service Request and GET Service Requests", () => {
    let id: string;
    let token: string;
    beforeAll(async () => {
      const [created] = (
        await post("/requests.json", {
          ...valid(),
          service_code: "environment-noise",
          description: '<script>alert("x")</script> 夜里 KTV 太吵，我的电话 13857160218',
          first_name: "晓雨",
          last_name: "林",
          email: "lin@example.cn",
          phone: "13857160218",
          media_url: "https://img.example.cn/noise.jpg",
        })
      ).json() as { service_request_id: string; token: string }[];
      id = created?.service_request_id as string;
      token = created?.token as string;
    });

    it("gives the service_request_id for a token (and 404 for an unknown one)", async () => {
      const res = await get(`/tokens/${token}.json`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual([{ service_request_id: id, token }]);
      const xml = parseXml((await get(`/tokens/${token}.xml`)).body);
      expect(record(xml.children[0] as never)).toEqual({ service_request_id: id, token });
      expectErrors(await get("/tokens/unknown-token.json"), 404, /token/);
    });

    it("gives one request with exactly the spec's fields and dates with a time zone", async () => {
      const res = await get(`/requests/${id}.json`);
      expect(res.statusCode).toBe(200);
      const [r] = res.json() as Record<string, unknown>[];
      expect(Object.keys(r as object).sort()).toEqual([...REQUEST_FIELDS].sort());
      expect(r).toMatchObject({
        service_request_id: id,
        status: "open",
        service_code: "environment-noise",
        service_name: "噪声污染",
        // Anyone may read this: the public view's published form (docs/requests-public.md). Noise
        // may come from someone's home, so the point is the centre of its ≈ 445 m cell, and no photo.
        media_url: null,
      });
      expect(Math.abs((r?.lat as number) - 30.2567)).toBeLessThanOrEqual(0.004);
      expect(Math.abs((r?.long as number) - 120.1689)).toBeLessThanOrEqual(0.004);
      expect([r?.lat, r?.long]).not.toEqual([30.2567, 120.1689]);
      expect(r?.requested_datetime).toMatch(ISO_WITH_ZONE);
      expect(r?.updated_datetime).toMatch(ISO_WITH_ZONE);
      if (r?.expected_datetime !== null) {
        expect(r?.expected_datetime).toMatch(ISO_WITH_ZONE);
      }
      expectErrors(await get("/requests/YM00000000000000.json"), 404, /service_request_id/);
    });

    it("shows no contact details, removes numbers from the text, and keeps markup as text", async () => {
      const res = await get(`/requests/${id}.json`);
      expect(res.body).not.toContain("13857160218");
      expect(res.body).not.toContain("lin@example.cn");
      expect(res.body).not.toContain("晓雨");
      const [r] = res.json() as { description: string }[];
      expect(r?.description).toBe('<script>alert("x")</script> 夜里 KTV 太吵，我的电话 【电话】');
      const xml = await get(`/requests/${id}.xml`);
      expect(xml.body).not.toContain("<script>");
      expect(xml.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
      expect(record(parseXml(xml.body).children[0] as never).description).toBe(r?.description);
    });

    it("keeps a request its requester did not make public out of listings, and shows only its progress by id", async () => {
      const citizen = await signIn(t.app, "citizen");
      const filed = await citizen.post("/api/requests", {
        description: "楼上邻居装修，每天早上七点就开始电钻，影响老人休息。",
        category: "environment-noise",
        lat: 30.2611,
        lng: 120.1302,
        address: "西湖区文三路 90 号 3 幢 2 单元 501 室",
        publicView: false,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const number = filed.json().number as string;
      const list = (await get("/requests.json?service_code=environment-noise")).json() as {
        service_request_id: string;
      }[];
      expect(list.map((r) => r.service_request_id)).not.toContain(number);
      const one = await get(`/requests/${number}.json`);
      expect(one.statusCode).toBe(200);
      expect(one.body).not.toContain("电钻");
      expect(one.body).not.toContain("文三路");
      expect(one.json()[0]).toMatchObject({
        service_request_id: number,
        status: "open",
        lat: null,
        long: null,
        address: null,
      });
    });

    it("lists requests in JSON and XML, newest first, with the same fields", async () => {
      const list = (await get("/requests.json")).json() as Record<string, string>[];
      expect(list.length).toBeGreaterThan(5);
      const times = list.map((r) => Date.parse(r.requested_datetime as string));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      for (const r of list) {
        expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort());
        expect(["open", "closed"]).toContain(r.status);
      }
      const xml = parseXml((await get("/requests.xml")).body);
      expect(xml.name).toBe("service_requests");
      expect(xml.children.map((c) => record(c).service_request_id)).toEqual(
        list.map((r) => r.service_request_id),
      );
    });

    it("filters by ids (overriding other filters), service codes, status and dates", async () => {
      const byId = (await get(`/requests.json?service_request_id=${id}&status=closed`)).json() as {
        service_request_id: string;
      }[];
      expect(byId.map((r) => r.service_request_id)).toEqual([id]);
      const noise = (await get("/requests.json?service_code=environment-noise")).json() as {
        service_code: string;
      }[];
      expect(noise.length).toBeGreaterThan(0);
      expect(noise.every((r) => r.service_code === "environment-noise")).toBe(true);
      const closed = (await get("/requests.json?status=closed")).json() as { status: string }[];
      expect(closed.length).toBeGreaterThan(0);
      expect(closed.every((r) => r.status === "closed")).toBe(true);
      const open = (await get("/requests.json?status=open")).json() as { status: string }[];
      expect(open.every((r) => r.status === "open")).toBe(true);
      const future = (
        await get("/requests.json?start_date=2099-01-01T00:00:00Z&end_date=2099-01-02T00:00:00Z")
      ).json();
      expect(future).toEqual([]);
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const sinceToday = (await get(`/requests.json?start_date=${today}T00:00:00%2B08:00`)).json() as {
        service_request_id: string;
      }[];
      expect(sinceToday.map((r) => r.service_request_id)).toContain(id);
    });

    it("refuses bad filters with 400", async () => {
      expectErrors(
        await get("/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"),
        400,
        /90 days/,
      );
      expectErrors(await get("/requests.json?start_date=2026-01-01T00:00:00"), 400, /time zone/);
      expectErrors(await get("/requests.json?status=pending"), 400, /open or closed/);
      expectErrors(await get("/requests.json?service_code=unicorns"), 400, /unicorns/);
    });
  });

  it("answers unknown GeoReport paths and formats with an errors array", async () => {
    expectErrors(await get("/nothing.json"), 404, /nothing/);
    const csv = await get("/services.csv");
    expect([400, 404]).toContain(csv.statusCode);
    expect(Array.isArray(csv.json())).toBe(true);
  });
});
