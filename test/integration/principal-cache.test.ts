import { Writable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp, openPlatform } from "../../src/platform/bootstrap.js";
import { type Client, cookieHeader, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

/** Retries until the check passes: a NOTIFY reaches another connection a moment after the commit. */
async function eventually(check: () => Promise<void>, attempts = 100): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await check();
      return;
    } catch (error) {
      if (i >= attempts) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe.each(testDatabases())("signed-in requests answered from memory (%s)", (kind) => {
  let t: TestPlatform;
  let admin: Client;
  let systemId: string;
  beforeAll(async () => {
    t = await startTestPlatform(kind);
    admin = await signIn(t.app, "admin");
    systemId = (await admin.get("/api/accounts?role=system")).json().items[0].id;
  });
  afterAll(() => t?.close());

  const newToken = async (): Promise<{ id: string; headers: { authorization: string } }> => {
    const created = (
      await admin.post("/api/tokens", {
        accountId: systemId,
        name: "c",
        scopes: ["metrics:read"],
        expiresInDays: 1,
      })
    ).json();
    return { id: created.item.id, headers: { authorization: `Bearer ${created.token}` } };
  };
  const metrics = async (headers: Record<string, string>) =>
    (await t.app.inject({ method: "GET", url: "/metrics", headers })).statusCode;

  it("serves a known session from memory, and forgets it when the database announces a change", async () => {
    const citizen = await signIn(t.app, "citizen");
    expect((await citizen.get("/api/me")).statusCode).toBe(200);
    const db = t.platform.database.db;
    // With the announcement switched off, a session deleted behind the server's back still answers:
    // the server did not ask the database again.
    await sql`alter table sessions disable trigger sessions_principals_changed`.execute(db);
    try {
      await db
        .deleteFrom("sessions")
        .where("account_id", "=", (await citizen.get("/api/me")).json().id)
        .execute();
      expect((await citizen.get("/api/me")).statusCode).toBe(200);
    } finally {
      await sql`alter table sessions enable trigger sessions_principals_changed`.execute(db);
    }
    // Any announced change (here one that deletes nothing) empties the cache: the session is gone.
    await db.deleteFrom("sessions").where(sql<boolean>`false`).execute();
    await eventually(async () => expect((await citizen.get("/api/me")).statusCode).toBe(401));
  });

  it("refuses a token revoked, expired or whose account was disabled directly in the database", async () => {
    const db = t.platform.database.db;
    const revoked = await newToken();
    expect(await metrics(revoked.headers)).toBe(200);
    await db.updateTable("api_tokens").set({ revoked_at: new Date() }).where("id", "=", revoked.id).execute();
    await eventually(async () => expect(await metrics(revoked.headers)).toBe(401));

    const expired = await newToken();
    expect(await metrics(expired.headers)).toBe(200);
    await db
      .updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", expired.id)
      .execute();
    await eventually(async () => expect(await metrics(expired.headers)).toBe(401));

    const ofDisabled = await newToken();
    expect(await metrics(ofDisabled.headers)).toBe(200);
    await db.updateTable("accounts").set({ status: "disabled" }).where("id", "=", systemId).execute();
    try {
      await eventually(async () => expect(await metrics(ofDisabled.headers)).toBe(401));
    } finally {
      await db.updateTable("accounts").set({ status: "active" }).where("id", "=", systemId).execute();
    }
    await eventually(async () => expect(await metrics(ofDisabled.headers)).toBe(200));
  });

  it("applies a role change made through the API to the very next request of this process", async () => {
    const created = await admin.post("/api/accounts", {
      username: "cache.officer",
      displayName: "缓存测试",
      password: "Officer-pass-2026",
      roles: ["officer", "auditor"],
      departmentIds: [(await admin.get("/api/me")).json().departments?.[0]?.id ?? (await anyDepartment())],
    });
    expect(created.statusCode).toBe(201);
    const officer = await signIn(t.app, "cache.officer", "Officer-pass-2026");
    expect((await officer.get("/api/me")).json().roles).toEqual(["auditor", "officer"]);
    const patched = await admin.patch(`/api/accounts/${created.json().id}`, { roles: ["officer"] });
    expect(patched.statusCode).toBe(200);
    expect((await officer.get("/api/me")).json().roles).toEqual(["officer"]);
    const revoked = await newToken();
    expect(await metrics(revoked.headers)).toBe(200);
    expect((await admin.delete(`/api/tokens/${revoked.id}`)).statusCode).toBe(204);
    expect(await metrics(revoked.headers)).toBe(401);
  });

  const anyDepartment = async () =>
    (await t.platform.database.db.selectFrom("departments").select("id").executeTakeFirstOrThrow()).id;

  it.runIf(kind === "postgres")("refuses, in another process, a session ended in this one", async () => {
    // A second server on the same database, as a deployment runs one process per core.
    const other = await openPlatform(t.platform.config);
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const { app: otherApp } = await createHttpApp(other, { logStream: sink });
    await otherApp.ready();
    try {
      const citizen = await signIn(t.app, "citizen");
      const onOther = () =>
        otherApp.inject({
          method: "GET",
          url: "/api/me",
          headers: { cookie: cookieHeader(citizen.cookies) },
        });
      expect((await onOther()).statusCode).toBe(200);
      expect((await onOther()).statusCode).toBe(200);
      expect((await citizen.delete("/api/session")).statusCode).toBe(204);
      await eventually(async () => expect((await onOther()).statusCode).toBe(401));
    } finally {
      await otherApp.close();
      await other.close();
    }
  });
});
