import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../../src/modules/identity/index.js";
import { signIn } from "../support/http.js";
import { startTestPlatform, TEST_PASSWORD, type TestPlatform, testDatabases } from "../support/platform.js";

describe.each(testDatabases())("HTTP conventions (%s)", (kind) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(kind);
  });
  afterAll(() => t?.close());

  it("publishes OpenAPI 3.1 generated from the routes, browsable at /api/docs", async () => {
    const spec = (await t.app.inject({ url: "/api/openapi.json" })).json();
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/session",
        "/api/me",
        "/api/accounts",
        "/api/accounts/{id}",
        "/api/divisions",
      ]),
    );
    expect(spec.paths["/api/session"].post.requestBody.content["application/json"].schema.required).toEqual([
      "username",
      "password",
    ]);
    const docs = await t.app.inject({ url: "/api/docs" });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toMatch(/text\/html/);
    expect(docs.body.toLowerCase()).toContain("swagger");
    expect((await t.app.inject({ url: "/api/docs/json" })).json().openapi).toBe("3.1.0");
  });

  it("reports liveness and readiness", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ url: "/readyz" })).json()).toEqual({ status: "ok", database: kind });
  });

  it("exposes Prometheus metrics to platform admins with route templates, not raw URLs", async () => {
    const admin = await signIn(t.app, "admin");
    await t.app.inject({ url: "/api/divisions/330106" });
    const res = await admin.get("/metrics");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/plain/);
    expect(res.body).toContain("yimen_http_requests_total");
    expect(res.body).toContain('route="/api/divisions/:code"');
    expect(res.body).not.toContain('/api/divisions/330106"');
    expect((await (await signIn(t.app, "citizen")).get("/metrics")).statusCode).toBe(403);
  });

  it("answers every bad input with problem+json naming the field and the request id", async () => {
    const cases = [
      { req: { method: "GET" as const, url: "/api/departments?limit=0" }, field: "querystring.limit" },
      { req: { method: "GET" as const, url: "/api/departments?colour=red" }, field: "querystring.colour" },
      { req: { method: "GET" as const, url: "/api/departments/not-a-uuid" }, field: "params.id" },
      {
        req: {
          method: "POST" as const,
          url: "/api/session",
          payload: "{not json",
          headers: { "content-type": "application/json" },
        },
        field: "body",
      },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ ...c.req, headers: { "x-request-id": "req-123", ...c.req.headers } });
      expect(res.statusCode, c.req.url).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body).toMatchObject({
        type: expect.stringMatching(/^https:\/\//),
        title: expect.any(String),
        status: 400,
        code: "VALIDATION",
        field: c.field,
        requestId: "req-123",
      });
      expect(res.headers["x-request-id"]).toBe("req-123");
    }
    const form = await t.app.inject({
      method: "POST",
      url: "/api/session",
      payload: "username=a&password=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.statusCode).toBe(415);
    const unknown = await t.app.inject({ url: "/api/nothing-here" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "NOT_FOUND" });
  });

  it("never sends a stack trace or SQL, even when the database fails", async () => {
    const other = await startTestPlatform(kind);
    const admin = await signIn(other.app, "admin");
    await other.platform.database.close();
    const res = await admin.get("/api/accounts");
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(["code", "detail", "requestId", "status", "title", "type"]);
    expect(res.body).not.toMatch(/at \w+ \(|select |from "|\.ts:\d+/i);
    expect((await other.app.inject({ url: "/readyz" })).statusCode).toBe(503);
    await other.app.close();
  });

  it("keeps passwords, tokens, 身份证号 and mobile numbers out of the logs", async () => {
    const admin = await signIn(t.app, "admin");
    const idNumber = makeIdNumber("330106", "1988-08-08", 777);
    await admin.post("/api/persons", { name: "日志测试", idNumber, mobile: "13666666666" });
    await admin.post("/api/persons", {
      name: "日志测试",
      idNumber: `${idNumber.slice(0, 17)}Q`,
      mobile: "13666666666",
    });
    await t.app.inject({ url: `/api/departments?q=${idNumber}` });
    await t.app.inject({ url: `/api/nothing/${idNumber}/13666666666` });
    await t.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "citizen", password: "Wrong-password-xyz" },
    });
    const systemId = (await admin.get("/api/accounts?role=system")).json().items[0].id;
    const { token } = (
      await admin.post("/api/tokens", {
        accountId: systemId,
        name: "log",
        scopes: ["identity:read"],
        expiresInDays: 1,
      })
    ).json();
    await t.app.inject({ url: "/api/me", headers: { authorization: `Bearer ${token}` } });
    await t.app.inject({ url: "/api/me", headers: { authorization: `Bearer ${token}x` } });

    const logs = t.logs();
    expect(logs.length).toBeGreaterThan(1000);
    // The URLs were logged, scrubbed: proof the scrubber ran rather than nothing being logged.
    expect(logs).toContain("[id-number]");
    expect(logs).toContain("[mobile]");
    for (const secret of [
      TEST_PASSWORD,
      "Wrong-password-xyz",
      idNumber,
      idNumber.slice(0, 17),
      "13666666666",
      token.slice(4),
      admin.cookies.yimen_sid,
    ]) {
      expect(logs, secret).not.toContain(secret);
    }
    const lines = logs
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const completed = lines.filter((l) => l.msg === "request completed");
    expect(completed.length).toBeGreaterThan(5);
    expect(completed.every((l) => typeof l.reqId === "string")).toBe(true);
  });
});
