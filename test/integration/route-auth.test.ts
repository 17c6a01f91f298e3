import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

function concreteUrl(url: string): string {
  return url.replace(":id", randomUUID()).replace(":code", "330100").replace("*", "anything");
}

describe.each(testDatabases())("every route declares and enforces its access rule (%s)", (kind) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(kind);
  });
  afterAll(() => t?.close());

  it("registers no route without a declaration", () => {
    expect(t.routes.length).toBeGreaterThan(20);
    expect(t.routes.filter((r) => !r.auth)).toEqual([]);
  });

  it("answers 401 problem+json on every non-public route without a session or token", async () => {
    const protectedRoutes = t.routes.filter((r) => r.auth && !("public" in r.auth) && r.method !== "HEAD");
    expect(protectedRoutes.length).toBeGreaterThan(10);
    for (const route of protectedRoutes) {
      const res = await t.app.inject({
        method: route.method as "GET",
        url: concreteUrl(route.url),
        payload: route.method === "GET" ? undefined : {},
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    }
  });

  it("answers 401 on every non-public route with a forged API token", async () => {
    for (const route of t.routes.filter((r) => r.auth && !("public" in r.auth) && r.method !== "HEAD")) {
      const res = await t.app.inject({
        method: route.method as "GET",
        url: concreteUrl(route.url),
        headers: { authorization: "Bearer ymn_forged-token-value" },
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it("answers 403 on routes whose roles a citizen lacks, before reading the body", async () => {
    const citizen = await signIn(t.app, "citizen");
    const adminOnly = t.routes.filter(
      (r) =>
        r.auth &&
        "roles" in r.auth &&
        r.auth.roles !== "any" &&
        !r.auth.roles.includes("citizen") &&
        r.method !== "HEAD",
    );
    expect(adminOnly.length).toBeGreaterThan(5);
    for (const route of adminOnly) {
      const res = await citizen.request({
        method: route.method as "GET",
        url: concreteUrl(route.url),
        payload: route.method === "GET" ? undefined : {},
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(res.json()).toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("lets public routes answer without credentials", async () => {
    for (const url of [
      "/healthz",
      "/readyz",
      "/api/roles",
      "/api/divisions",
      "/api/departments",
      "/api/openapi.json",
    ]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
    }
  });
});
