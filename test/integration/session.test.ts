import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieHeader, signIn } from "../support/http.js";
import { startTestPlatform, TEST_PASSWORD, type TestPlatform, testDatabases } from "../support/platform.js";

describe.each(testDatabases())("sign-in and sessions (%s)", (kind) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(kind, { lockoutThreshold: 3, lockoutMinutes: 15 });
  });
  afterAll(() => t?.close());

  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "POST", url: "/api/session", payload: { username, password }, headers });

  it("signs in, sets httpOnly SameSite cookies, and /api/me shows roles and departments but no hash", async () => {
    const res = await login("officer", TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((c) => c.name === "yimen_sid");
    const csrf = res.cookies.find((c) => c.name === "yimen_csrf");
    expect(sid).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(csrf?.httpOnly).toBeFalsy();
    const me = await t.app.inject({
      method: "GET",
      url: "/api/me",
      headers: { cookie: `yimen_sid=${sid?.value}` },
    });
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body).toMatchObject({ username: "officer", roles: ["officer"], kind: "staff" });
    expect(body.departments.map((d: { name: string }) => d.name)).toEqual(["杭州市公安局"]);
    expect(me.body).not.toMatch(/argon2|password_hash|passwordHash/);
  });

  it("shows a citizen their person record masked", async () => {
    const citizen = await signIn(t.app, "citizen");
    const me = (await citizen.get("/api/me")).json();
    expect(me.person.idNumberMasked).toMatch(/^330106\*{8}\d{3}[\dX]$/);
    expect(me.person.mobileMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(me.person).not.toHaveProperty("idNumber");
  });

  it("accepts the username in any case", async () => {
    expect((await login("CITIZEN", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("refuses a wrong password with a problem that does not say which part was wrong", async () => {
    const wrongPassword = await login("auditor", "not-the-password");
    const noSuchUser = await login("nobody-here", "not-the-password");
    expect(wrongPassword.statusCode).toBe(401);
    expect(noSuchUser.statusCode).toBe(401);
    expect(wrongPassword.json().detail).toBe(noSuchUser.json().detail);
  });

  it("issues a new session id at every sign-in and ends the one the client presented (no fixation)", async () => {
    const first = await signIn(t.app, "leader");
    const oldSid = first.cookies.yimen_sid as string;
    const res = await login("leader", TEST_PASSWORD, { cookie: `yimen_sid=${oldSid}` });
    const newSid = res.cookies.find((c) => c.name === "yimen_sid")?.value;
    expect(newSid).toBeDefined();
    expect(newSid).not.toBe(oldSid);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/me", headers: { cookie: `yimen_sid=${oldSid}` } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/me", headers: { cookie: `yimen_sid=${newSid}` } }))
        .statusCode,
    ).toBe(200);
  });

  it("requires the CSRF token on state-changing requests made with the cookie", async () => {
    const client = await signIn(t.app, "officer2");
    const cookie = cookieHeader(client.cookies);
    const none = await t.app.inject({ method: "DELETE", url: "/api/session", headers: { cookie } });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: "CSRF" });
    const wrong = await t.app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie, "x-csrf-token": "guess" },
    });
    expect(wrong.statusCode).toBe(403);
    const crossSite = await t.app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: {
        cookie,
        "x-csrf-token": client.csrfToken,
        origin: "https://evil.example",
        host: "localhost:80",
      },
    });
    expect(crossSite.statusCode).toBe(403);
    // Still signed in after the refused attempts.
    expect((await client.get("/api/me")).statusCode).toBe(200);
  });

  it("signs out and the session stops working", async () => {
    const client = await signIn(t.app, "officer3");
    const out = await client.delete("/api/session");
    expect(out.statusCode).toBe(204);
    const sid = out.cookies.find((c) => c.name === "yimen_sid");
    expect(sid?.value).toBe("");
    const me = await t.app.inject({
      method: "GET",
      url: "/api/me",
      headers: { cookie: `yimen_sid=${client.cookies.yimen_sid}` },
    });
    expect(me.statusCode).toBe(401);
  });

  it("locks an account after repeated failures, then accepts the right password after the lock ends", async () => {
    expect((await login("officer4", "wrong-1")).statusCode).toBe(401);
    expect((await login("officer4", "wrong-2")).statusCode).toBe(401);
    const locking = await login("officer4", "wrong-3");
    expect(locking.statusCode).toBe(423);
    expect(locking.headers["retry-after"]).toBeDefined();
    // Even the right password is refused while locked.
    expect((await login("officer4", TEST_PASSWORD)).statusCode).toBe(423);
    await t.platform.database.db
      .updateTable("accounts")
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where("username", "=", "officer4")
      .execute();
    expect((await login("officer4", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("changes the password: the rule is enforced per field, other sessions end, the new password works", async () => {
    const a = await signIn(t.app, "deptadmin");
    const b = await signIn(t.app, "deptadmin");
    const weak = await a.post("/api/me/password", { currentPassword: TEST_PASSWORD, newPassword: "short" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ field: "body.newPassword" });
    const wrongCurrent = await a.post("/api/me/password", {
      currentPassword: "nope-nope-nope",
      newPassword: "A-new-secret-2026",
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json()).toMatchObject({ field: "body.currentPassword" });
    const ok = await a.post("/api/me/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "A-new-secret-2026",
    });
    expect(ok.statusCode).toBe(204);
    expect((await a.get("/api/me")).statusCode).toBe(200);
    expect((await b.get("/api/me")).statusCode).toBe(401);
    expect((await login("deptadmin", TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login("deptadmin", "A-new-secret-2026")).statusCode).toBe(200);
  });

  it("rejects unknown and missing fields naming them", async () => {
    const extra = await t.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "a", password: "b", remember: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ code: "VALIDATION", field: "body.remember" });
    const missing = await t.app.inject({ method: "POST", url: "/api/session", payload: { username: "a" } });
    expect(missing.json()).toMatchObject({ field: "body.password" });
  });
});

describe("sign-in rate limit", () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform("pglite", { loginRateLimit: 3 });
  });
  afterAll(() => t?.close());

  it("answers 429 problem+json past the limit per client address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: "nobody", password: "x" },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.headers["content-type"]).toMatch(/problem\+json/);
        expect(res.json()).toMatchObject({ code: "RATE_LIMITED" });
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
