import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, TEST_PASSWORD, type TestPlatform, testDatabases } from "../support/platform.js";

describe.each(testDatabases())("accounts, roles and API tokens (%s)", (kind) => {
  let t: TestPlatform;
  let admin: Client;
  let departments: Record<string, string>;
  beforeAll(async () => {
    t = await startTestPlatform(kind);
    admin = await signIn(t.app, "admin");
    const rows = await t.platform.database.db.selectFrom("departments").select(["id", "code"]).execute();
    departments = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  });
  afterAll(() => t?.close());

  it("creates an officer who can sign in and sees their department", async () => {
    const res = await admin.post("/api/accounts", {
      username: "new.officer",
      displayName: "新同事",
      password: "Officer-pass-2026",
      roles: ["officer"],
      departmentIds: [departments["HZ-MZ"]],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: "new.officer",
      roles: ["officer"],
      status: "active",
      departments: [{ name: "杭州市民政局" }],
    });
    expect(res.body).not.toMatch(/argon2/);
    const officer = await signIn(t.app, "new.officer", "Officer-pass-2026");
    expect((await officer.get("/api/me")).json().departments[0].code).toBe("HZ-MZ");
  });

  it("validates accounts field by field", async () => {
    const noDept = await admin.post("/api/accounts", {
      username: "x.officer",
      displayName: "X",
      password: "Officer-pass-2026",
      roles: ["officer"],
      departmentIds: [],
    });
    expect(noDept.statusCode).toBe(400);
    expect(noDept.json()).toMatchObject({ field: "body.departmentIds" });
    const badRole = await admin.post("/api/accounts", {
      username: "x2",
      displayName: "X",
      password: "Officer-pass-2026",
      roles: ["king"],
      departmentIds: [],
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().field).toMatch(/^body\.roles/);
    const taken = await admin.post("/api/accounts", {
      username: "Citizen",
      displayName: "X",
      password: "Officer-pass-2026",
      roles: ["citizen"],
      departmentIds: [],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ field: "body.username" });
    const weak = await admin.post("/api/accounts", {
      username: "x3",
      displayName: "X",
      password: "aaaaaaaaaaaa",
      roles: ["citizen"],
      departmentIds: [],
    });
    expect(weak.json()).toMatchObject({ status: 400, field: "body.password" });
    const ghostDept = await admin.post("/api/accounts", {
      username: "x4",
      displayName: "X",
      password: "Officer-pass-2026",
      roles: ["officer"],
      departmentIds: [departments["HZ-GA"], "00000000-0000-4000-8000-000000000000"],
    });
    expect(ghostDept.json()).toMatchObject({ status: 400, field: "body.departmentIds[1]" });
    // Nothing half-written.
    const count = await t.platform.database.db
      .selectFrom("accounts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("username", "in", ["x.officer", "x2", "x3", "x4"])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("changes roles and status; a disabled account's sessions end and it cannot sign in", async () => {
    const list = (await admin.get("/api/accounts?role=officer&limit=100")).json();
    expect(list.total).toBeGreaterThanOrEqual(4);
    const target = list.items.find((a: { username: string }) => a.username === "officer3");
    const session = await signIn(t.app, "officer3");
    const promoted = await admin.patch(`/api/accounts/${target.id}`, { roles: ["officer", "dept_admin"] });
    expect(promoted.json().roles).toEqual(["dept_admin", "officer"]);
    const disabled = await admin.patch(`/api/accounts/${target.id}`, { status: "disabled" });
    expect(disabled.json().status).toBe("disabled");
    expect((await session.get("/api/me")).statusCode).toBe(401);
    const again = await t.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "officer3", password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(401);
  });

  it("keeps at least one platform admin", async () => {
    const me = (await admin.get("/api/me")).json();
    const res = await admin.patch(`/api/accounts/${me.id}`, { roles: ["auditor"] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ field: "body.roles" });
  });

  it("resets a password and lifts a lockout", async () => {
    const list = (await admin.get("/api/accounts?q=citizen2")).json();
    const res = await admin.post(`/api/accounts/${list.items[0].id}/password`, {
      newPassword: "Reset-by-admin-2026",
    });
    expect(res.statusCode).toBe(204);
    await signIn(t.app, "citizen2", "Reset-by-admin-2026");
  });

  describe("API tokens", () => {
    let systemId: string;
    beforeAll(async () => {
      const list = (await admin.get("/api/accounts?role=system")).json();
      systemId = list.items[0].id;
    });

    it("issues a token shown once and stored only as a hash", async () => {
      const res = await admin.post("/api/tokens", {
        accountId: systemId,
        name: "人口系统",
        scopes: ["identity:read"],
        expiresInDays: 30,
      });
      expect(res.statusCode).toBe(201);
      const { token, item } = res.json();
      expect(token).toMatch(/^ymn_[A-Za-z0-9_-]{40,}$/);
      expect(item).toMatchObject({
        name: "人口系统",
        scopes: ["identity:read"],
        revokedAt: null,
        accountUsername: "hz-gongan-system",
      });
      expect(JSON.stringify(item)).not.toContain(token.slice(4));
      const stored = await t.platform.database.db
        .selectFrom("api_tokens")
        .selectAll()
        .where("id", "=", item.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain(token.slice(4));
      const listed = (await admin.get(`/api/tokens?accountId=${systemId}`)).json();
      expect(JSON.stringify(listed)).not.toContain(token.slice(4));
    });

    it("lets a token call routes of its scope only, never cookie-only routes", async () => {
      const { token } = (
        await admin.post("/api/tokens", {
          accountId: systemId,
          name: "t",
          scopes: ["identity:read"],
          expiresInDays: 1,
        })
      ).json();
      const auth = { authorization: `Bearer ${token}` };
      const me = await t.app.inject({ method: "GET", url: "/api/me", headers: auth });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        username: "hz-gongan-system",
        kind: "system",
        roles: ["system"],
        csrfToken: null,
      });
      expect(
        (await t.app.inject({ method: "GET", url: "/api/organisations", headers: auth })).statusCode,
      ).toBe(200);
      const metrics = await t.app.inject({ method: "GET", url: "/metrics", headers: auth });
      expect(metrics.statusCode).toBe(403);
      expect(metrics.json().detail).toContain("metrics:read");
      expect((await t.app.inject({ method: "GET", url: "/api/accounts", headers: auth })).statusCode).toBe(
        403,
      );
    });

    it("stops working once revoked or expired", async () => {
      const created = (
        await admin.post("/api/tokens", {
          accountId: systemId,
          name: "r",
          scopes: ["metrics:read"],
          expiresInDays: 1,
        })
      ).json();
      const auth = { authorization: `Bearer ${created.token}` };
      expect((await t.app.inject({ method: "GET", url: "/metrics", headers: auth })).statusCode).toBe(200);
      expect((await admin.delete(`/api/tokens/${created.item.id}`)).statusCode).toBe(204);
      expect((await t.app.inject({ method: "GET", url: "/metrics", headers: auth })).statusCode).toBe(401);
      expect((await admin.delete(`/api/tokens/${created.item.id}`)).statusCode).toBe(409);

      const expiring = (
        await admin.post("/api/tokens", {
          accountId: systemId,
          name: "e",
          scopes: ["metrics:read"],
          expiresInDays: 1,
        })
      ).json();
      await t.platform.database.db
        .updateTable("api_tokens")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("id", "=", expiring.item.id)
        .execute();
      expect(
        (
          await t.app.inject({
            method: "GET",
            url: "/metrics",
            headers: { authorization: `Bearer ${expiring.token}` },
          })
        ).statusCode,
      ).toBe(401);
    });

    it("refuses tokens for people and unknown scopes", async () => {
      const me = (await admin.get("/api/me")).json();
      const forPerson = await admin.post("/api/tokens", {
        accountId: me.id,
        name: "x",
        scopes: ["identity:read"],
        expiresInDays: 1,
      });
      expect(forPerson.json()).toMatchObject({ status: 400, field: "body.accountId" });
      const badScope = await admin.post("/api/tokens", {
        accountId: systemId,
        name: "x",
        scopes: ["identity:read", "root"],
        expiresInDays: 1,
      });
      expect(badScope.json()).toMatchObject({ status: 400, field: "body.scopes[1]" });
      const tooLong = await admin.post("/api/tokens", {
        accountId: systemId,
        name: "x",
        scopes: ["identity:read"],
        expiresInDays: 5000,
      });
      expect(tooLong.json()).toMatchObject({ status: 400, field: "body.expiresInDays" });
    });
  });
});
